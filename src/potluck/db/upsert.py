"""INSERT ... ON CONFLICT DO NOTHING on both SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert_or_ignore(session: AsyncSession, model: Any) -> Any:
    """An INSERT for ``model`` that skips rows clashing with a unique key.

    With ``.returning(...)`` it yields only the rows really inserted: the way to bump a
    counter exactly once however many requests race to insert the same row.
    """
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(model).on_conflict_do_nothing()


def dialect_insert(session: AsyncSession, model: Any) -> Any:
    """The database's own INSERT for ``model``, for ``on_conflict_do_update`` (the same
    call on SQLite and PostgreSQL)."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(model)
