"""Servers a fault test starts for itself on spare loopback ports (never the machine's shared ones):
a PostgreSQL cluster of its own (initdb; as the `postgres` user when the tests run as root, since
PostgreSQL refuses to run as root) and gunicorn serving the shop like `make serve`."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def postgres_available() -> bool:
    return bool(shutil.which("initdb") and shutil.which("pg_ctl"))


class Postgres:
    """Own cluster in a fresh folder under the system's temp dir (pytest's is private to root, and the
    server runs as `postgres`), trust auth on 127.0.0.1:`port`, database `postgres`."""

    def __init__(self) -> None:
        folder = self.folder = Path(tempfile.mkdtemp(prefix="odop-pg-"))
        self.data = folder / "pgdata"
        self.port = free_port()
        self.log = folder / "postgres.log"
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as:
            shutil.chown(folder, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{folder}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        subprocess.run([*self._as, *command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def remove(self) -> None:
        if self.running():
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def serve_env(**extra: str) -> dict:
    """Production-like settings for a gunicorn the test starts (DJANGO_DEBUG=0, plain http on loopback)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shop.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "fault-test-only-" + "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


class Gunicorn:
    def __init__(
        self, env: dict, folder: Path, *, workers: int = 2, timeout: int = 30, config: Path | None = None
    ) -> None:
        self.port = free_port()
        self.log = folder / "gunicorn.log"
        self.proc = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "--config",
                str(config or ROOT / "shop" / "gunicorn.conf.py"),
                "--workers",
                str(workers),
                "--timeout",
                str(timeout),
                "--bind",
                f"127.0.0.1:{self.port}",
                "shop.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.log, "w"),
        )
        if not wait_for(lambda: get(self.url("/healthz"), timeout=2)[0] in (200, 503), 60):
            self.stop()
            raise RuntimeError("gunicorn did not come up:\n" + self.log.read_text())

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def workers(self) -> set[int]:
        out = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True).stdout
        return {int(pid) for pid in out.split()}

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def get(url: str, *, timeout: float = 10, headers: dict | None = None, data: bytes | None = None) -> tuple[int, str]:
    """GET (or POST `data`); redirects are answers here, not followed."""
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
