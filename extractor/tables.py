"""Tables as text extraction leaves them, in the two layouts the seeds show.

- "tsv": one row per line, cells separated by tabs (PDF extraction, seed 003).
- "cell_lines": one cell per line starting with a tab, rows separated by blank lines, a cell
  continued on following untabbed lines (Word extraction, seeds 001 and 002).

Both become the same `Table` model: header rows combined per column (merged header cells
filled across the columns they span), and every numeric cell labelled with its row label
(the nearest text cell to its left, with its classification code when the row has one) and
its column labels (the header cells above it, top to bottom).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

from models import Cell, Quantity, QuantityKind, Span, Table

from . import forms, lexicon
from .meta import UNIT_LABEL
from .numbers import RawFigure, scan
from .segment import furniture, heading_at

_LABEL = regex.compile(r"公开\s*0?(\d{1,2})\s*表")
_UNIT = regex.compile(r"(?:单位|金额单位)\s*[:]\s*(万元|元|亿元|千元)|[(（](万元|元|亿元)[)）]")
#: a table's title: its name ends in 表, maybe with a qualifier after it (支出决算表（分单位）)
_TITLE = regex.compile(r"[^\s\t]{2,40}表(?:[（(][^（）()\s]{1,12}[)）])?$")
#: the year alone in a caption's cell (编制单位：…⇥2022年度⇥单位：万元)
_YEAR_CELL = regex.compile(r"(?:19|20)\d{2}\s*年度?")
_CODE = regex.compile(r"[23]\d{2}(?:\d{2}){0,2}")
#: a code printed in front of its name in one cell: "2010301 行政运行", "201一般公共服务支出"
_CODE_NAME = regex.compile(r"([23]\d{2}(?:\d{2}){0,2})\s*(\p{Han}.*)")
#: a row label naming a ratio: its cells are percentages whatever the column says
_RATE_ROW = regex.compile(r"率|比例|占比|%")
#: caption lines that are fields or notes, not titles: 部门：…, 填报单位：…, 注：…
_FIELD_LINE = regex.compile(
    rf"(?:{UNIT_LABEL}|单位|填报日期|填报时间|实施单位|主管部门)(?:名称)?(?:[(（]盖章[)）])?\s*[:：]"
    r"|注\s*[:：\d]|注$")
_SENTENCE_END = regex.compile(r"[。；;]")
_HAN = regex.compile(r"\p{Han}")
_DASHES = regex.compile(r"[—\-－–]+")
_PLAIN_CELL = regex.compile(r"-?\d+(?:\.\d+)?%?|[—-]+")
_YEARLIKE = regex.compile(r"(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}")
_NUMBERING = {"栏次"}  # the header row numbering columns (行次 is a column, not a row)
_GROUP_TOTALS = {"合计", "小计"}  # the first column under a group header (本年支出: 合计 | 基本支出 …)
#: a table's number on a line of its own above the header: 表一, 附表2, 公开03表
_TABLE_NUMBER = regex.compile(r"附?表\s*[一二三四五六七八九十\d]{1,3}|公开\s*0?\d{1,2}\s*表")
_TAB = regex.compile(r"\t")
#: a note printed under a table: 注：…, 说明：…, （说明：…）, 备注…
_NOTE = regex.compile(r"[（(]?(?:注|说明|备注)\s*[:：\d（(]")
_NOTE_LINES = 4  # a table's note is a few sentences at most
_NOTE_END = "。；;）)"  # where a note's sentence ends (a line of PDF text may break before)
_LEFT_CELLS, _CELL_LINE = 12, 12  # cells (short lines) a table's reader may leave above its note
_SKIP_COLUMNS = ("行次",)
#: a figure with decimals somewhere in a table's text: something was printed in it
_DECIMAL = regex.compile(r"\d\.\d")
_NON_MONEY = ("分值", "得分", "行次", "栏次", "编制", "人数", "率", "人", "分", "数量", "次")
#: money rows and columns whose names hold one of those characters (人员经费合计 is money,
#: not a head count; 结余分配 is money, not a score): taken out of the context before it is tested
_MONEY_NAMES = regex.compile(
    r"人员经费|人员支出|个人和家庭|个人家庭|经济分类|功能分类|分类科目|结余分配|部分")


@dataclass
class _RawCell:
    start: int  # normalized offsets of the stripped cell text
    end: int
    text: str
    figure: RawFigure | bool | None = False  # False until parsed (see _figure)


@dataclass
class _Block:
    layout: str
    first_line: int
    last_line: int
    rows: list[list[_RawCell | None]] = field(default_factory=list)
    row_lines: list[int] = field(default_factory=list)
    unsure: bool = False  # cells may stand in the wrong columns (a row lost its empty cells)


Lines = list[tuple[int, int]]  # (start, end) of each line of the normalized text


def split_lines(text: str) -> Lines:
    """Start and end offsets of every line (without its newline)."""
    lines: Lines = []
    start = 0
    while (end := text.find("\n", start)) >= 0:
        lines.append((start, end))
        start = end + 1
    lines.append((start, len(text)))
    return lines


def _strip(text: str, start: int, end: int) -> _RawCell | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _RawCell(start, end, text[start:end]) if end > start else None


def _is_cell_line(line: str) -> bool:
    return line.startswith("\t") and "\t" not in line[1:]


def _unit_line(line: str) -> bool:
    """Whether a line only says the unit (单位：万元, （万元）): not 资金情况（万元）, the header
    of a name column that says its unit too."""
    m = _UNIT.search(line)
    return m is not None and not _HAN.search(line[:m.start()] + line[m.end():])


def _label(m: regex.Match[str]) -> str:
    """The 公开NN表 label a match of `_LABEL` prints, numbered in two digits."""
    return f"公开{int(m.group(1)):02d}表"


def _is_tsv_line(line: str) -> bool:
    if "\t" not in line or _is_cell_line(line):
        return False
    # a title in the first cell of a row merged across the table (a Word table's first
    # row): the table's caption, not one of its rows
    word = line.strip()
    return "\t" in word or not _TITLE.search(word)



def find_blocks(text: str, lines: Lines) -> list[_Block]:
    """Group lines into table blocks of either layout."""
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        line = text[slice(*lines[i])]
        if _is_tsv_line(line):
            i = _read_tsv(text, lines, i, blocks)
        elif _is_cell_line(line):
            i = _read_cell_lines(text, lines, i, blocks)
        elif _TITLE.search(line.strip()) and forms.recognise(line.strip(), [], titles_only=True):
            i = _read_bare_cells(text, lines, i + 1, blocks)
        else:
            i += 1
    return blocks


def _read_bare_cells(text: str, lines: Lines, i: int, blocks: list[_Block]) -> int:
    """A table copied from a web page one cell per line, without tabs, under its title.

    The header is a run of lines that are column words (科目编码, 科目名称, 本年支出合计…);
    the row width is the longest start of that run under which the rows that follow fit
    (figures under figure columns), so a group line such as 收入 after the header is a row
    of its own, not a column. Each row is then that many lines, a blank line an empty cell;
    a lone line where a 行次 number should follow is a row of its own. A sentence, a note or
    another title ends the table.
    """
    def content(j: int) -> str:
        return text[slice(*lines[j])].strip()

    j = i
    while j < len(lines) and (not content(j) or _FIELD_LINE.match(content(j)) or _unit_line(content(j))
                              or _TABLE_NUMBER.fullmatch(content(j))):
        j += 1
    start = j
    if (paired := _read_side_by_side(text, lines, start)) is not None:
        blocks.append(paired)
        return paired.last_line + 1
    if (numbered := _read_numbered(text, lines, start)) is not None:
        blocks.append(numbered)
        return numbered.last_line + 1
    while j < len(lines) and content(j) and _header_word(content(j)):
        j += 1
    if any("\t" in text[slice(*lines[k])] for k in range(start, min(j + 1, len(lines)))):
        return i  # tabbed cells: the TSV and cell-line readers' tables
    header = [content(k) for k in range(start, j)]
    if len(header) >= 2 and j < len(lines) and not content(j):
        read = _read_blank_separated(text, lines, start, j)
        if read is not None:
            blocks.append(read)
            return read.last_line + 1
    width = next((w for w in range(len(header), 1, -1)
                  if _rows_fit(content, list(_bare_rows(content, len(lines), start + w, header[:w]))[:4],
                            header[:w])), 0)
    if width < 2:
        _keep_unread(text, lines, content, i, start, blocks)
        return i
    block = _Block("cell_lines", start, start + width - 1)
    block.rows.append([_strip(text, *lines[k]) for k in range(start, start + width)])
    block.row_lines.append(start)
    for row in _bare_rows(content, len(lines), start + width, header[:width]):
        placed = [k for k in row if k is not None]
        block.rows.append([None if k is None else _strip(text, *lines[k]) for k in row])
        block.row_lines.append(placed[0])
        block.last_line = placed[-1]
        figures = sum(_is_figure_text(content(k)) for k in placed[1:])
        block.unsure |= figures > 0 and len(row) < width  # a row that lost its empty cells
    if len(block.rows) < 2:
        _keep_unread(text, lines, content, i, start, blocks)
        return i
    blocks.append(block)
    return block.last_line + 1


def _read_side_by_side(text: str, lines: Lines, start: int) -> _Block | None:
    """A one-cell-per-line table of two halves side by side, as a 总表 prints income
    beside spending: 收入 | 支出 over 项目 | 行次 | 决算数 | 项目 | 行次 | 决算数.

    Each half starts with a name column (项目); the rows are items, a label and the figures
    of its half. A half without an item in a row prints nothing there, so which half an
    item belongs to is read from it: by its number of figures where the halves differ (项目 |
    金额 beside 项目 | 合计 | 一般公共预算财政拨款 | …), else by its 行次, which runs on from
    the item before in its own half. A left item starts a row, a right one completes it (or
    starts one of its own when the row has its right item). None when the header is not two
    such halves, or an item fits neither half: the other readers then try.
    """
    def content(k: int) -> str:
        return text[slice(*lines[k])].strip().replace(" ", "")

    def meaning(k: int) -> forms.Meaning | None:
        return forms.meaning([content(k)]) if _header_word(content(k)) else None

    k, header = start, []
    while k < len(lines) and (not content(k) or meaning(k) is not None):
        if content(k):
            after = _next_nonblank(text, lines, k + 1)
            if after is not None and _is_figure_text(content(after)):
                break  # a label with its figure (一、一般公共预算财政拨款 | 4148.96): a row
            header.append(k)
        k += 1
    names = [n for n in header if meaning(n).type == "name"]  # type: ignore[union-attr]
    if len(names) != 2 or len(header) > 20:
        return None
    groups, left, right = header[:header.index(names[0])], \
        header[header.index(names[0]):header.index(names[1])], header[header.index(names[1]):]
    if len(groups) not in (0, 2) or len(left) < 2 or len(right) < 2:
        return None
    ordinal = [[meaning(n).type == "ordinal" for n in half] for half in (left, right)]  # type: ignore[union-attr]
    numbered = ordinal[0][1:2] == [True] and ordinal[1][1:2] == [True]
    if len(left) == len(right) and not numbered:
        return None  # nothing tells the halves' items apart
    width = len(left) + len(right)
    block = _Block("cell_lines", start, k - 1)
    if groups:
        block.rows.append([_strip(text, *lines[groups[0]]), *[None] * (len(left) - 1),
                           _strip(text, *lines[groups[1]]), *[None] * (len(right) - 1)])
        block.row_lines.append(groups[0])
    block.rows.append([_strip(text, *lines[n]) for n in left + right])
    block.row_lines.append(start)
    last: list[int | None] = [0, None]  # the 行次 of each half's last item
    row: list[_RawCell | None] | None = None
    n = k
    while n < len(lines) and (not content(n) or content(n) in _NUMBERING
                              or (content(n).isdigit() and int(content(n)) <= width)):
        n += 1  # the 栏次 row numbering the value columns
    while n < len(lines):
        while n < len(lines) and not content(n):
            n += 1
        first = content(n) if n < len(lines) else ""
        if not first or len(first) > 40 or _SENTENCE_END.search(first) or _FIELD_LINE.match(first) \
                or _is_note(first) or _is_figure_text(first) \
                or (_TITLE.search(first) and not _header_word(first)):
            break
        end = n + 1
        while end < len(lines) and (_is_figure_text(content(end)) or _DASHES.fullmatch(content(end))):
            end += 1
        figures = end - n - 1
        if numbered:  # a value left out (an empty cell) is the only cell that can be
            number = int(content(n + 1)) if figures and content(n + 1).isdigit() else None
            half = 0 if number == (last[0] or 0) + 1 else 1 if number is not None and (
                last[1] is None or number == last[1] + 1) else None
            if half is not None and not 1 <= figures <= len((left, right)[half]) - 1:
                half = None
            if half is not None:
                last[half] = number
                block.unsure |= figures < len((left, right)[half]) - 2  # which is gone?
        elif row is not None and row[0] is not None and not any(row[len(left):]) \
                and content(n) == row[0].text.replace(" ", "") and 1 <= figures < len(right):
            half = 1  # 总计 | 总计: the right half's, its 合计 first of what it prints
            block.unsure |= 1 < figures < len(right) - 1
        else:
            half = 0 if figures == len(left) - 1 else 1 if figures == len(right) - 1 else None
        if half is None:
            return None
        cells = [_strip(text, *lines[m]) for m in range(n, end)]
        if half == 0 or row is None or any(row[len(left):]):
            row = [None] * width
            block.rows.append(row)
            block.row_lines.append(n)
        offset = 0 if half == 0 else len(left)
        row[offset:offset + len(cells)] = cells
        block.last_line = end - 1
        n = end
    return block if len(block.rows) >= (4 if groups else 3) else None


def _read_numbered(text: str, lines: Lines, start: int) -> _Block | None:
    """A one-cell-per-line table whose header ends in a 栏次 line numbering its value columns.

    The numbering says how many value columns there are, so the width is not guessed: the
    header lines before it print the label columns (科目编码, 科目名称, 项目) and the value
    columns (see `_numbered_header`); each row is its label lines (a code line, a name) and
    that many figures. A row with fewer figures lost its empty cells: the table is read but
    unsure. None when no 栏次 line with 1, 2 … under it ends the header.
    """
    def content(k: int) -> str:
        return text[slice(*lines[k])].strip()

    k = start
    while k < len(lines) and k - start < 40 and content(k) not in _NUMBERING:
        line = content(k)
        if line and (len(line) > 12 or _is_figure_text(line) or _SENTENCE_END.search(line)):
            return None
        k += 1
    if k >= len(lines) or content(k) not in _NUMBERING:
        return None
    count = 0
    while k + 1 + count < len(lines) and content(k + 1 + count) == str(count + 1):
        count += 1
    block = _Block("cell_lines", start, k + count)
    after = k + 1 + count
    header = [_strip(text, *lines[n]) for n in range(start, k) if content(n)]
    read = _numbered_header([c for c in header if c], count) if count else None
    if read is None or (after < len(lines) and content(after) in _NUMBERING):
        block.unsure = True  # side by side, or a header that does not fit: not read
        return block
    block.rows, labels = read
    block.row_lines = [start] * len(block.rows)
    width = labels + count
    coded = labels > 1
    n = after
    while n < len(lines):
        while n < len(lines) and not content(n):
            n += 1
        first = content(n) if n < len(lines) else ""
        if not first or len(first) > 40 or _SENTENCE_END.search(first) or _FIELD_LINE.match(first) \
                or (_TITLE.search(first) and not _header_word(first)):
            break
        row: list[_RawCell | None] = [None] * width
        name = n
        if coded and _CODE.fullmatch(first) and n + 1 < len(lines) \
                and content(n + 1) and not _is_figure_text(content(n + 1)):
            row[0] = _strip(text, *lines[n])
            name = n + 1
        elif _is_figure_text(first):
            break
        row[labels - 1] = _strip(text, *lines[name])
        end, filled = name + 1, 0
        while end < len(lines) and filled < count and not _next_code(content, end, len(lines)) \
                and (_is_figure_text(content(end)) or _DASHES.fullmatch(content(end))):
            row[labels + filled] = _strip(text, *lines[end])
            end, filled = end + 1, filled + 1
        block.unsure |= 0 < filled < count  # a row that lost its empty cells
        block.rows.append(row)
        block.row_lines.append(n)
        block.last_line = end - 1
        n = end
    return block


def _next_code(content: Callable[[int], str], k: int, count: int) -> bool:
    """Whether line `k` is the code of the next row (201 above 一般公共服务支出), not a figure:
    a row that lost its empty cells ends there."""
    return bool(_CODE.fullmatch(content(k))) and k + 1 < count and bool(content(k + 1)) \
        and not _is_figure_text(content(k + 1))


def _numbered_header(cells: list[_RawCell], count: int,
                     ) -> tuple[list[list[_RawCell | None]], int] | None:
    """Header rows over a table of `count` value columns, and how many label columns stand
    before them; None when the printed header fits no layout for certain.

    The lines are whole column words (科目编码 | 科目名称 | 决算数 | …), with a group word over
    the value columns (本年支出 over 合计 | 基本支出 | 项目支出), or cells broken over lines
    and printed row by row as PDF text and web copies leave them (功能分 | 科目名称 | 本年 | … |
    类科目 | 支出 | … | 编码 | 合计): the first pieces start every column, each later row
    continues some of the columns of the row before. One, two or three label columns are
    tried; the one arrangement whose columns all join to known words of the right kind is
    taken, and none or more than one is no reading.
    """
    words = [c.text.replace(" ", "") for c in cells]
    found: list[tuple[list[list[_RawCell | None]], int]] = []
    for labels in (1, 2, 3):
        width = labels + count
        kinds = ["label"] * labels + ["value"] * count
        if len(words) == width and all(_fits(w, k) for w, k in zip(words, kinds, strict=True)):
            found.append(([list(cells)], labels))
        elif len(words) == width + 1 and all(_fits(w, k) for w, k in zip(
                words[:labels] + words[labels + 1:], kinds, strict=True)) \
                and _fits(words[labels], "value") and words[labels + 1] in _GROUP_TOTALS:
            group: list[_RawCell | None] = [None] * width
            group[labels] = cells[labels]  # over its 合计 and the rest, by _fill_headers
            found.append(([group, [*cells[:labels], *cells[labels + 1:]]], labels))
        elif len(words) > width:
            for arrangement in _arrangements(words, kinds):
                rows: list[list[_RawCell | None]] = []
                for placed in arrangement:
                    row: list[_RawCell | None] = [None] * width
                    for column, piece in placed:
                        row[column] = cells[piece]
                    rows.append(row)
                found.append((rows, labels))
    return found[0] if len(found) == 1 else None


def _fits(word: str, kind: str) -> bool:
    """Whether a header word is a known word of a label column (code, name) or a value column."""
    meaning = forms.meaning([word]) if _known(word) else None
    if meaning is None:
        return False
    return (meaning.type in ("code", "name")) == (kind == "label")


def _arrangements(words: list[str], kinds: list[str], limit: int = 4000,
                  ) -> list[list[list[tuple[int, int]]]]:
    """Ways (at most two) to lay broken header pieces out over the columns of `kinds`, every
    column joining to a known word of its kind: each arrangement is its rows of
    (column, piece index), the first row one piece per column."""
    width = len(kinds)
    found: list[list[list[tuple[int, int]]]] = []
    tried = 0

    def place(piece: int, rows: list[list[tuple[int, int]]], joined: list[str], open_: list[int]) -> None:
        nonlocal tried
        tried += 1
        if len(found) > 1 or tried > limit:
            return
        if piece == len(words):
            if all(_fits(j, k) for c, (j, k) in enumerate(zip(joined, kinds, strict=True)) if c in open_):
                found.append([list(r) for r in rows])
            return
        for size in range(1, min(len(open_), len(words) - piece) + 1):
            for chosen in itertools.combinations(open_, size):
                # a column no piece continues is finished: it must be a word by now
                if not all(_fits(joined[c], kinds[c]) for c in open_ if c not in chosen):
                    continue
                row = [(c, piece + i) for i, c in enumerate(chosen)]
                grown = list(joined)
                for c, p in row:
                    grown[c] += words[p]
                place(piece + size, [*rows, row], grown, list(chosen))

    place(width, [[(c, c) for c in range(width)]], words[:width], list(range(width)))
    return found if tried <= limit else []


def _read_blank_separated(text: str, lines: Lines, start: int, j: int) -> _Block | None:
    """One cell per line, a blank line after the header and after every row: each run of
    lines is a row; a row shorter than the header that holds figures lost its empty cells,
    so where its figures stand is a guess (the table is unsure). None when the lines after
    the header do not come in such runs (the blank was an empty cell)."""
    def content(k: int) -> str:
        return text[slice(*lines[k])].strip()

    width = j - start
    block = _Block("cell_lines", start, j - 1)
    block.rows.append([_strip(text, *lines[k]) for k in range(start, j)])
    block.row_lines.append(start)
    k = j
    while k < len(lines):
        while k < len(lines) and not content(k):
            k += 1
        end = k
        while end < len(lines) and content(end):
            end += 1
        first = content(k) if k < len(lines) else ""
        if not first or len(first) > 40 or _SENTENCE_END.search(first) or _FIELD_LINE.match(first) \
                or (_TITLE.search(first) and not _header_word(first)) or end - k > width:
            break
        block.rows.append([_strip(text, *lines[n]) for n in range(k, end)])
        block.row_lines.append(k)
        block.last_line = end - 1
        if end - k < width and first not in _NUMBERING \
                and any(_is_figure_text(content(n)) for n in range(k + 1, end)):
            block.unsure = True
        k = end
    return block if len(block.rows) >= 3 else None


def _keep_unread(text: str, lines: Lines, content: Callable[[int], str], i: int, start: int,
                 blocks: list[_Block]) -> None:
    """A title and its unit line (lines `i` to `start`) above what could not be read: a table
    is there, and so are its rows flattened one per line, kept as an unsure block (its cells
    are not read: no figure of them is a sentence's)."""
    if start > i and not _tabbed_soon(text, lines, i):
        blocks.append(_Block("cell_lines", i, _flat_rows(content, len(lines), start) - 1,
                             unsure=True))


#: what a sentence has and a table row flattened onto one line has not (the comma of
#: 2,797.76 is a figure's)
_PROSE_MARK = regex.compile(r"[，。；！？：:;!?]|,(?!\d)|(?<!\d),")
#: the longest line that is one flattened row (a side-by-side row of 总表 with both halves)
_FLAT_ROW_CHARS = 160


def _flat_rows(content: Callable[[int], str], count: int, j: int) -> int:
    """Where the rows of a table copied one row per line with spaces between the cells end
    (the line after them; 2040601行政运行1126.48 1126.48 once normalized): a run of lines
    without sentence punctuation, up to a blank line, a note, a sentence, a title, or a
    heading without figures that no row of figures follows (第三部分…说明; a row that starts
    9九、社会保险基金支出40 is no heading, a row with figures comes after it)."""
    def row(line: str) -> bool:
        return bool(line) and len(line) <= _FLAT_ROW_CHARS and not _PROSE_MARK.search(line) \
            and not _is_note(line) and not _TITLE.search(line)

    while j < count and row(line := content(j)):
        if not _DECIMAL.search(line) and heading_at(line, 0, len(line), 0):
            k = j + 1  # rows without figures (11十一、节能环保支出42) until one with figures?
            while k < count and row(content(k)) and not _DECIMAL.search(content(k)):
                k += 1
            if k >= count or not row(content(k)):
                break
            j = k
        j += 1
    return j


def _tabbed_soon(text: str, lines: Lines, i: int, within: int = 10) -> bool:
    """Whether a tabbed table line follows within a few lines (a table the other readers take)."""
    return any("\t" in text[slice(*lines[k])] for k in range(i, min(i + within, len(lines))))


def _bare_rows(content: Callable[[int], str], count: int, j: int,
               header: list[str]) -> Iterator[list[int | None]]:
    """The lines of each row of a one-cell-per-line table under `header`: per column, the
    line holding its cell, or None for a name column its row label spans.

    A row starts with its label (or code) and takes the lines its columns expect: text under
    name and code columns, a figure, a dash or a blank line under the others. It ends early
    where a label comes instead of a figure: a group row (收入) or a row whose empty cells
    were left out, which the caller tells apart. Under a code column the next row's code
    ends it, except where the column is a code column itself (the second 科目编码 of a
    side-by-side 基本支出决算表); a label printed there instead of a code (人员经费合计
    across 科目编码 and 科目名称) spans the name column after it when a figure follows.
    """
    kinds = [forms.meaning([h]) for h in header]

    def is_code(column: int) -> bool:
        kind = kinds[column]
        return kind is not None and kind.type in ("code", "code_part")

    coded = is_code(0)
    while j < count:
        first = content(j)
        if not first or len(first) > 40 or _SENTENCE_END.search(first) or _FIELD_LINE.match(first) \
                or (_TITLE.search(first) and not _header_word(first)) \
                or (_is_figure_text(first) and not (coded and first.isdigit())):
            return
        row: list[int | None] = [j]
        end = j + 1
        for column in range(1, len(kinds)):
            if end >= count:
                break
            kind = kinds[column]
            cell = content(end)
            if coded and not is_code(column) and _next_code(content, end, count):
                break
            labelled = kind is not None and kind.type in ("name", "code", "code_part")
            empty = not cell or bool(_DASHES.fullmatch(cell))
            if kind is not None and kind.type == "name" and is_code(column - 1) \
                    and row[-1] is not None and not _CODE.fullmatch(content(row[-1])) \
                    and not empty and _is_figure_text(cell):
                row.append(None)  # the label before spans this name column
                continue
            if empty or labelled != _is_figure_text(cell) \
                    or (is_code(column) and _CODE.fullmatch(cell)):
                row.append(end)
                end += 1
                continue
            break
        yield row
        j = end


def _rows_fit(content: Callable[[int], str], rows: list[list[int | None]], header: list[str]) -> bool:
    """Whether full rows under `header` hold figures (or nothing) where it expects them."""
    kinds = [forms.meaning([h]) for h in header]
    full = [row for row in rows if len(row) == len(header)]
    return bool(full) and all(
        (line := row[c]) is None or not content(line) or _is_figure_text(content(line))
        for row in full for c, kind in enumerate(kinds)
        if c and kind is not None and (kind.holds_figures or kind.type == "ordinal"))


def _is_note(line: str) -> bool:
    return "\t" not in line and bool(_NOTE.match(line) or "本表" in line)


def _header_word(line: str) -> bool:
    """A short line that is a column word of tables.yaml (科目名称, 决算数…), not a figure."""
    return (len(line) <= 12 and not _is_figure_text(line) and line not in _NUMBERING
            and forms.meaning([line.replace(" ", "")]) is not None)


def _is_figure_text(line: str) -> bool:
    return bool(_PLAIN_CELL.fullmatch(line.replace(",", "")))


def _next_nonblank(text: str, lines: Lines, i: int, limit: int = 3) -> int | None:
    for j in range(i, min(i + limit, len(lines))):
        if text[slice(*lines[j])].strip():
            return j
    return None


def _read_tsv(text: str, lines: Lines, i: int, blocks: list[_Block]) -> int:
    block = _Block("tsv", i, i)
    j = i
    while j < len(lines):
        start, end = lines[j]
        line = text[start:end]
        if _is_tsv_line(line):
            row: list[_RawCell | None] = []
            cell_start = start
            for m in _TAB.finditer(text, start, end):
                row.append(_strip(text, cell_start, m.start()))
                cell_start = m.end()
            row.append(_strip(text, cell_start, end))
            block.rows.append(row)
            block.row_lines.append(j)
            block.last_line = j
            j += 1
            continue
        nxt = _next_nonblank(text, lines, j)
        if not line.strip() and nxt is not None and _is_tsv_line(text[slice(*lines[nxt])]):
            j = nxt
            continue
        if _interlude(line) and j + 1 < len(lines) and _is_tsv_line(text[slice(*lines[j + 1])]):
            # 收入 / 支出 alone between the halves of a stacked 总表, an indicator group's
            # 满意度 on a line of its own: a row of one cell, not the end of the table
            block.rows.append([_strip(text, start, end)])
            block.row_lines.append(j)
            j += 1
            continue
        if furniture(line) and (nxt := _past_furniture(text, lines, j)) is not None:
            j = nxt  # a page break of the PDF the text came from, inside the table
            continue
        break
    blocks.append(block)
    return block.last_line + 1


#: a short line inside a table, between its rows: a heading or a label's piece (收入,
#: 满意度), not a title, a table number, a unit or a sentence
_INTERLUDE_CHARS = 12


def _interlude(line: str) -> bool:
    word = line.strip()
    return 0 < len(word) <= _INTERLUDE_CHARS and not (
        _TITLE.search(word) or _TABLE_NUMBER.search(word) or _UNIT.search(word)
        or _FIELD_LINE.match(word) or _SENTENCE_END.search(word) or _DECIMAL.search(word))


def _past_furniture(text: str, lines: Lines, j: int) -> int | None:
    """The next table row after page numbers and running headers, if one follows soon."""
    for k in range(j, min(j + 6, len(lines))):
        line = text[slice(*lines[k])]
        if _is_tsv_line(line):
            return k
        if line.strip() and not furniture(line):
            return None
    return None


def _read_cell_lines(text: str, lines: Lines, i: int, blocks: list[_Block]) -> int:
    block = _Block("cell_lines", i, i)
    row: list[_RawCell | None] = []
    blank_before = False
    j = i
    while j < len(lines):
        start, end = lines[j]
        line = text[start:end]
        if _is_cell_line(line):
            if blank_before and row:
                block.rows.append(row)
                row = []
            if not row:
                block.row_lines.append(j)
            row.append(_strip(text, start + 1, end))
            block.last_line = j
            blank_before = False
        elif not line.strip():
            blank_before = True
        else:
            nxt = _next_nonblank(text, lines, j + 1)
            continues = nxt is not None and _is_cell_line(text[slice(*lines[nxt])])
            if not continues or len(line.strip()) > 40 or not row:
                break
            # An untabbed line inside a cell-lines table continues the previous cell.
            last = row[-1]
            extra = _strip(text, start, end)
            if last is None:
                row[-1] = extra
            elif extra is not None:
                row[-1] = _RawCell(last.start, extra.end, text[last.start : extra.end])
            block.last_line = j
        j += 1
    if row:
        block.rows.append(row)
    blocks.extend(_split_at_titles(block))
    return block.last_line + 1


def _split_at_titles(block: _Block) -> list[_Block]:
    """Word documents put consecutive tables back to back; a one-cell title row starts one."""
    parts: list[_Block] = []
    for row, line in zip(block.rows, block.row_lines, strict=True):
        cells = [c for c in row if c is not None]
        is_title = len(cells) == 1 and _TITLE.search(cells[0].text.split("\n")[0].strip())
        if not parts or (is_title and parts[-1].rows):
            parts.append(_Block(block.layout, line, line))
        part = parts[-1]
        part.rows.append(row)
        part.row_lines.append(line)
    for part, nxt in zip(parts, [*parts[1:], None], strict=True):
        part.last_line = nxt.first_line - 1 if nxt else block.last_line
    return parts


# --- from blocks to tables ------------------------------------------------------------------


_PLAIN = regex.compile(r"-?\d+(?:\.(\d+))?")


def _figure(text: str, cell: _RawCell) -> RawFigure | None:
    """The figure a cell holds when the cell is nothing but that figure (parsed once)."""
    if cell.figure is False:
        cell.figure = _parse_cell(text, cell)
    return cell.figure  # type: ignore[return-value]


def _parse_cell(text: str, cell: _RawCell) -> RawFigure | None:
    plain = _PLAIN.fullmatch(cell.text)
    if plain and not _YEARLIKE.fullmatch(cell.text):
        # Most cells are bare numbers ("500.57", "0.00"): no need for the full scanner.
        decimals = len(plain.group(1) or "")
        return RawFigure(cell.start, cell.end, QuantityKind.NUMBER, Decimal(cell.text), decimals,
                         None, False, None, False)
    figures = scan(text, cell.start, cell.end)
    if len(figures) != 1:
        return None
    fig = figures[0]
    head = text[cell.start : fig.start]
    tail = text[fig.end : cell.end]
    if head.strip("≥≤<>=约近 ") or (tail and not tail.startswith("/")) or len(tail) > 4:
        return None
    return fig


def _is_numbering_row(text: str, row: list[_RawCell | None]) -> bool:
    cells = [c.text.replace(" ", "") for c in row if c is not None]
    if any(c in _NUMBERING for c in cells):
        return True
    numbers = [c for c in cells if c.isdigit()]
    # 1 2 3 … under the header, with at most a label or two beside them (栏次, 合计)
    return len(numbers) >= 3 and len(cells) - len(numbers) <= 2 and numbers[0] == "1" and all(
        int(b) == int(a) + 1 for a, b in itertools.pairwise(numbers)
    )


def _is_code(text: str, row: list[_RawCell | None], k: int) -> bool:
    cell = row[k]
    if cell is None or not _CODE.fullmatch(cell.text):
        return False
    right = row[k + 1] if k + 1 < len(row) else None
    return right is not None and _figure(text, right) is None


def _fill_headers(header: list[list[str]], width: int) -> list[list[str]]:
    """Spread a merged header cell over the blank cells to its right that have sub-headers;
    not a piece of its own column's label (全年 over 执行数, a label broken over two lines)
    unless the piece below it runs on to the right too (公务用 / 车购置 over three columns)."""
    rows = [r + [""] * (width - len(r)) for r in _over_their_names(header)]
    for r in reversed(range(len(rows) - 1)):  # bottom up: a piece spread below spreads above
        for c in range(1, width):
            below = any(rows[b][c] for b in range(r + 1, len(rows)))
            if not rows[r][c] and rows[r][c - 1] and below and not (
                    _piece_of_one_label(rows[r][c - 1], rows[r + 1][c - 1])
                    and rows[r + 1][c] != rows[r + 1][c - 1]) \
                    and all(rows[u][c] in ("", rows[u][c - 1]) for u in range(r)):
                # (never under another group: 运行费 under 公务用车 stops at 公务接待费)
                rows[r][c] = rows[r][c - 1]
    return rows


def _over_their_names(header: list[list[str]]) -> list[list[str]]:
    """Group labels printed without the blanks of their merged cells (a PDF's 收入 | 支出 over
    项目 | 金额 | 项目 | 合计 | …) set over the name columns of the row below, one each: the
    halves of a side-by-side table start with their 项目."""
    rows = [list(r) for r in header]
    for r in range(len(rows) - 1):
        row, below = rows[r], rows[r + 1]
        if len(row) >= len(below) or not all(row):
            continue
        names = [c for c, t in enumerate(below) if t and (m := forms.meaning([t])) is not None
                 and m.type == "name"]
        if len(names) == len(row) > 1 and names[0] == 0:
            spread = [""] * len(below)
            for label, c in zip(row, names, strict=True):
                spread[c] = label
            rows[r] = spread
    return rows


def _piece_of_one_label(upper: str, lower: str) -> bool:
    """全年 over 执行数: no term alone, one (全年执行数) with the piece below it; 本年支出 over
    合计 is a term of its own, a group over the columns under it."""
    return not _known(upper) and _known(upper + lower)


def column_labels(header: list[list[str]], printed: list[list[str]], col: int) -> list[str]:
    """The header labels of one column, top to bottom, with cells broken over lines whole.

    Text copied from PDF splits 财政拨款收入 into 财政拨款 / 收入, and a narrow column's
    公务接待费 into 公务 / 接待 / 费. The longest run of stacked pieces that together is a
    known term (a subject of the lexicon or a column word of tables.yaml) becomes one label,
    provided the run does not mix a merged group header (`header` has it spread over more
    columns than `printed`, the rows as printed, shows it in: 本年支出 over 合计 | 基本支出 |
    项目支出) with the column's own pieces.
    """
    def at(rows: list[list[str]], r: int, c: int) -> str:
        return rows[r][c] if 0 <= c < len(rows[r]) else ""

    def group(r: int) -> bool:
        label = at(header, r, col)
        return label != at(printed, r, col) or (
            at(header, r, col + 1) == label and not at(printed, r, col + 1))

    pieces = [(r, at(header, r, col)) for r in range(len(header)) if at(header, r, col)]
    shared = [group(r) for r, _ in pieces]
    out: list[str] = []
    i = 0
    while i < len(pieces):
        stop = i + 1
        for j in range(len(pieces), i + 1, -1):
            run = pieces[i:j]
            if len(set(shared[i:j])) == 1 and all(_is_piece(x) for _, x in run) \
                    and _known("".join(x for _, x in run)):
                stop = j
                break
        label = "".join(x for _, x in pieces[i:stop])
        if not out or out[-1] != label:
            out.append(label)
        i = stop
    return out


def _is_piece(label: str) -> bool:
    return len(label) <= 8 and ":" not in label and "：" not in label


@lru_cache(maxsize=8192)
def _known(term: str) -> bool:
    """Whether `term` is a column word or a subject (asked of every stacked header piece
    and their joins, the same few hundred terms in every report)."""
    return forms.known_label(term) or lexicon.load().canonical(term) is not None


def _column_types_agree(cells: list[Cell]) -> bool:
    """Whether every column's figures are what its header says (no 10 under 执行率 beside 100%),
    and no two columns of one row have the same header (预算数 and 决算数 lost above two 小计)."""
    by_column: dict[tuple[int, tuple[str, ...]], list[Cell]] = {}
    in_row: dict[int, set[tuple[str, ...]]] = {}
    for cell in cells:  # a table may hold several header blocks: one column per header
        seen = in_row.setdefault(cell.row, set())
        if cell.value is None:
            if cell.text and seen:
                seen.clear()  # a label after figures: the row's second half (side by side)
            continue
        by_column.setdefault((cell.column, tuple(cell.column_labels)), []).append(cell)
        labels = tuple(cell.column_labels)
        if labels and labels in seen:
            return False
        seen.add(labels)
    for column in by_column.values():
        meaning = forms.meaning(column[0].column_labels)
        if meaning is None:
            continue
        # A row may say what its figures are (在职人员控制率 in a 决算数 column of a 基础数据表).
        column = [c for c in column if not _RATE_ROW.search(c.row_label or "")]
        percents = sum(c.value.kind is QuantityKind.PERCENT for c in column)  # type: ignore[union-attr]
        if meaning.type == "percent" and 0 < percents < len(column):
            return False
        if meaning.type in ("amount", "score", "weight", "count") and percents:
            return False
    return True


class TableBuilder:
    """Turns blocks into `Table` models; `to_span` maps normalized offsets to original spans."""

    def __init__(self, text: str, lines: Lines, to_quantity: Callable[..., Quantity],
                 to_span: Callable[[int, int], Span]) -> None:
        self.text = text
        self.lines = lines
        self.to_quantity = to_quantity
        self.to_span = to_span

    def caption(self, first_line: int, stop_line: int,
                ) -> tuple[str | None, Span | None, str | None, str | None]:
        """Title (and where it is printed), 公开NN表 label and unit from the lines just above a table."""
        title = title_span = label = unit = None
        j = first_line - 1
        seen = 0
        while j > stop_line and seen < 8:
            line = self.text[slice(*self.lines[j])].strip()
            j -= 1
            if not line:
                continue
            seen += 1
            if label is None and (m := _LABEL.search(line)):
                label = _label(m)
                continue
            if unit is None and (m := _UNIT.search(line)):
                unit = m.group(1) or m.group(2)
                continue
            if _FIELD_LINE.match(line):
                continue
            if title is None and _TITLE.search(line):
                title = line
                printed = _strip(self.text, *self.lines[j + 1])
                title_span = self.to_span(printed.start, printed.end) if printed else None
                if label is None:  # 公开01表 on its own line above the title
                    label = self._label_above(j, stop_line)
                break
            if len(line) > 40:
                break
        return title, title_span, label, unit

    def _label_above(self, j: int, stop_line: int) -> str | None:
        """The 公开NN表 label printed alone on the first non-blank line at or above `j`."""
        for k in range(j, stop_line, -1):
            line = self.text[slice(*self.lines[k])].strip()
            if line:
                m = _LABEL.fullmatch(line)
                return _label(m) if m else None
        return None

    def note(self, block: _Block, next_line: int) -> str | None:
        """The note printed under a table, its lines joined; None when it has none.

        A note is what a 注 / 说明 line or a line about 本表 itself says (本表反映…; 本单位无政府性
        基金收支，故本表为空表): an empty table owes one saying why it is empty. It runs up to
        the first other line (a line of text taken from PDF continues the one before it until
        a sentence ends), page furniture skipped, and never into the next table. A table read
        one cell per line may have taken the note (and what follows) in as its lines, or left
        a few of its cells (short lines) above it.
        """
        def line(k: int) -> str:
            return self.text[slice(*self.lines[k])].strip()

        j = next((k for k in range(block.first_line + 1, block.last_line + 1) if _is_note(line(k))),
                 block.last_line + 1)
        notes: list[str] = []
        left = _LEFT_CELLS
        while j < next_line and len(notes) < _NOTE_LINES:
            if not line(j) or furniture(line(j)):
                j += 1
                continue
            if not notes and left and len(line(j)) <= _CELL_LINE and not _is_note(line(j)) \
                    and not _SENTENCE_END.search(line(j)):
                j, left = j + 1, left - 1  # a cell the table's reader left after it
                continue
            sentence = line(j)
            j += 1
            while j < next_line and line(j) and "\t" not in line(j) and sentence[-1] not in _NOTE_END \
                    and not _TITLE.search(line(j)):
                if not furniture(line(j)):
                    sentence += line(j)  # broken over lines (a page's header and number between)
                j += 1
            if not _is_note(sentence) or "\t" in sentence:
                break
            notes.append(sentence)
        return "\n".join(notes) or None

    def build(self, block: _Block, index: int, stop_line: int, next_line: int) -> Table:
        text = self.text
        title, title_span, label, unit = self.caption(block.first_line, stop_line)
        width = max((len(r) for r in block.rows), default=0)
        header: list[list[str]] = []
        cells: list[Cell] = []
        active: list[list[str]] = []
        in_header = True
        opening: list[list[str]] = []  # the header rows above the first row of figures
        new_header = False  # the row before was a header inside the table
        self._carry: dict[int, str] = {}
        self._labels: dict[int, list[str]] = {}  # column -> labels under the current header
        self._skip: set[int] | None = None  # the columns the current header says to skip
        for r, row in enumerate(block.rows):
            texts = [c.text.replace(" ", "") if c else "" for c in row]
            if _is_numbering_row(text, row):
                continue
            numeric = [k for k, c in enumerate(row) if c and _figure(text, c) is not None]
            if in_header and not numeric and all(
                    _FIELD_LINE.match(t) or _UNIT.search(t) or _YEAR_CELL.fullmatch(t)
                    or _TABLE_NUMBER.fullmatch(t) for t in texts if t):
                # "单位名称：…⇥2022年度⇥金额单位：万元" above the header (the table's number,
                # 公开07表, among them): the caption's, not a column's
                if unit is None and (m := _UNIT.search(" ".join(texts))):
                    unit = m.group(1) or m.group(2)
                continue
            if in_header and not numeric:
                header.append(texts)
                active = _fill_headers(header, width)
                self._labels.clear()
                self._skip = None
                if unit is None and (m := _UNIT.search(" ".join(texts))):
                    unit = m.group(1) or m.group(2)
                continue
            if not numeric and texts in opening:
                continue  # the header printed again where a page broke (a repeated 表头)
            if not numeric and (sum(map(bool, texts)) >= (2 if block.layout == "cell_lines" else 3) or (
                    new_header and any(texts) and all(_is_piece(t) for t in texts if t))):
                # a new header inside the table (score tables have several), maybe over two
                # rows (年度 / 指标值): short labels right under one join it
                header = [*header, texts] if new_header else [texts]
                new_header = True
                active = _fill_headers(header, width)
                self._labels.clear()
                self._skip = None
                in_header = False
                cells.extend(self._cell(r, k, c, None, None, [], None) for k, c in enumerate(row) if c)
                continue
            if in_header:
                opening = list(header)
            in_header = new_header = False
            cells.extend(self._row_cells(r, row, active, width, unit, block.layout, header))
        body = self.lines[block.first_line][0], self.lines[block.last_line][1]
        extent = self.to_span(*body)
        words = [x for row in active for x in row] + [c.text for c in cells if c.value is None]
        form = forms.recognise(title, words)
        unsure = block.unsure or not _column_types_agree(cells)  # read, but maybe misplaced
        if form is None and title and extent.end > extent.start \
                and (form := forms.recognise(title, [], titles_only=True)):
            # printed under its form's exact title, but no header of that form was read (a
            # table one cell per line whose empty cells were dropped): that table, its figures
            # read unsure, or not read at all (an empty one has none to misplace)
            unsure = unsure or any(c.value is not None for c in cells) or bool(
                _DECIMAL.search(self.text, *body))
        return Table(
            id=f"t{index}",
            title=title,
            title_span=title_span,
            label=label,
            unit=unit,
            start=extent.start,
            end=extent.end,
            layout=block.layout,
            header_rows=active,
            cells=cells,
            note=self.note(block, next_line),
            form=form.id if form else None,
            unsure=unsure,
        )

    def _row_cells(self, r: int, row: list[_RawCell | None], header: list[list[str]], width: int,
                   unit: str | None, layout: str, printed: list[list[str]]) -> list[Cell]:
        text = self.text
        # Word tables drop merged cells: a short row lines up with the header on the right.
        shift = width - len(row) if layout == "cell_lines" and len(row) < width else 0
        if self._skip is None:
            self._skip = {c for c in range(width)
                          if any(h[c] in _SKIP_COLUMNS for h in header if c < len(h))}
        skip = self._skip
        out: list[Cell] = []
        label: str | None = None
        code: str | None = None
        parts: dict[int, str] = {}
        seen_figure = False
        named = False  # the row's name column has given its label (项目名称, not 资金来源 after it)
        for k, cell in enumerate(row):
            col = k + shift
            if cell is None:
                continue
            if col not in self._labels:
                found = column_labels(header, printed, col)
                self._labels[col] = [x for i, x in enumerate(found) if x not in found[:i]]
            labels = self._labels[col]
            meaning = forms.meaning(labels)
            kind = meaning.type if meaning else None
            if kind == "code_part" and cell.text.isdigit():
                parts[meaning.level or 1] = cell.text  # type: ignore[union-attr]
                code, seen_figure = self._split_code(parts), False
                out.append(self._cell(r, col, cell, None, None, labels, None))
                continue
            if (kind == "code" and cell.text.isdigit()) or _is_code(text, row, k):
                code, seen_figure = cell.text, False
                out.append(self._cell(r, col, cell, None, None, labels, None))
                continue
            fig = None if col in skip or kind in ("ordinal", "name", "text") else _figure(text, cell)
            if fig is None:
                if _DASHES.fullmatch(cell.text):
                    continue  # "—" prints an empty cell
                after = seen_figure and (kind in ("name", "code", "code_part") or not labels)
                if col not in skip and kind not in ("any", "text") and (after or kind == "name" or not named):
                    # (3820公里 under 指标值 names nothing; a 评分标准 or 偏差原因 after the
                    # figures is a text of the row, the second half of a side-by-side row
                    # starts at a name or code column, or where no header says)
                    if after:
                        code, named = None, False  # the second half of a side-by-side row starts
                    named = named or kind == "name"
                    label = cell.text.replace(" ", "")
                    if (m := _CODE_NAME.fullmatch(label)) and code is None:
                        code, label = m.group(1), m.group(2)
                out.append(self._cell(r, col, cell, None, None, labels, None))
                continue
            seen_figure = True
            quantity = self._quantity(fig, unit, labels, label)
            out.append(self._cell(r, col, cell, quantity, label, labels, code))
        return out

    def _split_code(self, parts: dict[int, str]) -> str | None:
        """A code printed over 类 / 款 / 项 columns; a level left blank is the last one printed."""
        for level, part in parts.items():
            self._carry[level] = part
            for deeper in [x for x in self._carry if x > level]:
                del self._carry[deeper]
        deepest = max(parts)
        pieces = [parts.get(level) or self._carry.get(level) for level in range(1, deepest + 1)]
        if any(p is None for p in pieces):
            return None
        head, *rest = pieces
        return str(head) + "".join(str(p).zfill(2)[-2:] for p in rest)

    def _quantity(self, fig: RawFigure, unit: str | None, labels: list[str],
                  row_label: str | None) -> Quantity:
        context = " ".join([*labels, row_label or ""])
        money_unit = None
        if fig.kind is QuantityKind.NUMBER:
            own = _UNIT.search(context)
            money_unit = (own.group(1) or own.group(2)) if own else unit
            plain = _MONEY_NAMES.sub("", context)
            if money_unit and any(word in plain for word in _NON_MONEY) and not own:
                money_unit = None
        return self.to_quantity(fig, implied_unit=money_unit)

    def _cell(self, r: int, c: int, cell: _RawCell, value: Quantity | None, row_label: str | None,
              labels: list[str], code: str | None) -> Cell:
        return Cell.trusted(  # built from checked parts: no need to validate again
            row=r,
            column=c,
            text=cell.text,
            span=self.to_span(cell.start, cell.end),
            value=value,
            row_label=row_label,
            column_labels=labels,
            code=code if value is not None else None,
        )


#: an untitled table this close below a form's table, with this many of its header words,
#: is the rest of that form
_CONTINUED_WITHIN, _CONTINUED_HEADERS = 12, 3


def read_tables(text: str, lines: Lines, to_quantity: Callable[..., Quantity],
                to_span: Callable[[int, int], Span]) -> tuple[list[Table], set[int]]:
    """All tables of a document and the line numbers they occupy."""
    builder = TableBuilder(text, lines, to_quantity, to_span)
    tables: list[Table] = []
    occupied: set[int] = set()
    built: list[tuple[_Block, int]] = []  # each table's block, and where its caption stops
    stop = -1
    blocks = find_blocks(text, lines)
    for n, block in enumerate(blocks, start=1):
        next_line = blocks[n].first_line if n < len(blocks) else len(lines)
        table = builder.build(block, len(tables) + 1, stop, next_line)
        if tables and block.first_line - stop <= _CONTINUED_WITHIN and _continues(table, tables[-1]):
            # the rest of the form just above, split from it by lines that are no table rows
            # (a 自评表's 年度总体目标 between its funds and its indicators): one table
            first, above = built[-1]
            block = _Block(first.layout, first.first_line, block.last_line, first.rows + block.rows,
                           first.row_lines + block.row_lines, first.unsure or block.unsure)
            tables[-1] = builder.build(block, len(tables), above, next_line)
            built[-1] = (block, above)
        else:
            tables.append(table)
            built.append((block, stop))
        occupied.update(range(block.first_line, block.last_line + 1))
        stop = block.last_line
    return tables, occupied


def _continues(table: Table, previous: Table) -> bool:
    """Whether an untitled table is the rest of the recognised one just above it: of a form
    printed in parts, showing its own header words (分值, 得分, 指标值…)."""
    if table.title is not None or previous.form is None or table.form not in (None, previous.form) \
            or not forms.form(previous.form).parts:
        return False
    words = [x for row in table.header_rows for x in row] + [c.text for c in table.cells if c.value is None]
    return forms.shows(previous.form, words, specific=True) >= _CONTINUED_HEADERS
