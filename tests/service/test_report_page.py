"""The highlighted report page: layout of marks, tables and the data the script reads."""

from __future__ import annotations

import json
import re

from models import Evidence, Report, Severity, Span, StructureFinding
from service.output.report import render_report
from service.output.report.layout import Marker, blocks

SEED = "000_cc852cee10621712.txt"
TABLE_SEED = "003_4b65da696dc0427c.txt"


def finding(doc, start: int, end: int, severity: Severity) -> StructureFinding:
    span = Span(start=start, end=end, text=doc.original[start:end])
    return StructureFinding(rule="test.rule", severity=severity, message_zh="甲",
                            message_en="a", evidence=[Evidence(role="stated", span=span)])


def test_overlapping_evidence_becomes_segments_with_both_findings(reports):
    doc = reports[SEED].document
    report = Report(document=doc, findings=[finding(doc, 10, 20, Severity.WARNING),
                                            finding(doc, 15, 25, Severity.ERROR)])
    segments = [s for s in Marker(report).segments(0, 40) if s.findings]
    assert [(s.start, s.findings, s.severity) for s in segments] == [
        (10, [0], "warning"), (15, [0, 1], "error"), (20, [1], "error")]
    assert "".join(s.text for s in Marker(report).segments(0, 40)) == doc.original[:40]


def test_blocks_cover_the_document_in_order(reports):
    report = reports[TABLE_SEED]
    laid = blocks(report)
    assert {b.kind for b in laid} == {"heading", "text", "table"}
    assert [b.start for b in laid] == sorted(b.start for b in laid)
    tables = [b for b in laid if b.kind == "table"]
    assert len(tables) == len(report.document.tables)
    text = "".join(s.text for b in laid if b.kind != "table" for s in b.segments)
    assert "部门决算" in text


def test_page_highlights_every_finding_and_embeds_its_data(reports):
    report = reports[TABLE_SEED]
    page = render_report(report)
    assert page.startswith("<!DOCTYPE html>") and "<table" in page
    lit = {int(i) for m in re.findall(r'data-f="([^"]+)"', page) for i in m.split()}
    assert lit == set(range(len(report.findings)))
    raw = re.search(r'<script type="application/json" id="hecha-findings">(.*?)</script>', page, re.S)
    assert raw is not None
    data = json.loads(raw.group(1))
    assert [d["rule"] for d in data] == [f.rule for f in report.findings]
    wrong_base = next(d for d in data if d["rule"] == "rate.wrong_base")
    assert wrong_base["formula"] and {e["role"] for e in wrong_base["evidence"]} >= {"stated", "change"}
    assert page.count('<li class="finding') == len(report.findings)


def test_page_is_self_contained(reports):
    page = render_report(reports[SEED])
    assert "http://" not in page and "https://" not in page
    assert "<style>" in page and "hecha-findings" in page


def test_page_names_each_rule_in_chinese_and_english(reports):
    from rules.names import rule_name

    report = reports[TABLE_SEED]
    page = render_report(report)
    rule = report.findings[0].rule
    zh, en = rule_name(rule)
    assert f"<small>{zh} / {en}</small>" in page  # the group heading
    assert f'<option value="{rule}">{rule} {zh} (' in page  # the rule filter
    raw = re.search(r'<script type="application/json" id="hecha-findings">(.*?)</script>', page, re.S)
    assert raw is not None and json.loads(raw.group(1))[0]["rule_zh"] == rule_name(
        report.findings[0].rule)[0]
