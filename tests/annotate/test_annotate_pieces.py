"""The pieces of a run: discovery, format sniffing, the manifest journal, parts, progress
output, and the report generator the other tests and the benchmark feed on."""

from __future__ import annotations

import io
import os
import random
from itertools import pairwise
from pathlib import Path

import pytest
from annotate_helpers import SEED_PATHS, SMALL_SEED, dies_on_poison, reports_heap

from corpora.generate import fired, generate, read_template, variant
from service.annotate import parts
from service.annotate.discover import discover
from service.annotate.manifest import Manifest, reusable
from service.annotate.progress import Progress


def test_discover_walks_folders_and_expands_globs(tmp_path):
    for name in ("a.txt", "sub/b.txt", "sub/deeper/c.md", ".git/config", "sub/.DS_Store", "x.pdf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = discover([str(tmp_path)])
    assert [os.path.relpath(p, tmp_path) for p in found.files] == [
        "a.txt", "sub/b.txt", "sub/deeper/c.md", "x.pdf"]
    found = discover([str(tmp_path / "**" / "*.txt"), str(tmp_path / "a.txt"),
                      str(tmp_path / "none-*.txt"), str(tmp_path / "gone.txt")])
    assert [os.path.relpath(p, tmp_path) for p in found.files] == ["a.txt", "gone.txt", "sub/b.txt"]
    assert found.unmatched == [str(tmp_path / "none-*.txt")]


def test_manifest_drops_a_partial_last_line(tmp_path):
    path = tmp_path / "manifest.jsonl"
    path.write_text('{"path": "a", "sha256": "1", "status": "ok", "config": "c"}\n'
                    '{"path": "b", "sha256": "2", "status": "ok", "config": "c"}\n'
                    '{"path": "c", "sha2', "utf-8")
    manifest = Manifest(path)
    records = manifest.load()
    assert [r["path"] for r in records] == ["a", "b"]
    manifest.begin(records)
    manifest.append({"path": "d", "sha256": "4", "status": "failed", "config": "c"})
    manifest.close()
    assert [r["path"] for r in Manifest(path).load()] == ["a", "b", "d"]


def test_reusable_needs_ok_and_the_same_configuration():
    records = [
        {"path": "a", "sha256": "1", "status": "ok", "config": "c"},
        {"path": "b", "sha256": "2", "status": "ok", "config": "other rules"},
        {"path": "c", "sha256": "3", "status": "ok", "config": "c"},
        {"path": "c", "sha256": "3", "status": "failed", "config": "c"},  # later: redo
        {"path": "d", "sha256": "4", "status": "failed", "config": "c"},
    ]
    assert set(reusable(records, "c")) == {"1"}


def test_parts_round_trip_and_refuse_damage(tmp_path):
    data = parts.encode({"sha256": "ab" * 32, "text": "正文😀"}, b'{"document":{}}')
    parts.commit(tmp_path, "ab" * 32, data)
    part = parts.read(tmp_path, "ab" * 32)
    assert part.header["text"] == "正文😀" and part.report_json == b'{"document":{}}'
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    with pytest.raises(ValueError):
        parts.decode(data[: len(data) // 2])


def test_stream_file_hands_back_all_but_the_last_two_chunks(tmp_path, monkeypatch):
    from service.annotate.formats import stream

    handed: list[tuple[int, int]] = []
    advise = os.posix_fadvise

    def recording(fd: int, offset: int, length: int, advice: int) -> None:
        handed.append((offset, offset + length))
        advise(fd, offset, length, advice)  # the real call too: it must accept these ranges

    monkeypatch.setattr(stream, "CHUNK", 1000)
    monkeypatch.setattr(os, "posix_fadvise", recording)
    pieces = [bytes([65 + i % 26]) * (300 + 7 * i) for i in range(40)]
    out = stream.StreamFile(tmp_path / "big.jsonl")
    for piece in pieces:
        out.write(piece)
    out.commit()
    assert (tmp_path / "big.jsonl").read_bytes() == b"".join(pieces)
    ranges = list(dict.fromkeys(handed))  # each range once, in order
    assert len(ranges) > 10 and ranges[0][0] == 0
    assert all(a[1] == b[0] for a, b in pairwise(ranges))  # no byte skipped
    # every range had its write-back started, then was dropped; the last is still being written
    assert [handed.count(r) for r in ranges] == [2] * (len(ranges) - 1) + [1]
    still_held = sum(map(len, pieces)) - ranges[-1][0]
    assert still_held < 2 * (stream.CHUNK + max(map(len, pieces)))


def test_progress_plain_lines_and_bar():
    plain = io.StringIO()
    progress = Progress(3, plain, tty=False)
    for failed in (False, True, False):
        progress.update(failed)
    progress.close()
    assert "3/3 done" in plain.getvalue() and "1 failed" in plain.getvalue()
    bar = io.StringIO()
    progress = Progress(2, bar, tty=True)
    progress.update(True)
    progress.update(False)
    progress.close()
    assert "doc/s" in bar.getvalue() and "failed=1" in bar.getvalue()


@pytest.fixture(scope="module")
def template():
    return read_template(SMALL_SEED)


def test_generator_is_deterministic(tmp_path, template):
    a = generate(tmp_path / "a", 6, seed=3, seeds=[SMALL_SEED])
    b = generate(tmp_path / "b", 6, seed=3, seeds=[SMALL_SEED])
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert len({p.read_bytes() for p in a}) > 1
    assert template.figures and template.place and 1 in template.factors


def test_generated_variants_are_consistent_or_deliberately_not(template):
    seed_counts = fired(template.text)
    rng = random.Random(11)
    for _ in range(3):
        assert fired(variant(template, rng, inconsistent=False)) == seed_counts
        assert fired(variant(template, rng, inconsistent=True)) - seed_counts


def test_variants_move_money_years_and_place(template):
    text = variant(template, random.Random(5), inconsistent=False)
    assert template.place and template.place not in text
    assert Path(SMALL_SEED).read_text("utf-8") != text


def test_batches_rerun_a_lost_batch_one_document_at_a_time():
    from service.annotate.executors import Batches

    items = [(f"d{i}.txt", f"{i:064d}") for i in range(7)]
    batches = Batches(items, 3)
    first = batches.next()
    assert first == items[:3]
    assert not batches.lost(first)  # its worker died: each of the three runs again alone
    assert [batches.next() for _ in range(3)] == [[item] for item in items[:3]]
    assert batches.lost([items[1]])  # died again, alone: that one is to blame
    assert batches.next() == items[3:6] and batches.next() == items[6:] and batches.next() == []
    single = Batches(items[:2], 1)
    only = single.next()
    assert not single.lost(only)  # alone, but not a suspect yet: one more try
    assert single.next() == only and single.lost(only)
    assert single.next() == items[1:2]


def test_pool_workers_run_with_a_settled_heap(tmp_path):
    import rules
    from service.annotate.executors import run_local
    from service.heap import YOUNG_THRESHOLD

    items = [(f"d{i}.txt", f"{i:064d}") for i in range(4)]
    results = list(run_local(items, jobs=2, config=rules.load_profile(), parts_dir=tmp_path,
                             work=reports_heap))
    assert len(results) == 4
    for result in results:
        assert result.timings["young_threshold"] == YOUNG_THRESHOLD
        assert result.timings["frozen"] > 10_000  # the imports: spaCy, jieba, pydantic models


@pytest.mark.parametrize("copies", [1, 4])  # 5 documents go one to a task, 20 in batches
def test_a_worker_that_dies_fails_its_document_and_the_others_go_on(tmp_path, copies):
    import rules
    from service.annotate.executors import batch_size, run_local

    folder = tmp_path / "in"
    folder.mkdir()
    items = []
    for i, seed in enumerate([*SEED_PATHS, SMALL_SEED] * copies):
        path = folder / ("poison.txt" if i == 2 else f"r{i}.txt")
        path.write_bytes(seed.read_bytes() + f"\n（{i}）".encode())
        items.append((str(path), f"{i:064d}"))
    assert (batch_size(len(items), 2) > 1) == (copies > 1)
    results = {Path(r.path).name: r for r in run_local(
        items, jobs=2, config=rules.load_profile(), parts_dir=tmp_path / "parts", work=dies_on_poison)}
    assert results.pop("poison.txt").error_code == "E_WORKER_LOST"
    assert len(results) == len(items) - 1
    assert {r.status for r in results.values()} == {"ok"}  # the documents beside it are redone
