"""XLSX: each visible sheet's used range as a table (openpyxl, read-only, cached values).

Read-only mode streams the sheet XML instead of building every cell, and its dimensions
are reset so rows are not padded to a claimed ``A1:XFD1048576``. A sheet ends after
`Limits.empty_rows` empty rows in a row: formatting applied to a million rows below the
data costs a thousand, not a million. Values are the ones Excel saved (``data_only``):
hecha checks what the report printed, not what its formulas would compute now. Numbers
are written as their number format shows them (cells.py).
"""

from __future__ import annotations

import io
import zipfile

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from models import DocumentError

from .base import Limits, PageSpan, Reading
from .cells import cell_text, sheet_lines
from .sandbox import Budget
from .zipguard import check_package


def read_rows(sheet: object, name: str, limits: Limits, cells_so_far: int) -> tuple[list[list[str]], int]:
    """A sheet's rows as text cells, up to the last row with data; and the cell count."""
    rows: list[list[str]] = []
    empty = 0
    count = cells_so_far
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        texts: list[str] = []
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None:
                texts.append("")
                continue
            column = getattr(cell, "column", None)
            if column is not None and column - 1 > len(texts):
                texts.extend([""] * (column - 1 - len(texts)))
            texts.append(cell_text(value, getattr(cell, "number_format", None)))
        count += len(row)
        if count > limits.max_cells:
            raise DocumentError("E_TOO_MANY_CELLS", name=name, limit=limits.max_cells)
        while texts and not texts[-1]:
            texts.pop()
        if not texts:
            empty += 1
            if empty > limits.empty_rows:
                break
            rows.append([])
            continue
        empty = 0
        rows.append(texts)
    while rows and not rows[-1]:
        rows.pop()
    return rows, count


def read_xlsx(data: bytes, name: str, limits: Limits, budget: Budget) -> Reading:
    """Read an XLSX: a page per visible sheet, its cells as TSV rows."""
    check_package(data, name, limits, "XLSX")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True,
                                      keep_links=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError,
            SyntaxError) as exc:
        raise DocumentError("E_CORRUPT", name=name, kind="XLSX", detail=str(exc)[:200]) from None
    lines: list[str] = []
    pages: list[PageSpan] = []
    notes: list[str] = []
    count = 0
    pos = 0
    try:
        for number, sheet in enumerate(book.worksheets, start=1):
            if sheet.sheet_state != "visible":
                notes.append(f"hidden sheet left out: {sheet.title}")
                continue
            sheet.reset_dimensions()
            rows, count = read_rows(sheet, name, limits, count)
            text = "\n".join(sheet_lines(rows))
            if not text:
                continue
            if lines:
                lines.append("\n\n")
                pos += 2
            pages.append(PageSpan(number, pos, pos + len(text) + 1, sheet.title))
            lines.append(text + "\n")
            pos += len(text) + 1
    finally:
        book.close()
    return Reading("".join(lines), "xlsx", "utf-8", pages, notes=notes)
