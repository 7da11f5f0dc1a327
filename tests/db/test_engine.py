"""Which transactions each kind of session opens."""

from __future__ import annotations

from sqlalchemy import text

from potluck.db.engine import IMMEDIATE, Database


async def test_reading_and_writing_sessions_begin_as_their_backend_needs(database_url: str) -> None:
    database = Database(database_url)
    try:
        async with database.session(writing=True) as writer:
            connection = await writer.connection()
            options = connection.sync_connection.get_execution_options()  # type: ignore[union-attr]
            if database.is_sqlite:
                # Read-then-write transactions take SQLite's write lock up front.
                assert options.get(IMMEDIATE) is True
            else:
                assert "isolation_level" not in options
            assert (await writer.execute(text("SELECT 1"))).scalar_one() == 1
        async with database.session() as reader:
            connection = await reader.connection()
            options = connection.sync_connection.get_execution_options()  # type: ignore[union-attr]
            if database.is_sqlite:
                assert not options.get(IMMEDIATE)
            else:
                # GET requests on PostgreSQL skip BEGIN/COMMIT: one round trip per query.
                assert options.get("isolation_level") == "AUTOCOMMIT"
            assert (await reader.execute(text("SELECT 1"))).scalar_one() == 1
    finally:
        await database.dispose()
