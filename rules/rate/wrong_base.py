"""rate.wrong_base: a change rate divided by the current year instead of the prior year."""

from __future__ import annotations

from collections.abc import Iterator

from models import Finding, Role, Severity

from ..arith import ratio, show_interval, stated, truncation
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, evidence
from .operands import operands


@register("rate.wrong_base")
class WrongBase(Rule[Params]):
    """A change rate that equals change / current value (a common error in these reports).

    The rate of change is relative to the prior year. When the stated rate is wrong and is
    what change / current gives (rounded or cut), the finding says so, because that tells
    the author exactly what to fix.

    **Anti-pattern**: 公务接待费7.54万元…减少2.99万元，下降39.66% (2.99 / 7.54 = 39.66%;
    correct: 2.99 / (7.54 + 2.99) = 28.40%).

    **Correct**: 公务接待费3.43万元…减少9.84万元，减少74.15% (9.84 / 13.27).
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for claim in index.with_role(Role.CHANGE_RATE):
            ops = operands(index, claim)
            if ops is None or ops.current is None:
                continue
            expected = ratio(ops.change, ops.prior)
            wrong = ratio(ops.change, ops.current)
            q = claim.quantity
            if expected is None or wrong is None or stated(q).meets(expected):
                continue
            if not (stated(q).meets(wrong) or truncation(q).meets(wrong)):
                continue
            formula = f"{ops.change_text} / {ops.prior_text}"
            finding = arithmetic(
                self.id, self.params, "RATE_WRONG_BASE", claim, expected, formula,
                [evidence(role, c) for role, c in ops.claims],
                wrong_formula=f"{ops.change_text} / {ops.current_text}",
                wrong=show_interval(wrong, max(q.decimals, 2)),
            )
            if finding is not None:
                yield finding.model_copy(update={"severity": Severity.ERROR})
