"""Writing a rendering as the file a report is published as: TXT, DOCX, PDF, XLSX or HTML.

The writers of corpora/make_fixtures.py do the work (real Word tables, ruled PDF tables
with a CJK font, typed spreadsheet cells); the thin wrappers here give them this
report's running header and make their output reproducible: fpdf2's creation date, the
DOCX core properties, the XLSX core dates and every ZIP timestamp are fixed, so the same
seed writes the same bytes.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from corpora.make_fixtures import PdfWriter, Table, blocks, find_font, make_docx, make_xlsx

FIXED = datetime(2024, 1, 1, tzinfo=UTC)
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
_PART = re.compile(r"第[一二三四五六七八九十]+部分")


def write_text(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def _normalize_zip(path: Path) -> None:
    """Rewrite a ZIP (DOCX, XLSX) with fixed timestamps and fixed core dates."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                data = _W3CDTF.sub(rb"\g<1>2024-01-01T00:00:00Z\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)
    path.write_bytes(buffer.getvalue())


def write_docx(path: Path, lines: list[str], header: str) -> None:
    """Word: paragraphs and real tables, this report's page header, fixed properties."""
    import docx

    make_docx(blocks(lines), path)
    document = docx.Document(str(path))
    document.sections[0].header.paragraphs[0].text = header
    props = document.core_properties
    props.author = props.last_modified_by = ""
    props.created = props.modified = props.last_printed = FIXED.replace(tzinfo=None)
    props.revision = 1
    document.save(str(path))
    _normalize_zip(path)


def write_xlsx(path: Path, lines: list[str]) -> None:
    """A workbook of the tables, a sheet each (the lines hold the tables only)."""
    make_xlsx(blocks(lines), path)
    _normalize_zip(path)


class _Writer(PdfWriter):
    """make_fixtures' PDF layout with this report's running header and a fixed date."""

    def __init__(self, font: str, pages: int, header: str) -> None:
        self.header = header
        super().__init__(font, pages)
        self.pdf.set_creation_date(FIXED)

    def new_page(self) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.set_font("cjk", size=9)
        pdf.text(self.LEFT, 40, self.header)
        pdf.set_line_width(0.5)
        pdf.line(self.LEFT, 46, self.PAGE_W - self.RIGHT, 46)
        pdf.text(self.PAGE_W / 2 - 30, self.PAGE_H - 36, f"第 {pdf.page_no()} 页 共 {self.pages} 页")
        self.y = self.TOP


def write_pdf(path: Path, lines: list[str], header: str, font: str) -> int:
    """A4 pages, ruled tables; laid out twice so the footers know the page count."""
    parts = blocks(lines)
    pages = 0
    for _ in range(2):
        writer = _Writer(font, pages, header)
        for n, block in enumerate(parts):
            if isinstance(block, Table):
                writer.table(block)
            elif not block.strip():
                writer.blank()
            else:
                writer.paragraph(block.strip(), bold=n < 4 or bool(_PART.match(block.strip())))
        pages = writer.pdf.page_no()
    return writer.save(path)


def write_html(path: Path, lines: list[str], title: str) -> None:
    """A government web page: the text as paragraphs, the tables as <table>, GB18030 bytes."""
    out = [
        "<!DOCTYPE html>",
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        f"<title>{html.escape(title)}</title>",
        "<style>td{border:1px solid #000}</style></head><body>",
        '<div class="nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | 预决算公开</div>',
        '<div class="article">',
    ]
    for block in blocks(lines):
        if isinstance(block, Table):
            out.append("<table>")
            for row in block.rows:
                cells = "".join(f"<td>{html.escape(c.strip()) or '&nbsp;'}</td>" for c in row)
                out.append(f"<tr>{cells}</tr>")
            out.append("</table>")
        elif block.strip():
            tag = "h2" if _PART.match(block.strip()) else "p"
            out.append(f"<{tag}>{html.escape(block.strip())}</{tag}>")
    out.append("</div></body></html>")
    path.write_bytes("\n".join(out).encode("gb18030"))


def pdf_font() -> str | None:
    """The CJK font for PDFs, or None (PDF documents are then written as text)."""
    from corpora.make_fixtures import FontMissing

    try:
        return find_font()
    except FontMissing:
        return None
