"""The output formats of `hecha annotate`: one writer per module, fed document by document.

Every writer takes `DocumentView`s in path order (`add`) and makes its file appear only
when the run is complete (`commit`: written under a temporary name, then os.replace), so
an output file is always whole, and from one run. Offsets are code points into the
original text except where a tool counts otherwise (Label Studio: UTF-16 code units).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol


@dataclass(frozen=True)
class DocumentView:
    """What the writers need of one document: its identity, text and finding rows.

    `path` is where the file is now; `name` the path its Report was made under (they
    differ when a run reuses the result of the same bytes found under another path).
    """

    path: str
    name: str
    sha256: str
    unit: str | None
    year: int | None
    text: str
    findings: list[dict[str, Any]]
    report_json: bytes | memoryview


class Writer(Protocol):
    def add(self, doc: DocumentView) -> None: ...

    def commit(self) -> None: ...

    def abort(self) -> None: ...


class AtomicFile:
    """A file written as `.<name>.tmp` and moved onto `path` by `commit`."""

    def __init__(self, path: Path, mode: str = "w", **kwargs: Any) -> None:
        self.path = path
        self.tmp = path.with_name(f".{path.name}.tmp")
        self.file: IO[Any] = open(self.tmp, mode, **kwargs)  # noqa: SIM115 (closed in commit/abort)

    def commit(self) -> None:
        self.file.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.file.close()
        self.tmp.unlink(missing_ok=True)


def single_line(text: str) -> str:
    """`text` on one line (brat notes and similar one-line fields)."""
    return " ".join(text.split())
