"""findings.csv and findings.parquet: one row per finding (columns: names.FINDING_COLUMNS).

The CSV is UTF-8 with a byte-order mark, which Excel needs to show Chinese and every CSV
reader skips. The Parquet file is written in row groups as documents arrive, so a run
over 10,000 documents never holds all rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..names import FINDING_COLUMNS
from . import AtomicFile, DocumentView

#: The Parquet schema; nullable where a finding has no evidence or a report no year.
SCHEMA = pa.schema([
    ("document_id", pa.string()),
    ("finding_id", pa.string()),
    ("path", pa.string()),
    ("unit", pa.string()),
    ("year", pa.int32()),
    ("rule", pa.string()),
    ("severity", pa.string()),
    ("kind", pa.string()),
    ("message_zh", pa.string()),
    ("message_en", pa.string()),
    ("quote", pa.string()),
    ("start", pa.int64()),
    ("end", pa.int64()),
    ("evidence_count", pa.int32()),
    ("review_status", pa.string()),
    ("review_note", pa.string()),
])
assert tuple(SCHEMA.names) == FINDING_COLUMNS

#: Rows buffered before a Parquet row group is written.
ROW_GROUP = 10_000


def rows(doc: DocumentView) -> Iterator[dict[str, Any]]:
    """The finding rows of `doc`, with the per-document columns filled in."""
    for finding in doc.findings:
        yield {"document_id": doc.sha256, "path": doc.path, "unit": doc.unit, "year": doc.year,
               **finding}


class CsvWriter:
    def __init__(self, path: Path) -> None:
        self.out = AtomicFile(path, encoding="utf-8-sig", newline="")
        self.csv = csv.DictWriter(self.out.file, fieldnames=FINDING_COLUMNS, lineterminator="\n")
        self.csv.writeheader()

    def add(self, doc: DocumentView) -> None:
        self.csv.writerows(rows(doc))

    def commit(self) -> None:
        self.out.commit()

    def abort(self) -> None:
        self.out.abort()


class ParquetWriter:
    def __init__(self, path: Path) -> None:
        self.out = AtomicFile(path, "wb")
        self.writer = pq.ParquetWriter(self.out.file, SCHEMA)
        self.buffer: list[dict[str, Any]] = []

    def add(self, doc: DocumentView) -> None:
        self.buffer.extend(rows(doc))
        if len(self.buffer) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            self.writer.write_table(pa.Table.from_pylist(self.buffer, schema=SCHEMA))
            self.buffer = []

    def commit(self) -> None:
        self._flush()
        self.writer.close()
        self.out.commit()

    def abort(self) -> None:
        self.writer.close()
        self.out.abort()
