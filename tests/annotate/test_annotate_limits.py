"""`hecha annotate` checks each document under the API's deadline and memory ceiling (the
CheckPool of service/pool.py): a document past either fails alone with a catalogued error,
and the documents after it are still done."""

from __future__ import annotations

import json
import os
from pathlib import Path

from annotate_helpers import SEED_PATHS, read_jsonl, run, stalls_on_poison

import rules
from service.annotate import names
from service.annotate.executors import run_dask, run_local
from service.cli import main

SEED = next(p for p in SEED_PATHS if p.name == "000_cc852cee10621712.txt")
#: The seed checks under this ceiling, sixty-four copies of it (over 100 MB) do not.
SMALL_CEILING_MB = 24


def _copies(folder: Path, names_: list[str]) -> list[Path]:
    folder.mkdir()
    paths = []
    for i, name in enumerate(names_):
        path = folder / name
        path.write_bytes(SEED.read_bytes() + f"\n（{i}）".encode())
        paths.append(path)
    return paths


def test_a_document_past_the_ceiling_fails_alone(tmp_path):
    folder = tmp_path / "in"
    paths = _copies(folder, ["a.txt", "c.txt"])
    (folder / "b_heavy.txt").write_bytes(SEED.read_bytes() * 64)
    outcome, _ = run([folder], tmp_path / "out", jobs=1, memory_mb=SMALL_CEILING_MB,
                     formats=["jsonl"])
    assert (outcome.ok, outcome.failed, outcome.exit_status) == (2, 1, 3)
    records = {Path(r["path"]).name: r for r in read_jsonl(tmp_path / "out" / names.MANIFEST)}
    heavy = records.pop("b_heavy.txt")
    assert heavy["status"] == "failed" and heavy["error_code"] == "E_CHECK_MEMORY"
    assert "核查所需内存超过上限" in heavy["error_zh"] and "more memory than allowed" in heavy["error_en"]
    assert {r["status"] for r in records.values()} == {"ok"}  # the one after it too (one process)
    assert len(paths) == len(records)


def test_a_document_past_the_deadline_fails_alone_and_the_next_is_done(tmp_path):
    paths = _copies(tmp_path / "in", ["a.txt", "poison.txt", "c.txt", "d.txt"])
    items = [(str(p), f"{i:064d}") for i, p in enumerate(paths)]
    results = {Path(r.path).name: r for r in run_local(
        items, jobs=1, config=rules.load_profile(), parts_dir=tmp_path / "parts", timeout=5,
        work=stalls_on_poison)}
    late = results.pop("poison.txt")
    assert late.status == "failed" and late.error_code == "E_TIMEOUT"
    assert "over 5 s" in (late.error_en or "") and "核查超时" in (late.error_zh or "")
    assert {r.status for r in results.values()} == {"ok"} and len(results) == 3


def test_on_a_dask_cluster_a_document_past_the_deadline_fails_alone(tmp_path, cluster):
    """The Dask workers check in checking processes of their own, under the same deadline:
    the stalled document's process is killed, the worker and the other documents live."""
    from dask.distributed import Client

    paths = _copies(tmp_path / "in", ["a.txt", "poison.txt", "c.txt", "d.txt", "e.txt"])
    items = [(str(p), f"{i:064d}") for i, p in enumerate(paths)]
    with Client(cluster) as client:
        results = {Path(r.path).name: r for r in run_dask(
            items, client=client, config=rules.load_profile(), timeout=5, memory_mb=4096,
            work=stalls_on_poison)}
        workers = {str(pid) for pid in client.run(os.getpid).values()}
    late = results.pop("poison.txt")
    assert late.status == "failed" and late.error_code == "E_TIMEOUT"
    assert "over 5 s" in (late.error_en or "") and "核查超时" in (late.error_zh or "")
    assert {r.status for r in results.values()} == {"ok"} and len(results) == 4
    assert all(r.part for r in results.values())  # returned to the client to commit
    checked_in = {r.timings["worker"].rsplit(":", 1)[1] for r in results.values()}
    assert checked_in and not checked_in & workers  # in the workers' checking processes


def test_the_command_line_takes_the_limits(tmp_path, capsys):
    paths = _copies(tmp_path / "in", ["a.txt"])
    status = main(["annotate", str(paths[0]), "--out", str(tmp_path / "out"), "--jobs", "1",
                   "--formats", "jsonl", "--timeout", "0.001", "--memory-mb", "4096"])
    assert status == 3
    assert "Traceback" not in capsys.readouterr().err
    [record] = [json.loads(line) for line in (tmp_path / "out" / names.MANIFEST).open(encoding="utf-8")]
    assert record["error_code"] == "E_TIMEOUT" and "over 0.001 s" in record["error_en"]
