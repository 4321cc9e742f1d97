"""Fixtures for operations tests: private Redis servers, a worker process that
shares the test database, and the environment such a process needs.

Shared servers (PostgreSQL 5432, Redis 6379) are never stopped: a fault is made
on a private instance started here, and stopped afterwards.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
# The only Redis database of the shared server these tests may use.
SHARED_REDIS_URL = os.environ.get("LMS_TEST_REDIS_URL", "redis://127.0.0.1:6379/8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, *, timeout=30.0, interval=0.05, what="condition"):
    """Poll until predicate() is true; a safety limit, not a timing assertion."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"gave up waiting for {what}")


class PrivateRedis:
    """A throwaway redis-server without persistence, on its own port."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        wait_until(lambda: _pings(client), what="redis-server to start")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None


def _pings(client) -> bool:
    try:
        return bool(client.ping())
    except redis.exceptions.ConnectionError:
        return False


@pytest.fixture
def private_redis():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = PrivateRedis().start()
    yield server
    server.stop()


@pytest.fixture
def shared_redis_url():
    """Redis DB 8 of the shared server, emptied for the test (ours alone)."""
    client = redis.Redis.from_url(SHARED_REDIS_URL)
    if not _pings(client):
        pytest.skip(f"no Redis at {SHARED_REDIS_URL}")
    client.flushdb()
    yield SHARED_REDIS_URL
    client.flushdb()


@pytest.fixture
def process_env(settings):
    """Environment for a child process that must see this test's database and
    media folder. An in-memory SQLite test database cannot be shared."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        if not db["NAME"] or "memory" in str(db["NAME"]):
            pytest.skip("a worker process needs a file or server database")
        url = f"sqlite:///{db['NAME']}"
    else:
        url = (
            f"postgres://{db['USER'] or ''}"
            f"{':' + db['PASSWORD'] if db['PASSWORD'] else ''}"
            f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "REDIS_URL", "TASKS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.test",
        DATABASE_URL=url,
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        # Uploaded employee files (the people import's).
        PRIVATE_ROOT=str(settings.STORAGES["private"]["OPTIONS"]["location"]),
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), *args]


# A task worker as production runs it, stopping once the queue is empty.
BURST_WORKER = ("rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default")


def run_burst_worker(command: list[str], env: dict[str, str]) -> None:
    """Run a worker process until the queue is empty; it must exit cleanly."""
    worker = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240
    )
    assert worker.returncode == 0, worker.stderr


PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)


class PrivatePostgres:
    """A throwaway PostgreSQL cluster in a temporary folder, on its own port,
    run as the `postgres` user when the tests run as root."""

    def __init__(self, base: Path):
        self.dir = base / "pg"
        self.data = self.dir / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/lms"

    def _run(self, *args, check=True):
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(
            [*prefix, *args], check=check, capture_output=True, text=True, timeout=120
        )

    def init(self):
        self.dir.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
            os.chmod(self.dir.parent, 0o755)
        self._run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
        )
        self.start()
        self._run(
            str(PG_BIN / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "lms",
        )
        return self

    def start(self):
        self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-w",
            "-l",
            str(self.dir / "log"),
            "start",
            "-o",
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1",
        )

    def stop(self, mode="fast"):
        self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-w",
            "-m",
            mode,
            "stop",
            check=False,
        )


@pytest.fixture
def private_postgres(tmp_path_factory):
    if PG_BIN is None or not shutil.which("runuser"):
        pytest.skip("PostgreSQL server binaries are not installed")
    base = Path(tempfile.mkdtemp(prefix="lms-pg-"))
    server = PrivatePostgres(base).init()
    yield server
    server.stop("immediate")
    shutil.rmtree(base, ignore_errors=True)
