"""completion.control: 在职人员控制率 = 实有在职人数 / 编制数."""

from __future__ import annotations

from collections.abc import Iterator

from models import Claim, Finding, QuantityKind, Role

from ..arith import Interval, ratio
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, evidence, figure

_STAFF = "在职人数"
_POSTS = "编制数"


@register("completion.control")
class StaffControlRate(Rule[Params]):
    """The staff control rate of a self-evaluation is staff in post / authorised posts.

    Read from the same sentence (在职98人/编制110人*100%=90.9%) or the same table row.

    **Anti-pattern**: 在职人员控制率：在职98人/编制110人*100%=90.9% (98 / 110 = 89.09%).

    **Correct**: 编制数 21 | 实有人数 21 | 控制率 100%.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for claim in index.with_role(Role.CONTROL_RATE):
            if claim.subject not in ("在职人员控制率",) and "在职" not in claim.subject:
                continue
            near = self._neighbours(index, claim)
            staff = next((c for c in near if c.subject == _STAFF), None)
            posts = next((c for c in near if c.subject == _POSTS), None)
            if staff is None or posts is None:
                continue
            expected = ratio(_headcount(staff), _headcount(posts))
            if expected is None:
                continue
            finding = arithmetic(
                self.id, self.params, "COMPLETION_MISMATCH", claim, expected,
                f"{figure(staff)} / {figure(posts)}",
                [evidence("actual", staff), evidence("budget", posts)],
                what="" if claim.subject.endswith("控制率") else "在职人员控制率",  # said once
                what_en="staff control rate",
            )
            if finding is not None:
                yield finding

    @staticmethod
    def _neighbours(index: ClaimIndex, claim: Claim) -> list[Claim]:
        if claim.table is not None:
            return [c for c in index.by_table[claim.table] if c.row == claim.row]
        return [c for c in index.claims if c.sentence == claim.sentence
                and c.quantity.kind in (QuantityKind.COUNT, QuantityKind.NUMBER, QuantityKind.AMOUNT)]


def _headcount(claim: Claim) -> Interval:
    """People counted: a whole number printed without decimals is exact (34人 is 34, not
    anything in [33.5, 34.5)); anything else stands for its printed interval."""
    q = claim.quantity
    if q.decimals == 0 and not q.approximate and q.value == q.value.to_integral_value():
        return Interval.exact(q.value)
    return Interval.of(q)
