"""The potluck command as an operator uses it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from potluck.app import create_app
from potluck.runtime import Runtime
from tests.conftest import make_settings


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "POTLUCK_VAR_DIR": str(tmp_path / "var"),
        "POTLUCK_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "POTLUCK_REDIS_URL": "",
    }
    env.pop("POTLUCK_SECRET_KEY", None)
    return subprocess.run(
        [sys.executable, "-m", "potluck", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_upgrade_demo_twice_and_admin_create(tmp_path: Path) -> None:
    assert run(tmp_path, "db", "upgrade").returncode == 0
    first = run(tmp_path, "demo", "--notes", "3")
    assert first.returncode == 0, first.stderr
    assert "demo / potluck-demo" in first.stdout
    second = run(tmp_path, "demo", "--notes", "3")
    assert second.returncode == 0, second.stderr
    assert "0 new accounts" in second.stdout, "demo content is idempotent"

    created = run(tmp_path, "admin", "create", "boss")
    assert created.returncode == 0, created.stderr
    assert "Password:" in created.stdout
    again = run(tmp_path, "admin", "create", "BOSS")
    assert again.returncode == 1
    assert "taken" in again.stderr
    assert (tmp_path / "var" / "secret_key").exists()


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = run(tmp_path, "--help")
    for command in ("serve", "worker", "db", "demo", "admin", "search", "translation"):
        assert command in result.stdout


async def call_api(tmp_path: Path, method: str, path: str, body: dict[str, Any]) -> httpx.Response:
    """One request to an in-process app on the CLI's database (what a user of the site would see)."""
    settings = make_settings(tmp_path / "app-var", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}", "")
    runtime = Runtime(settings)
    await runtime.start()
    try:
        transport = httpx.ASGITransport(app=create_app(runtime=runtime))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.request(method, path, json=body)
    finally:
        await runtime.stop()


async def log_in(tmp_path: Path, username: str, password: str) -> httpx.Response:
    return await call_api(tmp_path, "POST", "/api/v1/auth/login", {"login": username, "password": password})


async def test_admin_create_promote_suspend_and_restore(tmp_path: Path) -> None:
    assert run(tmp_path, "db", "upgrade").returncode == 0
    password = "a long admin passphrase"
    created = run(tmp_path, "admin", "create", "chef", "--password", password)
    assert created.returncode == 0, created.stderr
    assert "chef" in created.stdout
    assert "Password:" not in created.stdout, "a chosen password is not echoed"
    chef = await log_in(tmp_path, "chef", password)
    assert chef.status_code == 200, chef.text
    assert chef.json()["user"]["is_admin"] is True

    for name in ("diner", "guest"):
        signup = await call_api(
            tmp_path, "POST", "/api/v1/auth/signup", {"username": name, "password": "diner passphrase"}
        )
        assert signup.status_code == 201, signup.text
        assert signup.json()["user"]["is_admin"] is False

    promoted = run(tmp_path, "admin", "create", "Diner", "--promote")
    assert promoted.returncode == 0, promoted.stderr
    diner = await log_in(tmp_path, "diner", "diner passphrase")
    assert diner.json()["user"]["is_admin"] is True, "promoted, and the password is unchanged"

    suspended = run(tmp_path, "admin", "suspend", "guest", "--reason", "spam")
    assert suspended.returncode == 0, suspended.stderr
    refused = await log_in(tmp_path, "guest", "diner passphrase")
    assert refused.status_code == 403
    assert refused.json()["error"]["reason"] == "suspended"

    restored = run(tmp_path, "admin", "restore", "GUEST")
    assert restored.returncode == 0, restored.stderr
    assert (await log_in(tmp_path, "guest", "diner passphrase")).status_code == 200

    unknown = run(tmp_path, "admin", "suspend", "nobody_here", "--reason", "x")
    assert unknown.returncode == 1
    assert "nobody_here" in unknown.stderr
    assert "No such user" in unknown.stderr
    assert "Traceback" not in unknown.stderr


async def test_search_reindex_makes_every_published_note_findable(tmp_path: Path) -> None:
    assert run(tmp_path, "db", "upgrade").returncode == 0
    assert run(tmp_path, "demo", "--notes", "4").returncode == 0
    with sqlite3.connect(tmp_path / "cli.db") as connection:
        connection.execute("DELETE FROM search_note")  # as if the index were lost
        published = connection.execute("SELECT count(*) FROM note WHERE published_at IS NOT NULL").fetchone()[
            0
        ]
        title = connection.execute(
            "SELECT title FROM note WHERE published_at IS NOT NULL LIMIT 1"
        ).fetchone()[0]

    result = run(tmp_path, "search", "reindex", "--batch", "2")
    assert result.returncode == 0, result.stderr
    assert f"Indexed {published:,} notes" in result.stdout
    with sqlite3.connect(tmp_path / "cli.db") as connection:
        assert connection.execute("SELECT count(*) FROM search_note").fetchone()[0] == published
    response = await call_api(tmp_path, "GET", f"/api/v1/search?q={quote(title)}", {})
    assert response.status_code == 200, response.text
    assert title in [hit["note"]["title"] for hit in response.json()["notes"]]


def test_translation_install_list_and_remove(tmp_path: Path) -> None:
    from potluck.translation import random_model  # noqa: PLC0415

    empty = run(tmp_path, "translation", "list")
    assert empty.returncode == 0
    assert "No translation model" in empty.stdout
    package = random_model.build_argos_package(tmp_path / "translate-en_zh.argosmodel", "en", "zh-Hans")
    installed = run(tmp_path, "translation", "install", str(package))
    assert installed.returncode == 0, installed.stderr
    assert "Installed argos-en-zh-Hans: en -> zh-Hans" in installed.stdout
    folder = random_model.build_opus_folder(tmp_path / "my-zh-model", "zh-Hans", "en")
    unnamed = run(tmp_path, "translation", "install", str(folder))
    assert unnamed.returncode == 1
    assert "--from and --to" in unnamed.stderr
    assert run(tmp_path, "translation", "install", str(folder), "--from", "zh", "--to", "en").returncode == 0
    listed = run(tmp_path, "translation", "list").stdout.splitlines()
    assert listed == [
        "argos-en-zh-Hans\ten -> zh-Hans\targos 1.0",
        "opus-mt-zh-Hans-en\tzh-Hans -> en\topus-mt",
    ]
    not_a_model = tmp_path / "notes.txt"
    not_a_model.write_text("hello")
    refused = run(tmp_path, "translation", "install", str(not_a_model))
    assert (refused.returncode, "neither" in refused.stderr) == (1, True)
    assert run(tmp_path, "translation", "remove", "argos-en-zh-Hans").returncode == 0
    assert run(tmp_path, "translation", "list").stdout.splitlines() == [
        "opus-mt-zh-Hans-en\tzh-Hans -> en\topus-mt"
    ]
    assert run(tmp_path, "translation", "remove", "nothing").returncode == 1
