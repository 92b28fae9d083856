"""The report page in a real browser: click a highlight, read why, see its other spans."""

from __future__ import annotations

from service.output.report import render_report

SEED = "001_d6c1622c84f33c18.txt"


def test_click_a_highlight_shows_the_reason_and_companion_spans(page, reports, tmp_path, artifacts):
    report = reports[SEED]
    path = tmp_path / "report.html"
    path.write_text(render_report(report, title=SEED), encoding="utf-8")
    page.goto(path.as_uri())
    index = next(i for i, f in enumerate(report.findings) if f.rule == "rate.wrong_base")
    finding = report.findings[index]
    page.locator(f'mark.f[data-f~="{index}"]').first.click()
    detail = page.locator("#detail")
    assert detail.is_visible()
    assert page.locator("#d-zh").inner_text() == finding.message_zh
    assert "7.54" in page.locator("#d-formula").inner_text()
    # the stated rate, the change and the current value are all lit
    lit = page.locator("mark.f.active")
    assert lit.count() >= len(finding.evidence)
    texts = " ".join(lit.all_inner_texts())
    assert "39.66%" in texts and "2.99" in texts
    # n jumps to the next span of the same finding; the list item is marked current
    page.keyboard.press("n")
    assert page.locator(f'li.finding.current[data-i="{index}"]').count() == 1
    page.screenshot(path=str(artifacts / "report-wrong-base.png"), full_page=False)


def test_filters_and_keyboard_navigation(page, reports, tmp_path):
    report = reports["003_4b65da696dc0427c.txt"]
    path = tmp_path / "report.html"
    path.write_text(render_report(report), encoding="utf-8")
    page.goto(path.as_uri())
    page.keyboard.press("j")
    first = page.locator("li.finding.current").get_attribute("data-i")
    page.keyboard.press("j")
    second = page.locator("li.finding.current").get_attribute("data-i")
    assert first is not None and second is not None and first != second
    page.locator('#filters input[value="warning"]').uncheck()
    visible = page.locator("li.finding:visible")
    assert visible.count() == sum(1 for f in report.findings if f.severity.value != "warning")
    # table cells with evidence are marked in the rendered tables
    assert page.locator("table.doc-table td.hit").count() > 0
