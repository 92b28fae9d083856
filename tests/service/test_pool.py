"""Checking: a document past the memory ceiling fails alone, with a catalogued error."""

from __future__ import annotations

import extractor
from service.checking import Task, check_task


def test_memory_error_in_extraction_is_a_catalogued_failure(monkeypatch):
    # what the checking process's RLIMIT_AS turns an oversized document into
    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(extractor, "extract", exhausted)
    outcome = check_task(Task("2020年度部门决算\n".encode(), "heavy.txt"))
    assert outcome.error_code == "E_CHECK_MEMORY" and "heavy.txt" in (outcome.error_en or "")
