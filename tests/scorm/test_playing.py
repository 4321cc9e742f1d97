"""A learner plays a module's SCORM package: its files come only to those who
may read the module, under a policy that lets package scripts run in the
module's frame; the runtime's commits are stored for the learner and resume
the next launch; the module completes when the package reports what the block
asks."""

import io
import json
import re
import zipfile

import pytest
from django.test import Client
from wagtail.models import ModelLogEntry

from courses import services
from courses.models import Enrollment, ModuleCompletion, ScormRecord
from courses.services import enrollment_create, enrollment_restart
from people import roles
from tests.builders import PASSWORD, make_course, make_module, make_user, take_quiz
from tests.scorm.packages import make_package, scorm_block


@pytest.fixture
def package(db):
    return make_package("1.2")


@pytest.fixture
def scorm_course(catalogue, package):
    course = make_course(catalogue, title="Interattivo", modules=0, quiz=False)
    module = make_module(
        course, "Il pacchetto", body=[("scorm", scorm_block(package, "passed"))]
    )
    make_module(course, "Dopo il pacchetto")
    return course, module


def _commit(client, module, payload, **headers):
    block_id = module.body[0].id
    return client.post(
        f"/moduli/{module.pk}/scorm/{block_id}/",
        data=json.dumps(payload),
        content_type="application/json",
        **headers,
    )


def _start(html, module) -> dict:
    """The runtime's start data, as the module page gives it to the player."""
    found = re.search(
        rf'<script id="scorm-{module.body[0].id}-start" '
        r'type="application/json">(.*?)</script>',
        html,
    )
    return json.loads(found.group(1))


def _enrolled(course, email="agente@test.it"):
    user = make_user(email, role=roles.LEARNER)
    enrollment_create(user=user, course=course)
    client = Client()
    client.force_login(user)
    return user, client


def test_the_module_page_starts_the_runtime_and_the_package_is_served(
    scorm_course, package
):
    course, module = scorm_course
    user, client = _enrolled(course)
    page = client.get(module.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "scorm/vendor/scorm-again.min.js" in html
    assert package.launch_url in html
    start = _start(html, module)
    assert start["core"]["student_id"] == str(user.pk)
    assert start["core"]["entry"] == "ab-initio"
    # The page's own policy is untouched: no inline script.
    assert "'unsafe-inline'" not in page["Content-Security-Policy"]
    launch = client.get(package.launch_url)
    assert launch.status_code == 200
    assert launch["Content-Type"].startswith("text/html")
    body = b"".join(launch.streaming_content).decode()
    assert "findAPI" in body
    policy = launch["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline' 'unsafe-eval'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "object-src 'none'" in policy
    assert launch["X-Frame-Options"] == "SAMEORIGIN"
    # Nothing outside the package's folder, nothing that is not there.
    folder = package.launch_url.rsplit("/", 1)[0]
    assert client.get(f"{folder}/nessuno.html").status_code == 404
    assert client.get(f"{folder}/../index.html").status_code == 404
    assert client.get(f"{folder}/%2E%2E/%2E%2E/settings.py").status_code == 404


def test_strangers_get_neither_files_nor_the_endpoint(scorm_course, package):
    course, module = scorm_course
    stranger = make_user("altro@test.it", role=roles.LEARNER)
    client = Client()
    client.force_login(stranger)
    assert client.get(package.launch_url).status_code == 403
    response = _commit(client, module, {"cmi": {"core": {"lesson_status": "passed"}}})
    assert response.status_code == 403
    assert response.json()["result"] == "false"
    assert not ScormRecord.objects.exists()
    anonymous = Client()
    assert anonymous.get(package.launch_url)["Location"].startswith("/account/login/")
    assert _commit(anonymous, module, {})["Location"].startswith("/account/login/")
    # The trainers who manage packages see them (to preview a module).
    trainer = make_user("formatore@test.it", role=roles.TRAINER)
    client.force_login(trainer)
    assert client.get(package.launch_url).status_code == 200


def test_the_endpoint_needs_the_csrf_token(scorm_course):
    course, module = scorm_course
    user = _enrolled(course)[0]
    client = Client(enforce_csrf_checks=True)
    client.login(email=user.email, password=PASSWORD)
    payload = {"cmi": {"suspend_data": "x"}}
    assert _commit(client, module, payload).status_code == 403
    client.get(module.url)
    token = client.cookies["csrftoken"].value
    response = _commit(client, module, payload, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert response.json() == {"result": "true", "errorCode": 0, "module_done": False}


def test_bad_data_is_a_clear_400(scorm_course):
    course, module = scorm_course
    client = _enrolled(course)[1]
    block_id = module.body[0].id
    for body in ("non json", "[1, 2]", json.dumps({"cmi": "x" * 300_000})):
        response = client.post(
            f"/moduli/{module.pk}/scorm/{block_id}/",
            data=body,
            content_type="application/json",
        )
        assert response.status_code == 400
        assert "non sono validi" in response.json()["error"]
    response = client.post(
        f"/moduli/{module.pk}/scorm/nessuno/",
        data="{}",
        content_type="application/json",
    )
    assert response.status_code == 404


def test_progress_is_stored_and_resumes_the_next_launch(scorm_course):
    course, module = scorm_course
    user, client = _enrolled(course)
    other_user, other = _enrolled(course, "collega@test.it")
    commit = {
        "cmi": {
            "core": {
                "lesson_status": "incomplete",
                "lesson_location": "pagina-3",
                "exit": "suspend",
                "student_name": "Chi lo dice il pacchetto",
                "score": {"raw": "40", "min": "", "max": "100"},
            },
            "suspend_data": "pagina=3;risposte=a,b",
            "interactions": {"0": {"id": "q1"}},
        }
    }
    assert _commit(client, module, commit).json()["module_done"] is False
    record = ScormRecord.objects.get(enrollment__user=user)
    assert record.data == {
        "core.lesson_status": "incomplete",
        "core.lesson_location": "pagina-3",
        "core.exit": "suspend",
        "core.score.raw": "40",
        "core.score.min": "",
        "core.score.max": "100",
        "suspend_data": "pagina=3;risposte=a,b",
    }
    assert (record.completion_status, record.score) == ("incomplete", "40")
    # A later commit without suspend data keeps what was stored.
    _commit(client, module, {"cmi": {"core": {"lesson_location": "pagina-4"}}})
    html = client.get(module.url).content.decode()
    start = _start(html, module)
    assert start["suspend_data"] == "pagina=3;risposte=a,b"
    assert start["core"]["lesson_location"] == "pagina-4"
    assert start["core"]["entry"] == "resume"
    assert "exit" not in start["core"]
    # Each learner has their own data.
    assert not ScormRecord.objects.filter(enrollment__user=other_user).exists()
    other_html = other.get(module.url).content.decode()
    assert "pagina=3" not in other_html


def test_completed_is_not_passed_and_passed_completes_the_module(scorm_course):
    course, module = scorm_course
    user, client = _enrolled(course)
    # The block asks for "passed": completed alone is not enough, and the
    # "Segna come completato" button says why.
    completed = {"cmi": {"core": {"lesson_status": "completed"}}}
    assert _commit(client, module, completed).json()["module_done"] is False
    response = client.post(f"/moduli/{module.pk}/completa/", follow=True)
    assert str(services.SCORM_PENDING) in response.content.decode()
    assert not ModuleCompletion.objects.exists()
    passed = {"cmi": {"core": {"lesson_status": "passed", "score": {"raw": "90"}}}}
    answer = _commit(client, module, passed).json()
    following = module.get_next_siblings().first()
    assert answer["module_done"] is True
    assert answer["next_url"] == following.url
    assert answer["next_title"] == "Dopo il pacchetto"
    completion = ModuleCompletion.objects.get()
    assert completion.enrollment.user == user
    assert ModelLogEntry.objects.filter(action="lms.module.complete").count() == 1
    progress = ModelLogEntry.objects.get(action="lms.scorm.progress")
    assert progress.data["success_status"] == "passed"
    assert progress.data["score"] == "90"
    # A relaunch that reports "incomplete" undoes nothing.
    _commit(client, module, {"cmi": {"core": {"lesson_status": "incomplete"}}})
    assert ScormRecord.objects.get().satisfied_at is not None
    assert ModuleCompletion.objects.count() == 1
    # The next module is open.
    assert client.get(following.url).status_code == 200


def test_scorm_2004_completes_on_completed(catalogue):
    package = make_package("2004")
    course = make_course(catalogue, title="Duemilaquattro", modules=0, quiz=False)
    module = make_module(course, "Unico", body=[("scorm", scorm_block(package))])
    client = _enrolled(course)[1]
    start = client.get(module.url).content.decode()
    assert '"learner_id"' in start
    assert '"entry": "ab-initio"' in start
    incomplete = {"cmi": {"completion_status": "incomplete", "location": "2"}}
    assert _commit(client, module, incomplete).json()["module_done"] is False
    done = {"cmi": {"completion_status": "completed", "success_status": "unknown"}}
    answer = _commit(client, module, done).json()
    assert answer["module_done"] is True
    assert "next_url" not in answer
    assert answer["course_url"] == course.url
    assert ModuleCompletion.objects.filter(module=module).exists()


def test_a_locked_module_takes_no_data(catalogue, package):
    course = make_course(
        catalogue, title="In ordine", modules=1, quiz=False, modules_in_order=True
    )
    module = make_module(course, "Secondo", body=[("scorm", scorm_block(package))])
    client = _enrolled(course)[1]
    response = _commit(client, module, {"cmi": {"core": {"lesson_status": "passed"}}})
    assert response.status_code == 403
    assert not ScormRecord.objects.exists()


def test_a_trainers_preview_plays_the_package_and_stores_nothing(scorm_course, package):
    course, module = scorm_course
    trainer = make_user("formatore@test.it", role=roles.TRAINER)
    client = Client()
    client.force_login(trainer)
    html = client.get(f"/admin/pages/{module.pk}/view_draft/").content.decode()
    assert "data-scorm-player" in html
    assert package.launch_url in html
    assert "data-commit-url" not in html
    assert "senza registrare nulla" in html
    assert client.get(package.launch_url).status_code == 200


def test_the_personal_data_export_includes_scorm_records(scorm_course, hr):
    course, module = scorm_course
    user, client = _enrolled(course)
    _commit(client, module, {"cmi": {"suspend_data": "pagina=7"}})
    client.force_login(hr)
    response = client.get(f"/hr/persone/{user.pk}/dati-personali/esporta/")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    (record,) = data["scorm_records"]
    assert record["fields"]["data"] == {"suspend_data": "pagina=7"}


def test_a_new_cycle_starts_the_package_afresh_and_keeps_the_old_data(
    catalogue, package, django_capture_on_commit_callbacks
):
    course = make_course(catalogue, title="Con quiz", modules=0)
    module = make_module(course, "Il pacchetto", body=[("scorm", scorm_block(package))])
    user, client = _enrolled(course)
    passed = {
        "cmi": {"core": {"lesson_status": "passed"}, "suspend_data": "fine"},
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert _commit(client, module, passed).json()["module_done"] is True
        take_quiz(client, course)
    enrollment = Enrollment.objects.get(user=user)
    enrollment_restart(enrollment=enrollment, due_date=None, actor=None, reason="")
    start = _start(client.get(module.url).content.decode(), module)
    assert start["core"]["entry"] == "ab-initio"
    assert "suspend_data" not in start
    again = {"cmi": {"core": {"lesson_status": "incomplete"}}}
    assert _commit(client, module, again).json()["module_done"] is False
    old, new = ScormRecord.objects.order_by("cycle")
    assert (old.cycle, old.data["suspend_data"]) == (1, "fine")
    assert old.satisfied_at is not None
    assert (new.cycle, new.satisfied_at) == (2, None)


def test_a_deleted_package_no_longer_holds_the_module(scorm_course, package):
    course, module = scorm_course
    client = _enrolled(course)[1]
    package.delete()
    html = client.get(module.url).content.decode()
    assert "data-scorm-player" not in html
    response = client.post(f"/moduli/{module.pk}/completa/")
    assert response.status_code == 302
    assert ModuleCompletion.objects.filter(module=module).exists()
