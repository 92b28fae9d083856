"""Small things a new user of the browser interface meets first: the list loads when the
key is typed, filters and a search by name, the annotated copy downloads with its own
extension, and the clicked finding's explanation stays in view."""

from __future__ import annotations

import time

import httpx
import pytest

import corpora
from corpora import make_fixtures
from service.output.report import render_report

SEED = corpora.seed("001")


@pytest.fixture(scope="module")
def uploaded(server, tmp_path_factory):
    """A seed with findings, a text without a figure and a Word report, uploaded by the API:
    {name: id}."""
    live, key = server
    docx = tmp_path_factory.mktemp("docx") / "report.docx"
    make_fixtures.make_docx(make_fixtures.blocks(make_fixtures.seed_lines()), docx)
    files = {SEED.name: SEED.read_bytes(), "plain-说明.txt": "没有任何数字的说明。".encode(),
             "决算报告.docx": docx.read_bytes()}
    ids = {}
    with httpx.Client(base_url=live.url, headers={"Authorization": f"Bearer {key}"}, timeout=60) as api:
        for name, data in files.items():
            body = api.post("/v1/documents", files={"file": (name, data)}).json()
            ids[name] = body["document"]["id"]
        for doc_id in ids.values():
            deadline = time.monotonic() + 60
            while api.get(f"/v1/documents/{doc_id}").json()["status"] not in ("done", "failed"):
                assert time.monotonic() < deadline
                time.sleep(0.2)
    return ids


expect = pytest.importorskip("playwright.sync_api").expect


def _names(page) -> list[str]:
    return sorted(page.locator("#documents tbody tr td:first-child").all_inner_texts())


def test_the_list_loads_when_the_key_is_typed_and_filters_by_status_severity_and_name(
        page, server, uploaded, artifacts):
    live, key = server
    page.goto(live.url + "/ui/documents")  # no key yet: the list cannot load
    expect(page.locator("#status")).not_to_be_empty()
    rows = page.locator("#documents tbody tr")
    assert rows.count() == 0
    page.locator("#api-key").press_sequentially(key, delay=5)  # typed, no reload, no Enter
    expect(rows).to_have_count(3, timeout=10_000)
    assert _names(page) == sorted(uploaded)
    page.select_option("#list-filters select[name=severity]", "error")
    expect(rows).to_have_count(2)
    assert "plain-说明.txt" not in _names(page)
    page.select_option("#list-filters select[name=severity]", "")
    page.fill("#list-filters input[name=name]", "说明")
    expect(rows).to_have_count(1)
    assert _names(page) == ["plain-说明.txt"]
    assert "1 个文档" in page.locator("#status").inner_text()
    page.select_option("#list-filters select[name=status]", "failed")
    expect(rows).to_have_count(0)
    page.screenshot(path=str(artifacts / "ui-list-filters.png"))


@pytest.mark.parametrize(("name", "suffix"), [("决算报告.docx", ".docx"), (SEED.name, ".html")])
def test_the_annotated_copy_downloads_with_its_extension(page, server, uploaded, name, suffix):
    live, key = server
    page.goto(live.url + "/ui")
    page.fill("#api-key", key)
    page.dispatch_event("#api-key", "change")
    page.goto(f"{live.url}/ui/documents/{uploaded[name]}")
    page.wait_for_selector("#annotated:not([hidden])", timeout=30_000)
    with page.expect_download() as info:
        page.click("#annotated")
    download = info.value
    stem = name.rsplit(".", 1)[0]
    assert download.suggested_filename == f"{stem}.annotated{suffix}"


@pytest.mark.parametrize("width", [1400, 700])
def test_the_clicked_findings_explanation_stays_in_view(browser, reports, tmp_path, width, artifacts):
    report = reports["003_4b65da696dc0427c.txt"]
    path = tmp_path / "report.html"
    path.write_text(render_report(report), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 700}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(path.as_uri())
        last = page.locator("li.finding").last
        last.scroll_into_view_if_needed()  # far down the list (or the page, in one column)
        last.click()
        detail = page.locator("#detail")
        assert detail.is_visible()
        box = detail.bounding_box()
        assert box is not None and box["y"] >= -1 and box["y"] + min(box["height"], 50) <= 700
        clicked = report.findings[int(last.get_attribute("data-i") or "")]
        assert page.locator("#d-zh").inner_text() == clicked.message_zh
        page.screenshot(path=str(artifacts / f"report-detail-in-view-{width}.png"))
    finally:
        context.close()


@pytest.mark.parametrize(("path", "selector"), [("/docs", ".swagger-ui .info .title"),
                                                ("/redoc", "h1:has-text('hecha')")])
def test_the_api_docs_render_with_no_other_host_reachable(page, server, path, selector):
    live, _ = server
    elsewhere: list[str] = []

    def offline(route):
        if route.request.url.startswith(live.url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    refused: list[str] = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and refused.append(msg.text))
    page.route("**/*", offline)
    page.goto(live.url + path)
    page.wait_for_selector(selector, timeout=20_000)
    assert "hecha" in page.locator(selector).first.inner_text()
    # ReDoc's "API docs by Redocly" logo would come from its CDN: the policy refuses it,
    # harmlessly (the page is complete without it); nothing else is refused
    assert elsewhere == [] and [m for m in refused if "cdn.redoc.ly/redoc/logo" not in m] == []
