"""Tables printed with spaces for rulings (`pdftotext -layout`, a PDF's text copied with
its layout): their gaps become tabs, one character for one, so they read as any
tab-separated table.

A column of such a table is a stretch of the page's width that some row's figures or
names fill and no row crosses: right-aligned figures share their column, names theirs.
Widths are display widths (a Chinese character is two), as the layout was printed. Every
line of the table is rewritten in place: the first characters of a gap become one tab for
each column boundary the gap crosses, the rest stay spaces, so an empty cell keeps its
column and every offset still maps to the original. Lines are taken for a table only
where at least three of them hold figures set apart by wide gaps, two of those at least
two figures; prose, a table of contents and a line with one figure are left as they are,
and so is a block whose lines do not fit one set of columns.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from itertools import accumulate, pairwise

import regex

#: a cell: characters with single spaces inside, between runs of two or more spaces
_TOKEN = regex.compile(r"[^ ]+(?: [^ ]+)*+")
_FIGURE = regex.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?")
#: words of prose: a line holding one is no table row
_PROSE = regex.compile(r"[，。；;]|,(?!\d)")
_HAN = regex.compile(r"\p{Han}")
#: where a row may be: a figure after a wide gap (the only lines looked at closely)
_ROW_HINT = regex.compile(r"[^\s] {2,}+[-+]?\d")
#: header lines above the first row taken in with the table
_HEADER_LINES = 6
_MIN_ROWS = 3
#: how far (display columns) a header word may stand beside the column it heads
_BESIDE = 2


@dataclass(frozen=True)
class _Token:
    text: str
    start: int  # offsets in the text
    end: int
    left: int  # display columns from the line's start
    right: int

    @property
    def figure(self) -> bool:
        return _FIGURE.fullmatch(self.text) is not None


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    tokens: tuple[_Token, ...]
    prose: bool = False

    @property
    def figures(self) -> int:
        return sum(t.figure for t in self.tokens)

    @property
    def row(self) -> bool:
        """A table row: cells apart, a figure among them, no prose."""
        return len(self.tokens) >= 2 and self.figures >= 1


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _line(text: str, widths_of: str, start: int, end: int) -> _Line:
    if end > start and text[end - 1] == "\r":
        end -= 1
    segment = text[start:end]
    if "\t" in segment or "|" in segment:
        return _Line(start, end, (), prose=bool(segment.strip()))
    cols = [0, *accumulate(_width(ch) for ch in widths_of[start:end])]
    tokens = tuple(
        _Token(m.group(), start + m.start(), start + m.end(), cols[m.start()], cols[m.end()])
        for m in _TOKEN.finditer(segment))
    if _PROSE.search(segment) and not _remark_row(tokens):
        return _Line(start, end, (), prose=True)
    return _Line(start, end, tokens)


def _remark_row(tokens: tuple[_Token, ...]) -> bool:
    """A row whose last cell is a remark written as a sentence (…| 3 | 2 | 个别报销票据附件
    不全，已整改): no prose before it, two figures at least."""
    return len(tokens) >= 3 and sum(t.figure for t in tokens[:-1]) >= 2 \
        and not any(_PROSE.search(t.text) for t in tokens[:-1])


class _Page:
    """The lines of a text, parsed when first asked for: a report is mostly prose, and only
    the lines around a likely row are looked at."""

    def __init__(self, text: str, widths_of: str) -> None:
        self.text, self.widths_of = text, widths_of
        self._lines: dict[int, _Line] = {}

    def at(self, start: int) -> _Line:
        line = self._lines.get(start)
        if line is None:
            end = self.text.find("\n", start)
            line = self._lines[start] = _line(self.text, self.widths_of, start,
                                              len(self.text) if end < 0 else end)
        return line

    def after(self, line: _Line) -> _Line | None:
        nl = self.text.find("\n", line.start)
        return None if nl < 0 else self.at(nl + 1)

    def before(self, line: _Line) -> _Line | None:
        return None if line.start == 0 else self.at(self.text.rfind("\n", 0, line.start - 1) + 1)


def tabulate(text: str, widths_of: str) -> str:
    """`text` with the gaps of its space-aligned tables made tabs (same length).

    `widths_of` is the text as printed, character for character (full-width signs are
    two columns wide there, whatever `text` made of them)."""
    hints = list(_ROW_HINT.finditer(text)) if "  " in text else []
    if len(hints) < _MIN_ROWS:
        return text
    page = _Page(text, widths_of)
    out: list[str] | None = None
    done = -1  # the end of the last block looked at
    for hint in hints:
        if hint.start() <= done:
            continue
        first = page.at(text.rfind("\n", 0, hint.start()) + 1)
        done = first.end
        if not first.row:
            continue
        block = [first]
        while (nxt := page.after(block[-1])) is not None and (nxt.row or _inside(page, nxt)):
            block.append(nxt)
        done = block[-1].end
        body = [ln for ln in block if ln.row]
        if not _enough(body):
            continue
        for _ in range(_HEADER_LINES):  # the header lines right above the rows
            above = page.before(block[0])
            if above is None or len(above.tokens) < 2 or above.row:
                break
            block.insert(0, above)
        out = out if out is not None else list(text)
        # blocks printed with columns of their own (人员 / 经费 / 预算执行 of a 基础数据表), a
        # blank line between: each fits its own columns, not the columns of all of them
        parts = [(run, rows) for run in _runs(block)
                 if _enough(rows := [ln for ln in run if ln.row])]
        for run, rows in parts if len(parts) >= 2 else [(block, body)]:
            _rewrite(out, run, rows)
    return text if out is None else "".join(out)


def _enough(rows: list[_Line]) -> bool:
    """Whether rows are enough to be a table's: three, two of them with two figures."""
    return len(rows) >= _MIN_ROWS and sum(ln.figures >= 2 for ln in rows) >= 2


def _runs(block: list[_Line]) -> list[list[_Line]]:
    """The lines of `block` in runs between blank lines."""
    runs: list[list[_Line]] = [[]]
    for line in block:
        if line.tokens:
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _inside(page: _Page, line: _Line) -> bool:
    """A line a table's rows may run on over, when a row follows within a few lines: blank,
    the second line of its cells (a name, an indicator group's 产出 / 指标 / （50分）), a
    page footer; not prose or a title (…表)."""
    if line.prose or (len(line.tokens) == 1 and line.tokens[0].text.endswith("表")):
        return False
    ahead: _Line | None = line
    for _ in range(3):
        ahead = page.after(ahead) if ahead is not None else None
        if ahead is not None and ahead.row:
            return True
    return False


def _columns(body: list[_Line]) -> list[tuple[int, int]] | None:
    """The stretches of width the rows fill, left to right; None where a row's cells run
    into each other's columns."""
    filled: set[int] = set()
    for line in body:
        for t in line.tokens:
            filled.update(range(t.left, t.right))
    columns: list[tuple[int, int]] = []
    for x in sorted(filled):
        if columns and columns[-1][1] == x:
            columns[-1] = (columns[-1][0], x + 1)
        else:
            columns.append((x, x + 1))
    return columns if len(columns) >= 2 else None


def _widen(columns: list[tuple[int, int]], token: _Token, line: _Line) -> None:
    """Take a header word that touches no column into the nearest one, when it stands within
    `_BESIDE` columns of it, no other word of its line is over it and the widened column
    meets no other; else give it a column of its own."""
    columns.sort()
    near = min(range(len(columns)), key=lambda k: max(columns[k][0] - token.right,
                                                      token.left - columns[k][1]))
    lo, hi = columns[near]
    wide = (min(lo, token.left), max(hi, token.right))
    others = [c for k, c in enumerate(columns) if k != near]
    if max(lo - token.right, token.left - hi) <= _BESIDE \
            and not any(o is not token and o.left < hi and lo < o.right for o in line.tokens) \
            and not any(a < wide[1] and wide[0] < b for a, b in others):
        columns[near] = wide
    else:
        columns.append((token.left, token.right))


def _column_of(token: _Token, columns: list[tuple[int, int]]) -> int | None:
    overlaps = [min(hi, token.right) - max(lo, token.left) for lo, hi in columns]
    best = max(range(len(columns)), key=overlaps.__getitem__)
    return best if overlaps[best] > 0 else None


def _rewrite(out: list[str], block: list[_Line], body: list[_Line]) -> None:
    """Tabs into the gaps of `block`'s lines, or nothing where its lines fit no columns."""
    columns = _columns(body)
    if columns is None:
        return
    for line in block:  # a header word beside its column (分值 right before 10), or over
        for t in line.tokens:  # a column no row fills: a column of its own
            if _column_of(t, columns) is None:
                _widen(columns, t, line)
    columns.sort()
    edits: list[tuple[int, int]] = []  # (offset, tabs)
    for line in block:
        if not line.tokens:
            continue  # a blank line between rows
        if len(line.tokens) == 1 and not _HAN.search(line.tokens[0].text):
            continue  # a page footer (— 3 —) between rows: left to the table reader
        tabs = _tabs(line, columns)
        if tabs is None and line.row:
            return  # a row that fits no columns: the block is no table of these
        edits.extend(tabs or ())  # a header line that fits none stays as printed
    for at, count in edits:
        out[at:at + count] = "\t" * count


def _tabs(line: _Line, columns: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """Where in `line` how many tabs go (gap offset, count), or None where its cells do not
    fall one to a column, left to right, with room in each gap for its boundaries."""
    found = [_column_of(t, columns) for t in line.tokens]
    placed = [c for c in found if c is not None]
    if len(placed) < len(found) or any(b < a for a, b in pairwise(placed)):
        return None
    if line.row and len(set(placed)) < len(placed):
        return None  # two cells of a row in one column
    gaps = [line.start, *(t.end for t in line.tokens[:-1])]
    steps = [placed[0], *(b - a for a, b in pairwise(placed))]
    if any(count > t.start - at for t, at, count in zip(line.tokens, gaps, steps, strict=True)):
        return None  # more boundaries than the gap has characters
    # a line's leading tabs go right before its first cell: a line that starts with a tab
    # and holds no other is a cell of the one-cell-per-line layout (extractor.tables)
    lead = line.tokens[0].start - steps[0]
    return [(at, count) for at, count in zip([lead, *gaps[1:]], steps, strict=True) if count]
