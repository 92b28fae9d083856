"""Seed 003 as DOCX, PDF, scanned PDF, XLSX, XLS and HTML: the same claims and findings as
its text (same values, subjects, roles and rule ids; offsets differ), and PDF spans that
map to pages and boxes.

The agreement of each format is printed at the end of the run (the `figures` lines).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

import pytest

import extractor
import rules
from models import Report

#: format -> (fixture with the file, fixture with the text it must agree with,
#:            floor for claims, floor for findings). Measured here: every text-layer format
#:            agrees 1.000 on both; OCR of the scanned page 1.000 on both. OCR floors leave
#:            room for other CPUs and ONNX Runtime versions reading a glyph differently.
CASES = {
    "docx": ("docx", "text", 0.99, 0.99),
    "pdf": ("pdf", "text", 0.99, 0.99),
    "html": ("html", "text", 0.99, 0.99),
    "xlsx": ("xlsx", "tables_text", 0.99, 0.99),
    "xls": ("xls", "tables_text", 0.99, 0.99),
    "scan": ("scan", "scan_text", 0.90, 0.85),
}


def claim_keys(x: extractor.Extraction) -> Counter:
    return Counter((c.subject, c.role.value, str(c.quantity.value), c.quantity.kind.value,
                    c.source.value) for c in x.claims)


def finding_keys(report: Report) -> Counter:
    return Counter((f.rule, f.severity.value,
                    tuple(sorted(str(e.value) for e in f.evidence if e.value is not None)))
                   for f in report.findings)


def agreement(a: Counter, b: Counter) -> tuple[int, float]:
    both = sum((a & b).values())
    return both, both / max(sum(a.values()), sum(b.values()), 1)


@pytest.fixture(scope="session")
def config():
    return rules.load_profile()


@pytest.fixture(scope="session")
def checked(format_fixtures, config):
    """path -> (extraction, report, seconds), each file read and checked once."""
    cache: dict[Path, tuple[extractor.Extraction, Report, float]] = {}

    def get(path: Path):
        if path not in cache:
            start = time.perf_counter()
            x = extractor.extract(path.read_bytes(), path.name)
            report = rules.check(x.document, x.claims, config)
            cache[path] = (x, report, time.perf_counter() - start)
        return cache[path]

    return get


@pytest.mark.parametrize("fmt", list(CASES))
def test_format_agrees_with_text(fmt, format_fixtures, checked, figures):
    attr, twin_attr, claim_floor, finding_floor = CASES[fmt]
    path = getattr(format_fixtures, attr)
    if path is None:
        pytest.skip(f"no {fmt} fixture (CJK font or xlwt missing: scripts/install-system-deps.sh)")
    if fmt == "scan" and os.environ.get("HECHA_SKIP_OCR"):
        pytest.skip("HECHA_SKIP_OCR is set")
    x, report, seconds = checked(path)
    tx, treport, _ = checked(getattr(format_fixtures, twin_attr))
    claims_both, claims_rate = agreement(claim_keys(tx), claim_keys(x))
    findings_both, findings_rate = agreement(finding_keys(treport), finding_keys(report))
    figures.append(
        f"format {fmt:4} vs {twin_attr}: claims {claims_both} of {len(tx.claims)} (read "
        f"{len(x.claims)}) agreement {claims_rate:.3f}; findings {findings_both} of "
        f"{len(treport.findings)} (read {len(report.findings)}) agreement {findings_rate:.3f}; "
        f"read and checked in {seconds:.2f} s")
    assert x.document.source_format == ("pdf" if fmt == "scan" else fmt)
    assert claims_rate >= claim_floor, (claim_keys(tx) - claim_keys(x), claim_keys(x) - claim_keys(tx))
    assert findings_rate >= finding_floor, (finding_keys(treport) - finding_keys(report),
                                            finding_keys(report) - finding_keys(treport))


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_spreadsheet_tables_match_the_seeds_table_claims(fmt, format_fixtures, checked, figures):
    """Against the full seed, a workbook holds exactly the claims of its tables."""
    path = getattr(format_fixtures, fmt)
    if path is None:
        pytest.skip(f"no {fmt} fixture")
    x, _, _ = checked(path)
    seed, _, _ = checked(format_fixtures.text)
    tables = Counter(k for k in claim_keys(seed).elements() if k[4] == "table")
    read = Counter(k for k in claim_keys(x).elements() if k[4] == "table")
    both, rate = agreement(tables, read)
    figures.append(f"format {fmt:4} vs the seed's table claims: {both} of {sum(tables.values())}, "
                   f"agreement {rate:.3f}")
    assert rate >= 0.95


def test_pdf_pages_and_boxes(format_fixtures, checked):
    if format_fixtures.pdf is None:
        pytest.skip("no CJK font")
    x, _, _ = checked(format_fixtures.pdf)
    doc = x.document
    assert len(doc.pages) == format_fixtures.pages
    assert [p.label for p in doc.pages] == [str(n) for n in range(1, len(doc.pages) + 1)]
    assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.original)
    assert all(a.end == b.start for a, b in zip(doc.pages, doc.pages[1:], strict=False))
    # running header, footer and page numbers are not text, so never figures
    assert "共 19 页" not in doc.original and "第 1 页" not in doc.original
    assert doc.original.count("中共株洲市石峰区委办公室 2020年度部门决算") == 0
    # the overprinted (fake bold) title reads once
    assert "第一部分" in doc.original and "第第" not in doc.original
    for claim in x.claims:
        span = claim.quantity.span
        boxes = doc.boxes_for(span)
        page = doc.page_at(span.start)
        assert boxes and page is not None, claim
        for box in boxes:
            assert box.page == page.number
            assert 0 <= box.x0 < box.x1 <= page.width and 0 <= box.top < box.bottom <= page.height
        if span.text.replace(".", "").isdigit():  # a figure has a box of its own
            assert (boxes[0].start, boxes[-1].end) == (span.start, span.end)


def test_scanned_pages_are_flagged(format_fixtures, checked):
    if format_fixtures.scan is None or os.environ.get("HECHA_SKIP_OCR"):
        pytest.skip("no scanned fixture or OCR skipped")
    x, _, _ = checked(format_fixtures.scan)
    assert x.document.pages and all(p.ocr for p in x.document.pages)
    assert x.document.boxes
    excerpt, _, _ = checked(format_fixtures.dir / "003.excerpt.pdf")
    assert not any(p.ocr for p in excerpt.document.pages)


def test_spreadsheet_pages_are_sheets(format_fixtures, checked):
    x, _, _ = checked(format_fixtures.xlsx)
    doc = x.document
    assert [p.label for p in doc.pages][:2] == ["公开01表_1", "公开02表_2"]
    assert not doc.boxes
    for claim in x.claims[:50]:
        assert doc.page_at(claim.quantity.span.start) is not None
