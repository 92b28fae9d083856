"""DOCX pages: where Word recorded its page starts, else where the file breaks pages; a
document with neither has no pages."""

from __future__ import annotations

import io

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement

import extractor


def _pages(document: docx.document.Document) -> list[str]:
    buffer = io.BytesIO()
    document.save(buffer)
    doc = extractor.extract(buffer.getvalue(), "report.docx").document
    return [doc.original[p.start:p.end] for p in doc.pages]


def test_page_breaks_and_paragraphs_that_start_a_page():
    d = docx.Document()
    d.add_paragraph("2023年度某局部门决算")
    p = d.add_paragraph("本年收入合计100.00万元。")
    p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("第二部分 表格")
    d.add_paragraph("本年支出合计90.00万元。")
    q = d.add_paragraph("第三部分 说明")
    q.paragraph_format.page_break_before = True
    assert _pages(d) == ["2023年度某局部门决算\n本年收入合计100.00万元。\n",
                         "第二部分 表格\n本年支出合计90.00万元。\n", "第三部分 说明\n"]


def test_a_section_that_starts_a_new_page():
    d = docx.Document()
    d.add_paragraph("第一部分 概况")
    d.add_section(WD_SECTION.NEW_PAGE)  # an empty paragraph ends the first section
    d.add_paragraph("第二部分 表格")
    assert _pages(d) == ["第一部分 概况\n\n", "第二部分 表格\n"]


def test_the_layout_word_recorded_wins_over_explicit_breaks():
    d = docx.Document()
    d.add_paragraph("第一页的文字")
    p = d.add_paragraph("还在第一页")
    p.add_run().add_break(WD_BREAK.PAGE)  # not where Word's layout put the page: ignored
    q = d.add_paragraph()
    q.add_run("第一页的末尾，")
    run = q.add_run("第二页的开头")
    run._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))  # a page Word filled up
    pages = _pages(d)
    assert pages == ["第一页的文字\n还在第一页\n\n第一页的末尾，", "第二页的开头\n"]


def test_a_table_row_on_a_new_page():
    d = docx.Document()
    d.add_paragraph("收入支出决算总表")
    table = d.add_table(rows=3, cols=2)
    rows = [("项目", "决算数"), ("本年收入合计", "100.00"), ("本年支出合计", "90.00")]
    for i, (label, value) in enumerate(rows):
        table.cell(i, 0).text, table.cell(i, 1).text = label, value
    mark = table.cell(2, 0).paragraphs[0].runs[0]._r
    mark.insert(0, OxmlElement("w:lastRenderedPageBreak"))
    first, second = _pages(d)
    assert first.endswith("本年收入合计\t100.00\n") and second.startswith("本年支出合计\t90.00")


def test_without_breaks_there_are_no_pages():
    d = docx.Document()
    d.add_paragraph("本年收入合计100.00万元。")
    assert _pages(d) == []
