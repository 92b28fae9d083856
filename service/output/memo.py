"""Audit exports: an XLSX of findings and a Word 核查意见 (audit memo), Chinese by default.

Each finding is one row (XLSX) or one entry (DOCX) with where it is (第N页 for a PDF, the
sheet of a spreadsheet), its severity, the rule by name, the message, the arithmetic, the
quoted evidence and the reviewer's verdict (open where nobody reviewed it). A batch is
several (name, report, verdicts) entries: one workbook, one memo with a part per document.
Each document is first made its `Memo` (what the exports show of it, small), so a bulk run
can keep thousands of them where it could not keep their reports.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import docx
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from models import ArithmeticFinding, Finding, Report, Severity
from rules.names import rule_name

from ..storage.reviews import Verdict

Entry = tuple[str, Report, Mapping[str, Verdict] | None]  # (document name, report, verdicts by finding id)

_SEVERITY = {"zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
             "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}}
_STATUS = {"zh": {"open": "待核查", "confirmed": "确认", "false_positive": "误报", "ignored": "忽略"},
           "en": {"open": "open", "confirmed": "confirmed", "false_positive": "false positive",
                  "ignored": "ignored"}}
_COLUMNS = {
    "zh": ["文档", "位置", "级别", "规则", "规则编号", "说明", "算式", "引文", "核查状态", "备注", "核查人"],
    "en": ["document", "where", "severity", "rule", "rule id", "message", "formula", "quote",
           "review", "note", "reviewer"],
}
_WIDTHS = [24, 10, 8, 18, 18, 60, 36, 36, 10, 24, 14]
_TEXT = {
    "zh": {"findings": "核查发现", "summary": "概况", "unit": "单位", "year": "年度", "title": "核查意见",
           "date": "日期", "none": "未发现问题。", "formula": "算式", "quote": "引文", "review": "核查状态",
           "counts": "错误 {e} 条，警告 {w} 条，提示 {i} 条"},
    "en": {"findings": "Findings", "summary": "Summary", "unit": "unit", "year": "year",
           "title": "Audit memo", "date": "date", "none": "No findings.", "formula": "formula",
           "quote": "quote", "review": "review", "counts": "{e} errors, {w} warnings, {i} notes"},
}


@dataclass(frozen=True)
class Row:
    """One finding as the exports show it."""

    where: str
    severity: str
    rule: str
    rule_id: str
    message: str
    formula: str
    quote: str
    status: str
    note: str
    reviewer: str


def where(report: Report, finding: Finding, lang: str) -> str:
    """第4页，收入决算表，合计行 (Document.place of the main evidence), or nothing."""
    if not finding.evidence:
        return ""
    return report.document.place(finding.evidence[0].span.start).describe(lang)


@dataclass(frozen=True)
class Memo:
    """One document as the exports show it: its name, unit, year, counts and rows."""

    name: str
    unit: str | None
    year: int | None
    counts: dict[Severity, int]
    rows: list[Row]


def memo(entry: Entry, lang: str = "zh") -> Memo:
    """The `Memo` of one (name, report, verdicts) entry."""
    name, report, verdicts = entry
    meta = report.document.meta
    return Memo(name, meta.unit_name, meta.fiscal_year, {s: report.count(s) for s in Severity},
                rows(report, verdicts, lang))


def rows(report: Report, verdicts: Mapping[str, Verdict] | None, lang: str = "zh") -> list[Row]:
    """The rows of one report's findings, in report order."""
    out = []
    for finding in report.findings:
        verdict = (verdicts or {}).get(finding.id or "")
        formula = ""
        if isinstance(finding, ArithmeticFinding) and finding.formula:
            formula = f"{finding.formula} = {finding.expected}"
        quotes = [e.span.text.strip() for e in finding.evidence]
        name_zh, name_en = rule_name(finding.rule)
        out.append(Row(
            where=where(report, finding, lang),
            severity=_SEVERITY[lang][finding.severity],
            rule=name_zh if lang == "zh" else name_en,
            rule_id=finding.rule,
            message=finding.message_zh if lang == "zh" else finding.message_en,
            formula=formula,
            quote=" | ".join(q for q in quotes if q),
            status=_STATUS[lang][verdict.status if verdict else "open"],
            note=(verdict.note or "") if verdict else "",
            reviewer=(verdict.reviewer or "") if verdict else "",
        ))
    return out


def findings_xlsx(entries: Sequence[Entry], lang: str = "zh") -> bytes:
    """A workbook: a sheet of every finding (a row each, filters on), and a sheet of each
    document's unit, year and counts."""
    return memos_xlsx([memo(e, lang) for e in entries], lang)


def memos_xlsx(memos: Sequence[Memo], lang: str = "zh") -> bytes:
    """`findings_xlsx` of documents already made `Memo`s."""
    text = _TEXT[lang]
    book = Workbook()
    sheet = book.active
    sheet.title = text["findings"]
    sheet.append(_COLUMNS[lang])
    for doc in memos:
        for row in doc.rows:
            sheet.append([doc.name, row.where, row.severity, row.rule, row.rule_id, row.message,
                          row.formula, row.quote, row.status, row.note, row.reviewer])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for n, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    summary = book.create_sheet(text["summary"])
    summary.append([_COLUMNS[lang][0], text["unit"], text["year"],
                    *(_SEVERITY[lang][s] for s in Severity)])
    for doc in memos:
        summary.append([doc.name, doc.unit or "", doc.year or "", *(doc.counts[s] for s in Severity)])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    summary.column_dimensions["A"].width = 30
    summary.column_dimensions["B"].width = 30
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def findings_docx(entries: Sequence[Entry], lang: str = "zh", today: date | None = None) -> bytes:
    """A Word 核查意见: title and date, then per document its unit, year and counts and its
    findings grouped by severity, each with where it is, the rule, the message, the
    arithmetic, the quote and a verdict other than open."""
    return memos_docx([memo(e, lang) for e in entries], lang, today)


def memos_docx(memos: Sequence[Memo], lang: str = "zh", today: date | None = None) -> bytes:
    """`findings_docx` of documents already made `Memo`s."""
    text = _TEXT[lang]
    document = docx.Document()
    document.add_heading(text["title"], level=0)
    document.add_paragraph(f"{text['date']}: {(today or date.today()).isoformat()}")
    for doc in memos:
        document.add_heading(doc.name, level=1)
        document.add_paragraph(f"{text['unit']}: {doc.unit or '—'}    {text['year']}: {doc.year or '—'}")
        counts = doc.counts
        document.add_paragraph(text["counts"].format(e=counts[Severity.ERROR], w=counts[Severity.WARNING],
                                                    i=counts[Severity.INFO]))
        found = doc.rows
        if not found:
            document.add_paragraph(text["none"])
        for severity in Severity:
            group = [r for r in found if r.severity == _SEVERITY[lang][severity]]
            if not group:
                continue
            document.add_heading(f"{_SEVERITY[lang][severity]}（{len(group)}）" if lang == "zh"
                                 else f"{_SEVERITY[lang][severity]} ({len(group)})", level=2)
            for row in group:
                head = document.add_paragraph(style="List Number")
                label = " · ".join(x for x in (row.where, row.rule) if x)
                head.add_run(label + ("：" if lang == "zh" else ": ")).bold = True
                head.add_run(row.message)
                for label, value in ((text["formula"], row.formula), (text["quote"], row.quote)):
                    if value:
                        document.add_paragraph(f"{label}: {value}", style="List Bullet")
                if row.status != _STATUS[lang]["open"]:
                    note = f"{text['review']}: {row.status}" + (f"（{row.note}）" if row.note else "")
                    document.add_paragraph(note, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
