"""What every reader returns, and the limits every reader works within."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple


class PageSpan(NamedTuple):
    """A page (or sheet) and the range of the reading's text it produced."""

    number: int
    start: int
    end: int
    label: str | None = None  # printed page number, or sheet name
    width: float | None = None
    height: float | None = None
    ocr: bool = False


class BoxSpan(NamedTuple):
    """Text `start`..`end` drawn in this rectangle of `page` (points, top-left origin)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    start: int
    end: int


@dataclass
class Reading:
    """A file's text as the extractor reads it: paragraphs one per line, tables as TSV rows.

    `notes` says what was left out on purpose (hidden sheets, text boxes moved to the end)
    so a user can be told.
    """

    text: str
    format: str
    encoding: str
    pages: list[PageSpan] = field(default_factory=list)
    boxes: list[BoxSpan] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Limits:
    """How much one file may cost before it is refused (DocumentError, never a hang).

    Readers run in a child process (see sandbox.py) killed at `seconds` (plus
    `ocr_page_seconds` per page that needs OCR, at most `ocr_seconds` in all: past that
    the document is refused, E_OCR_BUDGET) or when it allocates `memory_mb` more than it
    started with. Zip containers (DOCX, XLSX) are refused before anything is unpacked
    when their members add up to more than `max_unzipped` bytes, or one member of more
    than a MiB unpacks to more than `max_ratio` times its packed size.
    """

    seconds: float = 60.0
    ocr_page_seconds: float = 120.0
    ocr_seconds: float = 600.0  # a document's OCR in all
    memory_mb: int = 2048
    max_unzipped: int = 512 * 1024 * 1024
    max_ratio: int = 100
    max_members: int = 10_000
    max_pages: int = 5_000
    max_cells: int = 5_000_000
    empty_rows: int = 1_000  # a sheet ends after this many empty rows in a row
    ocr: bool = True
    ocr_dpi: int = 170
    sandbox: bool = True
    #: called with (pages read, pages in all) before each page of OCR and once at its end,
    #: in the reader's process: a command line shows a page counter with it
    progress: Callable[[int, int], None] | None = None
