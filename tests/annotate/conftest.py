"""Fixtures of the bulk-annotation tests: generated reports and one run over the seeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from annotate_helpers import SEED_PATHS, SMALL_SEED, run

from corpora.generate import generate


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """60 small generated reports (variants of the smallest seed), a third inconsistent."""
    folder = tmp_path_factory.mktemp("generated")
    return generate(folder, 60, seed=7, seeds=[SMALL_SEED])


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any, str, list[Path]]:
    """The seeds plus a file of each kind of trouble, annotated once: (out, outcome,
    stderr, the PATH arguments)."""
    folder = tmp_path_factory.mktemp("inputs")
    for path in SEED_PATHS:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "corrupt.txt").write_bytes(b"\x00\x01\x02\x03garbage\x00" * 200)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" + b"\x00" * 64)
    (folder / "backup.7z").write_bytes(b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 64)
    (folder / "copy").mkdir()
    (folder / "copy" / "same.txt").write_bytes(SMALL_SEED.read_bytes())
    (folder / ".hidden.txt").write_bytes(SMALL_SEED.read_bytes())
    out = tmp_path_factory.mktemp("out") / "run"
    args = [folder, folder / "missing.txt"]
    outcome, err = run(args, out, jobs=2)
    return out, outcome, err, args


@pytest.fixture(scope="session")
def cluster() -> Any:
    """A Dask cluster of two worker processes (daemonic, as Dask starts them)."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster:
        yield cluster
