"""Settings come from POTLUCK_* variables when asked for, with embedded defaults."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from potluck.settings import Mode, load_settings


def test_defaults_are_embedded_sqlite_under_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("POTLUCK_DATABASE_URL", "POTLUCK_REDIS_URL", "POTLUCK_SECRET_KEY", "POTLUCK_MEDIA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("POTLUCK_VAR_DIR", str(tmp_path / "var"))
    settings = load_settings()
    assert settings.mode is Mode.EMBEDDED
    assert settings.resolved_database_url == f"sqlite+aiosqlite:///{tmp_path / 'var' / 'potluck.db'}"
    assert settings.resolved_media_dir == tmp_path / "var" / "media"


def test_secret_key_is_generated_once_and_kept_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("POTLUCK_SECRET_KEY", raising=False)
    monkeypatch.setenv("POTLUCK_VAR_DIR", str(tmp_path))
    first = load_settings().secret_key
    second = load_settings().secret_key
    assert first == second
    assert len(first) >= 40
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_redis_url_switches_to_distributed_mode_and_urls_get_async_drivers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("POTLUCK_SECRET_KEY", "x")
    monkeypatch.setenv("POTLUCK_REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("POTLUCK_DATABASE_URL", "postgres://postgres@127.0.0.1/potluck")
    settings = load_settings()
    assert settings.mode is Mode.DISTRIBUTED
    assert settings.resolved_database_url == "postgresql+asyncpg://postgres@127.0.0.1/potluck"
