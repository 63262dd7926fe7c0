"""Run a real Celery worker process against the test database (PostgreSQL or a SQLite file)
and the real Redis."""

import os
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def test_database_url():
    """The test database as a DATABASE_URL, for a worker process to open the same data."""
    settings = connection.settings_dict
    if settings["ENGINE"] == "django.db.backends.sqlite3":
        name = str(settings["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            pytest.skip("a worker process cannot open an in-memory SQLite test database")
        return f"sqlite:///{Path(name).resolve()}"
    if "postgresql" not in settings["ENGINE"]:
        pytest.skip("a worker process needs the PostgreSQL or a SQLite file test database")
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


class WorkerProcess:
    def __init__(self, process):
        self.process = process
        self.lines = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)
            if " ready." in line:
                self.ready.set()

    @property
    def output(self):
        return "".join(self.lines)

    def pool_children(self):
        """The pool's process ids (prefork), read from /proc."""
        pid = self.process.pid
        with open(f"/proc/{pid}/task/{pid}/children") as listing:
            return [int(child) for child in listing.read().split()]

    def kill(self):
        """Kill the worker abruptly, as a crash or an OOM kill would."""
        self.process.kill()
        self.process.wait(timeout=30)


@contextmanager
def running_worker(
    *, beat=False, extra_env=None, queue=None, startup_timeout=60, app="ipguard", pool="solo"
):
    """A worker process on its own queue; `app="tests.slow_worker"` slows chosen steps down,
    `pool="prefork"` runs the task in a child process (see WorkerProcess.pool_children)."""
    queue = queue or f"test-{uuid.uuid4().hex[:12]}"
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": test_database_url(),
            "DEBUG": "true",
            "CELERY_QUEUE": queue,
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra_env or {})
    command = [
        sys.executable, "-m", "celery", "-A", app, "worker",
        "--loglevel=INFO", "--concurrency=1", f"--pool={pool}",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
        "-Q", queue, "-n", f"{queue}@%h",
    ]  # fmt: skip
    if beat:
        command.append("--beat")
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    worker = WorkerProcess(process)
    worker.queue = queue
    try:
        if not worker.ready.wait(startup_timeout):
            raise RuntimeError(f"the Celery worker did not start:\n{worker.output}")
        yield worker
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until(condition, *, timeout=60, interval=0.25, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {message}")
