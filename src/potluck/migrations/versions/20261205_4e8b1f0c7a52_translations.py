"""translations kept, and the setting to translate at once

Revision ID: 4e8b1f0c7a52
Revises: 7c2e5a9d4f13
Create Date: 2026-12-05 03:40:00.000000

One row per translated text, language pair and engine (``potluck.translation.models``);
``user_account.auto_translate`` for "always translate notes in languages I don't speak".
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import potluck.db.types

revision: str = '4e8b1f0c7a52'
down_revision: str | None = '7c2e5a9d4f13'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'translation',
        sa.Column('content_hash', sa.String(length=64), nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('target', sa.String(length=16), nullable=False),
        sa.Column('engine', sa.String(length=32), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_at', potluck.db.types.UTCDateTime(), nullable=False),
        sa.Column('id', potluck.db.types.BigId, autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_translation')),
        sa.UniqueConstraint('content_hash', 'source', 'target', 'engine', name=op.f('uq_translation_content_hash_source_target_engine')),
    )
    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.create_index('ix_translation_created_at', ['created_at'], unique=False)
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('auto_translate', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('auto_translate')
    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.drop_index('ix_translation_created_at')
    op.drop_table('translation')
