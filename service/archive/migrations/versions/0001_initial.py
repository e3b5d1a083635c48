"""Initial archive: documents, their entities, and the full-text index.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

T = sa.Text


def _offsets() -> list[sa.Column]:
    return [sa.Column("start_offset", sa.Integer), sa.Column("end_offset", sa.Integer)]


def _doc_fk() -> sa.Column:
    return sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"),
                     nullable=False)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("filename", T, nullable=False),
        sa.Column("format", T, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("doc_type", T, nullable=False),
        sa.Column("title", T), sa.Column("number", T), sa.Column("issuer", T),
        sa.Column("parent_issuer", T), sa.Column("place", T), sa.Column("date", T),
        sa.Column("year", sa.Integer), sa.Column("period", T), sa.Column("signer", T),
        sa.Column("signer_title", T), sa.Column("author", T), sa.Column("pages", sa.Integer),
        sa.Column("ocr", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", T, nullable=False),
        sa.Column("text_folded", T, nullable=False),
        sa.Column("title_key", T, nullable=False),
        sa.Column("entities_folded", T, nullable=False),
        sa.Column("issuer_key", T, nullable=False),
        sa.Column("place_key", T, nullable=False),
        sa.Column("record", T, nullable=False),
    )
    for col in ("year", "doc_type", "issuer_key", "place_key", "created_at"):
        op.create_index(f"ix_documents_{col}", "documents", [col])

    op.create_table(
        "sections", sa.Column("id", sa.Integer, primary_key=True), _doc_fk(),
        sa.Column("sid", T, nullable=False), sa.Column("parent", T), sa.Column("number", T),
        sa.Column("title", T, nullable=False), sa.Column("level", sa.Integer, nullable=False),
        *_offsets())
    op.create_table(
        "indicators", sa.Column("id", sa.Integer, primary_key=True), _doc_fk(),
        sa.Column("text", T, nullable=False), sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", T, nullable=False), sa.Column("of", sa.Float), sa.Column("qualifier", T),
        sa.Column("measure", T), sa.Column("measure_key", T, nullable=False),
        sa.Column("relation", T), sa.Column("baseline", T), sa.Column("subject", T), *_offsets())
    op.create_table(
        "campaigns", sa.Column("id", sa.Integer, primary_key=True), _doc_fk(),
        sa.Column("name", T, nullable=False), sa.Column("canonical", T),
        sa.Column("name_key", T, nullable=False), sa.Column("mentions", sa.Integer, nullable=False),
        *_offsets())
    op.create_table(
        "awards", sa.Column("id", sa.Integer, primary_key=True), _doc_fk(),
        sa.Column("award", T, nullable=False), sa.Column("award_key", T, nullable=False),
        sa.Column("grade", T), sa.Column("authority", T), sa.Column("recipient", T),
        sa.Column("recipient_key", T, nullable=False), sa.Column("count", sa.Integer),
        sa.Column("status", T, nullable=False), sa.Column("year", sa.Integer),
        sa.Column("issuer", T), *_offsets())
    op.create_table(
        "people", sa.Column("id", sa.Integer, primary_key=True), _doc_fk(),
        sa.Column("name", T, nullable=False), sa.Column("name_key", T, nullable=False),
        sa.Column("honorific", T), sa.Column("role", T), sa.Column("place", T),
        sa.Column("place_key", T, nullable=False), *_offsets())
    for table in ("sections", "indicators", "campaigns", "awards", "people"):
        op.create_index(f"ix_{table}_document_id", table, ["document_id"])
    op.create_index("ix_awards_year", "awards", ["year"])

    if op.get_bind().dialect.name == "sqlite":
        # External-content FTS5 over the folded columns, kept in step by triggers.
        op.execute("""CREATE VIRTUAL TABLE documents_fts USING fts5(
            title_key, text_folded, entities_folded,
            content='documents', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2')""")
        op.execute("""CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title_key, text_folded, entities_folded)
            VALUES (new.id, new.title_key, new.text_folded, new.entities_folded); END""")
        op.execute("""CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title_key, text_folded, entities_folded)
            VALUES ('delete', old.id, old.title_key, old.text_folded, old.entities_folded); END""")
        op.execute("""CREATE TRIGGER documents_fts_au AFTER UPDATE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title_key, text_folded, entities_folded)
            VALUES ('delete', old.id, old.title_key, old.text_folded, old.entities_folded);
            INSERT INTO documents_fts(rowid, title_key, text_folded, entities_folded)
            VALUES (new.id, new.title_key, new.text_folded, new.entities_folded); END""")
    else:
        # Folded columns are already lower case without marks; 'simple' only tokenises.
        # The body is capped so a huge document cannot exceed tsvector's 1 MB limit.
        op.execute("""ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', title_key), 'A') ||
            setweight(to_tsvector('simple', entities_folded), 'B') ||
            setweight(to_tsvector('simple', left(text_folded, 200000)), 'D')) STORED""")
        op.execute("CREATE INDEX ix_documents_search ON documents USING gin (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in ("people", "awards", "campaigns", "indicators", "sections", "documents"):
        op.drop_table(table)
