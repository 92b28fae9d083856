"""Two identical runs write identical bytes, summary.html included, whatever the hash seed
(ties used to follow set order, which the seed shuffles); only the manifest's timings
differ."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotate_helpers import SEED_PATHS

from service.annotate import names


def _annotate(paths: list[Path], out: Path, hash_seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    subprocess.run([sys.executable, "-m", "service.cli", "annotate", *map(str, paths), "--out", str(out),
                    "--jobs", "2"], env=env, check=True, capture_output=True)
    files = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
             if p.is_file() and names.PARTS not in p.relative_to(out).parts and p.name != names.LOCK}
    manifest = [json.loads(line) for line in files.pop(names.MANIFEST).splitlines()]
    for record in manifest:
        record.pop("timings")
    files[names.MANIFEST] = json.dumps(manifest, sort_keys=True).encode()
    return files


def test_two_identical_runs_write_the_same_bytes(generated: list[Path], tmp_path: Path) -> None:
    inputs = [*SEED_PATHS, *generated[:12]]
    first = _annotate(inputs, tmp_path / "a", "1")
    second = _annotate(inputs, tmp_path / "b", "2")
    assert names.SUMMARY in first and names.FINDINGS_PARQUET in first
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
