"""A document's OCR has a budget in all (`Limits.ocr_seconds`), not only per page: a scan of
thousands of blank pages is refused with a catalogued error once the budget is spent, instead
of being given 120 s for every page. The OCR itself is simulated (a page takes 0.2 s), so the
test needs no OCR time and no OCR engine."""

from __future__ import annotations

import io
import time

import pytest

import extractor
from extractor.readers import Limits, ocr
from extractor.readers.sandbox import Budget
from models import DocumentError

PAGE_S = 0.2


def _tiff(pages: int) -> bytes:
    from PIL import Image

    frames = [Image.new("L", (200, 280), 255) for _ in range(pages)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    return out.getvalue()


@pytest.fixture
def slow_ocr(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """OCR that takes PAGE_S a page and reads one figure; returns the pages read (in the
    reader's process, so only when the sandbox is off)."""
    read: list[int] = []

    def recognise(engine: object, image: object, scale: float) -> tuple[list, list]:
        time.sleep(PAGE_S)
        read.append(1)
        return [], []

    monkeypatch.setattr(ocr, "engine", lambda name, pages: object())
    monkeypatch.setattr(ocr, "recognise", recognise)
    return read


@pytest.mark.parametrize("sandbox", [True, False])
def test_ocr_past_its_budget_is_refused_with_a_catalogued_error(slow_ocr, sandbox):
    limits = Limits(ocr_seconds=0.5, ocr_page_seconds=120.0, sandbox=sandbox)
    started = time.monotonic()
    with pytest.raises(DocumentError) as info:
        extractor.extract(_tiff(40), "blank-scan.tiff", limits=limits)
    error = info.value
    assert error.code == "E_OCR_BUDGET"
    assert time.monotonic() - started < 40 * PAGE_S / 2  # stopped long before the last page
    assert "blank-scan.tiff" in error.msg.en and "0.5 s" in error.msg.en
    assert "of 40 page(s) read" in error.msg.en and "未核查" in error.msg.zh
    if not sandbox:
        assert 2 <= len(slow_ocr) <= 4  # 0.5 s of 0.2 s pages: three, give or take the clock


def test_a_scan_within_the_budget_is_read(slow_ocr):
    limits = Limits(ocr_seconds=5.0, sandbox=False)
    with pytest.raises(DocumentError) as info:  # blank pages: read, and found to hold no text
        extractor.extract(_tiff(3), "short-scan.tiff", limits=limits)
    assert info.value.code == "E_NO_TEXT" and len(slow_ocr) == 3


def test_the_reader_deadline_grows_by_the_budget_at_most():
    limits = Limits(ocr_seconds=600.0, ocr_page_seconds=120.0)
    budget = Budget(60.0)
    before = budget.deadline
    ocr.budgeted(5_000, "huge.pdf", limits, budget)
    assert budget.deadline - before == pytest.approx(600.0 + 120.0)  # not 5,000 × 120 s
    few = Budget(60.0)
    start = few.deadline
    ocr.budgeted(2, "small.pdf", limits, few)
    assert few.deadline - start == pytest.approx(240.0)
