"""The parts of the readers: format detection, spreadsheet number formats, Word numbering,
HTML tables, page layout (lines, grids, running headers, glyph trouble), OCR glyphs."""

from __future__ import annotations

from decimal import Decimal

import pytest

import extractor
from extractor.readers import detect
from extractor.readers.cells import cell_text, format_number, sheet_lines
from extractor.readers.docx import chinese_number
from extractor.readers.docx import format_number as word_number
from extractor.readers.layout import Glyph, PageInput, Rule, find_grids, group_lines, write
from extractor.readers.ocr import line_glyphs

# --- detection ------------------------------------------------------------------------------


@pytest.mark.parametrize(("head", "kind"), [
    (b"%PDF-1.7\n", "pdf"),
    (b"\r\n%PDF-1.4\n", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff\xe0", "image"),
    (b"II*\x00", "image"),
    (b"<!DOCTYPE html><html>", "html"),
    (b"\xef\xbb\xbf  <html lang='zh'>", "html"),
    (b"<div class='TRS_Editor'><p>2020</p></div>", "html"),
    ("收入合计 <100 万元".encode(), "text"),
    ("2020年度部门决算".encode("gb18030"), "text"),
    (b"PK\x03\x04garbage", "zip"),
    (b"7z\xbc\xaf\x27\x1c\x00\x04", "7z"),
    (b"\x1f\x8b\x08\x00", "gzip"),
    (b"\x7fELF\x02\x01", "elf"),
    (b"SQLite format 3\x00", "sqlite"),
    (b"RIFF\x00\x00\x00\x00WAVEfmt ", "audio"),
    (b"\x00\x00\x00\x18ftypmp42", "video"),
])
def test_detect(head, kind):
    assert detect(head + b"\x00" * 8) == kind


# --- spreadsheet cells --------------------------------------------------------------------


@pytest.mark.parametrize(("value", "fmt", "text"), [
    (1835.05, "0.00", "1835.05"),
    (1835.0499999999997, "#,##0.00", "1835.05"),  # float drift of a formula
    (0.1 + 0.2, "0.00", "0.30"),
    (2.675, "0.00", "2.68"),  # the double is 2.67499…; Excel and hecha show 2.68
    (21.9, "0.00_ ", "21.90"),
    (0.1349, "0.00%", "13.49%"),
    (0.135, "0.0%", "13.5%"),
    (-5.0, "0.00;[Red]-0.00", "-5.00"),
    (-0.001, "0.00", "0.00"),
    (500, "General", "500"),
    (1835.0500000000002, "General", "1835.05"),
    (3.0, None, "3"),
    (12345.678, '#,##0.0"万元"', "12345.7"),
])
def test_numbers_print_as_their_format_shows_them(value, fmt, text):
    assert format_number(value, fmt) == text


def test_cell_text_of_other_values():
    import datetime as dt

    assert cell_text(None) == ""
    assert cell_text(True) == "TRUE"
    assert cell_text(dt.datetime(2020, 12, 31)) == "2020-12-31"
    assert cell_text("本年\t收入\n合计 ") == "本年 收入 合计"
    assert cell_text(Decimal("1.50"), "0.0") == "1.5"


def test_sheet_lines_put_captions_and_notes_outside_the_table():
    rows = [["", "收入决算表"], ["", "单位：万元"], [], ["", "项目", "金额"], ["", "合计", "5.00"],
            ["", "注：本表反映收入。"]]
    assert sheet_lines(rows) == ["收入决算表", "单位：万元", "", "项目\t金额", "合计\t5.00", "",
                                 "注：本表反映收入。"]


# --- Word numbering ---------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"),
                                         (35, "三十五")])
def test_chinese_counting(n, text):
    assert chinese_number(n) == text


def test_word_number_formats():
    assert word_number(3, "decimalEnclosedCircle") == "③"
    assert word_number(4, "upperRoman") == "IV"
    assert word_number(2, "lowerLetter") == "b"
    assert word_number(7, "bullet") == ""


def test_docx_numbering_and_merged_cells():
    import io

    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="77"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/><w:suff w:val="nothing"/>'
        f"</w:lvl></w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num xmlns:w="{w}" w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    for title in ("收入情况", "支出情况"):
        p = document.add_paragraph(title)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr>'))
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).paragraphs[0].text = "项目"
    table.cell(0, 1).merge(table.cell(0, 2)).paragraphs[0].text = "本年支出"
    table.cell(1, 1).paragraphs[0].text = "基本支出"
    table.cell(1, 2).paragraphs[0].text = "项目支出"
    for c, text in enumerate(["合计", "3.00", "2.00"]):
        table.cell(2, c).paragraphs[0].text = text
    document.sections[0].header.paragraphs[0].text = "页眉 99.99万元"
    out = io.BytesIO()
    document.save(out)
    x = extractor.extract(out.getvalue(), "t.docx")
    assert x.document.original.split("\n")[:2] == ["（一）收入情况", "（二）支出情况"]
    assert "项目\t本年支出\t\n\t基本支出\t项目支出\n合计\t3.00\t2.00" in x.document.original
    assert "页眉" not in x.document.original
    [table_model] = x.document.tables
    assert [c.column_labels for c in table_model.cells if c.value is not None] == [
        ["本年支出", "基本支出"], ["本年支出", "项目支出"]]


# --- HTML -------------------------------------------------------------------------------------


def test_html_tables_spans_and_chrome():
    page = """<html><head><meta charset="gbk"><title>决算</title></head><body>
    <div class="nav">首页 | 2019年决算 120万元</div>
    <div id="zoom"><h3>一、收入决算</h3><p>本年收入合计<b>5.00</b>万元。</p>
    <table><tr><td rowspan="2">项目</td><td colspan="2">本年支出</td></tr>
    <tr><th>基本支出</th><th>项目支出</th></tr>
    <tr><td>合计</td><td>3.00</td><td>2.00</td></tr></table></div>
    <div class="footer">访问量 12345</div></body></html>"""
    x = extractor.extract(page.encode("gbk"), "page.html")
    assert x.document.source_format == "html" and x.document.encoding == "gb18030"
    assert x.document.original == ("一、收入决算\n本年收入合计5.00万元。\n\n项目\t本年支出\t\n"
                                   "\t基本支出\t项目支出\n合计\t3.00\t2.00\n")


# --- layout --------------------------------------------------------------------------------


def glyphs(text: str, x: float, top: float, size: float = 10.0) -> list[Glyph]:
    out = []
    for ch in text:
        width = size if ord(ch) > 0x2000 else size / 2
        if ch != " ":
            out.append(Glyph(ch, x, top, x + width, top + size))
        x += width
    return out


def test_overprinted_glyphs_read_once():
    bold = glyphs("合计", 100, 100) + glyphs("合计", 100.3, 100)
    [line] = group_lines(bold)
    assert line.text == "合计"


def test_grid_with_merged_header():
    # columns at 0, 100, 200, 300; rows at 0, 20, 40, 60; "本年支出" spans columns 1-2
    rules = [Rule(0, y, 300, y) for y in (0, 40, 60)] + [Rule(100, 20, 300, 20)]
    rules += [Rule(x, 0, x, 60) for x in (0, 100, 300)] + [Rule(200, 20, 200, 60)]
    [grid] = find_grids(rules)
    assert grid.xs == [0, 100, 200, 300] and grid.ys == [0, 20, 40, 60]
    assert grid.anchor(250, 10) == (0, 1)  # the merged cell's text goes to its first column
    assert grid.anchor(50, 30) == (0, 0)  # "项目" spans both header rows
    page = PageInput(1, 400, 400, [*glyphs("项目", 10, 25), *glyphs("本年支出", 180, 5),
                                   *glyphs("基本", 110, 25), *glyphs("项目", 210, 25),
                                   *glyphs("合计", 10, 45), *glyphs("3.00", 150, 45),
                                   *glyphs("2.00", 250, 45)], rules)
    text, _, boxes = write([page])
    assert text == "项目\t本年支出\t\n\t基本\t项目\n合计\t3.00\t2.00\n"
    figure = text.index("3.00")
    assert any(b.start == figure and b.end == figure + 4 and b.x0 == 150 for b in boxes)


def test_running_headers_and_page_numbers_are_not_text():
    pages = []
    for n in (1, 2, 3):
        body = glyphs(f"第{n}页的正文，支出{n}0.5万元。", 72, 200)
        pages.append(PageInput(n, 595, 842, [*glyphs("某某单位2020年度部门决算", 72, 30), *body,
                                             *glyphs(f"- {n} -", 290, 800)]))
    text, spans, _ = write(pages)
    assert "部门决算" not in text and "- 1 -" not in text
    assert [s.label for s in spans] == ["1", "2", "3"]
    assert text.count("正文") == 3


def test_wrapped_lines_become_one_paragraph_again():
    left, right = 72.0, 522.0
    first = glyphs("本年支出合计522.47万元，比上年增加197.95万元，增长37.9%，主要是因为职能增加、"
                   "部门合并和人员", left, 100)
    width = first[-1].x1
    assert width > right - 15
    second = glyphs("增加。", left, 116)
    heading = glyphs("二、收入决算情况说明", left, 150)
    text, _, _ = write([PageInput(1, 595, 842, [*first, *second, *heading])])
    assert text.startswith("本年支出合计522.47万元") and "人员增加。\n\n二、收入决算" in text


def test_unmapped_glyphs_and_compatibility_ideographs():
    from extractor.readers.pdf import _is_compat

    assert _is_compat(0x2F00) and not _is_compat(ord("一"))


# --- OCR glyphs ---------------------------------------------------------------------------


def test_ocr_line_glyphs_spread_by_width():
    gs = line_glyphs("合计5.00", 0, 0, 42, 10)  # 2 wide + 4 narrow (0.55 each) = 4.2 units
    assert [g.ch for g in gs] == list("合计5.00")
    assert gs[0].x1 == pytest.approx(10) and gs[2].x1 - gs[2].x0 == pytest.approx(5.5)


# --- PDF glyph trouble --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cjk_pdf(make_fixtures):
    """A one-page PDF writer with the CJK font (skips without one)."""
    from fpdf import FPDF

    try:
        font = make_fixtures.find_font()
    except make_fixtures.FontMissing:
        pytest.skip("no CJK font")

    def make() -> FPDF:
        pdf = FPDF(unit="pt", format="A4")
        pdf.add_page()
        pdf.add_font("cjk", fname=font)
        pdf.set_font("cjk", size=12)
        return pdf

    return make


def test_cid_codes_written_as_text_are_dropped(cjk_pdf):
    pdf = cjk_pdf()
    pdf.text(72, 72, "本年支出合计(cid:12)(cid:345)381.78万元。")
    x = extractor.extract(bytes(pdf.output()), "cid.pdf")
    assert x.document.original.replace(" ", "") == "本年支出合计381.78万元。\n"
    assert [str(c.quantity.value) for c in x.claims] == ["381.78"]


def test_a_table_set_sideways_reads_left_to_right(cjk_pdf):
    pdf = cjk_pdf()
    for i, line in enumerate(["第一行：本年收入合计500.57万元。", "第二行：支出合计381.78万元。"]):
        x, y = 100 + i * 20, 700
        with pdf.rotation(90, x=x, y=y):
            pdf.text(x, y, line)
    doc = extractor.extract(bytes(pdf.output()), "sideways.pdf").document
    assert doc.original == "第一行：本年收入合计500.57万元。\n第二行：支出合计381.78万元。\n"
    assert (doc.pages[0].width, doc.pages[0].height) == (841.89, 595.28)


def test_table_captions_opening_every_page_are_not_running_headers():
    pages = []
    for n in (1, 2, 3):
        pages.append(PageInput(n, 595, 842, [*glyphs(f"公开0{n}表", 72, 30), *glyphs("单位：万元", 72, 50),
                                             *glyphs(f"合计{n}.00万元。", 72, 200)]))
    text, _, _ = write(pages)
    assert text.count("公开0") == 3 and text.count("单位：万元") == 3
