"""rate.change: 增长/下降 X% against change / prior value."""

from __future__ import annotations

from collections.abc import Iterator

from models import Claim, Finding, Role

from ..arith import ratio, stated, truncation
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, evidence, mildest
from .operands import current_readings, operands


@register("rate.change")
class ChangeRate(Rule[Params]):
    """A growth or decline rate must equal the change divided by the prior value.

    The prior value is stated (较上年决算数1571.11万元) or follows from the current value and
    the change. A rate that instead equals change / current is left to rate.wrong_base,
    which names that mistake.

    **Anti-pattern**: 一般公共预算财政拨款收入1829.05万元，比上年增长241.66万元，增长13.18%
    (241.66 / 1587.39 = 15.22%).

    **Correct**: 收入总计1835.05万元，较上年增加247.66万元，增长15.6 %.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for claim in index.with_role(Role.CHANGE_RATE):
            if claim.quantity.approximate:
                continue
            finding = mildest(self._judge(index, claim, current)
                              for current in current_readings(index, claim))
            if finding is not None:
                yield finding

    def _judge(self, index: ClaimIndex, claim: Claim, current: Claim | None) -> Finding | None:
        """The finding on `claim` with `current` as its current value, None when it holds."""
        ops = operands(index, claim, current)
        if ops is None:
            return None
        expected = ratio(ops.change, ops.prior)
        if expected is None:
            return None
        q = claim.quantity
        if ops.current is not None:
            wrong = ratio(ops.change, ops.current)
            if wrong is not None and (stated(q).meets(wrong) or truncation(q).meets(wrong)):
                return None  # rate.wrong_base explains this one
            if ops.stated_prior and ops.change_text and any(
                    moved is not None and stated(q).meets(moved)
                    for moved in (ratio(ops.current - ops.prior, ops.prior),
                                  ratio(ops.prior - ops.current, ops.prior))):
                return None  # the rate fits the two levels: the stated change is what is wrong
        formula = f"{ops.change_text or 'Δ'} / {ops.prior_text}"
        return arithmetic(self.id, self.params, "RATE_MISMATCH", claim, expected, formula,
                          [evidence(role, c) for role, c in ops.claims])
