"""The format fixtures: seed 003 written as DOCX, PDF, scanned PDF, XLSX, XLS and HTML.

Reports reach hecha as the files their text was extracted from; these fixtures are those
files, made from the seed text by the libraries that write them, so a test can check that
hecha reads the same claims and findings from each as from the text:

* ``003.docx``: every line a paragraph, the tables real Word tables (merged header cells
  merged), some headings numbered by Word itself (the "一、" is in numbering.xml, not in
  the text), a page header and footer, a text box;
* ``003.pdf``: A4 pages with an embedded CJK font (WenQuanYi Micro Hei or Noto Sans CJK,
  see scripts/install-system-deps.sh), paragraphs wrapped at the margin, tables drawn as
  ruled grids, a running header, "第 N 页 共 M 页" footers, an overprinted ("fake bold")
  title;
* ``003.scan.pdf``: an excerpt (a table and the narrative that explains it) rendered the
  same way, then rasterised: image-only pages that need OCR. ``003.scan.txt`` is the
  excerpt's text;
* ``003.xlsx`` / ``003.xls``: the tables of 003, a sheet each, figures as numbers with the
  number format that prints them as the seed does; ``003.tables.txt`` is the same tables
  as text (captions and TSV rows);
* ``003.html``: a government web page (GB2312 declared, navigation bar, footer) with the
  text as paragraphs and the tables as ``<table>`` with colspan/rowspan.

Files go to a cache directory named after a hash of this script, the seed and the writer
versions, so they are made once and remade when any of them changes:

    python corpora/make_fixtures.py [--out build/fixtures]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import html
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "seeds" / "003_4b65da696dc0427c.txt"
DEFAULT_OUT = ROOT / "build" / "fixtures"
#: Lines (1-based, inclusive) of the seed that make the scanned excerpt: table 05 with its
#: caption, and the explanations of part three that state rates and completion rates.
SCAN_LINES = ((262, 285), (374, 390))
#: Where a CJK font may be (Debian packages fonts-wqy-microhei, fonts-noto-cjk).
FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
HEADER = "中共株洲市石峰区委办公室 2020年度部门决算"
UNIT_NAME = "中共株洲市石峰区委办公室"
_NUMBER = re.compile(r"-?\d+(?:\.(\d+))?(%?)")
_SECTION = re.compile(r"([一二三四五六七八九十]{1,3})、(.+)")
_PART = re.compile(r"第[一二三四五六七八九十]+部分")
_CHINESE = "一二三四五六七八九十"


class FontMissing(RuntimeError):
    """No CJK font to render the PDFs with (run scripts/install-system-deps.sh)."""


# --- the seed as blocks -----------------------------------------------------------------


@dataclass
class Table:
    rows: list[list[str]]
    caption: list[str] = field(default_factory=list)  # the non-blank lines just above it

    @property
    def width(self) -> int:
        return max(len(r) for r in self.rows)

    def header_count(self) -> int:
        """Rows before the first one holding a figure (as the table reader counts them)."""
        for i, row in enumerate(self.rows):
            if any(_NUMBER.fullmatch(c.strip()) for c in row if c.strip()):
                return i
        return len(self.rows)

    def merges(self) -> dict[tuple[int, int], tuple[int, int]]:
        """(row, col) -> (rows, cols) spanned, for the merged cells of the header rows.

        A header cell followed by blank cells with sub-headers below spans them (as the
        table reader's `_fill_headers` reads it); a header cell with nothing below it in the
        other header rows spans down to the last header row.
        """
        n = self.header_count()
        width = self.width
        grid = [r + [""] * (width - len(r)) for r in self.rows]
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        covered: set[tuple[int, int]] = set()
        for r in range(n):
            for c in range(width):
                if not grid[r][c].strip() or (r, c) in covered:
                    continue
                cols = 1
                while (c + cols < width and not grid[r][c + cols].strip()
                       and any(grid[b][c + cols].strip() for b in range(r + 1, n))):
                    cols += 1
                below = [grid[b][k] for b in range(r + 1, n) for k in range(c, c + cols)]
                rows = n - r if below and not any(x.strip() for x in below) else 1
                if rows > 1 or cols > 1:
                    spans[(r, c)] = (rows, cols)
                    covered.update((r + i, c + j) for i in range(rows) for j in range(cols))
        return spans


Block = str | Table  # a line of text ("" for a blank line) or a table


def blocks(lines: list[str]) -> list[Block]:
    """Lines and tables: a table is a run of lines with tabs, across single blank lines."""
    out: list[Block] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            out.append(lines[i])
            i += 1
            continue
        rows: list[list[str]] = []
        while i < len(lines):
            if "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
                continue
            nxt = next((j for j in range(i, min(i + 3, len(lines))) if lines[j].strip()), None)
            if not lines[i].strip() and nxt is not None and "\t" in lines[nxt]:
                i = nxt
                continue
            break
        caption = [x for x in out[-12:] if isinstance(x, str) and x.strip()][-4:]
        out.append(Table(rows, caption))
    return out


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def excerpt_lines() -> list[str]:
    lines = seed_lines()
    out: list[str] = []
    for first, last in SCAN_LINES:
        out.extend(lines[first - 1 : last])
        out.append("")
    return out


def tables_text(parts: list[Block]) -> str:
    """The tables with their captions, as the spreadsheet readers write them."""
    out: list[str] = []
    for block in parts:
        if isinstance(block, Table):
            out.extend([*block.caption, "", *("\t".join(r) for r in block.rows), "", ""])
    return "\n".join(out)


def _number(text: str) -> tuple[Decimal, str] | None:
    """A plain figure as (value, number format that prints it so), or None."""
    m = _NUMBER.fullmatch(text.strip())
    if m is None:
        return None
    decimals = len(m.group(1) or "")
    fmt = "0" + ("." + "0" * decimals if decimals else "")
    value = Decimal(text.strip().rstrip("%"))
    if m.group(2):
        return value / 100, fmt + "%"
    return value, fmt


# --- DOCX -----------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NUMBERING = f"""<w:abstractNum xmlns:w="{_W}" w:abstractNumId="90">
  <w:multiLevelType w:val="singleLevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>"""
_TEXTBOX = f"""<w:r xmlns:w="{_W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>
  <v:shape style="width:120pt;height:30pt"><v:textbox><w:txbxContent>
    <w:p><w:r><w:t>内部资料 注意保存</w:t></w:r></w:p>
  </w:txbxContent></v:textbox></v:shape></w:pict></w:r>"""


def make_docx(parts: list[Block], path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    section.footer.paragraphs[0].text = "第 1 页"
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING))
    num_id = 90
    counter = 0
    for block in parts:
        if isinstance(block, Table):
            _docx_table(document, block)
            continue
        line = block
        if _PART.match(line.strip()):
            counter = 0
        m = _SECTION.fullmatch(line.strip())
        if m and _CHINESE.find(m.group(1)) == counter and len(m.group(1)) == 1:
            if counter == 0:  # a new list: a new numbering instance restarting at 1
                num_id += 1
                numbering.append(parse_xml(
                    f'<w:num xmlns:w="{_W}" w:numId="{num_id}"><w:abstractNumId w:val="90"/>'
                    f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                    f"</w:num>"))
            counter += 1
            paragraph = document.add_paragraph(m.group(2))
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="0"/>'
                                 f'<w:numId w:val="{num_id}"/></w:numPr>'))
            continue
        paragraph = document.add_paragraph(line)
        if line.startswith("第一部分"):
            paragraph._p.append(parse_xml(_TEXTBOX))
    document.save(str(path))


def _docx_table(document: object, table: Table) -> None:
    width = table.width
    grid = [r + [""] * (width - len(r)) for r in table.rows]
    t = document.add_table(rows=len(grid), cols=width)  # type: ignore[attr-defined]
    t.style = "Table Grid"
    for (r, c), (rows, cols) in table.merges().items():
        t.cell(r, c).merge(t.cell(r + rows - 1, c + cols - 1))
    for r, row in enumerate(grid):
        cells = t.rows[r].cells
        seen: set[int] = set()
        for c, text in enumerate(row):
            cell = cells[c]
            if id(cell._tc) in seen or not text:
                seen.add(id(cell._tc))
                continue
            seen.add(id(cell._tc))
            cell.paragraphs[0].text = text


# --- PDF ------------------------------------------------------------------------------------


def find_font() -> str:
    for candidate in FONTS:
        if Path(candidate).exists():
            return candidate
    # fc-list, not fc-match: fc-match answers its best match even when no font covers
    # Chinese (DejaVu Sans), and the PDFs came out without a glyph of their text.
    try:
        listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True,
                                text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        listed = ""
    for line in sorted(listed.splitlines()):
        found = line.strip().rstrip(":")
        if Path(found).exists() and Path(found).suffix.lower() in (".ttf", ".ttc", ".otf"):
            return found
    raise FontMissing("no CJK font found: run scripts/install-system-deps.sh "
                      "(installs fonts-wqy-microhei)")


class PdfWriter:
    """Lays the blocks out on A4 pages: wrapped paragraphs, ruled tables, header, footer."""

    PAGE_W, PAGE_H = 595.28, 841.89
    LEFT, RIGHT, TOP, BOTTOM = 72.0, 72.0, 64.0, 64.0
    SIZE, LEADING = 10.5, 16.0

    def __init__(self, font: str, pages: int = 0) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(unit="pt", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.add_font("cjk", fname=font)
        self.pages = pages  # the page count, known on the second pass
        self.y = 0.0
        self.width = self.PAGE_W - self.LEFT - self.RIGHT
        self.new_page()

    def new_page(self) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.set_font("cjk", size=9)
        pdf.text(self.LEFT, 40, HEADER)
        pdf.set_line_width(0.5)
        pdf.line(self.LEFT, 46, self.PAGE_W - self.RIGHT, 46)
        footer = f"第 {pdf.page_no()} 页 共 {self.pages} 页"
        pdf.text(self.PAGE_W / 2 - 30, self.PAGE_H - 36, footer)
        self.y = self.TOP

    def room(self, height: float) -> None:
        if self.y + height > self.PAGE_H - self.BOTTOM:
            self.new_page()

    def wrap(self, text: str, width: float) -> list[str]:
        pdf = self.pdf
        lines: list[str] = []
        current = ""
        for ch in text:
            if current and pdf.get_string_width(current + ch) > width:
                lines.append(current)
                current = ch
            else:
                current += ch
        lines.append(current)
        return lines

    def paragraph(self, text: str, bold: bool = False) -> None:
        pdf = self.pdf
        pdf.set_font("cjk", size=self.SIZE)
        for line in self.wrap(text, self.width):
            self.room(self.LEADING)
            pdf.set_font("cjk", size=self.SIZE)
            baseline = self.y + self.SIZE
            pdf.text(self.LEFT, baseline, line)
            if bold:  # overprinted a hair to the right: the "fake bold" of many reports
                pdf.text(self.LEFT + 0.35, baseline, line)
            self.y += self.LEADING

    def blank(self) -> None:
        self.y += self.LEADING * 0.6

    def table(self, table: Table) -> None:
        pdf = self.pdf
        width = table.width
        grid = [r + [""] * (width - len(r)) for r in table.rows]
        merges = table.merges()
        covered = {(r + i, c + j): (r, c) for (r, c), (rs, cs) in merges.items()
                   for i in range(rs) for j in range(cs)}
        size = 8.0
        while True:
            pdf.set_font("cjk", size=size)
            widths = [4.0] * width
            fixed = [4.0] * width  # numbers never wrap: their columns keep this much
            for r, row in enumerate(grid):
                for c, text in enumerate(row):
                    if (r, c) not in covered:
                        w = pdf.get_string_width(text.strip()) + 6
                        widths[c] = max(widths[c], w)
                        if _NUMBER.fullmatch(text.strip()):
                            fixed[c] = max(fixed[c], w)
            if sum(widths) <= self.width or size <= 5:
                break
            size -= 0.5
        if sum(widths) > self.width:  # still too wide: narrow the text columns, wrap them
            spare = self.width - sum(fixed)
            flexible = sum(w - f for w, f in zip(widths, fixed, strict=True))
            widths = [f + (w - f) * spare / flexible for w, f in zip(widths, fixed, strict=True)]
        xs = [self.LEFT]
        for w in widths:
            xs.append(xs[-1] + w)
        line_h = size * 1.35
        r = 0
        while r < len(grid):
            # a header block (merged rows) moves to the next page as a whole
            span = max((merges.get((r, c), (1, 1))[0] for c in range(width)), default=1)
            cells = {}
            heights = []
            for k in range(r, r + span):
                for c in range(width):
                    if (k, c) in covered and covered[(k, c)] != (k, c):
                        continue
                    rs, cs = merges.get((k, c), (1, 1))
                    lines = self.wrap(grid[k][c].strip(), xs[c + cs] - xs[c] - 4) \
                        if grid[k][c].strip() else []
                    cells[(k, c)] = lines
                    heights.append((k, rs, len(lines)))
            row_h = {k: line_h + 4 for k in range(r, r + span)}
            for k, rs, n in sorted(heights, key=lambda h: h[1]):
                short = n * line_h + 4 - sum(row_h[k + i] for i in range(rs))
                if short > 0:
                    row_h[k + rs - 1] += short
            self.room(sum(row_h.values()))
            pdf.set_font("cjk", size=size)  # a new page set the footer's
            tops = {}
            y = self.y
            for k in range(r, r + span):
                tops[k] = y
                y += row_h[k]
            for (k, c), lines in cells.items():
                rs, cs = merges.get((k, c), (1, 1))
                x0, x1 = xs[c], xs[c + cs]
                top, bottom = tops[k], tops[k] + sum(row_h[k + i] for i in range(rs))
                pdf.set_line_width(0.5)
                pdf.line(x0, top, x1, top)
                pdf.line(x0, bottom, x1, bottom)
                pdf.line(x0, top, x0, bottom)
                pdf.line(x1, top, x1, bottom)
                text_top = top + (bottom - top - len(lines) * line_h) / 2
                for n, line in enumerate(lines):
                    w = pdf.get_string_width(line)
                    numeric = _NUMBER.fullmatch(line) is not None
                    if (rs, cs) != (1, 1):
                        x = (x0 + x1 - w) / 2
                    elif numeric:
                        x = x1 - 2 - w
                    else:
                        x = x0 + 2
                    pdf.text(x, text_top + n * line_h + size * 1.05, line)
            self.y = y
            r += span
        self.y += 4

    def save(self, path: Path) -> int:
        self.pdf.output(str(path))
        return self.pdf.page_no()


def make_pdf(parts: list[Block], path: Path, font: str) -> int:
    """Render `parts`; twice, so that the footers know the page count."""
    pages = 0
    for _ in range(2):
        writer = PdfWriter(font, pages)
        title = True  # the cover lines, up to the table of contents
        for n, block in enumerate(parts):
            title = title and n < 12
            if isinstance(block, Table):
                writer.table(block)
            elif not block.strip():
                writer.blank()
            else:
                bold = title or bool(_PART.match(block.strip()))
                writer.paragraph(block.strip(), bold=bold)
                if block.strip() == "目 录":
                    title = False
        pages = writer.pdf.page_no()
    return writer.save(path)


def make_scan(pdf: Path, path: Path, dpi: int = 150) -> None:
    """Rasterise every page of `pdf` and bind the images into an image-only PDF."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        images = [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]
    finally:
        document.close()
    images[0].save(str(path), "PDF", resolution=dpi, save_all=True, append_images=images[1:])


# --- spreadsheets ------------------------------------------------------------------------


def _sheet_name(table: Table, n: int) -> str:
    label = next((re.sub(r"\s+", "", x) for x in table.caption if "公开" in x), None)
    name = label or f"表{n}"
    return re.sub(r"[\[\]:*?/\\]", "", name)[:28] + ("" if label is None else f"_{n}")


def make_xlsx(parts: list[Block], path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    tables = [b for b in parts if isinstance(b, Table)]
    for n, table in enumerate(tables, start=1):
        sheet = book.create_sheet(_sheet_name(table, n))
        row = 1
        for line in table.caption:
            sheet.cell(row=row, column=1, value=line)
            if table.width > 1:
                sheet.merge_cells(start_row=row, start_column=1, end_row=row,
                                  end_column=table.width)
            row += 1
        row += 1
        first = row
        for cells in table.rows:
            for c, text in enumerate(cells, start=1):
                if not text.strip():
                    continue
                number = _number(text)
                cell = sheet.cell(row=row, column=c)
                if number is None:
                    cell.value = text
                else:
                    value, fmt = number
                    cell.value = int(value) if fmt == "0" else float(value)
                    cell.number_format = fmt
            row += 1
        for (r, c), (rs, cs) in table.merges().items():
            sheet.merge_cells(start_row=first + r, start_column=c + 1,
                              end_row=first + r + rs - 1, end_column=c + cs)
    book.save(str(path))


def make_xls(parts: list[Block], path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, object] = {}
    tables = [b for b in parts if isinstance(b, Table)]
    for n, table in enumerate(tables, start=1):
        sheet = book.add_sheet(_sheet_name(table, n))
        row = 0
        for line in table.caption:
            sheet.write(row, 0, line)
            row += 1
        row += 1
        first = row
        merged = table.merges()
        covered = {(r + i, c + j) for (r, c), (rs, cs) in merged.items()
                   for i in range(rs) for j in range(cs)}
        for r, cells in enumerate(table.rows):
            for c, text in enumerate(cells):
                if not text.strip() or ((r, c) in covered and (r, c) not in merged):
                    continue
                if (r, c) in merged:
                    rs, cs = merged[(r, c)]
                    sheet.write_merge(first + r, first + r + rs - 1, c, c + cs - 1, text)
                    continue
                number = _number(text)
                if number is None:
                    sheet.write(first + r, c, text)
                else:
                    value, fmt = number
                    style = styles.setdefault(fmt, xlwt.easyxf(num_format_str=fmt))
                    sheet.write(first + r, c, float(value), style)
            row += 1
    book.save(str(path))


# --- HTML ------------------------------------------------------------------------------------


def make_html(parts: list[Block], path: Path) -> None:
    out = [
        "<!DOCTYPE html>",
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        f"<title>{UNIT_NAME}2020年度部门决算公开</title>",
        "<style>td{border:1px solid #000}</style><script>var visits = 12345;</script>",
        "</head><body>",
        '<div class="nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | '
        '<a href="/2019">2019年决算（120.5万元）</a></div>',
        '<div class="TRS_Editor">',
    ]
    for block in parts:
        if isinstance(block, Table):
            out.extend(_html_table(block))
        elif block.strip():
            tag = "h2" if _PART.match(block.strip()) else "p"
            out.append(f"<{tag}>{html.escape(block.strip())}</{tag}>")
    out.append("</div>")
    out.append('<div class="footer">版权所有：株洲市石峰区人民政府 电话：0731-28888888 '
               "访问量：1234567 次</div></body></html>")
    path.write_bytes("\n".join(out).encode("gb18030"))


def _html_table(table: Table) -> Iterator[str]:
    width = table.width
    grid = [r + [""] * (width - len(r)) for r in table.rows]
    merged = table.merges()
    covered = {(r + i, c + j) for (r, c), (rs, cs) in merged.items()
               for i in range(rs) for j in range(cs)}
    yield "<table>"
    for r, row in enumerate(grid):
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered and (r, c) not in merged:
                continue
            rs, cs = merged.get((r, c), (1, 1))
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            cells.append(f"<td{attrs}>{html.escape(text.strip()) or '&nbsp;'}</td>")
        yield "<tr>" + "".join(cells) + "</tr>"
    yield "</table>"


# --- all of them ----------------------------------------------------------------------------


def _key() -> str:
    h = hashlib.sha256(Path(__file__).read_bytes() + SEED.read_bytes())
    for dist in ("python-docx", "fpdf2", "openpyxl", "xlwt", "pypdfium2", "Pillow"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=none".encode())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Fixtures:
    """Where each fixture is; `pdf`/`scan` are None when no CJK font could be found."""

    dir: Path
    text: Path  # the seed
    docx: Path
    xlsx: Path
    xls: Path | None
    html: Path
    tables_text: Path
    scan_text: Path
    pdf: Path | None
    scan: Path | None
    pages: int = 0


def build(out: Path = DEFAULT_OUT) -> Fixtures:
    """Make every fixture in `out/<key>/` unless it is there already."""
    target = out / _key()
    done = target / "done"
    parts = blocks(seed_lines())
    if not done.exists():
        tmp = out / f"{_key()}.tmp{id(parts)}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        shutil.copyfile(SEED, tmp / "003.txt")
        make_docx(parts, tmp / "003.docx")
        make_xlsx(parts, tmp / "003.xlsx")
        with contextlib.suppress(ImportError):  # xlwt is a development extra
            make_xls(parts, tmp / "003.xls")
        make_html(parts, tmp / "003.html")
        (tmp / "003.tables.txt").write_text(tables_text(parts), encoding="utf-8")
        excerpt = excerpt_lines()
        (tmp / "003.scan.txt").write_text("\n".join(excerpt), encoding="utf-8")
        try:
            font = find_font()
        except FontMissing:
            font = None
        pages = 0
        if font is not None:
            pages = make_pdf(parts, tmp / "003.pdf", font)
            make_pdf(blocks(excerpt), tmp / "003.excerpt.pdf", font)
            make_scan(tmp / "003.excerpt.pdf", tmp / "003.scan.pdf")
        (tmp / "done").write_text(str(pages))
        shutil.rmtree(target, ignore_errors=True)
        try:
            tmp.rename(target)
        except OSError:  # another process finished first
            shutil.rmtree(tmp, ignore_errors=True)
    pdf = target / "003.pdf"
    xls = target / "003.xls"
    return Fixtures(
        dir=target, text=target / "003.txt", docx=target / "003.docx", xlsx=target / "003.xlsx",
        xls=xls if xls.exists() else None, html=target / "003.html",
        tables_text=target / "003.tables.txt", scan_text=target / "003.scan.txt",
        pdf=pdf if pdf.exists() else None,
        scan=target / "003.scan.pdf" if pdf.exists() else None,
        pages=int(done.read_text() or 0),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    fixtures = build(args.out)
    for name in ("text", "docx", "pdf", "scan", "xlsx", "xls", "html"):
        print(f"{name:5} {getattr(fixtures, name)}")


if __name__ == "__main__":
    main()
