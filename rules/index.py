"""Lookups over one document's claims, built once and shared by every rule."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from models import Claim, Document, Link, QuantityKind, Role, Source, Table

from .arith import in_wan
from .mentions import FigureKey, figure_key, general_is_all, table_phrase


class ClaimIndex:
    """A document's claims by id, subject, role and table, so rules do not rescan them."""

    def __init__(self, document: Document, claims: list[Claim]) -> None:
        self.document = document
        self.claims = claims
        self.by_id: dict[str, Claim] = {c.id: c for c in claims}
        self.by_subject: dict[str, list[Claim]] = defaultdict(list)
        self.by_table: dict[str, list[Claim]] = defaultdict(list)
        self.cells: dict[tuple[str, int, int], Claim] = {}
        for claim in claims:
            self.by_subject[claim.subject].append(claim)
            if claim.table is not None and claim.row is not None and claim.column is not None:
                self.by_table[claim.table].append(claim)
                self.cells[(claim.table, claim.row, claim.column)] = claim

    @cached_property
    def shares_of(self) -> dict[str, list[Claim]]:
        """Share claims by the id of the part they are the share of."""
        shares: dict[str, list[Claim]] = defaultdict(list)
        for claim in self.claims:
            part = claim.links.get(Link.ACTUAL)
            if claim.role is Role.SHARE and part is not None:
                shares[part].append(claim)
        return shares

    @cached_property
    def narrative_subjects(self) -> set[str]:
        """Subjects the narrative names (a table row label the text also uses is meaningful)."""
        return {c.subject for c in self.claims if c.source is Source.NARRATIVE}

    @cached_property
    def tables(self) -> dict[str, Table]:
        return {t.id: t for t in self.document.tables}

    @cached_property
    def figures(self) -> dict[FigureKey, list[Claim]]:
        """The mentions of each figure (rules/mentions.py), in document order. A part listed
        under a total of another fund is left out: its scope is the total's."""
        groups: dict[FigureKey, list[Claim]] = defaultdict(list)
        whole_is_general = general_is_all(self.claims)
        for claim in self.claims:
            key = figure_key(claim, whole_is_general)
            if key is None:
                continue
            head = self.linked(claim, Link.TOTAL)
            if head is not None and head.scope and head.scope != claim.scope:
                continue
            groups[key].append(claim)
        return groups

    @cached_property
    def _figure_of(self) -> dict[str, FigureKey]:
        return {c.id: key for key, claims in self.figures.items() for c in claims}

    def figure_of(self, claim: Claim) -> FigureKey | None:
        """The figure `claim` is a mention of (rules/mentions.py), if any."""
        return self._figure_of.get(claim.id)

    def restatements(self, claim: Claim) -> list[Claim]:
        """Other mentions of `claim`'s figure that state another value (beyond rounding):
        where a check fails on an operand the report states two ways, the operand is what is
        wrong, and value.mismatch says so."""
        key = self._figure_of.get(claim.id)
        if key is None:
            return []
        mentions = self.figures[key]
        if table_phrase(mentions, self.narrative_subjects):
            return []
        here = in_wan(claim.quantity)
        return [c for c in mentions if c.id != claim.id and not in_wan(c.quantity).meets(here)]

    def readings(self, claim: Claim) -> list[Claim]:
        """`claim`, then the other values the report states for its figure: the readings a
        check tries before it says the figure is wrong (verdict.mildest)."""
        return [claim, *self.restatements(claim)]

    def linked(self, claim: Claim, link) -> Claim | None:
        """The claim `claim` links to under `link`, if any."""
        target = claim.links.get(link)
        return self.by_id.get(target) if target else None

    @cached_property
    def by_sentence(self) -> dict[int, list[Claim]]:
        """Narrative claims by the sentence they were read in, in reading order."""
        out: dict[int, list[Claim]] = defaultdict(list)
        for claim in self.claims:
            if claim.sentence is not None:
                out[claim.sentence].append(claim)
        return out

    def level(self, subject: str, period: int | None,
              roles: tuple[Role, ...] = (Role.ACTUAL, Role.PRIOR),
              source: Source | None = None) -> Claim | None:
        """The first stated amount of `subject` for `period` in one of `roles` (from `source`,
        else narrative or table), not a column's part of it (facet): what a sentence that
        names a subject but prints no figure of it speaks about."""
        for claim in self.by_subject.get(subject, []):
            if claim.period == period and claim.role in roles and source in (None, claim.source) \
                    and claim.quantity.kind is QuantityKind.AMOUNT and not claim.facet:
                return claim
        return None

    def narrative(self) -> list[Claim]:
        return [c for c in self.claims if c.source is Source.NARRATIVE]

    def with_role(self, *roles: Role) -> list[Claim]:
        return [c for c in self.claims if c.role in roles]

    @cached_property
    def _row_labels(self) -> dict[tuple[str, int, int], str]:
        return {
            (t.id, c.row, c.column): c.row_label.replace(" ", "")
            for t in self.document.tables for c in t.cells if c.row_label
        }

    def row_label(self, claim: Claim) -> str | None:
        """The row label printed left of a table claim's cell."""
        if claim.table is None or claim.row is None or claim.column is None:
            return None
        return self._row_labels.get((claim.table, claim.row, claim.column))

    def rows(self, table: str) -> dict[int, dict[int, Claim]]:
        """A table's numeric claims as row → column → claim."""
        grid: dict[int, dict[int, Claim]] = defaultdict(dict)
        for claim in self.by_table.get(table, []):
            assert claim.row is not None and claim.column is not None
            grid[claim.row][claim.column] = claim
        return grid
