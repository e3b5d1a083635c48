"""A write counter: every store or delete bumps it, so readers can cache what only
changes with the archive (the per-document facet labels).

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("archive_state", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("generation", sa.BigInteger, nullable=False))
    op.execute("INSERT INTO archive_state (id, generation) VALUES (1, 0)")


def downgrade() -> None:
    op.drop_table("archive_state")
