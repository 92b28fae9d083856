"""Every span in every model points at the original text it claims to quote."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from models import Span


def spans(value: object) -> Iterator[Span]:
    """Every Span inside a model, list or dict, depth first."""
    if isinstance(value, Span):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from spans(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from spans(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from spans(item)


def test_every_span_quotes_the_original(reports):
    checked = 0
    for report in reports.values():
        original = report.document.original
        for span in spans(report):
            assert original[span.start:span.end] == span.text, span
            checked += 1
    assert checked > 5000


def test_figures_quote_what_they_parse(extractions):
    """A figure's span holds its digits (full-width and spaced forms included)."""
    for x in extractions.values():
        for claim in x.claims:
            text = claim.quantity.span.text.translate({0xFF10 + i: 0x30 + i for i in range(10)})
            digits = str(abs(claim.quantity.value)).split(".")[0]
            if claim.quantity.kind.value in ("amount", "percent", "number"):
                assert digits[:1] in text or any(ch in text for ch in "一二三四五六七八九十百千"), claim


def test_sections_and_sentences_lie_inside_the_text(extractions):
    for x in extractions.values():
        doc = x.document
        for section in doc.sections:
            assert 0 <= section.start <= section.heading.start < section.end <= len(doc.original)
            if section.parent is not None:
                parent = doc.sections[section.parent]
                assert parent.start <= section.start and section.end <= parent.end
        previous = -1
        for sentence in doc.sentences:
            assert sentence.span.start > previous
            previous = sentence.span.start


def test_tables_lie_where_their_cells_are(extractions):
    for x in extractions.values():
        for table in x.document.tables:
            for cell in table.cells:
                assert cell.span is not None
                assert table.start <= cell.span.start <= cell.span.end <= table.end
