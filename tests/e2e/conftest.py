"""A headless Chromium driven by Playwright, for tests that use pages as a person would.

Playwright's own browser download is not available here: the tests drive Debian's
Chromium (installed by scripts/install-system-deps.sh, which `make test` runs). Without it
the tests are skipped, except under CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from service.app import create_app
from service.config import Settings
from service.storage import keys
from service.testing import LiveServer, database_for_tests

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: run scripts/install-system-deps.sh")
        pytest.skip("chromium not installed (scripts/install-system-deps.sh)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A live server on SQLite and a key of a tenant of reviewers: (server, key)."""
    tmp = tmp_path_factory.mktemp("ui")
    with database_for_tests("sqlite", tmp) as url:
        settings = Settings(data_dir=tmp / "data", database_url=url, rate_limit_per_minute=0,
                            max_concurrent_jobs=1, poll_interval_s=0.2)
        with LiveServer(create_app(settings)) as live:
            with live.app.state.service.writes.begin() as session:
                key, _ = keys.create_key(session, "reviewers")
            yield live, key
