"""Engine, sessions and migrations, for SQLite (embedded default) and PostgreSQL (psycopg 3).

SQLite needs care to be safe with several threads: WAL so readers never block, a busy
timeout so writers wait instead of failing, foreign keys on, and every transaction that
will write opened with BEGIN IMMEDIATE (sessions from `make_sessions(engine, write=True)`):
a deferred transaction that reads and then writes fails at once (SQLITE_BUSY, no waiting)
when another connection wrote in between. Read-only sessions stay deferred, so reads never
wait for writers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str) -> Engine:
    """An engine for `url`; a SQLite file's directory is created if missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_size=10, max_overflow=20,
                           connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_conn.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=30000"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("hecha_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def make_sessions(engine: Engine, *, write: bool = False) -> sessionmaker[Session]:
    """Sessions for reading, or (`write`) for transactions that write."""
    bind = engine.execution_options(hecha_write=True) if write else engine
    return sessionmaker(bind, expire_on_commit=False)


def alembic_config(url: str) -> Config:
    """Alembic's configuration without an ini file (alembic.ini at the root does the same)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to `revision` (idempotent; runs at start-up and in `hecha db upgrade`)."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.execution_options(hecha_write=True).begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def ping(engine: Engine) -> None:
    """Raise if the database cannot answer a trivial query (readiness)."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
