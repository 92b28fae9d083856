"""Alembic environment: runs on the connection hecha hands over, or on sqlalchemy.url, or on
the URL of hecha's settings (HECHA_DATABASE_URL) when `alembic` is run by hand."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from service.storage.tables import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from service.config import get_settings
    from service.storage.db import make_engine

    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("hecha's migrations run online only (alembic upgrade head)")
run_migrations()
