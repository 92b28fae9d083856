"""Claims: each figure of the report with its subject, role, period and the figures it
is arithmetically tied to.

Narrative: a figure's role comes from the nearest cue before it (see `cues`); its subject
from the nearest lexicon subject in its clause, else the phrase the clause uses, else the
subject the sentence or section is about. Sentences also say how figures relate, and
these become links the rules recompute: 其中 lists (total), 占…% (whole), 增长…% (change,
current, prior), 完成预算的…% (budget, actual).

Tables: every numeric cell is a claim; row label × column header give subject and role.
"""

from __future__ import annotations

from collections.abc import Callable

from models import Claim, Document, Quantity, Span

from ..lexicon import Lexicon
from .context import Context
from .narrative import NarrativeReader
from .table import read_table


def read_claims(doc: Document, lexicon: Lexicon, sentence_ranges: list[tuple[int, int]],
                to_span: Callable[[int, int], Span],
                to_quantity: Callable[..., Quantity]) -> list[Claim]:
    """All claims of a document, narrative first, then table cells."""
    ctx = Context(doc, lexicon, to_span, to_quantity)
    reader = NarrativeReader(ctx)
    for index, (start, end) in enumerate(sentence_ranges):
        reader.read(index, start, end)
    for table in doc.tables:
        list(read_table(ctx, table))
    return ctx.claims


__all__ = ["read_claims"]
