"""Every model goes to JSON and back unchanged; the JSON Schema export covers them all."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from models import (
    Claim,
    Document,
    Finding,
    OffsetMap,
    Quantity,
    Report,
    Span,
    Table,
)


def test_reports_round_trip(reports):
    for report in reports.values():
        again = Report.model_validate_json(report.model_dump_json())
        assert again == report


@pytest.mark.parametrize("model", [Document, Claim, Quantity, Table, Span])
def test_parts_round_trip(reports, model):
    report = next(iter(reports.values()))
    samples = {
        Document: [report.document],
        Claim: report.claims[:50],
        Quantity: [c.quantity for c in report.claims[:50]],
        Table: report.document.tables,
        Span: [s.span for s in report.document.sentences[:50]],
    }[model]
    for sample in samples:
        assert model.model_validate_json(sample.model_dump_json()) == sample


def test_findings_round_trip_through_the_union(reports):
    adapter = TypeAdapter(list[Finding])
    findings = [f for r in reports.values() for f in r.findings]
    kinds = {f.kind for f in findings}
    assert {"arithmetic", "mismatch", "conflict", "structure"} <= kinds
    assert adapter.validate_json(adapter.dump_json(findings)) == findings


def test_money_is_decimal_never_float(reports):
    dumped = json.loads(next(iter(reports.values())).model_dump_json())
    claim = dumped["claims"][0]["quantity"]
    assert isinstance(claim["value"], str) and isinstance(claim["low"], str)
    parsed = Report.model_validate(dumped)
    assert isinstance(parsed.claims[0].quantity.value, Decimal)


def test_unknown_keys_are_refused():
    with pytest.raises(ValidationError):
        Span.model_validate({"start": 0, "end": 1, "text": "a", "page": 3})
    with pytest.raises(ValidationError):
        Span(start=2, end=1, text="")
    with pytest.raises(ValidationError):
        Span(start=0, end=2, text="a")


def test_offset_map_round_trip():
    offsets = OffsetMap(anchors=[(0, 0), (6, 7), (11, 13)])
    assert OffsetMap.model_validate_json(offsets.model_dump_json()) == offsets
    assert offsets.to_original(7) == 8
    assert offsets.to_normalized(8) == 7


def test_json_schema_covers_every_model():
    schema = Report.model_json_schema()
    for name in ("Document", "Claim", "Quantity", "Table", "Cell", "Section", "Sentence",
                 "ArithmeticFinding", "MismatchFinding", "ConflictFinding", "StructureFinding"):
        assert name in schema["$defs"], name
