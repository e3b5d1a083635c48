"""Indexes for search at archive scale: a covering index over the columns that search
facets and the unqueried list read (so a facet build or a date-ordered list scans a narrow
index instead of the wide document rows), and covering (document_id, label) indexes for
the campaign and award facets and the entity filters.

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_documents_facets": ("documents", ["year", "doc_type", "format", "date", "issuer", "place", "id"]),
    "ix_campaigns_document_label": ("campaigns", ["document_id", "canonical", "name"]),
    "ix_awards_document_award": ("awards", ["document_id", "award"]),
    "ix_people_name_key": ("people", ["name_key", "document_id"]),
}


def upgrade() -> None:
    for name, (table, cols) in INDEXES.items():
        op.create_index(name, table, cols)


def downgrade() -> None:
    for name, (table, _cols) in INDEXES.items():
        op.drop_index(name, table_name=table)
