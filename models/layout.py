"""Where text sat in the file it was read from: pages and boxes on them.

A text report has neither: `Document.pages` and `Document.boxes` stay empty. A PDF has a
`Page` per page, each a range of `Document.original`, and `Box`es that place runs of that
text on the page (PDF points, origin at the top left, as pdfplumber and most viewers
measure). A spreadsheet has a `Page` per sheet and no boxes. Every offset is in code points
of `Document.original`, like every `Span`.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from pydantic import model_validator

from .base import HechaModel
from .messages import Message, message


class Page(HechaModel):
    """A page (PDF) or sheet (XLSX/XLS) and the range of the original text it produced.

    `ocr` marks text recognised from an image: its characters may be wrong, so checks may
    lower their confidence in figures read there.
    """

    number: int  # 1-based, in file order
    start: int
    end: int
    label: str | None = None  # the page number printed on it, or the sheet's name
    width: float | None = None  # points
    height: float | None = None
    ocr: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> Page:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"page start {self.start} must be >= 0 and <= end {self.end}")
        return self


class Box(HechaModel):
    """A run of the original text (`start`..`end`) drawn in one rectangle of a page."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    start: int
    end: int

    @model_validator(mode="after")
    def _ordered(self) -> Box:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"box start {self.start} must be >= 0 and <= end {self.end}")
        return self


def page_at(pages: list[Page], offset: int, starts: list[int] | None = None) -> Page | None:
    """The page whose range holds `offset` (pages are in text order; `starts` their starts)."""
    starts = [p.start for p in pages] if starts is None else starts
    i = bisect_right(starts, offset) - 1
    if i >= 0 and pages[i].start <= offset < max(pages[i].end, pages[i].start + 1):
        return pages[i]
    return None


def boxes_for(boxes: list[Box], start: int, end: int, starts: list[int] | None = None) -> list[Box]:
    """The boxes covering original offsets `start`..`end`, cut to that range.

    `boxes` are in text order and do not overlap (`starts` are their starts, if already at
    hand). A box only partly covered is narrowed in proportion to the characters covered:
    readers split runs where digits and text meet, so a figure has its own exact box, and
    the piece of a line of Chinese (equal-width glyphs) it is cut from is close to exact.
    """
    if end <= start:
        return []
    starts = [b.start for b in boxes] if starts is None else starts
    out: list[Box] = []
    for box in boxes[max(bisect_right(starts, start) - 1, 0):]:
        if box.start >= end:
            break
        lo, hi = max(box.start, start), min(box.end, end)
        if hi <= lo:
            continue
        if lo == box.start and hi == box.end:
            out.append(box)
            continue
        width, length = box.x1 - box.x0, box.end - box.start
        x0 = box.x0 + width * (lo - box.start) / length
        x1 = box.x0 + width * (hi - box.start) / length
        out.append(box.model_copy(update={"x0": x0, "x1": x1, "start": lo, "end": hi}))
    return out


class Place(NamedTuple):
    """Where an offset of the original stands, as a reader of the file would look for it:
    the page (PDF, DOCX with page breaks) or the sheet (XLSX/XLS), and the table and row.
    Every part is None where the file has no such thing (a plain text report has none of
    them; its place is its line and column)."""

    page: int | None = None
    sheet: str | None = None
    table: str | None = None
    row: str | None = None

    def describe(self, lang: str = "zh") -> str:
        """第3页，收入支出决算总表，本年收入合计行 / page 3, 收入支出决算总表, row 本年收入合计;
        "" when nothing is known."""
        zh = lang == "zh"
        parts = []
        if self.page is not None:
            parts.append(message("PLACE_PAGE", n=self.page))
        if self.sheet is not None:
            parts.append(message("PLACE_SHEET", name=self.sheet))
        if self.table is not None:
            parts.append(Message(self.table, self.table))
        if self.row is not None:
            parts.append(message("PLACE_ROW", row=self.row))
        return ("，" if zh else ", ").join(p.zh if zh else p.en for p in parts)
