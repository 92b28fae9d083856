"""bench/fuzz.py, the issue-19 fuzz run, without running it (tests would wait minutes for the
OCR of the scanned mutants): every format is mutated, reproducibly, and every outcome that
is past a limit counts against the run."""

from __future__ import annotations

from bench import fuzz
from service.core import Outcome


def test_mutants_cover_every_format_reproducibly():
    sources = {"text": "2020年度部门决算\n".encode() * 50, "html": b"<html><body>" + b"x" * 500}
    first = list(fuzz.mutants(sources, 3, seed=4))
    assert first == list(fuzz.mutants(sources, 3, seed=4))
    assert [kind for kind, _, _ in first] == ["text"] * 3 + ["html"] * 3
    assert all(data != sources[kind] for kind, _, data in first)


def test_every_limit_counts_against_the_run():
    assert fuzz.classify(Outcome(report_json="{}")) == "ok"
    assert fuzz.classify(Outcome.failure("E_CORRUPT", name="x", kind="PDF", detail="")) == "refused"
    for code, kind in [("E_TIMEOUT", "timeout"), ("E_READ_TIMEOUT", "timeout"), ("E_OCR_BUDGET", "timeout"),
                       ("E_CHECK_MEMORY", "memory"), ("E_READ_MEMORY", "memory"),
                       ("E_WORKER_CRASHED", "crashed"), ("E_READ_CRASHED", "crashed"),
                       ("API_INTERNAL", "internal")]:
        assert fuzz.classify(Outcome(error_code=code)) == kind
        assert kind in fuzz.FAILING
