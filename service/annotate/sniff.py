"""Recognising files that are not reports at all (PDF, Office, images, archives).

`hecha annotate` decides what it supports by trying to extract each file: whatever the
extractor reads is a report, so a format the extractor learns later is picked up without
a change here. Only a file the extractor refuses is looked at: one that starts with the
signature of a known non-text format is listed as *skipped* (not ours to read), anything
else as *failed* (a report we should have been able to read: empty, corrupt, binary
garbage in a .txt).
"""

from __future__ import annotations

#: Leading bytes of formats hecha does not read, and the name the manifest gives them.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP/DOCX/XLSX"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "DOC/XLS (OLE)"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\x7fELF", "ELF"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"OggS", "Ogg"),
    (b"ID3", "MP3"),
)


def known_format(data: bytes) -> str | None:
    """The name of the non-text format `data` starts with, or None."""
    for signature, name in SIGNATURES:
        if data.startswith(signature):
            return name
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return data[8:12].decode().strip()
    if data[4:8] == b"ftyp":
        return "MP4/HEIC"
    return None
