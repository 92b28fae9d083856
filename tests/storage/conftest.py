"""The storage suite runs on SQLite and on a fresh PostgreSQL database (see tests/api)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from service.config import Settings
from service.runtime import Service
from service.testing import database_for_tests


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with database_for_tests(request.param, tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Any:
    return tmp_path_factory.mktemp("data")


@pytest.fixture
def make_service(database_url: str, data_dir: Any) -> Iterator[Callable[..., Service]]:
    """Services on the session's database (migrated, worker not started unless asked);
    all stopped after the test."""
    started: list[Service] = []

    def make(*, worker: bool = False, **overrides: Any) -> Service:
        settings = Settings(data_dir=data_dir, database_url=database_url, max_concurrent_jobs=1,
                            job_lease_s=5, poll_interval_s=0.1, **overrides)
        service = Service(settings)
        service.start(worker=worker, warm=False)
        started.append(service)
        return service

    yield make
    for service in started:
        service.stop()
