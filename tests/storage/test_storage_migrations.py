"""The Alembic migrations build exactly the schema of service/storage/tables.py."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from service.storage import make_engine, upgrade
from service.storage.db import alembic_config
from service.storage.tables import Base


def test_migrations_match_the_models_and_are_idempotent(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        upgrade(engine)  # a second start-up changes nothing
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        assert set(inspect(engine).get_table_names()) >= {
            "tenants", "api_keys", "blobs", "documents", "reports", "jobs", "reviews", "alembic_version"}
    finally:
        engine.dispose()


def test_alembic_config_points_at_the_packaged_migrations(database_url: str) -> None:
    config = alembic_config(database_url)
    heads = command.ScriptDirectory.from_config(config).get_heads()  # type: ignore[attr-defined]
    assert heads == ["0002"]
