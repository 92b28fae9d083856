"""HTML: the body text and tables of a government web page (lxml).

* The charset is the one the page declares (``<meta charset>`` or ``http-equiv``), read as
  its superset where there is one (GB2312 and GBK pages are decoded as GB18030), else the
  text decoder's guess (UTF-8, then GB18030).
* Scripts, styles, forms and navigation are dropped. When one element holds most of the
  page's text and is marked as the article (``TRS_Editor``, ``zoom``, ``article``,
  ``content``… the names China's government CMSs use), only it is read, so menus, visit
  counters and footers stay out.
* Block elements (p, div, h1–h6, li, br…) end a line; runs of white space collapse as a
  browser collapses them. A ``<table>`` becomes TSV rows over its grid: colspan leaves the
  text in the first column and blanks after it, rowspan blanks below, as in Word tables.
"""

from __future__ import annotations

import codecs

import regex
from lxml import etree
from lxml import html as lxml_html

from models import DocumentError

from ..reading import decode
from .base import Limits, Reading
from .sandbox import Budget

_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", regex.IGNORECASE)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
              "cp936": "gb18030", "iso-8859-1": "cp1252", "ascii": "utf-8", "us-ascii": "utf-8"}
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "head", "nav",
         "select", "button", "input", "textarea", "svg", "canvas", "map")  # not form: ASP.NET
                                                                          # pages wrap all in one
_BLOCKS = frozenset((
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "section", "article", "header", "footer", "address", "center",
    "figure", "figcaption", "caption", "hr", "main", "aside", "tr", "body", "html", "table",
))
_MAIN = regex.compile(r"trs_editor|zoom|article|content|main|detail|zwnr|textbox", regex.IGNORECASE)
_CHROME = regex.compile(r"\b(?:nav|menu|footer|header|breadcrumb|share|copyright|sidebar)",
                        regex.IGNORECASE)
_MAX_SPAN = 200


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """The page's text and the encoding it was read with."""
    declared = _CHARSET.search(data[:8192])
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        label = declared.group(1).decode("ascii", "replace").lower()
        encoding = _SUPERSETS.get(label, label)
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, name)


def _collapse(text: str) -> str:
    return " ".join(text.replace("\u00a0", "\u0001").split()).replace("\u0001", "\u00a0")


class _Walker:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        line = _collapse("".join(self.buffer)).strip()
        self.buffer = []
        if line:
            self.lines.append(line)

    def walk(self, el: etree._Element, tail: bool = True) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            self.flush()
            self.table(el)
        elif tag == "br":
            self.flush()
        elif tag:
            block = tag in _BLOCKS
            if block:
                self.flush()
            if el.text:
                self.buffer.append(el.text)
            for child in el:
                self.walk(child)
            if block:
                self.flush()
        if tail and el.tail:
            self.buffer.append(el.tail)

    def table(self, table: etree._Element) -> None:
        caption = table.find("caption")
        if caption is not None:
            self.lines.append(_collapse(caption.text_content()))
        rows: list[list[str]] = []
        taken: dict[tuple[int, int], bool] = {}
        for r, tr in enumerate(_rows(table)):
            row: list[str] = []
            c = 0
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                    continue
                while taken.get((r, c)):
                    row.append("")
                    c += 1
                rowspan = _span(cell.get("rowspan"))
                colspan = _span(cell.get("colspan"))
                row.append(_cell_text(cell))
                row.extend([""] * (colspan - 1))
                for dr in range(1, rowspan):
                    for dc in range(colspan):
                        taken[(r + dr, c + dc)] = True
                c += colspan
            while taken.get((r, c)):
                row.append("")
                c += 1
            rows.append(row)
        self.lines.append("")
        self.lines.extend("\t".join(row) for row in rows)
        self.lines.append("")


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), _MAX_SPAN))
    except ValueError:
        return 1


def _rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows (not those of tables nested in its cells)."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if r.tag == "tr")
    return rows


def _cell_text(cell: etree._Element) -> str:
    walker = _Walker()
    walker.walk(cell, tail=False)
    walker.flush()
    out = ""
    for part in walker.lines:
        part = part.replace("\t", " ").strip()
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out


def _main(body: etree._Element) -> etree._Element:
    """The element that holds the article, when one is marked and holds most of the text."""
    total = len(_collapse(body.text_content()))
    best = body
    for el in body.iter("div", "article", "main", "section", "td"):
        marks = f"{el.get('class', '')} {el.get('id', '')}"
        if el.tag not in ("article", "main") and not _MAIN.search(marks):
            continue
        size = len(_collapse(el.text_content()))
        if size >= 0.5 * total and (best is body or size < len(_collapse(best.text_content()))):
            best = el
    return best


def read_html(data: bytes, name: str, limits: Limits, budget: Budget) -> Reading:
    """Read a web page: its article's paragraphs one per line, its tables as TSV rows."""
    text, encoding = decode_html(data, name)
    text = regex.sub(r"^\s*<\?xml[^>]*>", "", text)
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError("E_CORRUPT", name=name, kind="HTML", detail=str(exc)[:200]) from None
    for el in list(root.iter(*_DROP)):
        el.drop_tree()
    body = root.find("body")
    main = _main(body if body is not None else root)
    if main is body or main is root:
        for el in list(main.iter("div", "ul", "header", "footer", "aside", "p")):
            marks = f"{el.get('class', '')} {el.get('id', '')}"
            if el.tag in ("header", "footer", "aside") or _CHROME.search(marks):
                el.drop_tree()
    walker = _Walker()
    walker.walk(main, tail=False)
    walker.flush()
    lines = walker.lines
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return Reading("\n".join(lines) + "\n", "html", encoding)
