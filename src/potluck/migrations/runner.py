"""Run Alembic programmatically on an async engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from potluck.db.engine import create_engine
from potluck.db.types import UTCDateTime

MIGRATIONS_DIR = Path(__file__).parent


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


async def upgrade(database_url: str, revision: str = "head") -> None:
    engine = create_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_upgrade, revision)
    finally:
        await engine.dispose()


def _upgrade(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:  # noqa: ARG001 - Alembic hook
    """Render our column types as plain SQLAlchemy so migrations never import Potluck code."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


# What the search engines keep beside their tables, made by migrations for one database
# only and unknown to the models: autogenerate must neither drop nor create them.
ENGINE_OWNED_TABLES = ("search_note_fts", "search_note_vocab")  # and FTS5's shadow tables
ENGINE_OWNED_COLUMNS = frozenset({("search_note", "lexemes")})
ENGINE_OWNED_INDEXES = frozenset(
    {
        "ix_search_note_lexemes",
        "ix_user_account_username_key_trgm",
        "ix_user_account_display_name_trgm",
        "ix_hashtag_key_trgm",
        "ix_user_account_username_key_prefix",
        "ix_user_account_display_name_prefix",
        "ix_hashtag_key_prefix",
    }
)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:  # noqa: ARG001 - Alembic hook
    """Leave the search engines' own objects out of autogenerate's comparison."""
    if type_ == "table":
        return not (name or "").startswith(ENGINE_OWNED_TABLES)
    if type_ == "column":
        return (obj.table.name, name) not in ENGINE_OWNED_COLUMNS
    if type_ == "index":
        return name not in ENGINE_OWNED_INDEXES
    return True
