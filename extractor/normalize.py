"""Normalization of report text, keeping a map back to every original offset.

What changes: traditional characters become simplified (決算→决算, 萬元→万元: OpenCC,
character for character, so offsets stay one to one), full-width digits, letters and
signs become ASCII (０→0, ％→%, ：→:, （→( ),
ideographic spaces and NBSP become spaces, CRLF becomes LF, and a run of spaces between
two non-space characters is dropped unless it separates two numbers or two Latin words
("15.6 %" → "15.6%", "2020 年" → "2020年", "圆 满 完 成" → "圆满完成"; PDF text extraction
puts such spaces everywhere, Chinese never does). Tabs and newlines are kept: they are
the table layout; so a table row an HTML-to-text converter wrote with pipes
(`| 公务接待费 | 3.00 | 2.18 |`) has its inner pipes read as tabs and its outer ones as
spaces, one character for one; a line of pipes alone, or a Markdown rule under a header
(`|---|---:|`), is blank, and the bold marks of a Markdown cell (`**776.94**`) are spaces;
a table aligned with spaces has its gaps made tabs the same way (extractor.aligned).
"""

from __future__ import annotations

from functools import cache

import opencc
import regex

from models import OffsetMap

from . import aligned

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TABLE: dict[int, int | str] = {
    **_FULLWIDTH,
    0x3000: " ",  # ideographic space
    0x00A0: " ",  # NBSP
    0x2002: " ",
    0x2003: " ",
    0x2009: " ",
    0x200B: " ",  # zero-width space: kept as one char so offsets stay 1:1
}
# Keep Chinese sentence punctuation as it is: ，。；、 carry meaning the checks rely on,
# and the full-width comma/semicolon differ from ASCII ones only in width.
for keep in "，；":
    _TABLE.pop(ord(keep), None)

# CR of a CRLF pair is dropped (lines are LF-separated); a run of spaces between two
# printing characters is dropped unless it separates two numbers or two Latin words.
_DROP = regex.compile(r"\r(?=\n)|(?<=[^\s])[ ]+(?=[^\s])")
_NUMERIC = regex.compile(r"[\d.]")
#: a line that starts and ends with a pipe: a table row written with pipes
_PIPE_ROW = regex.compile(r"^[ \t]*\|[^\n]*\|[ \t]*$", regex.MULTILINE)
_PIPE_CELLS = str.maketrans({"|": "\t"})
#: a Markdown table's rule between its header and body: pipes, dashes and alignment colons
_RULE_ROW = regex.compile(r"[|\s]*:?-{3,}:?[|\s:-]*")
#: a cell's content in Markdown bold
_BOLD = regex.compile(r"\*\*([^*|\n]+)\*\*")


def _pipe_row(row: str) -> str:
    """One pipe row with tabs between its cells (same length)."""
    first, last = row.index("|"), row.rindex("|")
    if not row.replace("|", "").strip() or _RULE_ROW.fullmatch(row):
        return " " * len(row)
    if "**" in row:
        row = _BOLD.sub(lambda m: f"  {m.group(1)}  ", row)
    return f"{row[:first]} {row[first + 1:last].translate(_PIPE_CELLS)} {row[last + 1:]}"


def translate(text: str) -> str:
    """The one-to-one part of normalization (also applied to lexicon entries)."""
    return simplified(text).translate(_TABLE)


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """`text` in simplified characters, of the same length: a line whose conversion would
    change its length (a phrase written differently) is left as it is."""
    converted = _t2s().convert(text)
    if converted == text or len(converted) == len(text):
        return converted
    lines = text.split("\n")
    out = []
    for line in lines:
        new = _t2s().convert(line)
        out.append(new if len(new) == len(line) else line)
    return "\n".join(out)


def normalize(original: str) -> tuple[str, OffsetMap]:
    """Return the normalized text and the map from its offsets to `original`'s."""
    mapped = translate(original)
    if "|" in mapped:
        mapped = _PIPE_ROW.sub(lambda m: _pipe_row(m.group(0)), mapped)
    mapped = aligned.tabulate(mapped, original)
    pieces: list[str] = []
    anchors: list[tuple[int, int]] = [(0, 0)]
    kept_until = 0
    dropped = 0
    for match in _DROP.finditer(mapped):
        start, end = match.span()
        if mapped[start] == " ":
            before, after = mapped[start - 1], mapped[end]
            if _NUMERIC.match(before) and _NUMERIC.match(after):
                continue  # "1.00 0.00": two numbers
            if before.isascii() and before.isalpha() and after.isascii() and after.isalpha():
                continue  # "OA 办公" keeps Latin words apart
        pieces.append(mapped[kept_until:start])
        dropped += end - start
        kept_until = end
        anchors.append((end - dropped, end))
    pieces.append(mapped[kept_until:])
    return "".join(pieces), OffsetMap(anchors=anchors)


def unwrap(text: str, start: int, stop: int) -> tuple[str, list[int]]:
    """`text[start:stop]` without its line breaks, and where in `text` each character kept
    stands: a sentence a PDF wrapped (一般公共预\\n算, 上年\\n决算数) reads as one line, and
    what is found in it maps back to the original offsets."""
    where = [i for i in range(start, stop) if text[i] != "\n"]
    return "".join(text[i] for i in where), where
