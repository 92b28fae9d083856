"""From the logical document to the lines of its text rendering, in the family's transport.

* tsv: a table row per line, TAB between cells (what the seeds look like);
* cells: one cell per line, no tabs (a table copied from a web page);
* pdf: text as PDF extraction leaves it: sentences broken at arbitrary points (never inside
  a figure: a slot stays whole), a running header and a page number every page.

Traditional characters are applied here, to plain text and slots alike, so the gold quotes
what is printed. The layout records the line and column of every slot it places.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..doc import Doc, Para, Slot, Table, plain
from .style import Style
from .traditional import to_traditional


@dataclass
class Rendering:
    lines: list[str]
    where: dict[int, tuple[int, int]]  # id(slot) → (0-based line, column)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def tables_only(doc: Doc) -> Doc:
    """The tables with their captions and notes: what a spreadsheet of the report holds."""
    blocks: list[Para | Table] = []
    for table in doc.tables():
        blocks += [table, []]
    return Doc(blocks)


def _table_lines(table: Table, style: Style) -> list[Para]:
    out: list[Para] = [*table.caption, []]
    header: list[list[Para]] = [[[c] for c in row] for row in table.header]
    rows = header + table.rows
    for row in rows:
        if style.transport == "cells":
            out += [cell for cell in row if plain(cell).strip()]
            if style.cell_gaps:
                out.append([])
            continue
        line: Para = []
        for n, cell in enumerate(row):
            if n:
                line.append("\t")
            line.extend(cell)
        out.append(line)
    return [*out, [], *table.notes]


def _convert(para: Para) -> Para:
    out: Para = []
    for seg in para:
        if isinstance(seg, Slot):
            seg.text = to_traditional(seg.text)
            out.append(seg)
        else:
            out.append(to_traditional(seg))
    return out


def _wrap(para: Para, width: int, rng: random.Random) -> list[Para]:
    """Break a paragraph into lines of about `width` characters, never inside a slot."""
    lines: list[Para] = [[]]
    size = 0
    limit = width + rng.randint(-4, 4)
    for seg in para:
        if isinstance(seg, Slot):
            if size + len(seg.text) > limit and size:
                lines.append([])
                size = 0
                limit = width + rng.randint(-4, 4)
            lines[-1].append(seg)
            size += len(seg.text)
            continue
        text = seg
        while text:
            room = max(1, limit - size)
            lines[-1].append(text[:room])
            size += len(text[:room])
            text = text[room:]
            if text:
                lines.append([])
                size = 0
                limit = width + rng.randint(-4, 4)
    return lines


def lay_out(doc: Doc, style: Style, rng: random.Random, running_header: str) -> Rendering:
    paras: list[Para] = []
    for block in doc.blocks:
        paras += _table_lines(block, style) if isinstance(block, Table) else [block]
    if style.traditional:
        paras = [_convert(p) for p in paras]
        running_header = to_traditional(running_header)
    if style.transport == "pdf":
        paras = _paginate(paras, rng, running_header)
    lines: list[str] = []
    where: dict[int, tuple[int, int]] = {}
    for para in paras:
        column = 0
        for seg in para:
            if isinstance(seg, Slot):
                where[id(seg)] = (len(lines), column)
                column += len(seg.text)
            else:
                column += len(seg)
        lines.append(plain(para))
    return Rendering(lines, where)


def _paginate(paras: list[Para], rng: random.Random, header: str) -> list[Para]:
    """PDF text: long lines wrapped, a running header and a page number on every page."""
    width = rng.randint(30, 42)
    page_lines = rng.randint(40, 52)
    number_style = rng.choice(("- {n} -", "第 {n} 页", "{n}", "第{n}页 共{m}页"))
    flowed: list[Para] = []
    for para in paras:
        if "\t" in plain(para) or len(plain(para)) <= width:
            flowed.append(para)
        else:
            flowed += _wrap(para, width, rng)
    pages = [flowed[i : i + page_lines] for i in range(0, len(flowed), page_lines)]
    out: list[Para] = []
    for n, page in enumerate(pages, start=1):
        if n > 1:
            out.append([header])
        out += page
        out.append([number_style.format(n=n, m=len(pages))])
    return out
