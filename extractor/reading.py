"""Bytes to text: encoding detection that does not guess wrong on Chinese government files.

Reports arrive as UTF-8, UTF-8 with a BOM, or GB18030/GBK (the default of Chinese Windows
tools). UTF-8 is tried strictly first: a GBK file almost never decodes as UTF-8, while
GB18030 decodes nearly anything, so the order matters. Binary input is refused before
decoding, because GB18030 would happily turn it into nonsense Chinese.
"""

from __future__ import annotations

import codecs

from models import DocumentError

#: Default upper bound on input size; larger files get a clear error, not an OOM.
MAX_BYTES = 64 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many C0 control characters: not a text report."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
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
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DocumentError("E_DECODE", name=name) from exc
    if _looks_binary(data):
        raise DocumentError("E_BINARY", name=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8"), "utf-8 (truncated)"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise DocumentError("E_DECODE", name=name) from exc
