"""score.execution: the budget-execution row scores 分值 × 执行率."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from models import Finding, Role, Severity

from ..arith import Interval, in_wan, ratio
from ..completion.operands import actual_and_budget
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, consistent, evidence, figure

HUNDRED = Decimal(100)


def _points(rate: Interval, weight: Decimal) -> Interval:
    """weight × rate%, at most the weight."""
    expected = rate.scale(weight / HUNDRED)
    return Interval(expected.low.min(weight), expected.high.min(weight))


@register("score.execution")
class ExecutionScore(Rule[Params]):
    """On the 预算执行 row of a self-evaluation table, 得分 = 分值 × 执行率.

    **Anti-pattern**: 年度资金总额 | 全年预算数 2140 | 全年执行数 1900 | 执行率 88.79% |
    分值 10 | 得分 10 (10 × 88.79% = 8.88).

    **Correct**: 年度资金总额 | 1728.23 | 2140 | 2140 | 100% | 10 | 10.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for claim in index.with_role(Role.SCORE):
            if claim.table is None or claim.row is None:
                continue
            row = index.rows(claim.table).get(claim.row, {}).values()
            weight = next((c for c in row if c.role is Role.WEIGHT), None)
            rate = next((c for c in row if c.role is Role.EXECUTION_RATE), None)
            if weight is None or rate is None:
                continue
            # points are exact; the rate is a printed percentage with its own interval
            points = _points(Interval(rate.quantity.low, rate.quantity.high), weight.quantity.value)
            if consistent(claim, points):
                continue
            pair = actual_and_budget(index, rate)
            computed = ratio(in_wan(pair[0].quantity), in_wan(pair[1].quantity)) if pair else None
            if computed is not None and consistent(claim, _points(computed, weight.quantity.value)):
                continue  # scored at the row's actual / budget: the printed rate is the slip
                # (completion.rate reports it)
            finding = arithmetic(
                self.id, self.params, "SCORE_TOTAL", claim, points,
                f"{figure(weight)} × {figure(rate)}%",
                [evidence("weight", weight), evidence("rate", rate)],
                what="预算执行得分", what_en="budget execution score")
            if finding is not None:  # points are exact: any difference is an error
                yield finding.model_copy(update={"severity": Severity.ERROR})
