"""A reviewer's path through the browser interface: upload a seed, read the report, list."""

from __future__ import annotations

import corpora

SEED = corpora.seed("001")


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
