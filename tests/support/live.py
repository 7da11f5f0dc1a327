"""Real server processes for tests that cross process boundaries (browser, realtime, jobs)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from potluck.migrations.runner import upgrade
from tests.support.databases import create_postgres_database, drop_postgres_database


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def potluck_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "potluck", *args]


@dataclass
class LiveServer:
    base_url: str
    env: dict[str, str]
    database_url: str
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    drop_database: bool = False
    log_path: Path | None = None

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a ``potluck`` CLI command against this server's database."""
        return subprocess.run(
            potluck_command(*args), env=self.env, capture_output=True, text=True, check=True
        )

    def start_another(self) -> str:
        """Start one more server process on the same database (and Redis); returns its URL."""
        process, url = _spawn(self.env, self.log_path)
        self.processes.append(process)
        return url

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if self.drop_database:
            asyncio.run(drop_postgres_database(self.database_url))


def _spawn(
    env: dict[str, str], log_path: Path | None, port: int | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    port = port or free_port()
    if log_path is None:
        process = subprocess.Popen(potluck_command("serve", "--port", str(port)), env=env)
    else:
        # The child gets its own copy of the descriptor; ours can close at once.
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                potluck_command("serve", "--port", str(port)), env=env, stdout=log, stderr=log
            )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"potluck serve exited with {process.returncode}; see {log_path}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"potluck serve did not become healthy; see {log_path}")


def start_live_server(
    directory: Path,
    *,
    postgres_base_url: str = "",
    redis_url: str = "",
    name: str = "potluck_live",
    worker: bool = False,
) -> LiveServer:
    """``potluck serve`` on a fresh database; with ``worker``, a ``potluck worker`` too."""
    if postgres_base_url:
        database_url = asyncio.run(create_postgres_database(postgres_base_url, name))
    else:
        database_url = f"sqlite+aiosqlite:///{directory / 'live.db'}"
    asyncio.run(upgrade(database_url))
    env = {
        **os.environ,
        "POTLUCK_VAR_DIR": str(directory / "var"),
        "POTLUCK_DATABASE_URL": database_url,
        "POTLUCK_REDIS_URL": redis_url,
        "POTLUCK_SECRET_KEY": "live-test-secret",
        "POTLUCK_LOG_FORMAT": "console",
        # Browser journeys sign up and log in many times from 127.0.0.1.
        "POTLUCK_RATE_LIMIT_SIGNUP": "1000/minute",
        "POTLUCK_RATE_LIMIT_LOGIN": "1000/minute",
    }
    log_path = directory / "server.log"
    port = free_port()
    env["POTLUCK_BASE_URL"] = f"http://127.0.0.1:{port}"
    process, url = _spawn(env, log_path, port)
    processes = [process]
    if worker:
        with log_path.open("ab") as log:
            processes.append(subprocess.Popen(potluck_command("worker"), env=env, stdout=log, stderr=log))
    return LiveServer(
        base_url=url,
        env=env,
        database_url=database_url,
        processes=processes,
        drop_database=bool(postgres_base_url),
        log_path=log_path,
    )
