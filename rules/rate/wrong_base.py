"""rate.wrong_base: a change rate divided by the current year instead of the prior year."""

from __future__ import annotations

from collections.abc import Iterator

from models import Claim, Finding, Role, Severity

from ..arith import ratio, show_interval, stated, truncation
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, evidence
from .operands import Operands, current_readings, operands


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
            # every reading of the current value the report gives (9.64 in the text, 9.74 in
            # its table): the rate is wrong only if it holds on none of them
            readings = [ops for current in current_readings(index, claim)
                        if (ops := operands(index, claim, current)) is not None and ops.current is not None]
            if any(_holds(claim, ops) for ops in readings):
                continue
            finding = next((f for ops in readings if (f := self._finding(claim, ops)) is not None), None)
            if finding is not None:
                yield finding.model_copy(update={"severity": Severity.ERROR})

    def _finding(self, claim: Claim, ops: Operands) -> Finding | None:
        """The finding when `claim` is change / current on these operands, else None."""
        expected = ratio(ops.change, ops.prior)
        wrong = ratio(ops.change, ops.current) if ops.current is not None else None
        q = claim.quantity
        if expected is None or wrong is None:
            return None
        if not (stated(q).meets(wrong) or truncation(q).meets(wrong)):
            return None
        return arithmetic(
            self.id, self.params, "RATE_WRONG_BASE", claim, expected,
            f"{ops.change_text} / {ops.prior_text}", [evidence(role, c) for role, c in ops.claims],
            wrong_formula=f"{ops.change_text} / {ops.current_text}",
            wrong=show_interval(wrong, max(q.decimals, 2)),
        )


def _holds(claim: Claim, ops: Operands) -> bool:
    """The stated rate is change / prior on these operands."""
    expected = ratio(ops.change, ops.prior)
    return expected is not None and stated(claim.quantity).meets(expected)
