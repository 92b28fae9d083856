"""rate.change: 增长/下降 X% against change / prior value."""

from __future__ import annotations

from collections.abc import Iterator

from models import Claim, Finding, Link, Role

from ..arith import ratio, stated, truncation
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, direction_word, evidence, mildest
from .operands import current_readings, operands


@register("rate.change")
class ChangeRate(Rule[Params]):
    """A growth or decline rate must equal the change divided by the prior value.

    The prior value is stated (较上年决算数1571.11万元) or follows from the current value and
    the change. A rate that instead equals change / current is left to rate.wrong_base,
    which names that mistake.

    A rate that equals the change over the prior value of the other direction (增加0.22万元，
    增长14.86% of 1.26万元: 0.22 / 1.48) is reported with both readings, the rate or the word
    wrong: the sentence alone cannot tell which.

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
        used = [evidence(role, c) for role, c in ops.claims]
        other = ops.other_prior()
        if other is not None and (moved := ratio(ops.change, other)) is not None \
                and stated(q).meets(moved):
            # 1.26万元，比上年增加0.22万元，增长14.86%: 0.22 / (1.26 + 0.22) is 14.86%, the rate
            # of a decrease; the rate or the word is wrong, and the sentence cannot say which
            change = index.linked(claim, Link.CHANGE)
            words = [w for w in (direction_word(index, change) if change else None,
                                 direction_word(index, claim)) if w is not None]
            sign = "−" if ops.down else "+"
            return arithmetic(
                self.id, self.params, "RATE_MISMATCH_OR_DIRECTION", claim, expected, formula,
                [*words, *used], word="减少" if ops.down else "增加",
                other_word="增加" if ops.down else "减少",
                other_en="risen" if ops.down else "fallen",
                other_formula=f"{ops.change_text} / ({ops.current_text} {sign} {ops.change_text})")
        return arithmetic(self.id, self.params, "RATE_MISMATCH", claim, expected, formula, used)
