"""The API suite runs against a live server (uvicorn on a free loopback port, httpx over
HTTP), once on SQLite and once on a fresh PostgreSQL database.

PostgreSQL tests are skipped when no server answers on 127.0.0.1:5432, except under CI
(CI=true), where they must run: .ci/run starts PostgreSQL first.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest
from apihelp import INLINE_MAX, MAX_UPLOAD, ClientFactory, new_key

from service.app import create_app
from service.config import Settings
from service.testing import LiveServer, database_for_tests


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with database_for_tests(request.param, tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("data"), database_url=database_url,
                    inline_max_bytes=INLINE_MAX, max_upload_bytes=MAX_UPLOAD, job_timeout_s=60,
                    rate_limit_per_minute=0, rate_limit_anonymous_per_minute=0, max_concurrent_jobs=2,
                    job_lease_s=5, poll_interval_s=0.2)


@pytest.fixture(scope="session")
def server(settings: Settings) -> Iterator[LiveServer]:
    with LiveServer(create_app(settings)) as live:
        yield live


@pytest.fixture
def make_client(server: LiveServer) -> Iterator[ClientFactory]:
    """Clients with a key of a new tenant each (or of `tenant`), closed after the test."""
    clients: list[httpx.Client] = []

    def make(tenant: str | None = None, key: str | None = None) -> httpx.Client:
        key = key or new_key(server, tenant or f"tenant-{uuid.uuid4().hex[:8]}")
        client = httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {key}"}, timeout=60)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client: ClientFactory) -> httpx.Client:
    return make_client()
