"""The work done per document, wherever it runs: a local process or a Dask worker.

`annotate_document(path, source, config)` reads, extracts and checks one document and
returns a small, picklable `DocumentResult`. The heavy result (the Report and what the
review formats need) goes into a part (see parts.py): written by the worker itself when
it shares the output folder (`parts_dir`, the local process pool), or returned as bytes
for the client to write (Dask workers on other machines, which see neither the input
paths nor the output folder, get the file's bytes as `source`).

Nothing here raises for a bad document: unreadable input, input that is not a report and
even a bug in hecha become a failed or skipped result with a catalogued message, and the
run goes on.
"""

from __future__ import annotations

import hashlib
import os
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

import rules
import rules.catalog  # registers every rule: a config unpickled here names them
from extractor.reading import MAX_BYTES
from models import DocumentError, Message, Report, message
from service.core import check_report, out_of_memory, read_bytes, unreadable

from . import parts
from .names import FAILED, OK, SKIPPED

_REPORT = TypeAdapter(Report)


@dataclass
class DocumentResult:
    """What the client needs to record a document; `part` only when it must write it."""

    path: str
    sha256: str | None
    status: str
    error_code: str | None = None
    error_zh: str | None = None
    error_en: str | None = None
    size: int | None = None
    findings: int = 0
    timings: dict[str, Any] = field(default_factory=dict)
    part: bytes | None = None


def _problem(path: str, sha256: str | None, size: int | None, status: str, code: str,
             msg: Message, timings: dict[str, Any]) -> DocumentResult:
    return DocumentResult(path, sha256, status, code, msg.zh, msg.en, size, timings=timings)


def finding_rows(report: Report) -> list[dict[str, Any]]:
    """The per-finding columns a part stores (the per-document ones are added when the
    outputs are assembled): the first evidence span stands for the finding."""
    rows = []
    for f in report.findings:
        span = f.evidence[0].span if f.evidence else None
        rows.append({
            "finding_id": f.id,
            "rule": f.rule,
            "severity": f.severity.value,
            "kind": f.kind,
            "message_zh": f.message_zh,
            "message_en": f.message_en,
            "quote": span.text if span else None,
            "start": span.start if span else None,
            "end": span.end if span else None,
            "evidence_count": len(f.evidence),
        })
    return rows


def render_part(report: Report) -> bytes:
    """A document's part: header (text, unit, year, finding rows) and Report JSON."""
    doc = report.document
    header = {
        "sha256": doc.id,
        "name": doc.name,
        "unit": doc.meta.unit_name,
        "year": doc.meta.fiscal_year,
        "text": doc.original,
        "findings": finding_rows(report),
    }
    return parts.encode(header, _REPORT.dump_json(report))  # bytes: no str round trip


def annotate_document(path: str, source: bytes | str, config: rules.RulesProfile,
                      parts_dir: str | None = None) -> DocumentResult:
    """Read (`source`: the bytes, or a path to read them from), extract, check, and store
    or return the part of one document.

    Args:
        path (str): the name the document is reported under (its path on the client).
        source (bytes | str): the file's bytes, or the path this process reads them from.
        config (RulesProfile): the rule parameters.
        parts_dir (str | None): where to commit the part; None returns it in `part`.

    RETURNS (DocumentResult): status ok, failed or skipped, with timings.
    """
    timings: dict[str, Any] = {"worker": f"{socket.gethostname()}:{os.getpid()}"}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = round(now - clock, 4)
        clock = now

    try:
        data = source if isinstance(source, bytes) else read_bytes(source, MAX_BYTES)
    except DocumentError as exc:
        return _problem(path, None, None, FAILED, exc.code, exc.msg, timings)
    except OSError as exc:
        return _problem(path, None, None, FAILED, "E_UNREADABLE", unreadable(path, exc), timings)
    sha256 = hashlib.sha256(data).hexdigest()
    lap("read")
    try:
        report = check_report(data, path, config)
        lap("check")
        part = render_part(report)
        if parts_dir is not None:
            parts.commit(Path(parts_dir), sha256, part)
            part_out = None
        else:
            part_out = part
        lap("write")
    except DocumentError as exc:
        # the extractor's own verdict, as `hecha check` and the API give it: a format it
        # recognises and does not read (an archive, a .doc) is skipped, anything else failed
        status = SKIPPED if exc.code == "E_FORMAT" else FAILED
        return _problem(path, sha256, len(data), status, exc.code, exc.msg, timings)
    except Exception as exc:
        if out_of_memory(exc):  # past the ceiling of its checking process (service/pool.py)
            report = part = None  # type: ignore[assignment]
            msg = message("E_CHECK_MEMORY", name=path)
            return _problem(path, sha256, len(data), FAILED, "E_CHECK_MEMORY", msg, timings)
        # a bug in hecha, not bad input: record it and go on
        msg = message("E_INTERNAL", name=path, detail=f"{type(exc).__name__}: {exc}")
        return _problem(path, sha256, len(data), FAILED, "E_INTERNAL", msg, timings)
    timings["total"] = round(sum(v for k, v in timings.items() if isinstance(v, float)), 4)
    return DocumentResult(path, sha256, OK, size=len(data), findings=len(report.findings),
                          timings=timings, part=part_out)


def probe() -> str:
    """Run on each Dask worker before a cluster run: proves hecha imports there."""
    from importlib.metadata import version

    return version("hecha")
