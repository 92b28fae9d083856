"""Finding ids survive what changes between two checks of one report (models/fingerprint.py)."""

from __future__ import annotations

from decimal import Decimal

import corpora
import extractor
import rules
from models import ArithmeticFinding, Evidence, Severity, Span, fingerprint, with_ids

SEED = corpora.seed("000")


def _ids(text: str) -> set[str]:
    extraction = extractor.extract(text.encode("utf-8"), name="r.txt")
    report = rules.check(extraction.document, extraction.claims)
    return {f.id for f in report.findings}


def _finding(quote: str, start: int, rule: str = "sum.table") -> ArithmeticFinding:
    span = Span(start=start, end=start + len(quote), text=quote)
    return ArithmeticFinding(rule=rule, severity=Severity.ERROR, message_zh="", message_en="",
                             evidence=[Evidence(role="stated", span=span)], formula="",
                             stated=Decimal(1), expected=Decimal(2), expected_low=Decimal(2),
                             expected_high=Decimal(2))


def test_ids_survive_a_recheck_and_text_moved_elsewhere():
    with open(SEED, encoding="utf-8") as f:
        text = f.read()
    ids = _ids(text)
    assert ids and None not in ids
    assert _ids(text) == ids
    moved = "说明：本报告经单位复核后重新公开。\n\n" + text  # every offset shifts
    assert _ids(moved) == ids


def test_printing_details_do_not_change_the_id_but_the_rule_and_the_quote_do():
    a = _finding("1,234.50", 10)
    assert fingerprint(a) == fingerprint(_finding("1 234.50", 900))
    assert fingerprint(a) == fingerprint(_finding("１２３４.５０", 5))  # full-width digits
    assert fingerprint(a) != fingerprint(_finding("1,234.60", 10))
    assert fingerprint(a) != fingerprint(_finding("1,234.50", 10, rule="value.mismatch"))


def test_two_findings_alike_in_all_but_place_get_numbered_ids():
    first, second, other = with_ids([_finding("0.00", 1), _finding("0.00", 50), _finding("9.00", 7)])
    assert second.id == f"{first.id}-2" and other.id == fingerprint(other)
