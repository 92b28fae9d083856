"""unit.scale: one figure stated 10,000 times larger or smaller elsewhere (元 for 万元)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from models import Claim, Evidence, Finding, Severity, StructureFinding, message

from ..index import ClaimIndex
from ..mentions import clusters, scaled, table_phrase
from ..registry import Rule, register
from ..verdict import evidence, figure

#: a table this many figures of which are 10^4 off the text's: its unit was read (or
#: printed) wrong as a whole, which is one problem, not one per figure
_SYSTEMATIC = 3


@register("unit.scale")
class UnitScale(Rule):
    """A figure the report states elsewhere at exactly 10,000 times (or a ten-thousandth) its
    value is one figure copied in the other unit: 公务接待费28,640.00万元 in the text where
    表七, in 元, prints 28,640.00 (2.86万元). It is reported as a unit slip, not as a value
    mismatch (value.mismatch leaves such pairs to this rule). When several figures of one
    table are all 10^4 off, the table's unit is what is wrong: one warning for the table.

    **Anti-pattern**: 公务接待费28,640.00万元 beside 表七 公务接待费 28,640.00 (单位：元).

    **Correct**: 本年支出合计3010.44万元 beside 表一 30,104,360.58 (单位：元).
    """

    name = "units.scale"

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        slips: list[tuple[Claim, Claim]] = []  # (the slip, a mention it contradicts)
        for claims in index.figures.values():
            if table_phrase(claims, index.narrative_subjects):
                continue
            groups = sorted(clusters(claims), key=len, reverse=True)
            for odd in groups[1:]:
                if scaled(groups[0][0], odd[0]):
                    slips.append(_slip(groups[0], odd))
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
        if table is None:
            msg = message("UNIT_SCALE", stated=_with_unit(stated), other=_with_unit(other),
                          subject=stated.subject)
        else:
            msg = message("UNIT_SCALE_TABLE", table=table)
        return StructureFinding(
            rule=self.id, severity=severity, message_zh=msg.zh, message_en=msg.en,
            evidence=[evidence("stated", stated), Evidence(role="mention", span=other.quantity.span,
                                                           claim=other.id, value=other.quantity.value)],
        )


def _with_unit(claim: Claim) -> str:
    """The figure with the unit it was read in (a table cell's is its header's)."""
    return f"{figure(claim)}{claim.quantity.unit or ''}"


def _slip(reference: list[Claim], odd: list[Claim]) -> tuple[Claim, Claim]:
    """Which of two mentions is the slip: the odd one out when the others agree; between
    one and one, the narrative's (a table prints its unit in its header)."""
    if len(reference) > len(odd):
        return odd[0], reference[0]
    pair = (reference[0], odd[0])
    return pair if pair[0].table is None else (pair[1], pair[0])
