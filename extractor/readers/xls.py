"""XLS (Excel 97-2003, the format many 公开01–09表 still come in): xlrd.

As for XLSX (xlsx.py): visible sheets, each cell as its number format prints it, a sheet
ending after `Limits.empty_rows` empty rows. xlrd reads the number formats only with
``formatting_info``; merged cells need nothing, their covered cells being blank already.
A workbook with a VBA project (``_VBA_PROJECT_CUR``) is refused like a .xlsm.
"""

from __future__ import annotations

import struct

import xlrd

from models import DocumentError

from .base import Limits, PageSpan, Reading
from .cells import cell_text, sheet_lines
from .sandbox import Budget


def _value(book: xlrd.book.Book, sheet: xlrd.sheet.Sheet, r: int, c: int) -> str:
    kind = sheet.cell_type(r, c)
    value = sheet.cell_value(r, c)
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_NUMBER:
        xf = book.xf_list[sheet.cell_xf_index(r, c)] if book.xf_list else None
        fmt = book.format_map[xf.format_key].format_str if xf and xf.format_key in book.format_map else None
        return cell_text(value, fmt)
    if kind == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate.xldate_as_datetime(value, book.datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell_text(value)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(value))
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERR")
    return cell_text(value)


def read_xls(data: bytes, name: str, limits: Limits, budget: Budget) -> Reading:
    """Read an XLS: a page per visible sheet, its cells as TSV rows."""
    if "_VBA_PROJECT_CUR".encode("utf-16-le") in data:
        raise DocumentError("E_MACRO", name=name, kind="XLS", part="_VBA_PROJECT_CUR")
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise DocumentError("E_ENCRYPTED", name=name, kind="XLS") from None
        raise DocumentError("E_CORRUPT", name=name, kind="XLS", detail=str(exc)[:200]) from None
    except (AssertionError, IndexError, KeyError, ValueError, struct.error) as exc:
        raise DocumentError("E_CORRUPT", name=name, kind="XLS", detail=str(exc)[:200]) from None
    lines: list[str] = []
    pages: list[PageSpan] = []
    notes: list[str] = []
    pos = count = 0
    try:
        for number in range(book.nsheets):
            sheet = book.sheet_by_index(number)
            if sheet.visibility != 0:
                notes.append(f"hidden sheet left out: {sheet.name}")
                continue
            count += sheet.nrows * sheet.ncols
            if count > limits.max_cells:
                raise DocumentError("E_TOO_MANY_CELLS", name=name, limit=limits.max_cells)
            rows: list[list[str]] = []
            empty = 0
            for r in range(sheet.nrows):
                texts = [_value(book, sheet, r, c) for c in range(sheet.row_len(r))]
                while texts and not texts[-1]:
                    texts.pop()
                empty = 0 if texts else empty + 1
                if empty > limits.empty_rows:
                    break
                rows.append(texts)
            text = "\n".join(sheet_lines(rows))
            if not text:
                continue
            if lines:
                lines.append("\n\n")
                pos += 2
            pages.append(PageSpan(number + 1, pos, pos + len(text) + 1, sheet.name))
            lines.append(text + "\n")
            pos += len(text) + 1
    finally:
        book.release_resources()
    return Reading("".join(lines), "xls", book.encoding or "unknown", pages, notes=notes)

