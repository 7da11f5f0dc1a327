"""Create and drop throwaway PostgreSQL databases for tests."""

from __future__ import annotations

import os

import asyncpg
from sqlalchemy.engine import make_url


def _server_dsn(url: str) -> tuple[str, str]:
    parsed = make_url(url)
    admin = parsed.set(drivername="postgresql", database="postgres")
    return admin.render_as_string(hide_password=False), parsed.render_as_string(hide_password=False)


async def create_postgres_database(base_url: str, name: str) -> str:
    """A fresh database named after ``name`` and this process; returns its SQLAlchemy URL."""
    name = f"{name}_{os.getpid()}".lower()
    admin_dsn, _ = _server_dsn(base_url)
    connection = await asyncpg.connect(admin_dsn)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return make_url(base_url).set(database=name).render_as_string(hide_password=False)


async def drop_postgres_database(url: str) -> None:
    admin_dsn, _ = _server_dsn(url)
    name = make_url(url).database
    connection = await asyncpg.connect(admin_dsn)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()
