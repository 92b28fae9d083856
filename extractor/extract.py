"""bytes → Document → claims: the extractor's one entry point."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from models import Claim, Document, Quantity, QuantityKind, Section, Sentence, Span, money

from . import lexicon as lexicon_module
from .claims import read_claims
from .meta import read_meta
from .normalize import normalize
from .numbers import RawFigure
from .reading import MAX_BYTES, decode
from .segment import RawHeading, heading_at, sentence_ranges, title_heading
from .tables import read_tables, split_lines


@dataclass(frozen=True)
class Extraction:
    """A document and the claims read from it."""

    document: Document
    claims: list[Claim]


class _Mapper:
    """Turns normalized offsets and raw figures into original-text spans and Quantities."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def span(self, start: int, end: int) -> Span:
        o = self.doc.offsets
        return self.doc.span(o.to_original(start), o.to_original(end))

    def quantity(self, fig: RawFigure, implied_unit: str | None = None) -> Quantity:
        kind, unit, implied = fig.kind, fig.unit, False
        if kind is QuantityKind.NUMBER and implied_unit:
            kind, unit, implied = QuantityKind.AMOUNT, implied_unit, True
        decimals = fig.decimals
        low, high = _interval(fig, decimals)
        yuan = wan = None
        if kind is QuantityKind.AMOUNT and unit:
            yuan, wan = money(fig.value, unit)
        return Quantity(
            kind=kind,
            value=fig.value,
            decimals=decimals,
            unit=unit,
            low=low,
            high=high,
            approximate=fig.approximate,
            bound=fig.bound,
            unit_implied=implied,
            yuan=yuan,
            wan=wan,
            span=self.span(fig.start, fig.end),
        )


def _interval(fig: RawFigure, decimals: int):
    from models import printed_interval

    return printed_interval(fig.value, decimals)


def _sections(doc: Document, headings: list[RawHeading], mapper: _Mapper) -> list[Section]:
    text = doc.text
    sections: list[Section] = []
    stack: list[int] = []
    for h in headings:
        while stack and sections[stack[-1]].level >= h.level:
            stack.pop()
        line_end = text.find("\n", h.start)
        line_end = len(text) if line_end < 0 else line_end
        heading = mapper.span(h.start, line_end)
        sections.append(Section(
            kind=h.kind,
            level=h.level,
            number=h.number,
            title=text[h.title_start:h.title_end].strip(),
            heading=heading,
            start=heading.start,
            end=len(doc.original),
            parent=stack[-1] if stack else None,
        ))
        stack.append(len(sections) - 1)
    for i, sec in enumerate(sections):
        for later in sections[i + 1:]:
            if later.level <= sec.level:
                sections[i] = sec.model_copy(update={"end": later.start})
                break
    return sections


def extract_text(original: str, name: str, *, doc_id: str, encoding: str) -> Extraction:
    """Extract a document whose text is already decoded."""
    text, offsets = normalize(original)
    doc = Document(id=doc_id, name=name, encoding=encoding, original=original, text=text,
                   offsets=offsets, meta=read_meta(text))
    mapper = _Mapper(doc)
    lines = split_lines(text)
    tables, occupied = read_tables(text, lines, mapper.quantity, mapper.span)
    headings = {
        i: h for i, (s, e) in enumerate(lines)
        if i not in occupied and (h := heading_at(text, s, e, i) or
                                  title_heading(text, lines, i, occupied)) is not None
    }
    doc.tables = tables
    doc.sections = _sections(doc, list(headings.values()), mapper)
    ranges = sentence_ranges(text, lines, occupied, headings)
    starts = [s.start for s in doc.sections]
    sentences = []
    for start, end in ranges:
        span = mapper.span(start, end)
        owner = None
        for i, sec in enumerate(doc.sections):
            if sec.start <= span.start < sec.end:
                owner = i  # the innermost: later sections nest inside earlier ones
        sentences.append(Sentence(span=span, section=owner))
    del starts
    doc.sentences = sentences
    claims = read_claims(doc, lexicon_module.load(), ranges, mapper.span, mapper.quantity)
    return Extraction(doc, claims)


def extract(data: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> Extraction:
    """Read `data` (the file's bytes) and extract its Document and claims.

    Raises:
        DocumentError: the bytes are not a readable report.
    """
    original, encoding = decode(data, name, max_bytes=max_bytes)
    return extract_text(original, name, doc_id=hashlib.sha256(data).hexdigest(),
                        encoding=encoding)
