"""Pages and boxes: optional on Document, so JSON written before them still loads."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from models import Box, Cell, Document, Page, Place, Span, Table


def document(**extra: object) -> Document:
    return Document(id="x", name="x.pdf", encoding="unicode", original="合计500.57万元\n第二页",
                    text="合计500.57万元\n第二页", offsets={"anchors": [[0, 0]]}, **extra)


def test_documents_without_layout_still_load(reports):
    report = next(iter(reports.values()))
    data = report.document.model_dump(mode="json")
    for key in ("source_format", "pages", "boxes"):
        data.pop(key)
    again = Document.model_validate(data)
    assert again.source_format == "text" and again.pages == [] and again.boxes == []
    assert again.page_at(0) is None and again.boxes_for(Span(start=0, end=1, text=again.original[0])) == []


def test_boxes_for_cuts_a_run_at_the_span():
    doc = document(
        source_format="pdf",
        pages=[Page(number=1, start=0, end=11, label="1", width=595, height=842),
               Page(number=2, start=11, end=14, width=595, height=842, ocr=True)],
        boxes=[Box(page=1, x0=72, top=100, x1=92, bottom=110, start=0, end=2),
               Box(page=1, x0=92, top=100, x1=122, bottom=110, start=2, end=8),
               Box(page=1, x0=122, top=100, x1=142, bottom=110, start=8, end=10),
               Box(page=2, x0=72, top=60, x1=102, bottom=70, start=11, end=14)])
    assert doc.boxes_for(doc.span(2, 8)) == [doc.boxes[1]]
    [half] = doc.boxes_for(doc.span(1, 2))
    assert (half.x0, half.x1, half.start, half.end) == (82, 92, 1, 2)
    both = doc.boxes_for(doc.span(0, 14))
    assert [b.page for b in both] == [1, 1, 1, 2]
    assert doc.page_at(12).ocr and doc.page_at(3).label == "1"
    assert Document.model_validate_json(doc.model_dump_json()) == doc


def test_layout_offsets_are_checked():
    with pytest.raises(ValidationError):
        Box(page=1, x0=0, top=0, x1=1, bottom=1, start=5, end=2)
    with pytest.raises(ValidationError):
        Page(number=1, start=-1, end=2)


def test_a_place_is_page_or_sheet_then_table_then_row():
    cell = Cell(row=0, column=1, text="500.57", span=Span(start=2, end=8, text="500.57"), row_label="合计")
    table = Table(id="t1", title="收入决算表", start=0, end=11, layout="tsv", cells=[cell])
    pages = [Page(number=1, start=0, end=11, width=595, height=842), Page(number=2, start=11, end=14)]
    pdf = document(source_format="pdf", pages=pages, tables=[table])
    assert pdf.place(3) == Place(page=1, table="收入决算表", row="合计")
    assert pdf.place(3).describe("zh") == "第1页，收入决算表，合计行"
    assert pdf.place(3).describe("en") == "page 1, 收入决算表, row 合计"
    assert pdf.place(12) == Place(page=2)
    sheets = [Page(number=1, start=0, end=11, label="公开01表"), Page(number=2, start=11, end=14)]
    book = document(source_format="xlsx", pages=sheets, tables=[table])
    assert book.place(0).describe("zh") == "工作表“公开01表”，收入决算表"
    assert book.place(12).sheet == "2"  # a sheet without a name: its number
    assert document().place(3) == Place() and Place().describe() == ""
