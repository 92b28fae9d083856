"""The report page's layout: the document cut into blocks, each into marked segments.

Blocks follow the document's structure: heading lines, running text, and tables (rendered
as tables). Inside a block, every evidence boundary starts a new segment, and a segment
lists the findings whose evidence covers it, so overlapping evidence of several findings
needs no nesting and each finding can light up all of its spans.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from models import Report, Table


@dataclass
class Segment:
    """A stretch of text and the findings (indexes into Report.findings) covering it."""

    text: str
    start: int
    findings: list[int] = field(default_factory=list)
    severity: str | None = None


@dataclass
class Block:
    kind: str  # "heading", "text" or "table"
    start: int
    end: int
    level: int = 0
    segments: list[Segment] = field(default_factory=list)
    rows: list[list[tuple[int, list[Segment]]]] = field(default_factory=list)  # (colspan, cell)
    header: list[list[str]] = field(default_factory=list)
    table: Table | None = None


class Marker:
    """Cuts ranges of the original text into segments at every evidence boundary."""

    def __init__(self, report: Report) -> None:
        self.original = report.document.original
        self.severity = [f.severity for f in report.findings]
        spans = [(e.span.start, e.span.end, i) for i, f in enumerate(report.findings)
                 for e in f.evidence if e.span.end > e.span.start]
        self.cuts = sorted({p for s, e, _ in spans for p in (s, e)})
        self.spans = sorted(spans)
        self.starts = [s for s, _, _ in self.spans]

    def covering(self, start: int, end: int) -> list[int]:
        """Findings with evidence over all of [start, end)."""
        found = {i for s, e, i in self.spans[:bisect_right(self.starts, start)] if e >= end}
        return sorted(found)

    def segments(self, start: int, end: int) -> list[Segment]:
        points = [start, *self.cuts[bisect_right(self.cuts, start):bisect_left(self.cuts, end)], end]
        out = []
        for a, b in itertools.pairwise(points):
            if b <= a:
                continue
            covering = self.covering(a, b)
            severity = None
            if covering:
                severity = max((self.severity[i] for i in covering), key=lambda s: s.rank).value
            out.append(Segment(self.original[a:b], a, covering, severity))
        return out


def _table_block(marker: Marker, table: Table) -> Block:
    block = Block("table", table.start, table.end, table=table)
    block.header = [[h for h in row] for row in table.header_rows]
    width = max([c.column for c in table.cells] + [len(r) - 1 for r in table.header_rows] + [0]) + 1
    rows: dict[int, dict[int, list[Segment]]] = {}
    for cell in table.cells:
        if cell.span is not None:
            rows.setdefault(cell.row, {})[cell.column] = marker.segments(cell.span.start,
                                                                         cell.span.end)
    for r in sorted(rows):
        block.rows.append([(1, rows[r].get(c, [])) for c in range(width)])
    return block


def blocks(report: Report) -> list[Block]:
    """The document as heading, text and table blocks in reading order."""
    doc = report.document
    marker = Marker(report)
    cuts: list[tuple[int, int, str, object]] = []
    for table in doc.tables:
        cuts.append((table.start, table.end, "table", table))
    for section in doc.sections:
        h = section.heading
        if not any(t.start <= h.start < t.end for t in doc.tables):
            cuts.append((h.start, h.end, "heading", section.level))
    cuts.sort(key=lambda c: c[0])
    out: list[Block] = []
    pos = 0
    for start, end, kind, what in cuts:
        if start < pos:
            continue
        if start > pos:
            out.append(Block("text", pos, start, segments=marker.segments(pos, start)))
        if kind == "table":
            out.append(_table_block(marker, what))  # type: ignore[arg-type]
        else:
            out.append(Block("heading", start, end, level=int(what),  # type: ignore[call-overload]
                             segments=marker.segments(start, end)))
        pos = end
    if pos < len(doc.original):
        out.append(Block("text", pos, len(doc.original),
                         segments=marker.segments(pos, len(doc.original))))
    return out
