"""completion.zero_budget: a completion rate stated against a budget of 0."""

from __future__ import annotations

from collections.abc import Iterator

from models import Finding, Role

from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import evidence
from .operands import RATE_ROLES, actual_and_budget


@register("completion.zero_budget")
class ZeroBudget(Rule[Params]):
    """With a budget of 0, no completion percentage can be right (x / 0 is undefined).

    **Anti-pattern**: 年初预算为0万元，支出决算为5万元，完成年初预算的100%.

    **Correct**: 年初无预算数，本年度没有发生因公出国（境）费用 (no rate stated).
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for claim in index.with_role(*RATE_ROLES):
            pair = actual_and_budget(index, claim)
            if pair is None or pair[1].quantity.value != 0:
                continue
            actual, budget = pair
            what = ("完成预算比例", "completion rate") if claim.role is Role.COMPLETION_RATE \
                else ("预算执行率", "execution rate")
            yield self.conflict(
                "COMPLETION_ZERO_BUDGET", claim.subject,
                [evidence("stated", claim), evidence("budget", budget), evidence("actual", actual)],
                stated=claim.quantity.value, what=what[0], what_en=what[1])
