"""``column IN (ids)`` as one parameter on PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ARRAY, BigInteger, ColumnElement, any_, literal
from sqlalchemy.ext.asyncio import AsyncSession


def among(session: AsyncSession, column: Any, ids: Sequence[int]) -> ColumnElement[bool]:
    """``column IN ids``. On PostgreSQL as ``= ANY(array)``: one parameter, so one prepared
    statement whatever the number of IDs (asyncpg prepares each distinct SQL text, and an
    expanded IN list of 600 candidates is a new text for every length, rendered parameter
    by parameter on every call)."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(literal(list(ids), ARRAY(BigInteger)))  # type: ignore[no-any-return]
    return column.in_(ids)  # type: ignore[no-any-return]
