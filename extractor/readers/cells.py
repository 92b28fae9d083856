"""Spreadsheet cells as the text a reader of the sheet sees, and sheets as TSV.

Excel stores 1835.05 as the double nearest to it and shows it through the cell's number
format ("0.00", "#,##0.00", "0.0%"). hecha needs the figure as printed, so a number is
taken as the shortest decimal that reads back as that double (Python's repr: 1835.05, not
1835.0499999999999545…), scaled for a percent format, and rounded half away from zero to
the decimals the format shows, all in Decimal: no float arithmetic touches it. The
thousands separator, colours, padding and literal text of a format are not written: the
table reader wants bare figures, and the unit is in the caption.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import regex

_QUOTED = regex.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_GENERAL_DIGITS = 10  # Excel's General format shows at most this many significant digits here


def _section(fmt: str) -> str:
    """The first section of a number format (the one for positive numbers), literals out."""
    return _QUOTED.sub("", fmt.split(";")[0])


def format_number(value: float | int | Decimal, fmt: str | None) -> str:
    """`value` as the number format `fmt` prints it, without grouping or literal text."""
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        number = Decimal(repr(value))
    else:
        number = Decimal(value)
    section = _section(fmt or "General")
    lowered = section.lower()
    if not section or "general" in lowered or "@" in section or "e+" in lowered or "?/" in section:
        return _general(number)
    percent = "%" in section
    if percent:
        number *= 100
    point = section.find(".")
    decimals = 0
    if point >= 0:
        for ch in section[point + 1:]:
            if ch in "0#?":
                decimals += 1
            elif ch not in ",":
                break
    try:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return _general(number)
    if number.is_zero():
        number = number.copy_abs()  # -0.00 prints as 0.00
    return f"{number:f}" + ("%" if percent else "")


def _general(number: Decimal) -> str:
    if number == number.to_integral_value() and abs(number) < Decimal("1e15"):
        return str(int(number))
    rounded = round(number, max(_GENERAL_DIGITS - number.adjusted() - 1, 0))
    text = f"{rounded.normalize():f}"
    return text


def cell_text(value: object, fmt: str | None = None) -> str:
    """Any cell value as one line of text (no tabs or newlines: they are the layout)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, Decimal)):
        return format_number(value, fmt)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return " ".join(str(value).split())


def sheet_lines(rows: list[list[str]]) -> list[str]:
    """A sheet's rows as text: caption rows (a single cell, above the table) and notes
    (a single cell, below it) as lines, the rest as TSV rows over the used columns."""
    filled = [[bool(c) for c in row] for row in rows]
    used = [k for row in filled for k, f in enumerate(row) if f]
    if not used:
        return []
    first_col, last_col = min(used), max(used)
    multi = [i for i, row in enumerate(filled) if sum(row) >= 2]
    top = multi[0] if multi else len(rows)
    bottom = multi[-1] if multi else -1
    lines: list[str] = []
    width = last_col + 1 - first_col
    for i, row in enumerate(rows):
        cells = row[first_col:last_col + 1]
        if top <= i <= bottom:
            if i == top and lines:
                lines.append("")
            lines.append("\t".join(cells + [""] * (width - len(cells))))
            continue
        if i == bottom + 1:
            lines.append("")
        text = " ".join(c for c in cells if c)
        if text:
            lines.append(text)
    return lines
