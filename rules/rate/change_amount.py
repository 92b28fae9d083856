"""rate.change_amount: a stated change against current − prior when both are stated."""

from __future__ import annotations

from collections.abc import Iterator

from models import Claim, Finding, Link, Role

from ..arith import in_unit_of, in_wan
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, evidence, figure, mildest


@register("rate.change_amount")
class ChangeAmount(Rule[Params]):
    """增加/减少 X万元 must equal the difference of the current and prior values stated with it
    (where the report states either two ways, on the mention that fits).

    **Anti-pattern**: 较上年决算数3158.5增加537.71万元 with a current 3696.31 (537.81).

    **Correct**: 较上年决算数1571.11万元增加284.05万元 of 1855.16.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for claim in index.with_role(Role.CHANGE):
            current = index.linked(claim, Link.CURRENT)
            prior = index.linked(claim, Link.PRIOR)
            if current is None or prior is None or claim.quantity.unit == "pp":
                continue
            finding = mildest(self._check(claim, c, p)
                              for c in index.readings(current) for p in index.readings(prior))
            if finding is not None:
                yield finding

    def _check(self, claim: Claim, current: Claim, prior: Claim) -> Finding | None:
        delta = in_wan(current.quantity) - in_wan(prior.quantity)
        if delta.high < 0:
            delta = -delta
        return arithmetic(
            self.id, self.params, "CHANGE_MISMATCH", claim, in_unit_of(delta, claim.quantity),
            f"{figure(current)} − {figure(prior)}",
            [evidence("current", current), evidence("prior", prior)],
        )
