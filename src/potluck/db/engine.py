"""Engine and session factory for SQLite (embedded) and PostgreSQL (distributed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

SQLITE_BUSY_TIMEOUT_MS = 5000
# Execution option: open the transaction with BEGIN IMMEDIATE (SQLite only).
IMMEDIATE = "potluck_sqlite_immediate"


def create_engine(url: str, *, echo: bool = False, pool_size: int = 10) -> AsyncEngine:
    """Create an engine tuned for the backend.

    SQLite gets WAL (readers never block the writer), foreign keys, a busy timeout, and
    explicit BEGIN so savepoints work (pysqlite's own transaction handling breaks them).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            url,
            echo=echo,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        )
        _configure_sqlite(engine)
        return engine
    # No pool_pre_ping: the ping cost ~0.4 ms of CPU and a round trip on every checkout,
    # a quarter of a profile read (docs/benchmarks.md). A connection the server dropped
    # fails the one request that finds it; SQLAlchemy then invalidates the whole pool, and
    # pool_recycle keeps connections younger than server-side idle timeouts.
    return create_async_engine(
        url, echo=echo, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=False, pool_recycle=1800
    )


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the driver; SQLAlchemy emits BEGIN below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A writing transaction takes the write lock up front. A deferred one that reads
        # and then writes fails at once with SQLITE_BUSY (the busy timeout does not help)
        # when another connection committed since its read, which concurrent sign-ups do.
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_sessionmaker(
    bind: Any, *, info: dict[str, Any] | None = None, **kwargs: Any
) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(bind, expire_on_commit=False, autoflush=True, info=info or {}, **kwargs)


class Database:
    """The engine and the session factory of one process.

    A holder rather than two globals so tests can point every component at a session
    factory bound to their own connection (see tests/conftest.py).
    """

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = create_engine(url, echo=echo)
        self.sessionmaker = create_sessionmaker(self.engine)
        self._writing_engine = self.engine.execution_options(**{IMMEDIATE: True})
        self._reading_engine = self.engine.execution_options(isolation_level="AUTOCOMMIT")

    def session(self, *, writing: bool = False) -> AsyncSession:
        """A new session for a unit of work that writes (``writing``) or mostly reads.

        On SQLite a writing session takes the write lock when it begins (BEGIN IMMEDIATE),
        so concurrent writers queue on the busy timeout instead of failing. On PostgreSQL a
        reading session runs in autocommit: no BEGIN and COMMIT round trips around its
        queries (each already sees its own snapshot under READ COMMITTED), and the odd
        bookkeeping write of a GET (a session's last-seen time) commits by itself.
        """
        if self.sessionmaker.kw.get("bind") is self.engine:
            if writing and self.is_sqlite:
                return self.sessionmaker(bind=self._writing_engine)
            if not writing and not self.is_sqlite:
                return self.sessionmaker(bind=self._reading_engine)
        return self.sessionmaker()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    async def dispose(self) -> None:
        await self.engine.dispose()
