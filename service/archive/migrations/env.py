"""Alembic environment, run programmatically by `service.archive.db.migrate` with an open
connection in `config.attributes["connection"]` (no alembic.ini, no logging setup)."""
from alembic import context

from service.archive.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
