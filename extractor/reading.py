"""Bytes to text: encoding detection that does not guess wrong on Chinese government files.

Reports arrive as UTF-8, UTF-8 with a BOM, GB18030/GBK (the default of Chinese Windows
tools), now and then Big5 (traditional-script reports) or UTF-16/32 (saved as "Unicode").
UTF-8 is tried strictly first: a GBK file almost never decodes as UTF-8, while GB18030
decodes nearly anything, so the order matters; between GB18030 and Big5, which both decode
most bytes, the one that reads as a report's words wins. UTF-16/32 are told by their BOM or
by where ASCII's zero bytes fall. Binary input, and text with a NUL anywhere, is refused,
because GB18030 would happily turn it into nonsense Chinese.
"""

from __future__ import annotations

import codecs

from models import DocumentError

#: Default upper bound on input size; larger files get a clear error, not an OOM.
MAX_BYTES = 64 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32's before UTF-16's: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: characters these reports are made of, in both scripts (预算 and 預算): a decoding that
#: yields few of them is mojibake (Big5 read as GB18030 decodes, into nonsense)
_COMMON = frozenset(
    "的年度万元支出收入预算决部门项目经费财政拨款合计本上比增加减少公共服务基金资产人员"
    "情况说明单位其中主要原因和为与占较工作绩效"
    "決預萬門項費撥款計與為較員務資產況說單運轉經")
_SAMPLE = 65536


def _wide(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, told by where its NUL bytes fall: the ASCII of a
    report (digits, newlines, tabs) leaves a zero in the same byte of every code unit."""
    sample = data[:_SAMPLE - _SAMPLE % 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    share = [sample[i::4].count(0) / len(sample[i::4]) for i in range(4)]
    if share[2] > 0.9 and share[3] > 0.9:
        return "utf-32-le"
    if share[0] > 0.9 and share[1] > 0.9:
        return "utf-32-be"
    # CJK code units have no zero byte but for a few (一 is 4E 00); ASCII has one each
    odd, even = (share[1] + share[3]) / 2, (share[0] + share[2]) / 2
    if odd >= 0.05 and odd >= 5 * even:
        return "utf-16-le"
    if even >= 0.05 and even >= 5 * odd:
        return "utf-16-be"
    return None


def _common_share(text: str) -> float:
    han = [c for c in text[:_SAMPLE] if "\u4e00" <= c <= "\u9fff"]
    return sum(c in _COMMON for c in han) / len(han) if han else 0.0


def _legacy(data: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5 (cp950), whichever reads as the words of a report: both decode
    most byte strings, so the better-reading one wins, GB18030 on a tie."""
    readings: list[tuple[str, str]] = []
    for encoding in ("gb18030", "cp950"):
        try:
            readings.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    if not readings:
        return None
    return max(readings, key=lambda r: _common_share(r[0]))


#: the C0 control characters a text file does not hold (tab, line feed, form feed, carriage
#: return and escape it may), deleted to count them in C rather than byte by byte
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many C0 control characters: not a text report."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls > max(8, len(sample) // 100)


def decode(data: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """Decode `data` and return `(text, encoding)`.

    A UTF-8 file cut in the middle of a character (a truncated download) still yields its
    text up to the cut, with the encoding reported as "utf-8 (truncated)".

    Raises:
        DocumentError: empty, too large, binary, or undecodable input.
    """
    if not data:
        raise DocumentError("E_EMPTY", name=name)
    if len(data) > max_bytes:
        raise DocumentError("E_TOO_LARGE", name=name, size=len(data), limit=max_bytes)
    text, encoding = _decoded(data, name)
    if "\x00" in text:  # a NUL anywhere, not only in the first 64 KiB: not a text report
        raise DocumentError("E_BINARY", name=name)
    return text, encoding


def _decoded(data: bytes, name: str) -> tuple[str, str]:
    marked = next((e for bom, e in _BOMS if data.startswith(bom)), None)
    if marked is not None:
        try:
            return data.decode(marked), marked
        except UnicodeDecodeError as exc:
            raise DocumentError("E_DECODE", name=name) from exc
    wide = _wide(data)
    if wide is not None:
        try:
            return data.decode(wide), wide
        except UnicodeDecodeError:
            pass  # zeros where UTF-16/32 has them, but not UTF-16/32: binary, told below
    if _looks_binary(data):
        raise DocumentError("E_BINARY", name=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8"), "utf-8 (truncated)"
    legacy = _legacy(data)
    if legacy is None:
        raise DocumentError("E_DECODE", name=name)
    return legacy
