"""notes and comments language

Revision ID: 7c2e5a9d4f13
Revises: 9d41c7e2b6a8
Create Date: 2026-12-05 02:00:00.000000

Each note and comment carries the language it is written in (BCP-47, ``und`` when
unsure), detected when saved. Those saved before are detected here, a batch at a time
(about 20,000 texts a second).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from potluck.kit.language import detect_language

revision: str = '7c2e5a9d4f13'
down_revision: str | None = '9d41c7e2b6a8'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2_000


def upgrade() -> None:
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=16), server_default='und', nullable=False))
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=16), server_default='und', nullable=False))
    _detect('note', 'title, body')
    _detect('comment', 'body')


def _detect(table: str, columns: str) -> None:
    connection = op.get_bind()
    after = -1
    while True:
        rows = connection.execute(
            sa.text(f"SELECT id, {columns} FROM {table} WHERE id > :after ORDER BY id LIMIT :batch"),  # noqa: S608
            {"after": after, "batch": BATCH},
        ).all()
        if not rows:
            return
        updates = [{"id": row[0], "language": detect_language(*row[1:])} for row in rows]
        connection.execute(sa.text(f"UPDATE {table} SET language = :language WHERE id = :id"), updates)  # noqa: S608
        after = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_column('language')
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_column('language')
