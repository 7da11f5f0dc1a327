"""the search index of notes (SQLite FTS5 or PostgreSQL tsvector)

Revision ID: 5e7a1c3b9d20
Revises: 1df48bb56416
Create Date: 2026-12-04 20:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '5e7a1c3b9d20'
down_revision: str | None = '1df48bb56416'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('search_note',
    sa.Column('note_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('terms', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=12), nullable=False),
    sa.Column('note_type', sa.String(length=8), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('like_count', sa.Integer(), nullable=False),
    sa.Column('indexed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['note_id'], ['note.id'], name=op.f('fk_search_note_note_id_note'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('note_id', name=op.f('pk_search_note'))
    )
    with op.batch_alter_table('search_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_note_published_at'), ['published_at'], unique=False)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("ALTER TABLE search_note ADD COLUMN lexemes tsvector NOT NULL DEFAULT ''::tsvector")
        op.execute("CREATE INDEX ix_search_note_lexemes ON search_note USING gin (lexemes)")
    else:
        # Terms are analysed already: split on spaces only ("ascii" keeps every non-ASCII
        # character, and these ASCII ones, inside terms).
        op.execute(
            "CREATE VIRTUAL TABLE search_note_fts USING fts5(terms, content='search_note', "
            "content_rowid='note_id', tokenize=\"ascii tokenchars '#@_-'\")"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        op.execute("DROP TABLE search_note_fts")
    with op.batch_alter_table('search_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_note_published_at'))
    op.drop_table('search_note')
