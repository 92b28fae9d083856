"""Page geometry to text: lines, paragraphs, ruled and aligned tables, running headers.

The PDF reader (text layer) and the OCR reader (scanned pages) both hand over, per page,
glyphs (a character and its box) and ruling lines; this module turns them into the text the
extractor reads, with a box for every run of it:

* glyphs sharing a baseline band form a line; an overprinted glyph (the same character a
  hair to the right: "fake bold") is dropped, so 合合计计 reads 合计;
* ruling lines that cross each other form a grid; its cells hold the glyphs whose centres
  fall in them, a merged cell's text going to its top-left cell (the other cells blank, as
  the table reader fills merged headers), each grid row becoming a TSV row;
* lines split by wide gaps into aligned runs, two or more in a row, form a table without
  rulings: the columns are where the runs of the fullest rows lie;
* the first and last lines of a page that repeat on most pages (digits aside) are running
  headers and footers; a lone page number there is kept as the page's label, never as
  text, so it cannot become a figure;
* a line that reaches the right margin continues on the next line (or page) unless that
  one is indented, set apart, or starts with a heading number: the paragraph is one line
  of text again, as in the seeds.

Coordinates are PDF points from the top left of the page.
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from .base import BoxSpan, PageSpan


class Glyph(NamedTuple):
    ch: str
    x0: float
    top: float
    x1: float
    bottom: float


class Rule(NamedTuple):
    """A ruling segment: horizontal (top == bottom) or vertical (x0 == x1)."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class PageInput:
    number: int
    width: float
    height: float
    glyphs: list[Glyph]
    rules: list[Rule] = field(default_factory=list)
    ocr: bool = False


@dataclass(eq=False)
class Line:
    glyphs: list[Glyph]
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def text(self) -> str:
        return "".join(piece for piece, _ in _pieces(self.glyphs))


@dataclass(eq=False)
class TableBlock:
    rows: list[list[list[Line]]]  # row -> column -> the lines of that cell
    top: float
    bottom: float


Block = Line | TableBlock

_TOL = 2.0  # points: rulings closer than this are the same line
_FIGURE = regex.compile(r"[-+]?[\d,]*\d(?:\.\d+)?%?")
_NUMBERISH = frozenset("0123456789.,%+-")
_PAGE_NUMBER = regex.compile(
    r"[-–—\s]*(?:第\s*)?(\d{1,4})(?:\s*页)?(?:\s*(?:/|共)\s*\d{1,4}\s*页?)?[-–—\s]*"
    r"|[-–—\s]*(?:page|p\.)\s*(\d{1,4})(?:\s*(?:/|of)\s*\d{1,4})?\s*", regex.IGNORECASE)
#: table captions repeat at the top of table pages (公开01表 on each of nine): never running
_CAPTION = regex.compile(r"公开\s*\d+\s*表|单位\s*[:：]|^\s*部门\s*[:：]|表$")
_HEADING_START = regex.compile(
    r"\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}、|[(（]\s*[一二三四五六七八九十\d]{1,3}"
    r"\s*[)）]|\d{1,2}[.、．](?!\d)|[①-⑳]|注[:：])")


# --- glyphs to lines ------------------------------------------------------------------------


def _dedupe(glyphs: list[Glyph]) -> list[Glyph]:
    """Drop overprinted copies: the same character drawn again within a third of its width."""
    kept: list[Glyph] = []
    recent: list[str] = []  # the characters of the last three kept glyphs
    for g in glyphs:
        ch = g.ch
        if ch in recent:
            x0, top = g.x0, g.top
            third_w, third_h = (g.x1 - x0 + 0.5) / 3, (g.bottom - top + 0.5) / 3
            if any(k.ch == ch and abs(k.x0 - x0) < third_w and abs(k.top - top) < third_h
                   for k in kept[-3:]):
                continue
        kept.append(g)
        recent.append(ch)
        if len(recent) > 3:
            del recent[0]
    return kept


def _x0(g: Glyph) -> float:
    return g.x0


def _cy(g: Glyph) -> float:
    return g.top + g.bottom  # twice the centre: orders the same


def group_lines(glyphs: Iterable[Glyph]) -> list[Line]:
    """Glyphs into lines, top to bottom, each left to right."""
    ordered = sorted(glyphs, key=_cy)
    groups: list[list[Glyph]] = []
    centre = height = 0.0
    for g in ordered:
        cy, h = (g.top + g.bottom) / 2, g.bottom - g.top
        if groups and abs(cy - centre) <= 0.4 * (h if h > height else height):
            groups[-1].append(g)
            continue
        groups.append([g])
        centre, height = cy, h
    lines = []
    for group in groups:
        group = _dedupe(sorted(group, key=_x0))
        lines.append(Line(group, group[0].x0, min([g.top for g in group]),
                          max([g.x1 for g in group]), max([g.bottom for g in group])))
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _pieces(glyphs: list[Glyph]) -> Iterable[tuple[str, Glyph | None]]:
    """The characters of a line, with a space where the gap between glyphs is one."""
    prev: Glyph | None = None
    for g in glyphs:
        if prev is not None and g.x0 - prev.x1 > 0.22 * (g.bottom - g.top):
            yield " ", None  # the same test as _Writer.line
        yield g.ch, g
        prev = g


def split_runs(line: Line, gap: float = 1.2) -> list[Line]:
    """A line cut where glyphs are more than `gap` times the line height apart."""
    runs: list[list[Glyph]] = [[]]
    size = line.size
    prev: Glyph | None = None
    for g in line.glyphs:
        if prev is not None and g.x0 - prev.x1 > gap * size:
            runs.append([])
        runs[-1].append(g)
        prev = g
    return [Line(r, min(g.x0 for g in r), min(g.top for g in r), max(g.x1 for g in r),
                 max(g.bottom for g in r)) for r in runs if r]


# --- rulings to grids ------------------------------------------------------------------------


def _merge(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear segments (position, start, end) joined where they touch or overlap."""
    out: list[tuple[float, float, float]] = []
    ordered = sorted(segments)
    k = 0
    while k < len(ordered):  # one position (within a point) at a time
        first = ordered[k][0]
        group = []
        while k < len(ordered) and ordered[k][0] - first <= _TOL / 2:
            group.append(ordered[k])
            k += 1
        pos = sum(g[0] for g in group) / len(group)
        current: list[float] | None = None
        for _, a, b in sorted(group, key=lambda g: g[1]):
            if current is not None and a <= current[1] + _TOL:
                current[1] = max(current[1], b)
                continue
            if current is not None:
                out.append((pos, current[0], current[1]))
            current = [a, b]
        if current is not None:
            out.append((pos, current[0], current[1]))
    return out


def _cluster(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _TOL:
            out.append(v)
    return out


@dataclass
class Grid:
    xs: list[float]
    ys: list[float]
    hs: list[tuple[float, float, float]]  # (y, x0, x1)
    vs: list[tuple[float, float, float]]  # (x, top, bottom)
    v_drawn: list[list[bool]] = field(default_factory=list)  # [k][i]: xs[k] drawn along row i
    h_drawn: list[list[bool]] = field(default_factory=list)  # [k][j]: ys[k] drawn along column j

    def __post_init__(self) -> None:
        self.v_drawn = _drawn(self.xs, self.ys, self.vs)
        self.h_drawn = _drawn(self.ys, self.xs, self.hs)

    def covers(self, x: float, y: float) -> bool:
        return (self.xs[0] - _TOL <= x <= self.xs[-1] + _TOL
                and self.ys[0] - _TOL <= y <= self.ys[-1] + _TOL)

    def anchor(self, x: float, y: float) -> tuple[int, int]:
        """The top-left grid cell of the (merged) cell containing point (x, y)."""
        j = min(max(bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        i = min(max(bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        while j > 0 and not self.v_drawn[j][i]:
            j -= 1
        while i > 0 and not self.h_drawn[i][j]:
            i -= 1
        return i, j


def _drawn(lines: list[float], across: list[float],
           segments: list[tuple[float, float, float]]) -> list[list[bool]]:
    """For each boundary `lines[k]`, whether a segment draws it along each interval of
    `across` (for at least 60% of the interval)."""
    drawn = [[False] * (len(across) - 1) for _ in lines]
    for pos, a, b in segments:
        k = bisect_right(lines, pos + _TOL) - 1
        if k < 0 or abs(lines[k] - pos) > _TOL:
            continue
        first = max(bisect_right(across, a) - 1, 0)
        for i in range(first, len(across) - 1):
            lo, hi = across[i], across[i + 1]
            if lo >= b:
                break
            if min(b, hi) - max(a, lo) >= 0.6 * (hi - lo):
                drawn[k][i] = True
    return drawn


def find_grids(rules: list[Rule]) -> list[Grid]:
    """Groups of crossing rulings with at least two lines each way."""
    hs = _merge([((r.top + r.bottom) / 2, min(r.x0, r.x1), max(r.x0, r.x1)) for r in rules
                 if abs(r.bottom - r.top) <= _TOL and abs(r.x1 - r.x0) > 3])
    vs = _merge([((r.x0 + r.x1) / 2, min(r.top, r.bottom), max(r.top, r.bottom)) for r in rules
                 if abs(r.x1 - r.x0) <= _TOL and abs(r.bottom - r.top) > 3])
    parent = list(range(len(hs) + len(vs)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i, (hy, hx0, hx1) in enumerate(hs):
        for j, (vx, vt, vb) in enumerate(vs):
            if hx0 - _TOL <= vx <= hx1 + _TOL and vt - _TOL <= hy <= vb + _TOL:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(hs)):
        groups.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(vs)):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(j)
    grids = []
    for h_ids, v_ids in groups.values():
        if len(h_ids) < 2 or len(v_ids) < 2:
            continue
        gh = [hs[i] for i in h_ids]
        gv = [vs[j] for j in v_ids]
        xs, ys = _cluster(v[0] for v in gv), _cluster(h[0] for h in gh)
        if len(xs) >= 2 and len(ys) >= 2:
            grids.append(Grid(xs, ys, gh, gv))
    return grids


def _grid_table(grid: Grid, glyphs: list[Glyph]) -> TableBlock:
    cells: dict[tuple[int, int], list[Glyph]] = {}
    for g in glyphs:
        cells.setdefault(grid.anchor((g.x0 + g.x1) / 2, (g.top + g.bottom) / 2), []).append(g)
    width = len(grid.xs) - 1
    rows: list[list[list[Line]]] = []
    for i in range(len(grid.ys) - 1):
        row_cells = {j: group_lines(cells.get((i, j), [])) for j in range(width)}
        rows.extend(_split_row(row_cells, width))
    return TableBlock(rows, grid.ys[0], grid.ys[-1])


def _is_figure(text: str) -> bool:
    return _FIGURE.fullmatch(text.replace(" ", "")) is not None


def _split_row(cells: dict[int, list[Line]], width: int) -> list[list[list[Line]]]:
    """One grid row, or several when its lines line up across columns (no rulings between)."""
    bands: list[tuple[float, float, set[int]]] = []  # (top, bottom, columns) of aligned lines
    for j, lines in cells.items():
        for ln in lines:
            cy = (ln.top + ln.bottom) / 2
            for k, (t, b, cols) in enumerate(bands):
                if t <= cy <= b:
                    cols.add(j)
                    bands[k] = (min(t, ln.top), max(b, ln.bottom), cols)
                    break
            else:
                bands.append((ln.top, ln.bottom, {j}))
    wide = sorted(b for b in bands if len(b[2]) >= 2)
    numeric = [b for b in wide if any(_is_figure(ln.text) for j in b[2] for ln in cells[j]
                                      if b[0] <= (ln.top + ln.bottom) / 2 <= b[1])]
    if len(numeric) < 2:  # wrapped text in a ruled cell, not rows without rulings
        return [[cells[j] for j in range(width)]]
    starts = [b[0] for b in wide]
    out: list[list[list[Line]]] = [[[] for _ in range(width)] for _ in wide]
    for j, lines in cells.items():
        for ln in lines:
            k = max(bisect_right(starts, (ln.top + ln.bottom) / 2) - 1, 0)
            out[k][j].append(ln)
    return out


# --- aligned columns without rulings ----------------------------------------------------------


def _aligned_tables(lines: list[Line]) -> tuple[list[TableBlock], set[int]]:
    """Runs of consecutive lines split into two or more aligned runs: tables without rulings."""
    runs = [split_runs(ln) for ln in lines]
    tables: list[TableBlock] = []
    used: set[int] = set()
    i = 0
    while i < len(lines):
        if len(runs[i]) < 2:
            i += 1
            continue
        j = i + 1
        while (j < len(lines) and len(runs[j]) >= 2
               and lines[j].top - lines[j - 1].bottom < 1.5 * lines[j - 1].size):
            j += 1
        if j - i >= 2:
            band = runs[i:j]
            most = max(len(r) for r in band)
            columns = _cluster_columns([r for r in band if len(r) == most])
            rows = []
            for row_runs in band:
                row: list[list[Line]] = [[] for _ in columns]
                for run in row_runs:
                    k = next((c for c, (_, right) in enumerate(columns) if right >= run.x0 - _TOL),
                             len(columns) - 1)
                    row[k].append(run)
                rows.append(row)
            tables.append(TableBlock(rows, lines[i].top, lines[j - 1].bottom))
            used.update(range(i, j))
        i = j
    return tables, used


def _cluster_columns(rows: list[list[Line]]) -> list[tuple[float, float]]:
    spans = sorted((r.x0, r.x1) for row in rows for r in row)
    columns: list[tuple[float, float]] = []
    for a, b in spans:
        if columns and a <= columns[-1][1] + _TOL:
            columns[-1] = (columns[-1][0], max(columns[-1][1], b))
        else:
            columns.append((a, b))
    return columns


# --- a page -------------------------------------------------------------------------------------


def page_blocks(page: PageInput) -> list[Block]:
    """The page's lines and tables, top to bottom."""
    grids = find_grids(page.rules)
    inside: dict[int, list[Glyph]] = {}
    free: list[Glyph] = [] if grids else page.glyphs
    bounds = [(n, g.xs[0] - _TOL, g.xs[-1] + _TOL, g.ys[0] - _TOL, g.ys[-1] + _TOL)
              for n, g in enumerate(grids)]
    for g in page.glyphs if grids else ():
        cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        for n, left, right, top, bottom in bounds:
            if left <= cx <= right and top <= cy <= bottom:
                inside.setdefault(n, []).append(g)
                break
        else:
            free.append(g)
    blocks: list[Block] = [_grid_table(grids[k], glyphs) for k, glyphs in inside.items()]
    lines = group_lines(free)
    aligned, used = _aligned_tables(lines)
    blocks.extend(aligned)
    blocks.extend(ln for n, ln in enumerate(lines) if n not in used)
    blocks.sort(key=lambda b: b.top)
    return blocks


def _key(text: str) -> str:
    return regex.sub(r"\d+", "#", regex.sub(r"\s+", "", text))


def strip_running(pages: list[PageInput], blocks: list[list[Block]]) -> list[str | None]:
    """Remove running headers, footers and page numbers; return each page's printed number."""
    labels: list[str | None] = [None] * len(pages)
    counts: Counter[str] = Counter()
    for page_blocks_ in blocks:
        seen = {_key(b.text) for b in _edges(page_blocks_) if isinstance(b, Line)}
        counts.update(seen)
    need = max(2, (len(pages) + 1) // 2)
    for n, (page, page_blocks_) in enumerate(zip(pages, blocks, strict=True)):
        for b in _edges(page_blocks_):
            if not isinstance(b, Line):
                continue
            zone = b.bottom < page.height * 0.1 or b.top > page.height * 0.9
            text = b.text
            number = _PAGE_NUMBER.fullmatch(text)
            if zone and number is not None:
                labels[n] = number.group(1) or number.group(2)
                page_blocks_.remove(b)
            elif (zone and counts[_key(text)] >= need and len(pages) >= 2
                  and not _CAPTION.search(text)):
                if labels[n] is None and (m := regex.search(r"第\s*(\d+)\s*页", text)):
                    labels[n] = m.group(1)
                page_blocks_.remove(b)
    return labels


def _edges(blocks: list[Block]) -> list[Block]:
    """The first two and last two blocks of a page (where running lines are)."""
    return list(dict.fromkeys([*blocks[:2], *blocks[-2:]]))


# --- writing the text ---------------------------------------------------------------------------


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.boxes: list[BoxSpan] = []

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def ends_with_newline(self) -> bool:
        return not self.parts or self.parts[-1].endswith("\n")

    def line(self, glyphs: list[Glyph], page: int) -> None:
        """Write glyphs as text, a box per run of figure characters or of other text.

        A gap between glyphs wider than a fifth of their height is written as a space (the
        normalizer drops it again between Chinese characters).
        """
        chars: list[str] = []
        boxes = self.boxes
        pos = self.pos
        run_start = pos
        x0 = top = x1 = bottom = 0.0
        kind: bool | None = None
        prev: Glyph | None = None
        for g in glyphs:
            ch = g.ch
            numeric = ch in _NUMBERISH
            space = prev is not None and g.x0 - prev.x1 > 0.22 * (g.bottom - g.top)
            if kind is not None and (space or numeric != kind):
                boxes.append(BoxSpan(page, round(x0, 2), round(top, 2), round(x1, 2),
                                     round(bottom, 2), run_start, pos))
                kind = None
            if space:
                chars.append(" ")
                pos += 1
            if kind is None:
                run_start, kind = pos, numeric
                x0, top, x1, bottom = g.x0, g.top, g.x1, g.bottom
            else:  # glyphs run left to right: x0 stays; the others may grow
                if g.top < top:
                    top = g.top
                if g.x1 > x1:
                    x1 = g.x1
                if g.bottom > bottom:
                    bottom = g.bottom
            chars.append(ch)
            pos += 1
            prev = g
        if kind is not None:
            boxes.append(BoxSpan(page, round(x0, 2), round(top, 2), round(x1, 2),
                                 round(bottom, 2), run_start, pos))
        self.write("".join(chars))


def _word_break(before: str, after: str) -> bool:
    """Does a line break between these characters stand for a space? Between Latin words
    yes; inside a number or between Chinese characters no (typesetters break anywhere)."""
    return before.isascii() and before.isalpha() and after.isascii() and after.isalpha()


def _cell_text(w: _Writer, lines: list[Line], page: int) -> None:
    for k, ln in enumerate(lines):
        if k and w.parts and _word_break(w.parts[-1][-1:], ln.glyphs[0].ch):
            w.write(" ")
        w.line(ln.glyphs, page)


def _margins(pages: list[PageInput], blocks: list[list[Block]]) -> tuple[float, float | None]:
    lines = [b for page in blocks for b in page if isinstance(b, Line)]
    if not lines:
        return 0.0, None
    left = statistics.quantiles([ln.x0 for ln in lines], n=10)[0] if len(lines) > 1 else lines[0].x0
    width = max(p.width for p in pages)
    long = [ln.x1 for ln in lines if ln.x1 - ln.x0 > width * 0.5]
    if not long:
        return left, None
    right = statistics.quantiles(long, n=10)[-1] if len(long) > 1 else long[0]
    return left, right


def _continues(a: Line, b: Line, left: float, right: float | None, same_page: bool) -> bool:
    """Does line `a` wrap onto line `b` (one paragraph)?"""
    if right is None or a.x1 < right - 1.5 * a.size:
        return False
    if same_page and b.top - a.bottom > 0.9 * a.size:
        return False
    if abs(a.size - b.size) > 0.25 * a.size or b.x0 > left + 0.6 * b.size:
        return False
    return _HEADING_START.match(b.text) is None


def write(pages: list[PageInput], fmt: str = "pdf") -> tuple[str, list[PageSpan], list[BoxSpan]]:
    """The text of `pages`, their ranges in it, and the boxes of its runs."""
    blocks = [page_blocks(p) for p in pages]
    labels = strip_running(pages, blocks)
    left, right = _margins(pages, blocks)
    w = _Writer()
    spans: list[PageSpan] = []
    prev: Block | None = None
    prev_page = -1
    for n, (page, page_blocks_) in enumerate(zip(pages, blocks, strict=True)):
        start = w.pos
        for block in page_blocks_:
            same_page = prev_page == n
            if isinstance(block, Line):
                if isinstance(prev, Line) and _continues(prev, block, left, right, same_page):
                    if _word_break(w.parts[-1][-1:] if w.parts else "", block.glyphs[0].ch):
                        w.write(" ")
                elif prev is not None:
                    gap = block.top - prev.bottom if same_page else 0.0
                    w.write("\n\n" if not same_page or gap > 0.9 * _size(prev) else "\n")
                w.line(block.glyphs, page.number)
            else:
                if prev is not None:
                    both = isinstance(prev, TableBlock) and not same_page
                    w.write("\n" if both or (same_page and isinstance(prev, TableBlock)) else "\n\n")
                for r, row in enumerate(block.rows):
                    if r:
                        w.write("\n")
                    for c, cell in enumerate(row):
                        if c:
                            w.write("\t")
                        _cell_text(w, cell, page.number)
            prev, prev_page = block, n
        spans.append(PageSpan(page.number, start, w.pos, labels[n], round(page.width, 2),
                              round(page.height, 2), page.ocr))
    if w.parts and not w.ends_with_newline():
        w.write("\n")
    if spans:
        spans[-1] = spans[-1]._replace(end=w.pos)
    spans = _fix_starts(spans)
    return "".join(w.parts), spans, w.boxes


def _size(block: Block) -> float:
    return block.size if isinstance(block, Line) else 10.0


def _fix_starts(spans: list[PageSpan]) -> list[PageSpan]:
    """Pages tile the text: each ends where the next starts (separators go to the earlier)."""
    out = []
    for k, span in enumerate(spans):
        end = spans[k + 1].start if k + 1 < len(spans) else max(span.end, span.start)
        out.append(span._replace(end=max(end, span.start)))
    return out
