"""share.whole: a stated share against part / whole."""

from __future__ import annotations

from collections.abc import Iterator

from models import Claim, Finding, Link, QuantityKind, Role

from ..arith import in_wan, ratio
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, evidence, figure, mildest


@register("share.whole")
class ShareOfWhole(Rule[Params]):
    """占…% must equal the part divided by the whole the sentence names.

    The whole is the figure the sentence points at (占本年支出合计的…, 占基本支出的…) or,
    for a list (其中…，占…%), the list's total. Computed on the printed intervals; where
    the report states the part or the whole two ways, on the mention that fits.

    **Anti-pattern**: 公务用车购置及运行费11.98万元，占比77.76% of 15.42 (11.98 / 15.42 =
    77.69%).

    **Correct**: 一般公共服务支出1695.43万元，占本年总支出的91.09% (91.0953% rounds either way
    within the printed decimals).
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for claim in index.with_role(Role.SHARE):
            part = index.linked(claim, Link.ACTUAL)
            whole = index.linked(claim, Link.WHOLE)
            if part is None or whole is None or part.id == whole.id:
                continue
            if QuantityKind.AMOUNT not in (part.quantity.kind, whole.quantity.kind):
                continue
            if part.quantity.approximate or whole.quantity.approximate:
                continue
            finding = mildest(self._check(claim, p, w)
                              for p in index.readings(part) for w in index.readings(whole))
            if finding is not None:
                yield finding

    def _check(self, claim: Claim, part: Claim, whole: Claim) -> Finding | None:
        expected = ratio(in_wan(part.quantity), in_wan(whole.quantity))
        if expected is None:
            return None
        return arithmetic(
            self.id, self.params, "SHARE_MISMATCH", claim, expected,
            f"{figure(part)} / {figure(whole)}",
            [evidence("part", part), evidence("whole", whole)],
        )
