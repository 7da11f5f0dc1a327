"""What both engines share: index rows from documents, and the filters' conditions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement

from potluck.kit.time import utcnow
from potluck.search.engine import Filters, NoteDocument
from potluck.search.models import SearchNote


def index_rows(documents: Sequence[NoteDocument]) -> list[dict[str, Any]]:
    now = utcnow()
    return [
        {
            "note_id": d.note_id,
            "terms": " ".join(d.terms),
            "category": d.category,
            "note_type": d.note_type,
            "published_at": d.published_at,
            "like_count": d.like_count,
            "indexed_at": now,
        }
        for d in documents
    ]


def filter_clauses(filters: Filters) -> list[ColumnElement[bool]]:
    clauses = []
    if filters.category is not None:
        clauses.append(SearchNote.category == filters.category)
    if filters.note_type is not None:
        clauses.append(SearchNote.note_type == filters.note_type)
    if filters.since is not None:
        clauses.append(SearchNote.published_at >= filters.since)
    return clauses
