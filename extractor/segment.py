"""Structure of the narrative: numbered headings and sentences, outside tables.

Headings are recognised by their numbering, the one thing every report shares:
第一部分 (part), 一、 (section), （一） (subsection), 1. / 1、 (item), （1） / ① (sub-item).
A section runs to the next heading of its level or higher.

Sentences end at 。！？ and at line breaks, except where a PDF wrapped a line in the middle
of a sentence (a long line without final punctuation whose next line is ordinary text).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from models import SectionKind

_HEADING = [
    (SectionKind.PART, 1, regex.compile(r"第([一二三四五六七八九十]+)部分")),
    (SectionKind.SECTION, 2, regex.compile(r"([一二三四五六七八九十]{1,3})、")),
    (SectionKind.SUBSECTION, 3, regex.compile(r"[(]\s*([一二三四五六七八九十]{1,3})\s*[)]")),
    (SectionKind.ITEM, 4, regex.compile(r"(\d{1,2})(?:[.、](?!\d)|(?=[^\d.、%万元\s]))")),
    (SectionKind.SUBITEM, 5, regex.compile(r"[(]\s*(\d{1,2})\s*[)]|([①-⑳])")),
]
_FINAL = "。！？!?"
_SENTENCE_END = regex.compile(r"[。！？!?]")
_TITLE_END = regex.compile(r"[。:；]")
#: a wrapped PDF line is long; short unpunctuated lines are titles and stand alone
_WRAP_MIN = 15


@dataclass(frozen=True, slots=True)
class RawHeading:
    kind: SectionKind
    level: int
    number: str
    title_start: int
    title_end: int
    start: int  # normalized offset of the heading line
    line: int


def heading_at(text: str, start: int, end: int, line: int) -> RawHeading | None:
    """The heading a line starts with, if any."""
    pos = start
    while pos < end and text[pos] in " \t-":
        pos += 1
    for kind, level, pattern in _HEADING:
        m = pattern.match(text, pos, end)
        if m is None:
            continue
        number = next(g for g in m.groups() if g)
        if kind is SectionKind.ITEM and (m.end() >= end or text[m.end()] in "年月日"):
            continue
        title_end = end
        stop = _TITLE_END.search(text, m.end(), end)
        if stop is not None:
            title_end = stop.start()
        return RawHeading(kind, level, number, m.end(), title_end, pos, line)
    return None


_REPORT_TITLE = regex.compile(r"报告$")


def title_heading(text: str, lines: list[tuple[int, int]], i: int,
                  occupied: set[int]) -> RawHeading | None:
    """An unnumbered title such as a project name standing over "…绩效自评报告".

    Attached self-evaluation reports start this way; the title is what the figures
    below it are about.
    """
    start, end = lines[i]
    line = text[start:end].strip()
    if not line or len(line) > 40 or _SENTENCE_END.search(line) or "\t" in text[start:end]:
        return None
    for j in range(i + 1, min(i + 3, len(lines))):
        nxt = text[slice(*lines[j])].strip()
        if not nxt:
            continue
        if j in occupied or len(nxt) > 40 or not _REPORT_TITLE.search(nxt) \
                or heading_at(text, *lines[j], j) is not None:
            return None
        pos = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        return RawHeading(SectionKind.PART, 1, "", pos, _rstrip(text, end), pos, i)
    return None


#: what a PDF prints on every page: "- 3 -", "第 3 页 共 20 页", "3/20"
_PAGE_NUMBER = regex.compile(r"\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?"
                             r"|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})\s*")
_RUNNING_HEADER = regex.compile(r"\s*\S{2,30}(?:19|20)\d{2}\s*年度?\s*(?:部门|单位)?(?:决算|绩效自评报告)\s*")


def furniture(line: str) -> bool:
    """A page number or a running header (unit, year, 部门决算) left in text taken from a PDF."""
    return bool(_PAGE_NUMBER.fullmatch(line) or _RUNNING_HEADER.fullmatch(line))


def sentence_ranges(text: str, lines: list[tuple[int, int]], occupied: set[int],
                    headings: dict[int, RawHeading]) -> list[tuple[int, int]]:
    """(start, end) of every sentence in the non-table lines (normalized offsets)."""
    out: list[tuple[int, int]] = []
    current: int | None = None
    n = len(lines)
    for i, (start, end) in enumerate(lines):
        if i in occupied:
            if current is not None:
                out.append((current, lines[i - 1][1]))
                current = None
            continue
        stripped = text[start:end].strip()
        if not stripped:
            continue
        if current is not None and furniture(stripped):
            continue  # a page's number and running header inside a sentence the page broke
        if i in headings and current is not None:
            out.append((current, _rstrip(text, lines[i - 1][1])))
            current = None
        pos = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        for m in _SENTENCE_END.finditer(text, pos, end):
            if current is None:
                current = pos
            out.append((current, m.end()))
            current = None
            pos = m.end()
        if text[pos:end].strip():
            if current is None:
                current = pos + (len(text[pos:end]) - len(text[pos:end].lstrip()))
            if not _wraps(text, lines, i, occupied, headings, n):
                out.append((current, _rstrip(text, end)))
                current = None
    if current is not None:
        out.append((current, _rstrip(text, lines[-1][1])))
    return [(s, e) for s, e in out if e > s]


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _wraps(text: str, lines: list[tuple[int, int]], i: int, occupied: set[int],
           headings: dict[int, RawHeading], n: int) -> bool:
    """Does line i continue on the next non-blank line (a PDF-wrapped sentence)?"""
    line = text[slice(*lines[i])].strip()
    if len(line) < _WRAP_MIN or line[-1] in _FINAL + ":；;" or (
            i in headings and len(line) < 30 and "，" not in line):
        return False  # (a numbered item that goes on after a comma is a sentence, not a title)
    for j in range(i + 1, min(i + 6, n)):
        nxt = text[slice(*lines[j])].strip()
        if not nxt or furniture(nxt):
            continue  # past a page break's number and running header
        return j not in occupied and j not in headings
    return False
