"""The HR benchmark's pages served by gunicorn under production settings, for
`bench/hr_dashboard.py --gunicorn` (see docs/hr-benchmark.md).

One synchronous worker (gunicorn.conf.py with GUNICORN_WORKERS=1 and
GUNICORN_THREADS=1) on a free port of 127.0.0.1, `lms.settings.production`
with the bench's database, its own Redis databases for the cache and the queue,
and a signing key made for the run. Requests are plain HTTP carrying the
`X-Forwarded-Proto: https` a TLS proxy adds, which production trusts
(SECURE_PROXY_SSL_HEADER): no SSL redirect, and the `Secure` session cookie is
sent by hand. People are signed in by a session row written the way the test
client's `force_login` does, signed with the server's SECRET_KEY.

Times are wall time at the client, which shares the machine's cores with the
worker; CPU is the worker process's own, read from /proc around each request.
"""

import contextlib
import http.client
import io
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
# Databases of the shared Redis no one else uses; both are emptied.
CACHE_URL = os.environ.get("HR_BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
QUEUE_URL = os.environ.get("HR_BENCH_TASKS_REDIS_URL", "redis://127.0.0.1:6379/12")
RUNS = 7
# After the last byte the worker still writes its access log line and closes
# the connection: read its CPU once that is done.
SETTLE_S = 0.02
RSS_EVERY_S = 0.05
HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(*, port: int, secret_key: str, key: Path, cert: Path) -> dict:
    """A complete production environment for this machine, nothing insecure but
    SQLite when the bench runs on it."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("DJANGO_", "SECRET", "REDIS", "TASKS_", "LMS_", "GUNICORN")
        )
    }
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="https://127.0.0.1",
        # Required by production; none of the measured pages sends mail.
        EMAIL_HOST="127.0.0.1",
        REDIS_URL=CACHE_URL,
        TASKS_REDIS_URL=QUEUE_URL,
        CERTIFICATES_SIGNING_KEY=str(key),
        CERTIFICATES_SIGNING_CERT=str(cert),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="1",
        PYTHONUNBUFFERED="1",
    )
    if env["DATABASE_URL"].startswith("sqlite"):
        env["ALLOW_SQLITE_IN_PRODUCTION"] = "1"
    return env


class Server:
    """gunicorn with the project's gunicorn.conf.py, in a session of its own so
    that Ctrl-C reaches the bench, which then stops it gracefully."""

    def __init__(self, env: dict, log: Path):
        self.env = env
        self.port = int(env["GUNICORN_BIND"].rsplit(":", 1)[1])
        self.log = log
        self.process = None
        self.worker = None

    def start(self) -> None:
        gunicorn = Path(sys.executable).parent / "gunicorn"
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py")],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 120
        while not self._live():
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer /health/live/ in 120 s")
            time.sleep(0.2)
        workers = children(self.process.pid)
        if len(workers) != 1:
            raise RuntimeError(f"expected one gunicorn worker, found {workers}")
        self.worker = workers[0]

    def _live(self) -> bool:
        try:
            return fetch(self.port, "/health/live/")["status"] == 200
        except OSError:
            return False

    def worker_class(self) -> str:
        found = re.search(r"Using worker: (\S+)", self.log.read_text(errors="replace"))
        return found.group(1) if found else "?"

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # graceful: the worker finishes
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()]


def cpu_seconds(pid: int) -> float:
    """The process's CPU time so far. schedstat counts nanoseconds (the sign-in
    page takes a few ms, less than one of stat's 10 ms ticks); utime + stime
    from stat where the kernel has no schedstat."""
    tasks = list(Path(f"/proc/{pid}/task").glob("*/schedstat"))
    if tasks:
        return sum(int(t.read_text().split()[0]) for t in tasks) / 1e9
    return stat_cpu_seconds(pid)


def stat_cpu_seconds(pid: int) -> float:
    """utime + stime of /proc/<pid>/stat, to check cpu_seconds() against."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1)) / 1024


class RssSampler(threading.Thread):
    """The worker's resident memory every 50 ms while a download runs."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.before = self.peak = rss_mb(pid)
        self._done = threading.Event()

    def run(self):
        while not self._done.wait(RSS_EVERY_S):
            self.peak = max(self.peak, rss_mb(self.pid))

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self._done.set()
        self.join()
        self.peak = max(self.peak, rss_mb(self.pid))


def fetch(port: int, path: str, *, cookie: str = "", keep: bool = False) -> dict:
    """GET over one connection (a sync worker closes each), reading the body as
    it streams."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = dict(HEADERS, Cookie=cookie) if cookie else HEADERS
    body = io.BytesIO() if keep else None
    size = lines = 0
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        while chunk := response.read(65536):
            size += len(chunk)
            lines += chunk.count(b"\n")
            if body is not None:
                body.write(chunk)
        return {
            "status": response.status,
            "location": response.getheader("Location", ""),
            "bytes": size,
            "lines": lines,
            "body": body,
        }
    finally:
        connection.close()


def flush_cache() -> None:
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()


def measure(server: Server, path: str, cookie: str) -> dict:
    """RUNS requests, the first with an empty cache, as the in-process mode."""
    flush_cache()
    times, cpu, ticks = [], [], 0.0
    for _ in range(RUNS):
        cpu_start = cpu_seconds(server.worker)
        ticks_start = stat_cpu_seconds(server.worker)
        start = time.perf_counter()
        response = fetch(server.port, path, cookie=cookie)
        times.append((time.perf_counter() - start) * 1000)
        time.sleep(SETTLE_S)
        cpu.append((cpu_seconds(server.worker) - cpu_start) * 1000)
        ticks += stat_cpu_seconds(server.worker) - ticks_start
        if response["status"] != 200:
            raise RuntimeError(
                f"{path}: {response['status']} {response['location']} "
                f"(see the gunicorn log)"
            )
    return {
        "cold_ms": times[0],
        "best_ms": min(times[1:]),
        "median_ms": statistics.median(times[1:]),
        "cpu_ms": statistics.median(cpu[1:]),
        "cpu_total_s": sum(cpu) / 1000,
        "ticks_total_s": ticks,
    }


def export(server: Server, path: str, cookie: str, fmt: str) -> dict:
    """One download, timed, with the worker's memory sampled while it runs."""
    with RssSampler(server.worker) as rss:
        start = time.perf_counter()
        response = fetch(server.port, path, cookie=cookie, keep=fmt == "xlsx")
        seconds = time.perf_counter() - start
    if response["status"] != 200:
        raise RuntimeError(f"{path}: {response['status']} {response['location']}")
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(response["body"], read_only=True)
        # Counted: a streamed sheet states no size before its rows.
        rows = sum(1 for _ in book.worksheets[0].iter_rows()) - 1
    else:
        rows = response["lines"] - 1  # the header
    return {
        "rows": rows,
        "mb": response["bytes"] / 1024 / 1024,
        "seconds": seconds,
        "rows_per_s": rows / seconds,
        "rss_before": rss.before,
        "rss_peak": rss.peak,
        "growth": rss.peak - rss.before,
    }


def session_cookie(user, secret_key: str) -> str:
    """A signed-in session for `user`, as the test client's force_login writes
    it, signed with the server's key."""
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    with override_settings(SECRET_KEY=secret_key):
        client = Client()
        client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def second_factor(user) -> None:
    """Production asks privileged people (HR) for TOTP on every page: give them
    a device, as a person who set one up has, rather than turning the check off
    (its query stays in the measured requests)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from lms.middleware import mfa_required_for

    if (
        mfa_required_for(user)
        and not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists()
    ):
        TOTP.activate(user, generate_totp_secret())


def collectstatic(env: dict) -> float:
    """Production's manifest storage needs the hashed files in STATIC_ROOT."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
    )
    return time.perf_counter() - start


def _stop_on_sigterm(*_):
    raise SystemExit(143)


def run(*, vendor: str, users: dict, pages: list, exports: list) -> None:
    """Measure `pages` (hr_dashboard.Page, `who` a key of `users` or None) and
    `exports` ((name, path, fmt)) through gunicorn; print a Markdown table."""
    import django
    import gunicorn
    from django.contrib.sessions.models import Session
    from django.db import connection

    secret_key = secrets.token_urlsafe(64)
    for user in users.values():
        second_factor(user)
    cookies = {who: session_cookie(user, secret_key) for who, user in users.items()}
    cookies[None] = ""
    connection.close()  # nothing of the bench's stays open against the server's
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    with tempfile.TemporaryDirectory(prefix="hr-bench-gunicorn-") as folder:
        from tests.signing import write_signing_files

        key, cert = write_signing_files(Path(folder) / "signing")
        env = production_env(
            port=free_port(), secret_key=secret_key, key=key, cert=cert
        )
        server = Server(env, Path(folder) / "gunicorn.log")
        try:
            static_s = collectstatic(env)
            server.start()
            booted_rss = rss_mb(server.worker)
            load_start = os.getloadavg()[0]
            results = {}
            for page in pages:
                query = f"?{urlencode(page.query)}" if page.query else ""
                with page.around():
                    results[page.name] = measure(
                        server, page.path + query, cookies[page.who]
                    )
            load_pages = os.getloadavg()[0]
            downloads = [
                (f"{name} (download {n})", export(server, path, cookies["hr"], fmt))
                for name, path, fmt in exports
                for n in (1, 2)
            ]
            load_end = os.getloadavg()[0]
            recycled = children(server.process.pid) != [server.worker]
            worker_class = server.worker_class()
        except Exception:
            if server.log.exists():
                tail = server.log.read_text(errors="replace").splitlines()[-40:]
                print(
                    "\n".join(["--- gunicorn log (last lines) ---", *tail]),
                    file=sys.stderr,
                )
            raise
        finally:
            server.stop()
            Session.objects.filter(
                session_key__in=[c.split("=", 1)[1] for c in cookies.values() if c]
            ).delete()
            import redis

            for url in (CACHE_URL, QUEUE_URL):
                with contextlib.suppress(redis.exceptions.ConnectionError):
                    redis.Redis.from_url(url).flushdb()
    print_report(
        vendor=vendor,
        results=results,
        downloads=downloads,
        facts={
            "worker": f"1 {worker_class} worker, 1 thread "
            f"(gunicorn {gunicorn.__version__}, Django {django.get_version()}, "
            f"Python {sys.version.split()[0]})",
            "worker RSS": f"{booted_rss:.0f} MB once booted, before the first page",
            "collectstatic": f"{static_s:.0f} s before the server started",
            "load": f"{load_start:.1f} at the start, {load_pages:.1f} after the "
            f"pages, {load_end:.1f} after the exports",
            "recycled": "yes: the figures are not one worker's" if recycled else "no",
        },
    )


def print_report(*, vendor: str, results: dict, downloads: list, facts: dict) -> None:
    baseline = next(iter(results.values()))
    print(f"\n## {vendor}, gunicorn under production settings\n")
    print(
        "| measure | first (cold) ms | best ms | median ms "
        "| worker CPU ms (median) | × baseline (median) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(
            f"| {name} | {r['cold_ms']:.1f} | {r['best_ms']:.1f} | "
            f"{r['median_ms']:.1f} | {r['cpu_ms']:.1f} | "
            f"{r['median_ms'] / baseline['median_ms']:.1f} |"
        )
    print()
    for name, d in downloads:
        print(
            f"{name}: {d['rows']} rows ({d['mb']:.1f} MB) in {d['seconds']:.2f} s = "
            f"{d['rows_per_s']:,.0f} rows/s; worker RSS {d['rss_before']:.0f} MB "
            f"before, peak {d['rss_peak']:.0f} MB, growth {d['growth']:.1f} MB"
        )
    cpu = sum(r["cpu_total_s"] for r in results.values())
    ticks = sum(r["ticks_total_s"] for r in results.values())
    print(
        f"\nWorker CPU over all page requests: {cpu:.2f} s by schedstat, "
        f"{ticks:.2f} s by utime + stime (10 ms ticks)"
    )
    for name, value in facts.items():
        print(f"{name[0].upper()}{name[1:]}: {value}")
