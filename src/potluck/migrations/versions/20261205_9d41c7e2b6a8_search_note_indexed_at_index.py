"""search note indexed_at index

Revision ID: 9d41c7e2b6a8
Revises: b5776b6d6bbe
Create Date: 2026-12-05 00:45:00.000000

A kept relevance ranking takes in what was indexed since it was read
(``potluck.search.ranking``): the index rows written since a moment, by an index.
"""

from collections.abc import Sequence

from alembic import op


revision: str = '9d41c7e2b6a8'
down_revision: str | None = 'b5776b6d6bbe'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('search_note', schema=None) as batch_op:
        batch_op.create_index('ix_search_note_indexed_at', ['indexed_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('search_note', schema=None) as batch_op:
        batch_op.drop_index('ix_search_note_indexed_at')
