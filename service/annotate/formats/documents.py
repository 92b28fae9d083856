"""documents.jsonl: one Report per document, as `Report.model_dump_json()` wrote it."""

from __future__ import annotations

import json
from pathlib import Path

from . import DocumentView
from .stream import StreamFile


class DocumentsWriter:
    """Copies each part's Report line; only a document first checked under another path
    (same bytes, moved or renamed since) is parsed, to report it under its current path."""

    def __init__(self, path: Path) -> None:
        self.out = StreamFile(path)

    def add(self, doc: DocumentView) -> None:
        line = doc.report_json
        if doc.name != doc.path:
            report = json.loads(bytes(line))
            report["document"]["name"] = doc.path
            line = json.dumps(report, ensure_ascii=False, separators=(",", ":")).encode()
        self.out.write(line)  # two writes, not `line + b"\n"`: no copy of the line
        self.out.write(b"\n")

    def commit(self) -> None:
        self.out.commit()

    def abort(self) -> None:
        self.out.abort()
