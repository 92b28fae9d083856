"""Plain-text output of the command line: linter-style findings and a claim table.

Chinese characters take two terminal columns, so every column computation goes through
`display_width`; rich is not used, the output is plain aligned text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from models import Claim, Document, Finding, Report

#: Tabs in a quoted source line become spaces up to the next multiple of this.
TAB_SIZE = 4
#: A quoted line wider than this is cut around the marked span.
MAX_QUOTE_WIDTH = 120
#: Characters kept on each side of the span when a quoted line is cut.
QUOTE_CONTEXT = 30


def char_width(ch: str) -> int:
    """Terminal columns of one character: 2 for wide/full-width, 0 for combining marks."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal columns of `text` (no tabs or newlines)."""
    return sum(char_width(ch) for ch in text)


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` display columns."""
    return text + " " * max(0, width - display_width(text))


def quote(original: str, start: int, end: int) -> tuple[str, str]:
    """The source line holding `start` and a marker line with ^ under `start:end`.

    A span running past the end of its line is marked up to the line end; an empty span
    gets one ^. Tabs are expanded here so the marker lines up whatever the terminal's tab
    stops are.
    """
    line_start = original.rfind("\n", 0, start) + 1
    line_end = original.find("\n", start)
    line_end = len(original) if line_end < 0 else line_end
    if line_end > line_start and original[line_end - 1] == "\r":
        line_end -= 1
    end = max(start, min(end, line_end))
    lo, hi = line_start, line_end
    if display_width(original[lo:hi].replace("\t", " " * TAB_SIZE)) > MAX_QUOTE_WIDTH:
        lo, hi = max(lo, start - QUOTE_CONTEXT), min(hi, end + QUOTE_CONTEXT)
    shown: list[str] = ["…"] if lo > line_start else []
    col = len(shown)
    mark_from = mark_to = None
    for i in range(lo, hi):
        if i == start:
            mark_from = col
        if i == end:
            mark_to = col
        ch = original[i]
        if ch == "\t":
            piece = " " * (TAB_SIZE - col % TAB_SIZE)
        elif unicodedata.category(ch) == "Cc":
            piece = " "
        else:
            piece = ch
        shown.append(piece)
        col += display_width(piece)
    mark_from = col if mark_from is None else mark_from
    mark_to = col if mark_to is None else mark_to
    if hi < line_end:
        shown.append("…")
    marker = " " * mark_from + "^" * max(1, mark_to - mark_from)
    return "".join(shown), marker


def finding_lines(path: str, document: Document, finding: Finding) -> Iterator[str]:
    """`path:line:col: severity rule message_zh (message_en)`, then where it stands in the
    file as its reader finds it (第4页，收入决算表，合计行: the line and column of a PDF's
    extracted text mean nothing in a viewer), then the quoted source."""
    head = f"{finding.severity.value} {finding.rule} {finding.message_zh} ({finding.message_en})"
    if not finding.evidence:
        yield f"{path}: {head}"
        return
    span = finding.evidence[0].span
    line, col = document.line_col(span.start)
    yield f"{path}:{line}:{col}: {head}"
    place = document.place(span.start)
    if any(place):
        yield f"    @ {place.describe('zh')} / {place.describe('en')}"
    source, marker = quote(document.original, span.start, span.end)
    yield f"    {source}"
    yield f"    {marker}"


def report_lines(path: str, report: Report) -> Iterator[str]:
    """Every finding of `report` in linter style."""
    for finding in report.findings:
        yield from finding_lines(path, report.document, finding)


def _value(claim: Claim) -> str:
    q = claim.quantity
    return f"{q.value}{q.unit}" if q.unit else str(q.value)


def claim_rows(path: str, document: Document, claims: list[Claim]) -> list[list[str]]:
    """One row per claim: location, subject, role, value with unit, source."""
    rows = []
    for claim in claims:
        line, col = document.line_col(claim.quantity.span.start)
        rows.append([f"{path}:{line}:{col}", claim.subject, claim.role.value, _value(claim),
                     claim.source.value])
    return rows


def table_lines(rows: list[list[str]]) -> Iterator[str]:
    """`rows` as columns aligned by display width (the last column is not padded)."""
    if not rows:
        return
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [pad(cell, width) for cell, width in zip(row, widths, strict=False)]
        yield "  ".join([*cells, row[-1]])
