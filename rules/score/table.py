"""Reading a self-evaluation score table: its rows' 分值 and 得分, sections and 总分 row."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from models import Cell, Claim, Role, Table

from ..index import ClaimIndex

_SECTION = regex.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
#: the last row of a rubric that totals it when no row says 总分; a 合计 row elsewhere (the
#: funds block of a project form, with its 分值 for budget execution) is an item
_LAST_TOTAL = regex.compile(r"合计|总计|得分合计|综合得分")


@dataclass
class ScoreRow:
    row: int
    label: str
    weight: Claim | None = None
    score: Claim | None = None


@dataclass
class ScoreTable:
    table: Table
    rows: list[ScoreRow] = field(default_factory=list)
    total: ScoreRow | None = None
    #: first-level indicators: label, weight, rows, and the cell that prints them
    sections: list[tuple[str, float, list[ScoreRow], Cell]] = field(default_factory=list)
    regular: bool = True


def score_tables(index: ClaimIndex) -> list[ScoreTable]:
    """Tables that have both 分值 and 得分 columns, row by row."""
    out = []
    for table in index.document.tables:
        claims = index.by_table.get(table.id, [])
        if not any(c.role is Role.WEIGHT for c in claims) or not any(
                c.role is Role.SCORE for c in claims):
            continue
        by_row: dict[int, ScoreRow] = {}
        for claim in claims:
            if claim.role not in (Role.WEIGHT, Role.SCORE) or claim.row is None:
                continue
            row = by_row.setdefault(claim.row, ScoreRow(claim.row, index.row_label(claim) or ""))
            if claim.role is Role.WEIGHT and row.weight is None:
                row.weight = claim
            elif claim.role is Role.SCORE and row.score is None:
                row.score = claim
        st = ScoreTable(table)
        ordered = sorted(by_row.values(), key=lambda r: r.row)
        for row in ordered:
            if "总分" in row.label.replace(" ", ""):
                st.total = row
            else:
                st.rows.append(row)
        if st.total is None and st.rows and _LAST_TOTAL.fullmatch(st.rows[-1].label.replace(" ", "")):
            st.total = st.rows.pop()  # a rubric's closing 合计 row
        st.sections = _sections(table, st.rows)
        # A row with a score but no weight (or the reverse) was shifted by the PDF
        # extraction: the table's sums cannot be read from it.
        st.regular = all((r.weight is None) == (r.score is None) for r in st.rows)
        out.append(st)
    return out


def _sections(table: Table, rows: list[ScoreRow]) -> list[tuple[str, float, list[ScoreRow], Cell]]:
    """First-level indicators that state their weight (产出指标（50分）) and their rows."""
    marks = []
    for cell in table.cells:
        text = cell.text.replace("\n", "").replace(" ", "")
        m = _SECTION.search(text)
        if m and cell.value is None:
            marks.append((cell.row, text, float(m.group(1)), cell))
    marks.sort(key=lambda x: x[0])
    labels = [m[1] for m in marks]
    if len(set(labels)) != len(labels):
        return []  # a label printed twice: the extraction split the table, do not guess
    scored = {r.row for r in rows}
    if any(m[0] not in scored for m in marks):
        return []  # a label on a line of its own (centred over its rows): where they begin is not known
    out = []
    for i, (row, text, weight, cell) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else None
        members = [r for r in rows if r.row >= row and (end is None or r.row < end)]
        out.append((text, weight, members, cell))
    return out
