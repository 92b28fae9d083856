"""manifest.jsonl: one record per input file, and the journal that makes runs resumable.

During a run each record is appended (and flushed) as soon as its document's part is
committed, so `tail -f` shows progress and a killed run leaves a usable journal. A run
killed mid-line leaves a partial last line: `load` drops every line that is not a whole
JSON object, and `begin` rewrites the file without it before anything is appended. At
the end of the run the file is rewritten with exactly one record per input file, in path
order (os.replace: never half-written).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from .names import MANIFEST_KEYS, OK

Record = dict[str, Any]


def _dump(record: Record) -> str:
    return json.dumps({k: record.get(k) for k in MANIFEST_KEYS}, ensure_ascii=False)


def _write_atomic(path: Path, records: Iterable[Record]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for record in records:
            f.write(_dump(record) + "\n")
    os.replace(tmp, path)


class Manifest:
    """The manifest of an output folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._out: TextIO | None = None

    def load(self) -> list[Record]:
        """The whole records already there (a partial or garbled line is dropped)."""
        records = []
        try:
            with open(self.path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    try:
                        record = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(record, dict) and record.get("path"):
                        records.append(record)
        except FileNotFoundError:
            pass
        return records

    def begin(self, kept: list[Record]) -> None:
        """Rewrite the journal as `kept` (whole lines only), then open it for appending."""
        _write_atomic(self.path, kept)
        self._out = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 (closed in finish)

    def append(self, record: Record) -> None:
        """Journal one record (flushed: a SIGKILL loses at most the line being written)."""
        assert self._out is not None, "begin() first"
        self._out.write(_dump(record) + "\n")
        self._out.flush()

    def finish(self, records: list[Record]) -> None:
        """Replace the journal by the final manifest: one record per file, by path."""
        self.close()
        _write_atomic(self.path, sorted(records, key=lambda r: r["path"]))

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None


def reusable(records: list[Record], config: str) -> dict[str, Record]:
    """sha256 → the last `ok` record made with rule configuration `config` (a later record
    of the same document, failed or made with other rules, cancels it)."""
    done: dict[str, Record] = {}
    for record in records:
        sha = record.get("sha256")
        if not sha:
            continue
        if record.get("status") == OK and record.get("config") == config:
            done[sha] = record
        elif not record.get("duplicate_of"):
            done.pop(sha, None)
    return done
