"""A run killed with SIGKILL and started again writes what an uninterrupted run writes:
no document lost, none twice. Also a Dask cluster writes what the local pool writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from annotate_helpers import ROOT, SEED_PATHS, read_jsonl, run, snapshot

from service.annotate import names


@pytest.fixture(scope="module")
def uninterrupted(generated, tmp_path_factory):
    out = tmp_path_factory.mktemp("clean") / "run"
    outcome, _ = run([generated[0].parent], out, jobs=2)
    assert outcome.files == len(generated)
    return snapshot(out)


def manifest_lines(out) -> int:
    try:
        return (out / names.MANIFEST).read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_sigkill_then_restart_gives_the_same_outputs(generated, uninterrupted, tmp_path):
    out = tmp_path / "run"
    cmd = [sys.executable, "-m", "service.cli", "annotate", str(generated[0].parent),
           "--out", str(out), "--jobs", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while manifest_lines(out) < 8 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the client, the forkserver and the workers
    assert proc.wait() == -signal.SIGKILL
    journal = read_jsonl(out / names.MANIFEST)
    assert 8 <= len(journal) < len(generated), "the kill must land mid-run"
    assert not (out / names.DOCUMENTS).exists()  # outputs appear only at the end

    _, err = run([generated[0].parent], out, jobs=2)
    assert f"{len({r['sha256'] for r in journal if r['status'] == 'ok'})} already done" in err
    after = snapshot(out)
    assert after == uninterrupted
    ids = [line[:90] for line in after["documents"].splitlines()]
    assert len(ids) == len(set(ids))  # no document twice
    paths = Counter(r["path"] for r in after["manifest"])
    assert len(paths) == len(generated) and set(paths.values()) == {1}  # none lost


def test_sigterm_stops_the_workers_and_the_run_resumes(generated, uninterrupted, tmp_path):
    out = tmp_path / "run"
    cmd = [sys.executable, "-m", "service.cli", "annotate", str(generated[0].parent),
           "--out", str(out), "--jobs", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while manifest_lines(out) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)  # the client alone, as a batch system stops a job
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "run the same command again to resume" in err
    assert "Traceback" not in err
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the pool's processes went with the client
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("processes of the interrupted run are still running")
    run([generated[0].parent], out, jobs=2)
    assert snapshot(out) == uninterrupted


def test_partial_lines_and_stale_temporary_files_are_discarded(generated, uninterrupted, tmp_path):
    out = tmp_path / "run"
    run([generated[0].parent], out, jobs=2)
    # What a kill during writing leaves: a half line in the journal, half-written outputs.
    with open(out / names.MANIFEST, "a", encoding="utf-8") as f:
        f.write('{"path": "/half/a/record", "sha256": "ab')
    (out / f".{names.DOCUMENTS}.tmp").write_text('{"document": {"id": "trunc', "utf-8")
    (out / f".{names.BRAT}.tmp").mkdir()
    outcome, err = run([generated[0].parent], out, jobs=2)
    assert "0 to process" in err and outcome.reused == len({r["sha256"] for r in uninterrupted["manifest"]})
    assert snapshot(out) == uninterrupted


def _descendants() -> list[int]:
    """The processes a Dask worker started (its checking processes, their fork server)."""
    import psutil

    return [child.pid for child in psutil.Process().children(recursive=True)]


def test_dask_cluster_equals_local_pool(generated, tmp_path, cluster):
    from dask.distributed import Client

    paths = [*generated[:10], *SEED_PATHS]
    local, _ = run(paths, tmp_path / "local", jobs=2)
    with Client(cluster) as client:
        # As `--scheduler tcp://…` does: connect, check the workers' hecha, run.
        remote, _ = run(paths, tmp_path / "dask", scheduler=cluster.scheduler_address)
        worker_pids = {str(pid) for pids in client.run(_descendants).values() for pid in pids}
    assert (remote.ok, remote.failed, remote.findings) == (local.ok, local.failed, local.findings)
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")
    ran_on = {r["timings"]["worker"].rsplit(":", 1)[1]
              for r in read_jsonl(tmp_path / "dask" / names.MANIFEST) if r["timings"]}
    assert ran_on and ran_on <= worker_pids  # checked under the cluster's workers, not here


def test_dask_client_keeps_no_copy_of_the_documents_sent(cluster):
    """Dask's link to the scheduler logs its last 1,000 messages by default; with the
    documents' bytes in them that was 83 MB of the client's peak in a
    2,000-document run."""
    from service.annotate.run import _connect

    client = _connect(cluster.scheduler_address)
    try:
        assert client.submit(len, b"x" * 200_000).result() == 200_000
        assert not client.scheduler_comm.recent_message_log
    finally:
        client.close()
