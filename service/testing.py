"""Helpers for testing the service for real: a live server on a free loopback port, and a
throw-away PostgreSQL database. Used by tests/api and tests/storage."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import uvicorn
from fastapi import FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

#: Where the tests find PostgreSQL; a database of their own is created there and dropped.
POSTGRES_URL = os.environ.get("HECHA_TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")


class LiveServer:
    """`app` served by uvicorn in a thread on 127.0.0.1 (lifespan included) while in `with`."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says
        # TCP, and without it every response waits ~40 ms for a delayed ACK (Nagle).
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port: int = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._sock]},
                                        name="hecha-live-server", daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 60
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start (see its log above)")
            time.sleep(0.02)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._server.should_exit = True
        self._thread.join(30)
        self._sock.close()


def postgres_reachable(url: str = POSTGRES_URL) -> bool:
    engine = create_engine(url, pool_pre_ping=False)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
    finally:
        engine.dispose()


@contextmanager
def postgres_database(url: str = POSTGRES_URL) -> Iterator[str]:
    """A fresh database `hecha_test_<random>` on the server of `url`; dropped afterwards."""
    name = f"hecha_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def database_for_tests(kind: str, tmp_dir: Path) -> contextlib.AbstractContextManager[str]:
    """A database URL for a test session: SQLite under `tmp_dir`, or a fresh PostgreSQL
    database. PostgreSQL out of reach skips the tests, except under CI (CI=true), where
    that is a failure."""
    if kind == "sqlite":
        return contextlib.nullcontext(f"sqlite:///{tmp_dir / 'hecha.db'}")
    import pytest

    if not postgres_reachable():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"PostgreSQL is not reachable ({POSTGRES_URL}) and CI is set")
        pytest.skip(f"PostgreSQL is not reachable ({POSTGRES_URL})")
    return postgres_database()
