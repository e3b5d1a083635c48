"""Recipients and their award history (service/recipients): people, collectives and
households resolved across documents, each award a document states for them with its
span, and candidate links between recipients that may be the same. The index is filled
from the stored records when the archive is opened (`recipients_version` below the code's
LINKAGE_VERSION), so an archive upgraded from 0003 gets its history without a re-import.

Revision ID: 0005
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

T = sa.Text


def _fk(column: str, table: str) -> sa.Column:
    return sa.Column(column, sa.Integer, sa.ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.add_column("archive_state", sa.Column("recipients_version", sa.Integer, nullable=False, server_default="0"))
    op.create_table(
        "recipients", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False), sa.Column("name", T, nullable=False),
        sa.Column("name_key", T, nullable=False), sa.Column("accented_key", T, nullable=False),
        sa.Column("given_key", sa.String(64), nullable=False), sa.Column("role", T),
        sa.Column("unit_key", T, nullable=False), sa.Column("places", T, nullable=False),
        sa.Column("place", T), sa.Column("search_key", T, nullable=False),
        sa.Column("award_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("first_year", sa.Integer), sa.Column("last_year", sa.Integer))
    op.create_index("ix_recipients_name_key", "recipients", ["name_key", "kind"])
    op.create_index("ix_recipients_given_key", "recipients", ["given_key", "kind"])
    # Facets and the unqueried list read these alone.
    op.create_index("ix_recipients_facets", "recipients", ["kind", "place", "award_count", "id"])
    op.create_table(
        "recipient_awards", sa.Column("id", sa.Integer, primary_key=True),
        _fk("recipient_id", "recipients"), _fk("document_id", "documents"),
        sa.Column("award_index", sa.Integer, nullable=False), sa.Column("name", T, nullable=False),
        sa.Column("role", T), sa.Column("places", T, nullable=False), sa.Column("award", T, nullable=False), sa.Column("award_key", T, nullable=False),
        sa.Column("grade", sa.String(64)), sa.Column("authority", T), sa.Column("year", sa.Integer),
        sa.Column("decision", sa.String(256)), sa.Column("decision_key", sa.String(256), nullable=False),
        sa.Column("decision_date", sa.String(10)), sa.Column("status", sa.String(16), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("start_offset", sa.Integer, nullable=False), sa.Column("end_offset", sa.Integer, nullable=False),
        sa.Column("span_text", T, nullable=False), sa.Column("name_start", sa.Integer),
        sa.Column("name_end", sa.Integer))
    op.create_index("ix_recipient_awards_recipient_id", "recipient_awards", ["recipient_id", "year"])
    op.create_index("ix_recipient_awards_document_id", "recipient_awards", ["document_id"])
    op.create_index("ix_recipient_awards_decision_key", "recipient_awards", ["decision_key"])
    op.create_table(
        "recipient_links", sa.Column("id", sa.Integer, primary_key=True),
        _fk("recipient_id", "recipients"), _fk("other_id", "recipients"), _fk("document_id", "documents"),
        sa.Column("score", sa.Float, nullable=False), sa.Column("reason", T, nullable=False))
    for col in ("recipient_id", "other_id", "document_id"):
        op.create_index(f"ix_recipient_links_{col}", "recipient_links", [col])

    if op.get_bind().dialect.name == "sqlite":
        op.execute("""CREATE VIRTUAL TABLE recipients_fts USING fts5(
            search_key, content='recipients', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""")
        op.execute("""CREATE TRIGGER recipients_fts_ai AFTER INSERT ON recipients BEGIN
            INSERT INTO recipients_fts(rowid, search_key) VALUES (new.id, new.search_key); END""")
        op.execute("""CREATE TRIGGER recipients_fts_ad AFTER DELETE ON recipients BEGIN
            INSERT INTO recipients_fts(recipients_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key); END""")
        op.execute("""CREATE TRIGGER recipients_fts_au AFTER UPDATE OF search_key ON recipients BEGIN
            INSERT INTO recipients_fts(recipients_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
            INSERT INTO recipients_fts(rowid, search_key) VALUES (new.id, new.search_key); END""")
    else:
        op.execute("""ALTER TABLE recipients ADD COLUMN search_vector tsvector
            GENERATED ALWAYS AS (to_tsvector('simple', search_key)) STORED""")
        op.execute("CREATE INDEX ix_recipients_search ON recipients USING gin (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS recipients_fts")
    op.drop_table("recipient_links")
    op.drop_table("recipient_awards")
    op.drop_table("recipients")
    with op.batch_alter_table("archive_state") as batch:
        batch.drop_column("recipients_version")
