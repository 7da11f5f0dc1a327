"""Settings, read from the environment (prefix ``POTLUCK_``) only when asked for.

Nothing here runs at import time: call :func:`load_settings` at a process boundary
(the CLI, the app factory, a test fixture) and pass the result down.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from limits import parse_many
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Mode(StrEnum):
    EMBEDDED = "embedded"
    DISTRIBUTED = "distributed"


class Settings(BaseSettings):
    """Every setting Potluck reads. Documented in the README's settings table."""

    model_config = SettingsConfigDict(env_prefix="POTLUCK_", extra="ignore")

    var_dir: Path = Path("var")
    database_url: str = ""
    redis_url: str = ""
    media_dir: Path | None = None
    secret_key: str = ""
    base_url: str = "http://127.0.0.1:8000"
    log_level: str = "INFO"
    log_format: Annotated[str, Field(pattern="^(json|console)$")] = "json"
    max_body_bytes: int = 1024 * 1024
    default_locale: str = "en"
    # Jobs: a running job's lease, renewed while it runs; a killed worker's jobs are
    # picked up again once it lapses.
    job_lease_seconds: float = 30.0
    job_timeout_seconds: float = 600.0
    job_max_attempts: int = 5
    # Run the job runner inside the web process (embedded mode only).
    embedded_worker: bool = True
    # Rate limits, in the ``limits`` library's notation ("10/hour; 3/minute"). Sign-ups and
    # log-ins per client IP; failed log-ins per account name (whether or not it exists).
    rate_limit_signup: str = "10/hour"
    rate_limit_login: str = "30/5minutes"
    rate_limit_login_account: str = "10/15minutes"
    # Per person: uploads, notes published, comments, and reactions (likes and collects).
    rate_limit_upload: str = "100/hour"
    rate_limit_note: str = "30/hour"
    rate_limit_comment: str = "20/minute; 300/day"
    rate_limit_react: str = "120/minute; 3000/day"
    # Follows and follow requests (blocks and mutes are never limited: they protect).
    rate_limit_follow: str = "60/minute; 1000/day"
    # Batches of Explore impressions and clicks, per person or visitor (each batch <= 100).
    rate_limit_feed_events: str = "30/minute; 2000/day"
    # Searches (a page of results, people or topics) and suggestions while typing, per
    # person or visitor.
    rate_limit_search: str = "60/minute; 3000/day"
    rate_limit_suggest: str = "300/minute"
    # Translations computed (not those already kept), per person or visitor.
    rate_limit_translate: str = "30/minute; 500/day"
    # Password hashing pool per process: threads (0 = one per CPU) and their CPU niceness
    # (0-19; higher favours other requests over sign-ups and log-ins when CPUs are busy).
    password_hash_threads: Annotated[int, Field(ge=0, le=64)] = 0
    password_hash_niceness: Annotated[int, Field(ge=0, le=19)] = 5
    # Largest avatar upload.
    max_avatar_bytes: int = 10 * 1024 * 1024
    # Uploads for notes: photos up to this size and pixel count (checked from the header
    # before decoding), videos up to this size and length; how many a process works on at once.
    max_image_bytes: int = 20 * 1024 * 1024
    max_image_pixels: int = 50_000_000
    max_video_bytes: int = 200 * 1024 * 1024
    max_video_seconds: int = 300
    media_processing_concurrency: Annotated[int, Field(ge=1, le=32)] = 2
    # Media storage: the local media dir unless a bucket is set, then any S3-compatible service.
    s3_bucket: str = ""
    s3_endpoint_url: str = ""
    s3_region: str = "us-east-1"
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    s3_public_url: str = ""
    # Reads shared by every logged-out visitor (a note with its first comments) are served
    # from a cache for this long (0 = off); edits, deletions and removed comments show at
    # once, counts and new comments within this many seconds. The embedded cache holds at
    # most cache_memory_bytes per process; in distributed mode Redis holds it.
    anonymous_cache_seconds: Annotated[float, Field(ge=0, le=300)] = 10.0
    cache_memory_bytes: Annotated[int, Field(ge=0)] = 64 * 1024 * 1024
    # Following feed, distributed mode: a new note is pushed into the timelines of its
    # author's followers who were active in the last feed_active_days days, each timeline
    # keeping its newest feed_timeline_size notes; authors with more than
    # feed_fanout_max_followers followers are not pushed but merged in when a timeline is read.
    feed_timeline_size: Annotated[int, Field(ge=50, le=10_000)] = 800
    feed_active_days: Annotated[int, Field(ge=1, le=365)] = 30
    feed_fanout_max_followers: Annotated[int, Field(ge=0)] = 100_000
    # Translation engines, tried in this order; each takes part once configured: "local"
    # when a model is installed in translation_models_dir (default <var_dir>/translation-models;
    # `potluck translation install FILE`), "libretranslate" with its URL (and key, if the
    # server wants one), "deepl" with a key. translation_threads: CPU threads per local
    # model (0: CTranslate2 chooses).
    translation_engines: str = "local,libretranslate,deepl"
    translation_models_dir: Path | None = None
    translation_threads: Annotated[int, Field(ge=0, le=64)] = 0
    translation_timeout_seconds: Annotated[float, Field(gt=0, le=600)] = 20.0
    libretranslate_url: str = ""
    libretranslate_key: str = ""
    deepl_key: str = ""
    deepl_url: str = ""

    @field_validator(
        "rate_limit_signup",
        "rate_limit_login",
        "rate_limit_login_account",
        "rate_limit_upload",
        "rate_limit_note",
        "rate_limit_comment",
        "rate_limit_react",
        "rate_limit_follow",
        "rate_limit_feed_events",
        "rate_limit_search",
        "rate_limit_suggest",
        "rate_limit_translate",
    )
    @classmethod
    def _check_rate_limit(cls, value: str) -> str:
        try:
            parse_many(value)
        except ValueError as error:
            raise ValueError(f"not a rate limit such as '10/hour': {value!r}") from error
        return value

    @field_validator("database_url")
    @classmethod
    def _normalise_database_url(cls, value: str) -> str:
        return normalise_database_url(value)

    @property
    def mode(self) -> Mode:
        return Mode.DISTRIBUTED if self.redis_url else Mode.EMBEDDED

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite+aiosqlite:///{self.var_dir / 'potluck.db'}"

    @property
    def resolved_media_dir(self) -> Path:
        return self.media_dir or self.var_dir / "media"

    @property
    def resolved_translation_models_dir(self) -> Path:
        return self.translation_models_dir or self.var_dir / "translation-models"

    @property
    def translation_engine_order(self) -> list[str]:
        return [name.strip() for name in self.translation_engines.split(",") if name.strip()]

    @field_validator("translation_engines")
    @classmethod
    def _check_engines(cls, value: str) -> str:
        unknown = {name.strip() for name in value.split(",") if name.strip()} - {
            "local",
            "libretranslate",
            "deepl",
        }
        if unknown:
            raise ValueError(
                f"unknown translation engines {sorted(unknown)}: use local, libretranslate, deepl"
            )
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    @property
    def rate_limits(self) -> dict[str, str]:
        return {
            "signup": self.rate_limit_signup,
            "login": self.rate_limit_login,
            "login_account": self.rate_limit_login_account,
            "upload": self.rate_limit_upload,
            "note": self.rate_limit_note,
            "comment": self.rate_limit_comment,
            "react": self.rate_limit_react,
            "follow": self.rate_limit_follow,
            "feed_events": self.rate_limit_feed_events,
            "search": self.rate_limit_search,
            "suggest": self.rate_limit_suggest,
            "translate": self.rate_limit_translate,
        }

    @property
    def secure_cookies(self) -> bool:
        return self.base_url.startswith("https://")


def normalise_database_url(url: str) -> str:
    """Accept the URLs people paste (``postgres://``, ``sqlite:///``) and pick async drivers."""
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url.removeprefix(prefix)
    if url.startswith("sqlite://") and not url.startswith("sqlite+aiosqlite://"):
        return "sqlite+aiosqlite://" + url.removeprefix("sqlite://")
    return url


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment, then make sure a secret key exists.

    When ``POTLUCK_SECRET_KEY`` is unset, a key is generated once and kept in
    ``<var_dir>/secret_key`` so sessions survive restarts.
    """
    settings = Settings(**overrides)  # type: ignore[arg-type]
    if not settings.secret_key:
        settings.secret_key = _persisted_secret(settings.var_dir / "secret_key")
    return settings


def _persisted_secret(path: Path) -> str:
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(key)
    tmp.chmod(0o600)
    tmp.replace(path)
    return path.read_text().strip()


SETTINGS_KEY = "potluck.settings"


def settings_of(info: Mapping[str, Any]) -> Settings:
    """The process's settings from a session's ``info`` or a job's ``resources``."""
    settings = info.get(SETTINGS_KEY)
    if not isinstance(settings, Settings):
        raise RuntimeError("no settings here: was this session or job made by a Runtime?")
    return settings
