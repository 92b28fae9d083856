"""What claim readers share for one document: the claims so far, indexed for lookups."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from models import Claim, Document, DocumentError, Quantity, Role, Source, Span

from ..lexicon import Lexicon

#: more figures than any report has (the largest seen hold a few thousand): past this a
#: file is a data dump whose claims would only exhaust memory
MAX_CLAIMS = 200_000
#: a year as reports write it (2020年, 2020年度)
YEAR = regex.compile(r"((?:19|20)\d{2})年")


@dataclass
class Context:
    """A document being read, its lexicon, span/figure makers and the claims read so far."""

    doc: Document
    lexicon: Lexicon
    to_span: Callable[[int, int], Span]
    to_quantity: Callable[..., Quantity]
    claims: list[Claim] = field(default_factory=list)
    by_section: dict[int | None, list[Claim]] = field(default_factory=dict)
    #: narrative actual figures by subject, in order: what a share's named whole refers to
    actual_by_subject: dict[str, list[Claim]] = field(default_factory=dict)

    def add(self, claim: Claim) -> Claim:
        if len(self.claims) >= MAX_CLAIMS:
            raise DocumentError("E_TOO_MANY_CLAIMS", name=self.doc.name, limit=MAX_CLAIMS)
        self.claims.append(claim)
        self.by_section.setdefault(claim.section, []).append(claim)
        if claim.role is Role.ACTUAL and claim.source is Source.NARRATIVE:
            self.actual_by_subject.setdefault(claim.subject, []).append(claim)
        return claim

    def recent(self, section: int | None, sentence: int, back: int) -> list[Claim]:
        """Claims of `section` in the `back` sentences before `sentence`, oldest first."""
        out: list[Claim] = []
        for claim in reversed(self.by_section.get(section, [])):
            if claim.sentence is None or claim.sentence >= sentence:
                continue
            if claim.sentence < sentence - back:
                break
            out.append(claim)
        return out[::-1]

    def new_id(self) -> str:
        return f"c{len(self.claims) + 1}"


