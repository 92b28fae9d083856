"""The audit exports (service/output/memo.py), opened with openpyxl and python-docx."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import docx
import openpyxl
import pytest

import corpora
from rules.names import rule_name
from service.core import check_report
from service.output.memo import findings_docx, findings_xlsx
from service.storage.reviews import Verdict


@pytest.fixture(scope="module")
def report():
    return check_report(corpora.seed("000").read_bytes(), "000.txt")


def test_xlsx_has_a_row_per_finding_with_its_rule_quote_and_review(report):
    first, second = report.findings[0], report.findings[1]
    verdicts = {first.id: Verdict(first.id, "false_positive", "表格读错", "hk_test", datetime.now(UTC))}
    book = openpyxl.load_workbook(io.BytesIO(findings_xlsx([("000.txt", report, verdicts)])))
    sheet = book["核查发现"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["文档", "位置", "级别", "规则"] and "核查状态" in header
    rows = [dict(zip(header, (c.value for c in line), strict=True)) for line in sheet.iter_rows(min_row=2)]
    assert len(rows) == len(report.findings)
    assert rows[0]["规则"] == rule_name(first.rule)[0] and rows[0]["规则编号"] == first.rule
    assert rows[0]["核查状态"] == "误报" and rows[0]["备注"] == "表格读错" and rows[0]["核查人"] == "hk_test"
    assert rows[1]["核查状态"] == "待核查"
    assert second.evidence[0].span.text.strip() in rows[1]["引文"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    summary = list(book["概况"].iter_rows(min_row=2, values_only=True))
    assert summary[0][:3] == ("000.txt", report.document.meta.unit_name, report.document.meta.fiscal_year)
    assert sum(summary[0][3:]) == len(report.findings)


def test_docx_memo_groups_findings_by_severity_in_either_language(report):
    memo = docx.Document(io.BytesIO(findings_docx([("000.txt", report, None)], today=date(2026, 12, 2))))
    texts = [p.text for p in memo.paragraphs]
    assert texts[0] == "核查意见" and "日期: 2026-12-02" in texts
    assert any(t.startswith("错误（") for t in texts) and any(t.startswith("警告（") for t in texts)
    quote = report.findings[0].evidence[0].span.text.strip()
    assert any(quote in t for t in texts)
    assert all(any(f.message_zh in t for t in texts) for f in report.findings)
    english = docx.Document(io.BytesIO(findings_docx([("000.txt", report, None)], lang="en")))
    assert english.paragraphs[0].text == "Audit memo"
    assert any(report.findings[0].message_en in p.text for p in english.paragraphs)


def test_check_writes_the_xlsx_of_every_input_to_output(tmp_path, capsys):
    from service.cli import main

    out = tmp_path / "结果.xlsx"
    seeds = [str(p) for p in corpora.seed_paths()[:2]]
    assert main(["check", *seeds, "--format", "xlsx", "--output", str(out), "--fail-on", "never"]) == 0
    assert f"wrote the findings: {out}" in capsys.readouterr().err
    sheet = openpyxl.load_workbook(out).worksheets[0]
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {p.name for p in corpora.seed_paths()[:2]}
    assert main(["check", seeds[0], "--format", "docx"]) == 2  # a file format needs --output
    assert "--output" in capsys.readouterr().err
