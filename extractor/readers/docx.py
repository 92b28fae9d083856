"""DOCX: the body of a Word document, paragraphs and tables in order (python-docx).

* A paragraph is one line. Word's automatic numbering (the "一、" or "（一）" a heading
  shows but does not contain) is computed from numbering.xml and written in front of it,
  since hecha finds headings by their numbers.
* A table is written as TSV rows over its grid: a horizontally merged cell (gridSpan) has
  its text in its first column and blanks after it, a vertically merged one (vMerge) its
  text in its first row and blanks below, which is how the table reader reads merged
  headers.
* Page headers and footers are not part of the body and are left out; text boxes
  (drawings anchored in a paragraph) are not mixed into the sentence they sit in but
  written after the body, each its own paragraph. Deleted revisions and field codes are
  left out, inserted revisions kept.
* Pages, where the file says where they break: the page starts Word recorded when it last
  laid the document out (lastRenderedPageBreak), or else the explicit breaks (a page break,
  a paragraph set to start a page, a section that starts one). They give each finding its
  第N页; a document without either has no pages (its findings give table and row).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError

from models import DocumentError

from .base import Limits, PageSpan, Reading
from .sandbox import Budget
from .zipguard import check_package

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _SDT, _R, _T = f"{_W}p", f"{_W}tbl", f"{_W}sdt", f"{_W}r", f"{_W}t"
_TXBX = f"{_W}txbxContent"
_SKIP = {f"{_W}del", f"{_W}instrText", f"{_W}delText", f"{_W}pPr", f"{_W}rPr", f"{_MC}Fallback",
         f"{_W}footnoteReference", f"{_W}endnoteReference", f"{_W}commentReference"}
_CONTAINERS = {f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins", f"{_W}smartTag"}
_RENDERED_BREAK, _BR = f"{_W}lastRenderedPageBreak", f"{_W}br"
#: where the text walk saw a page start: a private-use character no report prints, taken
#: out again (its position kept) before the text leaves the reader
_PAGE = "\ue000"
#: how a document's pages are found: "rendered" (Word's recorded layout), "explicit" (page
#: and section breaks), None (neither: no pages)
PageMode = str | None
_CHINESE = "一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _attr(el: Any, name: str) -> str | None:
    value: str | None = el.get(f"{_W}{name}")
    return value


def _val(parent: Any, tag: str) -> str | None:
    if parent is None:
        return None
    el = parent.find(f"{_W}{tag}")
    return None if el is None else _attr(el, "val")


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一 (Word's chineseCounting up to 99)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CHINESE[tens - 1] + "十")
    return head + ("" if ones == 0 else _CHINESE[ones - 1])


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """A list counter in one of Word's number formats."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "ideographTraditional", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_number(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= 20:
        return _CIRCLED[n - 1]
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and n > 0:
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class Numbering:
    """Word's list numbering: which counter a numbered paragraph shows."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            root = None
        if root is not None:
            for abstract in root.iter(f"{_W}abstractNum"):
                levels = {}
                for lvl in abstract.iter(f"{_W}lvl"):
                    ilvl = int(_attr(lvl, "ilvl") or 0)
                    start = int(_val(lvl, "start") or 1)
                    levels[ilvl] = (start, _val(lvl, "numFmt") or "decimal",
                                    _val(lvl, "lvlText") or "", _val(lvl, "suff") or "tab")
                self.levels[_attr(abstract, "abstractNumId") or ""] = levels
            for num in root.iter(f"{_W}num"):
                overrides = {}
                for override in num.iter(f"{_W}lvlOverride"):
                    restart = _val(override, "startOverride")
                    if restart is not None:
                        overrides[int(_attr(override, "ilvl") or 0)] = int(restart)
                self.nums[_attr(num, "numId") or ""] = (_val(num, "abstractNumId") or "", overrides)
        self._styles(document)

    def _styles(self, document: Any) -> None:
        """numPr set on paragraph styles (Heading 1 numbered "一、"), with basedOn chains."""
        try:
            styles = document.styles.element
        except AttributeError:
            return
        own: dict[str, tuple[str, int]] = {}
        based: dict[str, str] = {}
        for style in styles.iter(f"{_W}style"):
            sid = _attr(style, "styleId") or ""
            parent = _val(style, "basedOn")
            if parent:
                based[sid] = parent
            ppr = style.find(f"{_W}pPr")
            numpr = None if ppr is None else ppr.find(f"{_W}numPr")
            if numpr is not None and _val(numpr, "numId"):
                own[sid] = (_val(numpr, "numId") or "", int(_val(numpr, "ilvl") or 0))
        for sid in list(based) + list(own):
            seen, cur = set(), sid
            while cur and cur not in own and cur not in seen:
                seen.add(cur)
                cur = based.get(cur, "")
            if cur in own:
                self.style_num[sid] = own[cur]

    def label(self, p: Any) -> str:
        """The number Word shows in front of paragraph `p` ("" if none), counting it."""
        ppr = p.find(f"{_W}pPr")
        numpr = None if ppr is None else ppr.find(f"{_W}numPr")
        num_id, ilvl = None, 0
        if numpr is not None:
            num_id, ilvl = _val(numpr, "numId"), int(_val(numpr, "ilvl") or 0)
        elif ppr is not None and (style := _val(ppr, "pStyle")) in self.style_num:
            num_id, ilvl = self.style_num[style]
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, [0] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                if level < len(counters):
                    counters[level] = start - 1
        start, _, text, suffix = levels[ilvl]
        counters[ilvl] = max(counters[ilvl], start - 1) + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0
        for level in range(ilvl + 1):
            shown = counters[level] or levels.get(level, (1, "", "", ""))[0]
            lfmt = levels.get(level, (1, "decimal", "", ""))[1]
            text = text.replace(f"%{level + 1}", format_number(shown, lfmt))
        if not text:
            return ""
        return text + ("" if suffix == "nothing" else " ")


def _text(el: Any, boxes: list[Any] | None, pages: PageMode = None) -> str:
    """The visible text under `el`, text boxes collected into `boxes` instead; `_PAGE`
    where a page starts, found as `pages` says."""
    out: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _T:
                out.append(child.text or "")
            elif tag == _TXBX:
                if boxes is not None:
                    boxes.append(child)
            elif tag == f"{_W}tab":
                out.append(" ")
            elif tag == _RENDERED_BREAK:
                if pages == "rendered":
                    out.append(_PAGE)
            elif tag in (_BR, f"{_W}cr"):
                out.append("\n")
                if pages == "explicit" and tag == _BR and _attr(child, "type") == "page":
                    out.append(_PAGE)
            elif tag == f"{_W}noBreakHyphen":
                out.append("-")
            elif tag == _TBL:  # a table nested in a cell: its text, flattened
                out.append(" ".join(_cell_texts(child)))
            else:
                walk(child)

    walk(el)
    return "".join(out)


def _cell_texts(tbl: Any) -> list[str]:
    return [_text(tc, None).strip() for tc in tbl.iter(f"{_W}tc")]


def _join(parts: list[str]) -> str:
    """Paragraphs of a cell as one cell: no space between Chinese, one between words."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out


def _table_rows(tbl: Any, numbering: Numbering, boxes: list[Any], pages: PageMode = None,
                ) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(f"{_W}tr"):
        trpr = tr.find(f"{_W}trPr")
        row = [""] * int(_val(trpr, "gridBefore") or 0)
        for tc in tr.iterchildren(f"{_W}tc"):
            tcpr = tc.find(f"{_W}tcPr")
            span = max(1, min(int(_val(tcpr, "gridSpan") or 1), 1000))
            vmerge = None if tcpr is None else tcpr.find(f"{_W}vMerge")
            continued = vmerge is not None and (_attr(vmerge, "val") or "continue") == "continue"
            text = ""
            if not continued:
                parts = []
                for child in tc:
                    if child.tag == _P:
                        parts.append(numbering.label(child) + _text(child, boxes, pages))
                    elif child.tag == _TBL:
                        parts.append(" ".join(_cell_texts(child)))
                text = _join(parts)
            row.append(" ".join(text.split()))
            row.extend([""] * (span - 1))
        rows.append(row)
    return rows


def _body(body: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body in order, content controls opened."""
    for child in body:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT or child.tag in _CONTAINERS:
            content = child.find(f"{_W}sdtContent") if child.tag == _SDT else child
            if content is not None:
                yield from _body(content)


def read_docx(data: bytes, name: str, limits: Limits, budget: Budget) -> Reading:
    """Read a DOCX: paragraphs one per line, tables as TSV rows, text boxes after the body."""
    check_package(data, name, limits, "DOCX")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError) as exc:
        raise DocumentError("E_CORRUPT", name=name, kind="DOCX", detail=str(exc)[:200]) from None
    numbering = Numbering(document)
    body = document.element.body
    pages = _page_mode(body)
    section_ends = _section_ends(body) if pages == "explicit" else set()
    lines: list[str] = []
    starts: list[tuple[int, int]] = []  # (line, column) where a page starts
    boxes: list[Any] = []

    def add(line: str, strip: bool = True) -> None:
        """A line of the text (a paragraph's stripped, a table row's as it is), its page
        marks taken out into `starts`."""
        line = line.strip() if strip else line
        marks = []
        while (column := line.find(_PAGE)) >= 0:
            marks.append(column)
            line = line[:column] + line[column + 1:]
        shift = len(line) - len(line.lstrip()) if strip else 0
        starts.extend((len(lines), max(0, column - shift)) for column in marks)
        lines.append(line.strip() if strip else line)

    for el in _body(body):
        if el.tag == _P:
            text = numbering.label(el) + _text(el, boxes, pages)
            if pages == "explicit":
                text = _PAGE * _breaks_before(el) + text + _PAGE * (el in section_ends)
            for line in text.split("\n"):
                add(line)
        else:
            lines.append("")
            for row in _table_rows(el, numbering, boxes, pages):
                add((_PAGE if any(_PAGE in cell for cell in row) else "")
                    + "\t".join(cell.replace(_PAGE, "") for cell in row), strip=False)
            lines.append("")
    body_lines = len(lines)
    notes = []
    if boxes:
        notes.append(f"{len(boxes)} text box(es) written after the body")
        lines.append("")
        for box in boxes:
            lines.extend(" ".join(_text(p, None).split()) for p in box.iter(_P))
    text = "\n".join(lines).strip("\n") + "\n"
    return Reading(text, "docx", "utf-8", pages=_pages(lines, body_lines, starts, len(text)),
                   notes=notes)


def _page_mode(body: Any) -> PageMode:
    """Word's recorded page starts when the file has them (they include the breaks Word
    made itself, where a page was full), else the explicit breaks, else None."""
    if next(body.iter(_RENDERED_BREAK), None) is not None:
        return "rendered"
    for br in body.iter(_BR):
        if _attr(br, "type") == "page":
            return "explicit"
    if next(body.iter(f"{_W}pageBreakBefore"), None) is not None:
        return "explicit"
    return "explicit" if len(list(body.iter(f"{_W}sectPr"))) > 1 else None


def _breaks_before(p: Any) -> int:
    """1 when paragraph `p` is set to start a page (pageBreakBefore, not switched off)."""
    ppr = p.find(f"{_W}pPr")
    flag = None if ppr is None else ppr.find(f"{_W}pageBreakBefore")
    return int(flag is not None and _attr(flag, "val") not in ("0", "false", "off"))


def _section_ends(body: Any) -> set[Any]:
    """The paragraphs after which a new section starts on a new page. A paragraph ending a
    section holds that section's properties; how the next one starts is the next sectPr's
    type (nextPage when absent; continuous and nextColumn do not break the page)."""
    sections = list(body.iter(f"{_W}sectPr"))
    return {ending.getparent().getparent() for ending, following in itertools.pairwise(sections)
            if _val(following, "type") not in ("continuous", "nextColumn")}


def _pages(lines: list[str], body_lines: int, starts: list[tuple[int, int]], size: int) -> list[PageSpan]:
    """The pages of the text `lines` make ("\n"-joined, leading blank lines dropped): one
    from each start to the next, the last ending with the body (text boxes after it have
    no page). None for a document with fewer than two pages: its 第1页 says nothing."""
    lead = next((i for i, line in enumerate(lines) if line), len(lines))  # blank lines stripped
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def at(line: int, column: int) -> int:
        if column >= len(lines[line]) and line + 1 < len(lines):
            line, column = line + 1, 0  # the page starts with the next line
        return min(max(offsets[line] + column - lead, 0), size)

    end = min(max(offsets[body_lines] - lead, 0), size)
    bounds = [0, *sorted(at(line, column) for line, column in starts if line < body_lines)]
    bounds = [b for b in bounds if b < end] + [end]
    if len(bounds) < 3:
        return []
    return [PageSpan(number=n, start=a, end=b) for n, (a, b) in enumerate(itertools.pairwise(bounds), 1)]
