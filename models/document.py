"""The document: original text, normalized text, the map between them, and its structure."""

from __future__ import annotations

from bisect import bisect_right
from enum import StrEnum
from functools import cached_property

from pydantic import Field

from .base import HechaModel, Span
from .layout import Box, Page, Place, boxes_for, page_at
from .quantity import Quantity


class OffsetMap(HechaModel):
    """Maps offsets of the normalized text back to the original text.

    Normalization mostly replaces one character by one (full-width digits, ％, NBSP) but
    also drops characters (the space in "15.6 %"). The map keeps one anchor
    `(normalized, original)` wherever the difference between the two changes; between
    anchors offsets advance together. A run-length map stays small on 50 MB inputs.
    """

    anchors: list[tuple[int, int]] = Field(default_factory=lambda: [(0, 0)])

    @cached_property
    def norm_keys(self) -> list[int]:
        """The anchors' normalized offsets, for bisecting (computed once: the rules map
        offsets hundreds of thousands of times per document, and pydantic's private
        attributes cost a lookup through `__getattr__` on every read)."""
        return [a[0] for a in self.anchors]

    @cached_property
    def orig_keys(self) -> list[int]:
        """The anchors' original offsets, for bisecting."""
        return [a[1] for a in self.anchors]

    def __eq__(self, other: object) -> bool:
        # The bisect keys are derived state: two maps with the same anchors are equal.
        return isinstance(other, OffsetMap) and self.anchors == other.anchors

    __hash__ = None  # type: ignore[assignment]

    def to_original(self, offset: int) -> int:
        """Original offset of normalized `offset` (also valid for end offsets)."""
        i = bisect_right(self.norm_keys, offset) - 1
        norm, orig = self.anchors[max(i, 0)]
        return orig + (offset - norm)

    def to_normalized(self, offset: int) -> int:
        """Normalized offset of original `offset`; dropped characters map to the next kept one."""
        i = bisect_right(self.orig_keys, offset) - 1
        norm, orig = self.anchors[max(i, 0)]
        nxt = self.anchors[i + 1] if i + 1 < len(self.anchors) else None
        result = norm + (offset - orig)
        if nxt is not None and result > nxt[0]:
            return nxt[0]
        return result


class ReportKind(StrEnum):
    """The kinds of report hecha reads."""

    FINAL_ACCOUNT = "final_account"  # 部门决算
    SELF_EVALUATION = "self_evaluation"  # 部门整体支出绩效自评报告
    MIXED = "mixed"  # a 决算 disclosure with the self-evaluation attached


class SectionKind(StrEnum):
    """Levels of the numbering hierarchy these reports use."""

    PART = "part"  # 第一部分
    SECTION = "section"  # 一、
    SUBSECTION = "subsection"  # （一）
    ITEM = "item"  # 1. 1、
    SUBITEM = "subitem"  # （1） ①


class Section(HechaModel):
    """A numbered heading and the stretch of text it governs (up to the next of its level)."""

    kind: SectionKind
    level: int
    number: str
    title: str
    heading: Span
    start: int
    end: int
    parent: int | None = None


class Sentence(HechaModel):
    """A sentence of narrative text (tables are not split into sentences)."""

    span: Span
    section: int | None = None


class Cell(HechaModel):
    """A table cell; numeric cells carry their value and the labels that say what it is."""

    row: int
    column: int
    text: str
    span: Span | None = None
    value: Quantity | None = None
    row_label: str | None = None
    column_labels: list[str] = Field(default_factory=list)
    code: str | None = None


class Table(HechaModel):
    """A table as laid out in the text, rows of cells, with its caption metadata."""

    id: str
    title: str | None = None
    title_span: Span | None = None  # where the title is printed above the table
    label: str | None = None  # 公开02表
    unit: str | None = None  # 万元
    start: int  # offsets of the table's lines in the original text
    end: int
    layout: str  # "tsv" (a row per line) or "cell_lines" (a cell per line)
    header_rows: list[list[str]] = Field(default_factory=list)
    cells: list[Cell] = Field(default_factory=list)
    # the note printed under it (注：…; 本单位无政府性基金收支，故本表为空表), its lines joined
    note: str | None = None
    # the table form it was recognised as (extractor/data/tables.yaml), None when none fits
    form: str | None = None
    # True when its figures may stand in the wrong columns (a header that does not fit them)
    unsure: bool = False


class UnitField(HechaModel):
    """A field that names the reporting unit (编制单位：…, 单位名称：…, 部门名称：…), as printed.

    Read once by the extractor, so that a check comparing the fields with the title never
    parses the text again.
    """

    label: str  # 编制单位, 单位名称, 填报单位…
    name: str  # the unit it names
    span: Span  # where the name is printed


class DateMention(HechaModel):
    """A calendar date the report prints (2021年8月20日, 2021-08-20, 二〇二一年八月), as printed:
    month and day are what the text says, not checked, so that 2月30日 can be told.

    `label` says when the date is the document's own: the field it fills (公开日期,
    报送日期, 填报日期…) or 落款 for the date under the signature at the end.
    """

    year: int
    month: int
    day: int | None = None  # None for a month (2021年8月)
    span: Span
    label: str | None = None


class DocumentMeta(HechaModel):
    """What the report says about itself."""

    unit_name: str | None = None
    unit_kind: str | None = None  # 县委办, 县政府办, 区委办…
    kind: ReportKind | None = None
    fiscal_year: int | None = None
    unit_fields: list[UnitField] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)


class Document(HechaModel):
    """A report: original text, normalized text, offset map, structure and tables.

    `id` is the sha256 of the original bytes, so the same file is the same document
    wherever it comes from.
    """

    id: str
    name: str
    encoding: str
    original: str
    text: str
    offsets: OffsetMap
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    sections: list[Section] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    # Where the text came from (models/layout.py): "text", "pdf", "docx", "xlsx", "xls",
    # "html" or "image"; PDF pages and the boxes that place the text on them.
    source_format: str = "text"
    pages: list[Page] = Field(default_factory=list)
    boxes: list[Box] = Field(default_factory=list)

    def page_at(self, offset: int) -> Page | None:
        """The page (or sheet) an original offset was read from; None for plain text."""
        return page_at(self.pages, offset)

    def place(self, offset: int) -> Place:
        """Where original `offset` stands: page or sheet, table and row (models/layout.py)."""
        page = self.page_at(offset)
        sheet = self.source_format in ("xlsx", "xls")
        table = next((t for t in self.tables if t.start <= offset < t.end), None)
        row = None
        if table is not None:
            row = next((c.row_label for c in table.cells
                        if c.span is not None and c.span.start <= offset < c.span.end), None)
        return Place(
            page=page.number if page is not None and not sheet else None,
            sheet=(page.label or str(page.number)) if page is not None and sheet else None,
            table=None if table is None else table.title or table.label,
            row=row)

    def boxes_for(self, span: Span) -> list[Box]:
        """Where `span` is drawn: one box per page line it covers (empty without layout)."""
        return boxes_for(self.boxes, span.start, span.end)

    def span(self, start: int, end: int) -> Span:
        """A span of the original text between original offsets."""
        return Span(start=start, end=end, text=self.original[start:end])

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an original offset (for linter-style output)."""
        line = self.original.count("\n", 0, offset) + 1
        col = offset - (self.original.rfind("\n", 0, offset) + 1) + 1
        return line, col
