"""The potluck command as an operator uses it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


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
    first = run(tmp_path, "demo")
    assert first.returncode == 0, first.stderr
    assert "demo / potluck-demo" in first.stdout
    second = run(tmp_path, "demo")
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
    for command in ("serve", "worker", "db", "demo", "admin"):
        assert command in result.stdout
