"""search: SQLite's FTS5 table kept in step with the index rows by triggers

Revision ID: 6f2b8d4e1a37
Revises: 5e7a1c3b9d20
Create Date: 2026-12-04 20:40:00.000000

A note deleted with its index row (ON DELETE CASCADE) must leave FTS5 too: triggers on
``search_note`` do that for every insert, update and delete, whoever makes it.
"""

from collections.abc import Sequence

from alembic import op


revision: str = '6f2b8d4e1a37'
down_revision: str | None = '5e7a1c3b9d20'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FORGET = "INSERT INTO search_note_fts (search_note_fts, rowid, terms) VALUES ('delete', old.note_id, old.terms);"
_ADD = "INSERT INTO search_note_fts (rowid, terms) VALUES (new.note_id, new.terms);"


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        return
    op.execute(f"CREATE TRIGGER search_note_fts_insert AFTER INSERT ON search_note BEGIN {_ADD} END")
    op.execute(f"CREATE TRIGGER search_note_fts_delete AFTER DELETE ON search_note BEGIN {_FORGET} END")
    op.execute(f"CREATE TRIGGER search_note_fts_update AFTER UPDATE ON search_note BEGIN {_FORGET} {_ADD} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        return
    for name in ('insert', 'delete', 'update'):
        op.execute(f"DROP TRIGGER search_note_fts_{name}")
