"""Trainers' changes reach learners only after the lead trainer approves them;
scheduled publishing and the learner preview."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision, TaskState

from courses.models import ModulePage
from courses.selectors import course_modules
from people import roles
from tests.builders import knowledge_check, make_module, module_form


@pytest.fixture
def module(course):
    return course_modules(course=course)[0]


def _submit(client, module, text, **extra):
    form = module_form(module.title, module.slug, "action-submit", text=text)
    form.update(extra)
    response = client.post(f"/admin/pages/{module.pk}/edit/", form)
    assert response.status_code == 302, response.content.decode()[:1000]
    module.refresh_from_db()
    return module.current_workflow_state.current_task_state


def _learner_sees(login, learner, course, module):
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    return client.get(module.url).content.decode()


def test_the_review_workflow_goes_to_the_lead_trainer(login, trainer, lead, module):
    task_state = _submit(login(trainer), module, "Nuova versione.")
    task = task_state.task.specific
    assert module.current_workflow_state.workflow.name == "Revisione formazione"
    assert [group.name for group in task.groups.all()] == [roles.LEAD_TRAINER]
    assert task_state in task.get_task_states_user_can_moderate(lead)
    assert not task.get_task_states_user_can_moderate(trainer).exists()
    dashboard = login(lead).get("/admin/").content.decode()
    assert module.title in dashboard


def test_a_trainer_cannot_publish_or_approve(login, trainer, learner, course, module):
    client = login(trainer)
    form = module_form(module.title, module.slug, text="Pubblicato di nascosto.")
    client.post(f"/admin/pages/{module.pk}/edit/", form)
    assert "Pubblicato di nascosto." not in _learner_sees(
        login, learner, course, module
    )

    task_state = _submit(login(trainer), module, "Da approvare.")
    url = f"/admin/pages/workflow/action/{module.pk}/approve/{task_state.pk}/"
    login(trainer).post(url, {"comment": ""})
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert "Da approvare." not in _learner_sees(login, learner, course, module)


def test_the_lead_approves_and_learners_see_the_change(
    login, trainer, lead, learner, course, module
):
    task_state = _submit(login(trainer), module, "Testo approvato.")
    assert "Testo approvato." not in _learner_sees(login, learner, course, module)

    url = f"/admin/pages/workflow/action/{module.pk}/approve/{task_state.pk}/"
    response = login(lead).post(url, {"comment": "Chiaro e corretto."})
    assert response.status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert "Testo approvato." in _learner_sees(login, learner, course, module)


def test_the_lead_rejects_with_a_comment_and_nothing_goes_live(
    login, trainer, lead, learner, course, module
):
    task_state = _submit(login(trainer), module, "Testo da rivedere.")
    url = f"/admin/pages/workflow/action/{module.pk}/reject/{task_state.pk}/"
    login(lead).post(url, {"comment": "Manca il tempo di risposta."})
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Manca il tempo di risposta."
    assert "Testo da rivedere." not in _learner_sees(login, learner, course, module)
    # The trainer reads the comment where they edit the page.
    history = login(trainer).get(f"/admin/pages/{module.pk}/history/").content
    assert "Manca il tempo di risposta." in history.decode()


def test_an_approved_change_can_go_live_on_a_schedule(
    login, trainer, lead, learner, course, module
):
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    task_state = _submit(
        login(trainer),
        module,
        "Nuove regole da lunedì.",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    url = f"/admin/pages/workflow/action/{module.pk}/approve/{task_state.pk}/"
    login(lead).post(url, {"comment": ""})
    revision = Revision.objects.get(pk=task_state.revision_id)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    call_command("publish_scheduled")
    assert "Nuove regole da lunedì." not in _learner_sees(
        login, learner, course, module
    )

    # Time passes: move the scheduled moment behind us, in the approved revision
    # and in the content it will publish.
    moment = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = moment.isoformat()
    revision.approved_go_live_at = moment
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    assert "Nuove regole da lunedì." in _learner_sees(login, learner, course, module)


def test_the_trainer_previews_a_draft_module_as_an_agent_sees_it(
    login, trainer, course
):
    module = make_module(
        course,
        title="Attesa in linea",
        body=[("knowledge_check", knowledge_check("Che cosa dici al cliente?"))],
    )
    client = login(trainer)
    form = module_form(module.title, module.slug, "", text="Bozza per gli agenti.")
    url = f"/admin/pages/{module.pk}/edit/preview/"
    assert client.post(url + "?mode=learner", form).json()["is_valid"] is True
    html = client.get(url + "?mode=learner").content.decode()
    assert "Bozza per gli agenti." in html
    assert "Segna come completato" in html, "the agent's own button, as they see it"

    # A saved draft with a knowledge check, previewed through its revision.
    module.save_revision(user=trainer)
    revision = module.get_latest_revision()
    html = client.get(
        f"/admin/pages/{module.pk}/revisions/{revision.pk}/view/"
    ).content.decode()
    assert "Che cosa dici al cliente?" in html
    # The check works in the preview, answered in the page, with nothing sent.
    assert "data-preview" in html and "disabled" not in html.split("question__text")[0]
    assert "Anteprima: la risposta si controlla qui, senza registrare nulla." in html
    assert "courses:answer_knowledge_check" not in html and "/verifiche/" not in html


def test_a_new_module_s_preview_shows_its_real_place_in_the_course(
    login, trainer, course
):
    """A module not yet published is previewed where it will stand: its number
    among the course's modules, and in the sidebar."""
    draft = course.add_child(
        instance=ModulePage(
            title="Resi e rimborsi",
            slug="resi",
            live=False,
            body=[{"type": "paragraph", "value": "<p>Bozza.</p>"}],
        )
    )
    draft.save_revision(user=trainer)
    html = (
        login(trainer)
        .get(f"/admin/pages/{draft.pk}/view_draft/?mode=learner")
        .content.decode()
    )
    total = len(course_modules(course=course)) + 1
    assert f"Modulo {total} di {total}" in html
    sidebar = html[html.index("module-nav") :]
    assert "Resi e rimborsi" in sidebar


def test_the_trainer_previews_a_course_as_a_new_agent(login, trainer, course):
    html = login(trainer).get(f"/admin/pages/{course.pk}/view_draft/").content.decode()
    assert "Iscriviti al corso" not in html
    assert "Inizia il primo modulo" in html and "Non iniziato" in html
