"""Migrations build the schema from empty on SQLite and PostgreSQL, and match the models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from potluck.db.engine import create_engine
from potluck.migrations.runner import include_object, render_item, upgrade
from potluck.models import metadata
from potluck.settings import normalise_database_url
from tests.conftest import TEST_DATABASE_URL
from tests.support.databases import create_postgres_database, drop_postgres_database


def _differences(connection: Connection) -> list[Any]:
    opts = {"compare_type": True, "render_item": render_item, "include_object": include_object}
    context = MigrationContext.configure(connection, opts=opts)
    return list(compare_metadata(context, metadata))


async def test_migrations_match_the_models(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(_differences)
    finally:
        await engine.dispose()
    assert differences == [], f"models and migrations disagree; write a migration: {differences}"


async def test_upgrade_from_empty_creates_every_table(tmp_path: Path) -> None:
    if TEST_DATABASE_URL:
        url = await create_postgres_database(normalise_database_url(TEST_DATABASE_URL), "potluck_migrate")
    else:
        url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    try:
        await upgrade(url)
        await upgrade(url)  # a second run is a no-op
        engine = create_engine(url)
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
        await engine.dispose()
        assert set(metadata.tables) <= tables
        assert "alembic_version" in tables
    finally:
        if TEST_DATABASE_URL:
            await drop_postgres_database(url)
