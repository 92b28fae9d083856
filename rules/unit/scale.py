"""unit.scale: one figure stated 10,000 times larger or smaller elsewhere (元 for 万元)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from models import Claim, Finding, Severity

from ..arith import in_wan
from ..index import ClaimIndex
from ..mentions import clusters, scaled, scaled_in, table_phrase
from ..registry import Params, Rule, register
from ..verdict import evidence, figure

#: a table this many figures of which are 10^4 off the text's: its unit was read (or
#: printed) wrong as a whole, which is one problem, not one per figure
_SYSTEMATIC = 3


@register("unit.scale")
class UnitScale(Rule[Params]):
    """A figure the report states elsewhere at exactly 10,000 times (or a ten-thousandth) its
    value is one figure copied in the other unit: 公务接待费28,640.00万元 in the text where
    表七, in 元, prints 28,640.00 (2.86万元). It is reported as a unit slip, not as a value
    mismatch (value.mismatch leaves such pairs to this rule). When several figures of one
    table are all 10^4 off, the table's unit is what is wrong: one warning for the table.

    **Anti-pattern**: 公务接待费28,640.00万元 beside 表七 公务接待费 28,640.00 (单位：元).

    **Correct**: 本年支出合计3010.44万元 beside 表一 30,104,360.58 (单位：元).
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        slips: list[tuple[Claim, Claim]] = []  # (the slip, a mention it contradicts)
        for claims in index.figures.values():
            if table_phrase(claims, index.narrative_subjects):
                continue
            groups = sorted(clusters(claims), key=len, reverse=True)
            for odd in groups[1:]:
                source = scaled_in(groups[0], odd[0])
                if source is not None:
                    slips.append(_slip(groups[0], source, odd))
        slips += _loose(index, {c.id for pair in slips for c in pair})
        tables = Counter(c.table for pair in slips for c in pair if c.table)
        systematic = {t for t, n in tables.items() if n >= _SYSTEMATIC}
        for stated, other in slips:
            if not {stated.table, other.table} & systematic:
                yield self._finding(Severity.ERROR, stated, other)
        for table_id in sorted(systematic):
            stated, other = next(p for p in slips if table_id in (p[0].table, p[1].table))
            if stated.table != table_id:
                stated, other = other, stated  # point at the table, whose unit is in doubt
            yield self._finding(Severity.WARNING, stated, other, table=index.tables[table_id].title)

    def _finding(self, severity: Severity, stated: Claim, other: Claim,
                 table: str | None = None) -> Finding:
        said = [evidence("stated", stated), evidence("mention", other)]
        if table is None:
            return self.structure("UNIT_SCALE", said, severity=severity, stated=_with_unit(stated),
                                  other=_with_unit(other), subject=stated.subject)
        return self.structure("UNIT_SCALE_TABLE", said, severity=severity, table=table)


def _loose(index: ClaimIndex, told: set[str]) -> list[tuple[Claim, Claim]]:
    """Slips of the text whose figure no mention shares exactly: 社会保障和就业（类）
    15412500.00万元 in a sentence beside the 元 tables' 208 社会保障和就业支出 (a code the
    sentence does not print) or its 本年支出 column. Among all the amounts of one subject,
    role and period, a sentence's figure that agrees with none of them and is 10^4 times (or
    a ten-thousandth of) one of them is that one copied in the other unit: the factor is
    the evidence, so the code, column and fund the mentions were kept apart by do not matter."""
    loose: dict[tuple, list[Claim]] = defaultdict(list)
    for (subject, _code, role, period, *_), claims in index.figures.items():
        loose[(subject, role, period)].extend(claims)
    out = []
    for claims in loose.values():
        if len(claims) < 2 or table_phrase(claims, index.narrative_subjects):
            continue
        for claim in claims:
            if claim.table is not None or claim.id in told:
                continue
            here = in_wan(claim.quantity)
            others = [c for c in claims if c.id != claim.id]
            if any(in_wan(c.quantity).meets(here) for c in others):
                continue  # stated alike elsewhere: the figure is right, whatever else differs
            source = next((c for c in others if scaled(c, claim)), None)
            if source is not None:
                out.append((claim, source))
                told.add(claim.id)
    return out


def _with_unit(claim: Claim) -> str:
    """The figure with the unit it was read in (a table cell's is its header's)."""
    return f"{figure(claim)}{claim.quantity.unit or ''}"


def _slip(reference: list[Claim], source: Claim, odd: list[Claim]) -> tuple[Claim, Claim]:
    """Which of two mentions is the slip: the odd one out when the others agree; between
    one and one, the narrative's (a table prints its unit in its header). `source` is the
    mention of `reference` the odd one is 10^4 times (or a ten-thousandth) of."""
    if len(reference) > len(odd):
        return odd[0], source
    pair = (source, odd[0])
    return pair if pair[0].table is None else (pair[1], pair[0])
