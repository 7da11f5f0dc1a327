"""Which search engine a session uses: that of its database."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.search.engine import SearchEngine
from potluck.search.engine_postgres import PostgresEngine
from potluck.search.engine_sqlite import SqliteEngine


def engine_for(session: AsyncSession) -> SearchEngine:
    return PostgresEngine() if session.get_bind().dialect.name == "postgresql" else SqliteEngine()
