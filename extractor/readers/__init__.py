"""Readers: a report's file (PDF, Word, Excel, HTML, image or text) to the text hecha reads.

The format is told from the bytes, never from the name: ``%PDF``; a zip holding
``word/document.xml`` (DOCX) or ``xl/workbook.xml`` (XLSX); an OLE2 compound file
(``D0 CF 11 E0``) holding a ``Workbook`` stream (XLS); image signatures (PNG, JPEG, TIFF,
GIF, BMP, WebP); markup starting with ``<html``, ``<!DOCTYPE html`` or the like; anything
else is text and goes through `extractor.reading.decode`.

Every reader writes the same kind of text, the one the rest of the extractor was built on:
paragraphs one per line, tables as TSV rows (a row per line, cells separated by tabs, a
merged cell's text in its first cell and the cells it covers blank). PDF readings also say
which page each stretch of text came from and where each run of it was drawn.

Readers other than text run in a child process with a deadline and a memory ceiling
(sandbox.py); a file that cannot be read, or is refused, raises `models.DocumentError`
with a catalogued code (E_PDF_ENCRYPTED, E_PDF_EMPTY, E_ZIP_BOMB, E_MACRO,
E_READ_TIMEOUT, E_FORMAT, ...).
"""

from __future__ import annotations

import importlib
import io
import struct
import zipfile

from models import DocumentError

from ..reading import MAX_BYTES, decode
from .base import BoxSpan, Limits, PageSpan, Reading
from .sandbox import Budget, run_limited

__all__ = ["BoxSpan", "Limits", "PageSpan", "Reading", "detect", "read"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml")
_HTML_TAGS = (b"<html", b"<head", b"<body", b"<meta", b"<title", b"<table", b"<div", b"<p>", b"<p ")

#: format -> "module:function" of its reader (imported when first needed)
READERS = {
    "pdf": "pdf:read_pdf",
    "docx": "docx:read_docx",
    "xlsx": "xlsx:read_xlsx",
    "xls": "xls:read_xls",
    "html": "html:read_html",
    "image": "image:read_image",
}
#: how messages name the formats read
KIND_NAMES = {"pdf": "PDF", "docx": "DOCX", "xlsx": "XLSX", "xls": "XLS", "html": "HTML",
              "image": "image"}
#: formats recognised only to be refused, with the name users know them by
UNSUPPORTED = {
    "doc": "Word 97-2003 .doc",
    "ppt": "PowerPoint .ppt",
    "pptx": "PowerPoint .pptx",
    "ole": "OLE2",
    "zip": "zip",
    "rtf": "RTF",
    "gzip": "gzip",
    "7z": "7z",
    "rar": "RAR",
    "elf": "ELF executable",
    "sqlite": "SQLite database",
    "audio": "audio",
    "video": "video",
}
#: leading bytes of files that are not documents at all (archives, programs, media): told
#: apart so that a batch lists them as not ours to read, rather than as damaged text
_NOT_DOCUMENTS = (
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"),
    (b"\x7fELF", "elf"),
    (b"SQLite format 3\x00", "sqlite"),
    (b"OggS", "audio"),
    (b"ID3", "audio"),
)


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError, struct.error):
        # no readable central directory (a truncated download, a "version needed to
        # extract" zipfile does not implement): the local headers still name the parts,
        # and the reader will say the file is damaged
        head = data[:1 << 20]
        return "docx" if b"word/" in head else "xlsx" if b"xl/" in head else "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return "zip"


def _ole_kind(data: bytes) -> str:
    def has(stream: str) -> bool:
        return stream.encode("utf-16-le") in data

    if has("EncryptedPackage"):
        return "encrypted"
    if has("Workbook") or has("Book"):
        return "xls"
    if has("WordDocument"):
        return "doc"
    if has("PowerPoint Document"):
        return "ppt"
    return "ole"


def _is_bmp(head: bytes) -> bool:
    return (head[:2] == b"BM" and len(head) >= 26 and head[6:10] == b"\x00\x00\x00\x00"
            and int.from_bytes(head[14:18], "little") in (12, 40, 52, 56, 64, 108, 124))


def _looks_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(_HTML_STARTS[:2]):
        return True
    if not start.startswith(b"<"):
        return False
    window = start[:4096]
    if start.startswith(b"<?xml"):
        return b"<html" in window
    return any(tag in window for tag in _HTML_TAGS)


def detect(data: bytes) -> str:
    """The format of `data` from its first bytes: "pdf", "docx", "xlsx", "xls", "html",
    "image", "text", or one of UNSUPPORTED (and "encrypted" for an encrypted Office file)."""
    head = data[:4096]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if head.startswith(_OLE):
        return _ole_kind(data)
    if head.startswith(_IMAGES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP") or _is_bmp(head):
        return "image"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    for signature, kind in _NOT_DOCUMENTS:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] in (b"WAVE", b"AVI "):
        return "audio" if head[8:12] == b"WAVE" else "video"
    if head[4:8] == b"ftyp":
        return "video"
    if _looks_html(head):
        return "html"
    return "text"


def read(data: bytes, name: str, *, max_bytes: int = MAX_BYTES, limits: Limits | None = None) -> Reading:
    """The text of the file `data` (named `name` in messages), with its layout.

    Raises:
        DocumentError: empty, too large, unsupported, damaged, encrypted, macro-enabled,
            a zip bomb, or past the time or memory limit.
    """
    if not data:
        raise DocumentError("E_EMPTY", name=name)
    if len(data) > max_bytes:
        raise DocumentError("E_TOO_LARGE", name=name, size=len(data), limit=max_bytes)
    kind = detect(data)
    if kind == "text":
        text, encoding = decode(data, name, max_bytes=max_bytes)
        return Reading(text, "text", encoding)
    if kind == "encrypted":
        raise DocumentError("E_ENCRYPTED", name=name, kind="Office")
    if kind in UNSUPPORTED:
        raise DocumentError("E_FORMAT", name=name, kind=UNSUPPORTED[kind])
    limits = limits or Limits()
    module_name, function = READERS[kind].split(":")
    reader = getattr(importlib.import_module(f"{__name__}.{module_name}"), function)
    reading: Reading = run_limited(reader, data, name, limits, name=name, kind=KIND_NAMES[kind],
                                   seconds=limits.seconds, memory_mb=limits.memory_mb,
                                   fork=limits.sandbox)
    if not reading.text.strip():
        raise DocumentError("E_NO_TEXT", name=name, kind=KIND_NAMES[kind])
    return reading


def read_in_process(data: bytes, name: str, limits: Limits | None = None) -> Reading:
    """`read` without the child process (for profiling and debugging a reader)."""
    limits = limits or Limits()
    kind = detect(data)
    module_name, function = READERS[kind].split(":")
    reader = getattr(importlib.import_module(f"{__name__}.{module_name}"), function)
    return reader(data, name, limits, Budget(limits.seconds))  # type: ignore[no-any-return]
