"""score.over_weight: an item scoring more than its weight."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from models import ArithmeticFinding, Finding, Severity, message

from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import evidence, figure
from .table import score_tables


@register("score.over_weight")
class ScoreOverWeight(Rule[Params]):
    """得分 ≤ 分值 on every row of a score table.

    **Anti-pattern**: 满意度 | 分值 10 | 得分 12.

    **Correct**: 降低社会安全风险 | 分值 6 | 得分 5.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for st in score_tables(index):
            for row in st.rows:
                if row.weight is None or row.score is None:
                    continue
                if row.score.quantity.value <= row.weight.quantity.value:
                    continue  # scores are exact numbers of points, not rounded amounts
                msg = message("SCORE_OVER_WEIGHT", label=row.label, score=figure(row.score),
                              weight=figure(row.weight))
                yield ArithmeticFinding(
                    rule=self.id, severity=Severity.ERROR, message_zh=msg.zh, message_en=msg.en,
                    formula=f"{figure(row.score)} ≤ {figure(row.weight)}",
                    stated=row.score.quantity.value, expected=row.weight.quantity.value,
                    expected_low=Decimal(0), expected_high=row.weight.quantity.value,
                    evidence=[evidence("stated", row.score), evidence("weight", row.weight)],
                )
