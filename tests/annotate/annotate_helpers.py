"""Helpers of the bulk-annotation tests: running a run, reading its outputs back.

`snapshot(out)` reads every output of a run into plain data, timings left out, so two runs
can be compared with ==.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from service.annotate import annotate, names

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # corpora.generate
    sys.path.insert(0, str(ROOT))

from corpora.generate import SEEDS  # noqa: E402

SEED_PATHS = sorted(SEEDS.glob("*.txt"))
SMALL_SEED = min(SEED_PATHS, key=lambda p: p.stat().st_size)


def run(paths: list[Path | str], out: Path, **options: Any) -> tuple[Any, str]:
    """Annotate in this process; returns the Outcome and what went to stderr."""
    err = io.StringIO()
    outcome = annotate([str(p) for p in paths], out, err=err, tty=False, **options)
    return outcome, err.getvalue()


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def snapshot(out: Path) -> dict[str, Any]:
    """Every output of `out` as data; manifest timings dropped (they always differ)."""
    manifest = read_jsonl(out / names.MANIFEST)
    for record in manifest:
        assert set(record) == set(names.MANIFEST_KEYS)
        record.pop("timings")
    brat = {p.name: p.read_text("utf-8") for p in sorted((out / names.BRAT).iterdir())}
    return {
        "documents": (out / names.DOCUMENTS).read_text("utf-8"),
        "csv": (out / names.FINDINGS_CSV).read_text("utf-8-sig"),
        "parquet": pq.read_table(out / names.FINDINGS_PARQUET).to_pylist(),
        "manifest": manifest,
        "labelstudio": (out / names.LABELSTUDIO).read_text("utf-8"),
        "doccano": (out / names.DOCCANO).read_text("utf-8"),
        "brat": brat,
        "summary": (out / names.SUMMARY).read_text("utf-8"),
    }


def dies_on_poison(path: str, source: Any, config: Any, parts_dir: str | None = None) -> Any:
    """annotate_document, except that a file named poison.txt kills its worker process
    (as the kernel's OOM killer would)."""
    import os

    from service.annotate.worker import annotate_document

    if Path(path).name == "poison.txt":
        os._exit(9)
    return annotate_document(path, source, config, parts_dir)


def reports_heap(path: str, source: Any, config: Any, parts_dir: str | None = None) -> Any:
    """A work function that checks nothing and reports its process's collector settings."""
    import gc

    from service.annotate.worker import DocumentResult

    timings = {"young_threshold": gc.get_threshold()[0], "frozen": gc.get_freeze_count()}
    return DocumentResult(path, None, "ok", timings=timings)


def stalls_on_poison(path: str, source: Any, config: Any, parts_dir: str | None = None) -> Any:
    """annotate_document, except that a file named poison.txt never finishes (as a
    document caught in a loop would)."""
    import time

    from service.annotate.worker import annotate_document

    if Path(path).name == "poison.txt":
        time.sleep(3600)
    return annotate_document(path, source, config, parts_dir)
