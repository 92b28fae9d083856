"""doccano: sequence-labeling JSONL, `{"text", "label": [[start, end, rule id]], …}`.

Offsets are code points (doccano stores and counts Python string offsets). Findings
whose first evidence span is empty or missing have no label. The keys beside `text` and
`label` (document id, path, unit, year) are kept by doccano as metadata.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from . import DocumentView
from .stream import StreamFile


def line(doc: DocumentView) -> dict[str, Any]:
    """The doccano record of one document."""
    labels = [[f["start"], f["end"], f["rule"]] for f in doc.findings
              if f["start"] is not None and f["end"] > f["start"]]
    return {"text": doc.text, "label": labels, "document_id": doc.sha256, "path": doc.path,
            "unit": doc.unit, "year": doc.year}


class DoccanoWriter:
    def __init__(self, path: Path) -> None:
        self.out = StreamFile(path)

    def add(self, doc: DocumentView) -> None:
        self.out.write(orjson.dumps(line(doc), option=orjson.OPT_APPEND_NEWLINE))

    def commit(self) -> None:
        self.out.commit()

    def abort(self) -> None:
        self.out.abort()
