"""completion.rate: 完成年初预算的 X% / 预算执行率 X% against actual / budget."""

from __future__ import annotations

from collections.abc import Iterator

from models import Claim, Finding, Role

from ..arith import in_wan, ratio
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, evidence, figure, mildest
from .operands import RATE_ROLES, actual_and_budget

_WHAT = {
    Role.COMPLETION_RATE: ("完成预算比例", "completion rate"),
    Role.EXECUTION_RATE: ("预算执行率", "execution rate"),
}


@register("completion.rate")
class CompletionRate(Rule[Params]):
    """A completion or execution rate must equal actual / budget.

    **Anti-pattern**: 机关运行经费 … 年初预算为100万元，支出决算为90万元，完成年初预算的95%.

    **Correct**: 一般公共服务（类）年初预算为1034.85万元，支出决算为1695.43万元，完成年初预算
    的163.83%.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for claim in index.with_role(*RATE_ROLES):
            pair = actual_and_budget(index, claim)
            if pair is None or claim.quantity.approximate or pair[1].quantity.value == 0:
                continue  # (a budget of 0: completion.zero_budget)
            # an operand the report states two ways (142.76 in the text, 142.67 in its
            # tables) is judged at the value that fits: value.mismatch reports the other
            finding = mildest(self._judge(claim, actual, budget)
                              for actual in index.readings(pair[0])
                              for budget in index.readings(pair[1]))
            if finding is not None:
                yield finding

    def _judge(self, claim: Claim, actual: Claim, budget: Claim) -> Finding | None:
        expected = ratio(in_wan(actual.quantity), in_wan(budget.quantity))
        if expected is None:
            return None
        # A table's 执行率 column printed as "100" means 100%, like the ratio here.
        zh, en = _WHAT[claim.role]
        return arithmetic(
            self.id, self.params, "COMPLETION_MISMATCH", claim, expected,
            f"{figure(actual)} / {figure(budget)}",
            [evidence("actual", actual), evidence("budget", budget)],
            what=zh, what_en=en,
        )

