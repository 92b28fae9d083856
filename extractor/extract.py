"""bytes → Document → claims: the extractor's one entry point."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass

from models import (
    Box,
    Claim,
    Document,
    DocumentError,
    Page,
    Quantity,
    QuantityKind,
    Section,
    Sentence,
    Span,
    money,
    printed_interval,
)

from . import lexicon as lexicon_module
from . import readers
from .claims import read_claims
from .meta import read_meta
from .normalize import normalize
from .numbers import RawFigure
from .reading import MAX_BYTES, decode
from .segment import RawHeading, heading_at, sentence_ranges, title_heading
from .tables import read_tables, split_lines

#: the longest text read (10 million characters, some 30 MB of Chinese): the longest
#: disclosures hold a few hundred thousand; past this the claims alone would take gigabytes
MAX_TEXT_CHARS = 10_000_000
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Extraction:
    """A document and the claims read from it."""

    document: Document
    claims: list[Claim]


class _Mapper:
    """Turns normalized offsets and raw figures into original-text spans and Quantities.

    Hot path: tens of thousands of spans per megabyte. The anchors are copied into plain
    lists once (pydantic attribute access is slow), and spans, built from offsets that are
    right by construction, skip validation.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.original = doc.original
        self.norm_keys = doc.offsets.norm_keys
        self.orig_keys = doc.offsets.orig_keys

    def _orig(self, offset: int) -> int:
        i = bisect_right(self.norm_keys, offset) - 1
        return self.orig_keys[i] + (offset - self.norm_keys[i])

    def span(self, start: int, end: int) -> Span:
        # An end maps from its last character: "费 0" normalized to "费0" must not make
        # the span of 费 swallow the dropped space.
        s = self._orig(start)
        e = self._orig(end - 1) + 1 if end > start else s
        return Span.trusted(start=s, end=e, text=self.original[s:e])

    def quantity(self, fig: RawFigure, implied_unit: str | None = None) -> Quantity:
        kind, unit, implied = fig.kind, fig.unit, False
        if kind is QuantityKind.NUMBER and implied_unit:
            kind, unit, implied = QuantityKind.AMOUNT, implied_unit, True
        decimals = fig.decimals
        low, high = printed_interval(fig.value, decimals)
        yuan = wan = None
        if kind is QuantityKind.AMOUNT and unit:
            yuan, wan = money(fig.value, unit)
        return Quantity.trusted(
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
    # A section ends where the next heading of its level or higher starts (one sweep).
    open_sections: list[int] = []
    for i, sec in enumerate(sections):
        while open_sections and sections[open_sections[-1]].level >= sec.level:
            j = open_sections.pop()
            sections[j] = sections[j].model_copy(update={"end": sec.start})
        open_sections.append(i)
    return sections


def _owners(sections: list[Section], starts: list[int]) -> list[int | None]:
    """The innermost section containing each offset of the sorted `starts`."""
    owners: list[int | None] = []
    stack: list[int] = []
    nxt = 0
    for pos in starts:
        while nxt < len(sections) and sections[nxt].start <= pos:
            stack.append(nxt)
            nxt += 1
        while stack and sections[stack[-1]].end <= pos:
            stack.pop()
        owners.append(stack[-1] if stack else None)
    return owners


def extract_text(original: str, name: str, *, doc_id: str, encoding: str) -> Extraction:
    """Extract a document whose text is already decoded.

    Raises:
        DocumentError: E_TEXT_TOO_LONG past `MAX_TEXT_CHARS`, E_TOO_MANY_CLAIMS.
    """
    if len(original) > MAX_TEXT_CHARS:
        raise DocumentError("E_TEXT_TOO_LONG", name=name, chars=len(original), limit=MAX_TEXT_CHARS)
    if _SURROGATE.search(original):
        # a damaged PDF's text layer can decode to lone surrogates, which no encoder (nor
        # OpenCC) takes; one replacement character each keeps every offset
        original = _SURROGATE.sub("\ufffd", original)
    text, offsets = normalize(original)
    doc = Document(id=doc_id, name=name, encoding=encoding, original=original, text=text,
                   offsets=offsets)
    mapper = _Mapper(doc)
    doc.meta = read_meta(text, mapper.span)
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
    spans = [mapper.span(start, end) for start, end in ranges]
    owners = _owners(doc.sections, [s.start for s in spans])
    doc.sentences = [Sentence.trusted(span=span, section=owner)
                     for span, owner in zip(spans, owners, strict=True)]
    claims = read_claims(doc, lexicon_module.load(), ranges, mapper.span, mapper.quantity)
    return Extraction(doc, claims)


def extract(data: bytes, name: str, *, max_bytes: int = MAX_BYTES,
            limits: readers.Limits | None = None) -> Extraction:
    """Read `data` (the file's bytes) and extract its Document and claims.

    The format is told from the bytes (extractor/readers): text goes through `decode`;
    PDF, DOCX, XLSX, XLS, HTML and images through their reader, whose text is extracted
    the same way. The Document records the format, and for PDFs the pages and the boxes
    that place its text on them. `limits` bounds what reading one file may cost.

    Raises:
        DocumentError: the bytes are not a readable report.
    """
    if readers.detect(data) == "text":
        original, encoding = decode(data, name, max_bytes=max_bytes)
        return extract_text(original, name, doc_id=hashlib.sha256(data).hexdigest(),
                            encoding=encoding)
    reading = readers.read(data, name, max_bytes=max_bytes, limits=limits)
    result = extract_text(reading.text, name, doc_id=hashlib.sha256(data).hexdigest(),
                          encoding=reading.encoding)
    doc = result.document
    doc.source_format = reading.format
    doc.pages = [Page.model_construct(**p._asdict()) for p in reading.pages]
    doc.boxes = [Box.model_construct(**b._asdict()) for b in reading.boxes]
    return result
