"""Two web processes sharing the database and Redis, as two machines behind the
load balancer do: what one of them changes right after a Redis stall is what the
other shows at once.

Nothing that gates or ends access is cached (progress, permissions, sessions),
so a stall can delay nothing; these tests keep it so. They also read every key
the two processes left in Redis and refuse any value that pickles a class of
the project: a deploy that moves a class must never meet an older entry.
"""

import pickletools
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import redis

from courses.selectors import course_modules
from people import roles
from tests.builders import PASSWORD, make_user
from tests.forms import form_values
from tests.ops.conftest import ROOT, free_port, wait_until

# Longer than the cache's socket timeout (0.5 s): every cache call made during
# the stall fails.
STALL_MS = 1500
SEEN_WITHIN = 2.0
PROJECT_MODULES = (
    "lms",
    "people",
    "content",
    "courses",
    "quizzes",
    "certificates",
    "certifications",
    "notifications",
    "api",
    "hr",
)


class Server:
    """One gunicorn process on its own port, with the test's database and the
    private Redis as its cache."""

    def __init__(self, env: dict):
        self.port = free_port()
        self.env = dict(
            env,
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            GUNICORN_WORKERS="1",
            GUNICORN_THREADS="1",
        )
        self.process = None

    def start(self):
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        probe = httpx.Client(base_url=self.url, timeout=10)

        def up():
            try:
                return probe.get("/health/live/").status_code == 200
            except httpx.TransportError:
                return False

        wait_until(up, timeout=90, what=f"gunicorn on {self.port}")
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


class Browser:
    """A person's browser on one server: cookies and CSRF, like a real one. A
    session cookie can be carried to the other server (the same site behind the
    load balancer)."""

    def __init__(self, server: Server):
        self.client = httpx.Client(base_url=server.url, timeout=30)

    def on(self, server: Server) -> "Browser":
        other = Browser(server)
        for name, value in self.client.cookies.items():
            other.client.cookies.set(name, value)
        return other

    def get(self, path: str) -> httpx.Response:
        return self.client.get(path)

    def post(self, path: str, data: dict | None = None) -> httpx.Response:
        if "csrftoken" not in self.client.cookies:
            self.client.get("/account/login/")
        payload = {
            **(data or {}),
            "csrfmiddlewaretoken": self.client.cookies["csrftoken"],
        }
        return self.client.post(
            path, data=payload, headers={"Referer": str(self.client.base_url)}
        )

    def login(self, email: str) -> None:
        self.client.get("/account/login/")
        response = self.post("/account/login/", {"login": email, "password": PASSWORD})
        assert response.status_code == 302, response.text[:500]


def pause_redis(url: str, milliseconds: int) -> None:
    redis.Redis.from_url(url).execute_command("CLIENT", "PAUSE", milliseconds, "ALL")


def seen_in_time(check) -> bool:
    """Whether `check()` holds within SEEN_WITHIN seconds."""
    deadline = time.monotonic() + SEEN_WITHIN
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def pickled_project_classes(url: str) -> dict[str, set[str]]:
    """Every Redis key whose value pickles a class of the project."""
    client = redis.Redis.from_url(url)
    found = {}
    for key in client.scan_iter(count=1000):
        if client.type(key) != b"string":
            continue
        value = client.get(key)
        if not value or value[:1] != b"\x80":  # not a pickle (raw ints, text)
            continue
        modules = set()
        names = []
        for opcode, arg, _pos in pickletools.genops(value):
            if opcode.name in ("SHORT_BINUNICODE", "BINUNICODE", "UNICODE"):
                names.append(arg)
            elif opcode.name in ("GLOBAL",):
                modules.add(str(arg).split(" ")[0])
            elif opcode.name == "STACK_GLOBAL" and len(names) >= 2:
                modules.add(names[-2])
        project = {m for m in modules if m.split(".")[0] in PROJECT_MODULES}
        if project:
            found[key.decode()] = project
    return found


@pytest.fixture
def pair(private_redis, process_env):
    if (
        not shutil.which("gunicorn")
        and not (Path(sys.executable).parent / "gunicorn").exists()
    ):
        pytest.skip("gunicorn is not installed")
    env = dict(process_env, REDIS_URL=private_redis.url, SITE_URL="http://127.0.0.1")
    a, b = Server(env).start(), None
    try:
        b = Server(env).start()
        yield a, b, private_redis.url
    finally:
        a.stop()
        if b is not None:
            b.stop()


def test_the_pickle_scan_finds_a_project_class(private_redis):
    """The scan below must be able to fail: a pickled project object is found."""
    import pickle

    from courses.progress import Lock

    client = redis.Redis.from_url(private_redis.url)
    client.set("planted", pickle.dumps(Lock(message="x", opens=1)))
    client.set("plain", pickle.dumps({"ok": [1, "two"]}))
    assert pickled_project_classes(private_redis.url) == {
        "planted": {"courses.progress"}
    }


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_changes_made_right_after_a_redis_stall_are_seen_by_the_other_process(
    pair, course, lead
):
    a, b, redis_url = pair
    learner = make_user("stallo@test.it", role=roles.LEARNER, first_name="Ada")
    staff = make_user(
        "hr.stallo@test.it",
        role=roles.HR,
        first_name="Bea",
        is_superuser=True,
        is_staff=True,
    )
    modules = course_modules(course=course)

    agent = Browser(a)
    agent.login(learner.email)
    assert agent.post(f"/corsi/{course.pk}/iscrizione/").status_code == 302
    on_b = agent.on(b)
    assert on_b.get(modules[1].url).status_code == 200

    # 1. A module completed in A just after a stall: B counts it at once.
    pause_redis(redis_url, STALL_MS)
    assert agent.post(f"/moduli/{modules[0].pk}/completa/").status_code == 302
    assert seen_in_time(
        lambda: "1 di 4 passi" in on_b.get("/la-mia-formazione/").text
    ), "B still shows the module as not done"

    # 2. A content change made in A just after a stall: B shows the new text.
    # B has read the module first, so its body is kept in Redis as fragments
    # (content.fragments); the edit keeps the paragraph's block id, as the
    # editor does, so only the new live revision tells the two apart.
    admin = Browser(a)
    admin.login(staff.email)
    module = modules[2]
    module.save_revision(user=lead).publish(user=lead)
    assert "Testo del modulo 3." in on_b.get(module.url).text
    kept = redis.Redis.from_url(redis_url).scan_iter("*template.cache.page-body-*")
    assert list(kept), "B kept the body's fragments in Redis"
    heading, paragraph = module.body.raw_data
    module.body = [
        heading,
        {**paragraph, "value": "<p>Testo nuovo, da A.</p>"},
    ]
    module.save_revision(user=lead)
    pause_redis(redis_url, STALL_MS)
    published = admin.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={module.pk}&next=/admin/",
        {"include_descendants": ""},
    )
    assert published.status_code == 302, published.text[:300]
    assert seen_in_time(lambda: "Testo nuovo, da A." in on_b.get(module.url).text), (
        "B still shows the old text"
    )

    # 3. A role removed in A just after a stall: B refuses what it allowed.
    hr = Browser(a)
    hr_person = make_user("hr.due@test.it", role=roles.HR, first_name="Carla")
    hr.login(hr_person.email)
    hr_on_b = hr.on(b)
    assert hr_on_b.get("/hr/persone/").status_code == 200
    edit_url = f"/admin/users/edit/{hr_person.pk}/"
    values = [
        (name, value)
        for name, value in form_values(_form_html(admin.get(edit_url).text, "groups"))
        if not (name == "groups" and value != str(_group_id(roles.LEARNER)))
    ]
    if ("groups", str(_group_id(roles.LEARNER))) not in values:
        values.append(("groups", str(_group_id(roles.LEARNER))))
    pause_redis(redis_url, STALL_MS)
    data = {}
    for name, value in values:
        data.setdefault(name, []).append(value)
    saved = admin.post(edit_url, data)
    assert saved.status_code == 302, re.findall(
        r'class="error-message".*?</p>', saved.text
    )
    hr_person.refresh_from_db()
    assert not hr_person.groups.filter(name=roles.HR).exists()
    assert seen_in_time(
        lambda: hr_on_b.get("/hr/persone/").status_code in (302, 403)
    ), "B still lets the former HR person in"

    # 4. A logout in A just after a stall ends the session in B too.
    pause_redis(redis_url, STALL_MS)
    assert agent.post("/account/logout/").status_code == 302
    assert seen_in_time(lambda: on_b.get("/la-mia-formazione/").status_code == 302), (
        "the session still works in B"
    )

    assert pickled_project_classes(redis_url) == {}


def _form_html(page: str, field: str) -> str:
    """The HTML of the page's form that holds `field`."""
    at = page.index(f'name="{field}"')
    return page[page.rindex("<form", 0, at) : page.index("</form>", at)]


def _group_id(name: str) -> int:
    from django.contrib.auth.models import Group

    return Group.objects.get(name=name).pk
