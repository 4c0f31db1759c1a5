"""A worker killed in the middle of a task: the task is handed back to the queue and completes once.

Starts its own redis-server on a free port and a real Celery worker (prefork, one process), never the
machine's shared Redis.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import Celery

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")
ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(check, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def redis_url(tmp_path):
    port = _free_port()
    proc = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    assert _wait(
        lambda: subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout.strip() == b"PONG",
        10,
    )
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


def test_a_task_whose_worker_is_killed_mid_way_runs_again_and_takes_effect_once(tmp_path, redis_url):
    env = {
        **os.environ,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "DJANGO_SETTINGS_MODULE": "shop.settings",
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "WARNING",
    }
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "shop",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "--include",
            "tests.integration.shop.celery_probe",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "worker.log", "w"),
    )
    try:
        producer = Celery("producer", broker=redis_url)
        producer.send_task("probe.slow_once", kwargs={"folder": str(tmp_path), "key": "label-run-42", "seconds": 2.0})
        started = tmp_path / "started.log"
        # Given the task is running in the worker's process
        assert _wait(lambda: started.exists() and started.read_text().strip(), 60), (
            tmp_path / "worker.log"
        ).read_text()
        first_pid = int(started.read_text().split()[0])
        # When that process is killed outright, mid-task
        os.kill(first_pid, signal.SIGKILL)
        # Then the task is handed back and run again by a new process...
        assert _wait(lambda: len(started.read_text().split()) >= 2, 60), (tmp_path / "worker.log").read_text()
        assert int(started.read_text().split()[1]) != first_pid
        # ...and its effect happens exactly once
        assert _wait(lambda: (tmp_path / "effects.log").exists(), 30)
        time.sleep(1)
        assert (tmp_path / "effects.log").read_text().split() == ["label-run-42"]
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
