"""Checking processes: a document past the deadline or the memory ceiling fails alone, with a
catalogued error, and the pool goes on."""

from __future__ import annotations

import threading
import time

import pytest

import corpora
import extractor
import rules
from models import Report
from service.core import Task, check_task
from service.pool import CheckPool, PoolClosed


def test_memory_error_in_extraction_is_a_catalogued_failure(monkeypatch):
    # what the checking process's RLIMIT_AS turns an oversized document into
    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(extractor, "extract", exhausted)
    outcome = check_task(Task("2020年度部门决算\n".encode(), "heavy.txt"))
    assert outcome.error_code == "E_CHECK_MEMORY" and "heavy.txt" in (outcome.error_en or "")


# --- the deadline and the ceiling, on real input ----------------------------------------

SEED = corpora.seed("000")
#: A ceiling the seed fits under and 64 copies of it do not (they need over 100 MB).
SMALL_CEILING_MB = 24


def test_a_document_past_the_deadline_fails_alone_and_the_pool_goes_on():
    pool = CheckPool(1, memory_mb=4096)
    try:
        late = pool.check(Task(SEED.read_bytes(), "late.txt"), timeout=0.001)
        assert late.error_code == "E_TIMEOUT"
        assert "late.txt" in (late.error_en or "") and "0.001" in (late.error_zh or "")
        assert pool.check(Task(SEED.read_bytes(), "next.txt"), timeout=60).ok
    finally:
        pool.close()


def test_a_document_past_the_ceiling_fails_alone_and_the_pool_goes_on():
    pool = CheckPool(1, memory_mb=SMALL_CEILING_MB)
    try:
        heavy = pool.check(Task(SEED.read_bytes() * 64, "heavy.txt"), timeout=60)
        assert heavy.error_code == "E_CHECK_MEMORY" and "heavy.txt" in (heavy.error_en or "")
        assert pool.check(Task(SEED.read_bytes(), "next.txt"), timeout=60).ok
    finally:
        pool.close()


def test_a_forked_pool_checks_as_the_fork_server_does():
    forked, served = CheckPool(1, fork=True), CheckPool(1)
    try:
        a = forked.check(Task(SEED.read_bytes(), "a.txt"), timeout=60)
        b = served.check(Task(SEED.read_bytes(), "a.txt"), timeout=60)
        assert a.ok and a.report_json == b.report_json
    finally:
        forked.close()
        served.close()
    with pytest.raises(ValueError):
        CheckPool(2, fork=True)


def test_closing_with_kill_stops_a_busy_process():
    pool = CheckPool(1, work=time.sleep, prepare=None)
    raised: list[BaseException] = []

    def wait() -> None:
        try:
            pool.run(600, timeout=600)
        except BaseException as exc:  # handed to the test
            raised.append(exc)

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(1.0)  # the process is sleeping on its task
    started = time.monotonic()
    pool.close(kill=True)
    waiter.join(timeout=30)
    assert not waiter.is_alive() and time.monotonic() - started < 30
    assert len(raised) == 1 and isinstance(raised[0], PoolClosed)


def test_the_profile_reaches_the_checking_process_as_built():
    profile = rules.load_profile(overrides={"share.whole": {"enabled": False}})
    pool = CheckPool(1)
    try:
        outcome = pool.check(Task(SEED.read_bytes(), "a.txt", rules=profile), timeout=60)
    finally:
        pool.close()
    report = Report.model_validate_json(outcome.report_json or "")
    assert "share.whole" not in report.rules and "sum.table" in report.rules
