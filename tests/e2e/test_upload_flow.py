"""A reviewer's path through the browser interface: upload a seed, read the report, list."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.app import create_app
from service.config import Settings
from service.storage import keys
from service.testing import LiveServer, database_for_tests

SEED = Path(__file__).resolve().parents[2] / "corpora" / "seeds" / "001_d6c1622c84f33c18.txt"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ui")
    with database_for_tests("sqlite", tmp) as url:
        settings = Settings(data_dir=tmp / "data", database_url=url, rate_limit_per_minute=0,
                            max_concurrent_jobs=1, poll_interval_s=0.2)
        with LiveServer(create_app(settings)) as live:
            with live.app.state.service.writes.begin() as session:
                key, _ = keys.create_key(session, "reviewers")
            yield live, key


def test_upload_read_and_list(page, server, artifacts):
    live, key = server
    # the pages run under the server's Content-Security-Policy: nothing of theirs is refused
    refused = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and refused.append(msg.text))
    page.goto(live.url + "/ui")
    page.fill("#api-key", key)
    page.dispatch_event("#api-key", "change")
    page.set_input_files("#file", str(SEED))
    page.click("button[type=submit]")
    page.wait_for_url("**/ui/documents/*", timeout=60_000)
    frame_element = page.wait_for_selector("#report:not([hidden])", timeout=60_000)
    frame = frame_element.content_frame()
    assert frame is not None
    frame.wait_for_selector("mark.f")
    # the 公务接待费 rate of seed 001 divided by the current year: click it, read why
    frame.locator("mark.f", has_text="39.66%").first.click()
    message = frame.locator("#d-zh").inner_text()
    assert "39.66%" in message and "28.4" in message
    assert frame.locator("mark.f.active").count() >= 3  # the rate, the change, the current value
    assert frame_element.get_attribute("sandbox") == "allow-scripts"
    assert refused == []
    page.screenshot(path=str(artifacts / "ui-report-001.png"))
    page.goto(live.url + "/ui/documents")
    row = page.locator("#documents tbody tr", has_text=SEED.name)
    row.wait_for()
    assert "done" in row.inner_text()
