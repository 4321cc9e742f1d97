"""Load test: simulated agents against a running web tier (gunicorn + PostgreSQL).

Each agent logs in, opens a module, marks it complete, opens and submits a
12-question quiz and opens the learner home, waiting THINK seconds between
steps; when done it starts again as a fresh person. At the end it prints
throughput, p50/p95/p99 latency per step and overall, and the error rate.

    # once: people, a one-module course and a 12-question quiz
    DJANGO_SETTINGS_MODULE=lms.settings.production ... \
        .venv/bin/python bench/load_test.py setup --people 3000
    # then, with gunicorn serving on --base:
    .venv/bin/python bench/load_test.py run --agents 1000 --think 30 --duration 600

See docs/load-test.md for the whole procedure and the recorded figures.
"""

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-agente-2026"
EMAIL = "bench-{:05d}@example.com"
COURSE_SLUG = "bench-corso"


def setup(people: int) -> None:
    """Create (idempotently) the bench course, its quiz and `people` learners,
    and assign the course to all of them."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    # The thousands of assignment e-mails and index updates this setup causes
    # are not part of the load being measured: they are recorded, not queued.
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from wagtail.models import Site

    from courses.models import CourseCatalogPage, CoursePage, ModulePage
    from people import roles
    from people.models import User
    from quizzes.models import Question, QuestionOption, Quiz, QuizItem

    course = CoursePage.objects.filter(slug=COURSE_SLUG).first()
    if course is None:
        catalogue = CourseCatalogPage.objects.live().first()
        if catalogue is None:
            home = Site.objects.get(is_default_site=True).root_page
            catalogue = home.add_child(
                instance=CourseCatalogPage(title="Corsi", slug="corsi")
            )
        quiz = Quiz(title="Quiz di carico", pass_mark=50)
        items = []
        for n in range(1, 13):
            question = Question(text=f"Domanda di carico {n}?", kind="single")
            question.options = [
                QuestionOption(text="Giusta", is_correct=True),
                QuestionOption(text="Sbagliata", is_correct=False),
            ]
            question.save()
            items.append(QuizItem(question=question))
        quiz.items = items
        quiz.save()
        course = catalogue.add_child(
            instance=CoursePage(
                title="Corso di carico", slug=COURSE_SLUG, summary="Carico", quiz=quiz
            )
        )
        course.add_child(
            instance=ModulePage(
                title="Modulo di carico",
                slug="modulo",
                body=[{"type": "paragraph", "value": "<p>Testo.</p>"}],
            )
        )
    existing = set(
        User.objects.filter(email__startswith="bench-").values_list("email", flat=True)
    )
    hashed = make_password(PASSWORD)
    new = [
        User(
            email=EMAIL.format(n),
            first_name="Agente",
            last_name=f"{n}",
            password=hashed,
        )
        for n in range(people)
        if EMAIL.format(n) not in existing
    ]
    User.objects.bulk_create(new, batch_size=1000)
    from django.contrib.auth.models import Group

    learners = Group.objects.get(name=roles.LEARNER)
    bench_people = User.objects.filter(email__startswith="bench-")
    learners.user_set.add(*bench_people)
    # Onboarding is assigned by HR, as in a real intake: every agent starts
    # enrolled, with a deadline, and the journey begins at the first module.
    from django.db import transaction

    from courses.services import enrollment_assign

    hr, _ = User.objects.get_or_create(
        email="carico-hr@example.com",
        defaults={"first_name": "HR", "last_name": "Carico", "is_superuser": True},
    )
    with transaction.atomic():
        counts = enrollment_assign(
            users=bench_people,
            course=course,
            actor=hr,
            due_in_days=30,
            reason="Onboarding (prova di carico)",
        )
    print(f"course {course.pk} at {course.url}; {len(new)} new people; {counts}")


class RunOver(Exception):
    """The run's time is up: the agent stops where it is."""


class Agent:
    def __init__(self, client, base, stats, ip, deadline=float("inf")):
        self.client = client
        self.base = base
        self.stats = stats
        self.cookies = {}
        self.ip = ip
        self.deadline = deadline

    async def request(self, step, method, path, data=None, expect_redirect=False):
        """One user action: the request and the redirects it leads to, each timed
        as its own sample (redirects as "<step> →"). Cookies are kept by hand
        from every response, as the production cookies are `Secure` and the
        client speaks plain HTTP behind the pretend proxy. A POST that should
        redirect (a login, a completion, a submit) but answers with a page is an
        error: the form was refused."""
        url = self.base + path
        # Cancelling the agents at the end is not enough on its own: a wait_for
        # finishing at that moment swallows the cancellation (Python 3.11), and
        # the agent would go on past the end of the run.
        if time.monotonic() >= self.deadline:
            raise RunOver
        for hop in range(5):
            label = step if hop == 0 else f"{step} →"
            headers = {
                # TLS ends at the proxy in production; say so, as the proxy would.
                "X-Forwarded-Proto": "https",
                "X-Real-IP": self.ip,
                "Referer": self.base.replace("http://", "https://") + path,
                "Origin": self.base.replace("http://", "https://"),
            }
            if self.cookies:
                headers["Cookie"] = "; ".join(
                    f"{k}={v}" for k, v in self.cookies.items()
                )
            started = time.perf_counter()
            try:
                response = await self.client.request(
                    method, url, data=data, headers=headers
                )
            except Exception as exc:  # noqa: BLE001 - every failure is counted
                self.stats[label].append(
                    (time.perf_counter() - started, repr(exc), started)
                )
                return None
            elapsed = time.perf_counter() - started
            for header in response.cookies():
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            error = None if response.status_code < 400 else str(response.status_code)
            if hop == 0 and expect_redirect and not response.is_redirect and not error:
                error = f"{response.status_code} without redirect (form refused)"
            self.stats[label].append((elapsed, error, started))
            if not response.is_redirect:
                return response
            url = urljoin(url, response.header("location"))
            method, data = "GET", None
        return response

    def missing(self, step, why):
        """A step the journey could not take counts as an error, so a broken
        journey cannot pass for a fast one."""
        self.stats[step].append((0.0, why, time.perf_counter()))

    def csrf(self):
        return self.cookies.get("csrftoken", "")

    async def journey(self, email, course_path, think):
        async def pause():
            await asyncio.sleep(random.uniform(0.5, 1.5) * think)

        await self.request("login page", "GET", "/account/login/")
        await pause()
        await self.request(
            "login",
            "POST",
            "/account/login/",
            {"login": email, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
            expect_redirect=True,
        )
        await pause()
        module = await self.request("module", "GET", course_path + "modulo/")
        await pause()
        match = module is not None and re.search(
            r'action="(/moduli/\d+/completa/)"', module.text
        )
        course = None
        if match:
            # The completion redirects to the course page, where the quiz opens.
            course = await self.request(
                "complete",
                "POST",
                match.group(1),
                {"csrfmiddlewaretoken": self.csrf()},
                expect_redirect=True,
            )
        else:
            self.missing("complete", "no completion form on the module page")
        quiz_path = course is not None and re.search(
            r'href="(/quiz/\d+/)"', course.text
        )
        await pause()
        if quiz_path:
            # "Inizia il quiz" (a POST), then the page it leads to.
            quiz = await self.request(
                "quiz",
                "POST",
                quiz_path.group(1),
                {"csrfmiddlewaretoken": self.csrf(), "action": "start"},
                expect_redirect=True,
            )
            await pause()
            answers = {
                "csrfmiddlewaretoken": self.csrf(),
                **first_choices(quiz.text if quiz else ""),
            }
            await self.request(
                "submit", "POST", quiz_path.group(1), answers, expect_redirect=True
            )
        else:
            self.missing("quiz", "no quiz link on the course page")
        await pause()
        await self.request("home", "GET", "/la-mia-formazione/")
        await pause()


def first_choices(html: str) -> dict[str, object]:
    """Submit data for the quiz page: the right option of every question shown
    (the bench quiz marks it "Giusta"; the options are shuffled per attempt),
    else the first, so that every journey passes and earns its certificate, as
    the load is meant to: a random pass would make the submit's cost vary by
    half from one journey to the next. The bench quiz has more questions than
    a page shows, so the blanks are handed in at once, as "Consegna comunque"
    does: without it the submit only saves and asks first, and the journey
    would earn no certificate."""
    data: dict[str, object] = {
        "action": "submit",
        "conferma": "senza-risposta",
        "shown": re.findall(r'name="shown" value="(\d+)"', html),
    }
    options = re.findall(
        r'type="radio" name="(d\d+)" value="([^"]+)"[^>]*> <span>([^<]*)</span>', html
    )
    for name, key, text in options:
        if text == "Giusta":
            data[name] = key
        data.setdefault(name, key)
    return data


class Response:
    def __init__(self, status_code: int, headers: list[tuple[str, str]], body: bytes):
        self.status_code = status_code
        self.header_list = headers
        self.text = body.decode("utf-8", "replace")

    @property
    def is_redirect(self) -> bool:
        return self.status_code in (301, 302, 303, 307, 308)

    def header(self, name: str) -> str:
        return next((v for k, v in self.header_list if k == name), "")

    def cookies(self) -> list[str]:
        return [v for k, v in self.header_list if k == "set-cookie"]


class Client:
    """A minimal HTTP/1.1 client: one connection per request, as gunicorn's
    synchronous workers close each one anyway.

    The load client shares this machine's two cores with the server it
    measures, so it must cost as little as possible: httpx spent about 5 ms of
    CPU per request here, a quarter of a core at the target's pace, taken from
    the web tier. This does the same work (a request, its cookies, its body) in
    a fraction of that. Only what the journey needs: no TLS, no chunked bodies
    (gunicorn sends Content-Length for every Django response), no proxies."""

    def __init__(self, timeout: float = 30.0):
        self.timeout = timeout

    async def request(self, method, url, data=None, headers=None):
        return await asyncio.wait_for(
            self._request(method, url, data, headers or {}), self.timeout
        )

    async def _request(self, method, url, data, headers):
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        body = urlencode(data, doseq=True).encode() if data is not None else b""
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {parts.netloc}",
            "Connection: close",
            *(f"{k}: {v}" for k, v in headers.items()),
        ]
        if method == "POST":
            lines.append("Content-Type: application/x-www-form-urlencoded")
            lines.append(f"Content-Length: {len(body)}")
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        try:
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
            head = await reader.readuntil(b"\r\n\r\n")
            status_line, *header_lines = head.decode("latin-1").split("\r\n")
            status = int(status_line.split(" ", 2)[1])
            response_headers = []
            for line in header_lines:
                if ":" in line:
                    name, _, value = line.partition(":")
                    response_headers.append((name.strip().lower(), value.strip()))
            length = next(
                (int(v) for k, v in response_headers if k == "content-length"), None
            )
            payload = (
                await reader.readexactly(length)
                if length is not None
                else await reader.read()
            )
        finally:
            writer.close()
        return Response(status, response_headers, payload)


async def run(args) -> int:
    stats = defaultdict(list)
    args.started = time.perf_counter()
    deadline = time.monotonic() + args.duration
    people = iter(range(args.first_person, 10**6))

    client = Client(timeout=30)

    async def agent_loop(n):
        # Spread the starts over one think time (or --ramp), as a shift would.
        await asyncio.sleep(random.uniform(0, args.ramp or args.think))
        ip = f"10.{n // 250}.{n % 250}.9"
        while time.monotonic() < deadline:
            agent = Agent(client, args.base, stats, ip, deadline)
            try:
                await agent.journey(EMAIL.format(next(people)), args.course, args.think)
            except RunOver:
                return

    tasks = [asyncio.create_task(agent_loop(n)) for n in range(args.agents)]
    await asyncio.sleep(args.duration)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return report(stats, args)


def percentile(values, q):
    if not values:
        return 0.0
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else values[0]
    )


def report(stats, args) -> int:
    every = [e for samples in stats.values() for e in samples]
    errors = [e for e in every if e[1]]
    print(f"agents {args.agents}, think {args.think}s, duration {args.duration}s")
    print(f"{'step':<12}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for step, samples in list(stats.items()) + [("ALL", every)]:
        times = sorted(s[0] * 1000 for s in samples)
        bad = sum(1 for s in samples if s[1])
        print(
            f"{step:<12}{len(times):>7}{percentile(times, 50):>9.0f}"
            f"{percentile(times, 95):>9.0f}{percentile(times, 99):>9.0f}{bad:>8}"
        )
    print(f"throughput {len(every) / args.duration:.1f} requests/s")
    rate = len(errors) / len(every) if every else 1.0
    print(f"error rate {rate:.2%}")
    for _elapsed, error, _started in errors[:10]:
        print("  error:", error)
    # The same samples by the minute they started in: a slow start (everyone
    # logging in at once) shows apart from the steady state.
    print(
        f"\n{'minute':<12}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
    )
    minutes = defaultdict(list)
    for sample in every:
        minutes[int((sample[2] - args.started) // 60)].append(sample)
    for minute in sorted(minutes):
        times = sorted(s[0] * 1000 for s in minutes[minute])
        bad = sum(1 for s in minutes[minute] if s[1])
        print(
            f"{minute + 1:<12}{len(times):>7}{percentile(times, 50):>9.0f}"
            f"{percentile(times, 95):>9.0f}{percentile(times, 99):>9.0f}{bad:>8}"
        )
    return 0 if every and not errors else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup")
    s.add_argument("--people", type=int, default=3000)
    r = sub.add_parser("run")
    r.add_argument("--base", default="http://127.0.0.1:8000")
    r.add_argument("--course", default=f"/corsi/{COURSE_SLUG}/")
    r.add_argument("--agents", type=int, default=50)
    r.add_argument("--think", type=float, default=30.0)
    r.add_argument("--duration", type=float, default=60.0)
    r.add_argument("--first-person", type=int, default=0)
    r.add_argument(
        "--ramp",
        type=float,
        default=0.0,
        help="spread the agents' first requests over this many seconds "
        "(default: one think time)",
    )
    args = parser.parse_args()
    if args.command == "setup":
        setup(args.people)
        return 0
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
