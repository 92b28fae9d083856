"""sum.narrative: a total stated in a sentence against the parts listed under it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from models import Claim, Finding, Link, QuantityKind

from ..arith import Interval, in_unit_of, in_wan, total
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, evidence, figure, mildest
from .identity import identities

#: stated shares of a list that add up to this cover the whole
_FULL = Interval(Decimal(99), Decimal(101))


#: totals of income and spending at once: what follows 其中 is two lists, not one
_BOTH_SIDES = {"收支总计", "财政拨款收支总计"}


def _sibling(head: Claim, part: Claim) -> bool:
    """Whether `part` stands beside `head` in an identity (项目支出 after 基本支出's 人员经费 and
    公用经费): the sentence went on to the next item, it did not break `head` down."""
    return part.subject != head.subject and any(
        head.subject in rule["parts"] and part.subject in rule["parts"] for rule in identities())


def _side(subject: str) -> str | None:
    """Which side of the accounts a subject is on: income (收入, 年初结转和结余) or spending
    (支出, 年末结转和结余); None for one that names both or neither."""
    income = "收入" in subject or subject.startswith("年初")
    spending = "支出" in subject or subject.startswith("年末")
    return None if income == spending else ("income" if income else "spending")


def _other_side(head: Claim, parts: list[Claim]) -> bool:
    """Whether a part is on the other side from its head: "收入总计X，支出总计X。其中：本年收入
    合计…；本年支出合计…" lists each side's parts, not 支出总计's."""
    side = _side(head.subject)
    return side is not None and any(_side(p.subject) not in (None, side) for p in parts)


#: what a value of an asset is (账面原值 or 账面净值): parts of one are not parts of the other
_MEASURES = ("原值", "净值")


def _other_measure(head: Claim, parts: list[Claim]) -> bool:
    """Whether the parts are of another measure than their head: "固定资产原值X，账面净值Y，
    包括房屋原值A、通用设备原值B" breaks the 原值 down, not the 净值 just before the list."""
    def measure(subject: str) -> str | None:
        return next((m for m in _MEASURES if subject.endswith(m)), None)

    own = measure(head.subject)
    theirs = {measure(p.subject) for p in parts} - {None}
    return own is not None and bool(theirs) and own not in theirs


def _readings(index: ClaimIndex, head: Claim, parts: list[Claim]) -> Iterator[list[Claim]]:
    """The parts as listed; without the balances named beside them; then with one part
    replaced by each other value the report states for it (its table's 556.32 for the
    text's 565.32)."""
    yield parts
    if any(_beside(head, p) for p in parts):
        yield [p for p in parts if not _beside(head, p)]
    for i, part in enumerate(parts):
        for other in index.restatements(part):
            yield [*parts[:i], other, *parts[i + 1:]]


def _beside(head: Claim, part: Claim) -> bool:
    """Whether `part` is a carry-over balance listed after an income or a spending (财政拨款
    收入X，其中…；年初财政拨款结转和结余Y): a balance is part of a 总计 (收入总计 = 本年收入 +
    年初结转和结余), and reports that call their 总计 本年支出合计 count it in; so the list
    is read both ways."""
    balance = part.subject.startswith(("年初", "年末")) and ("结转" in part.subject or "结余" in part.subject)
    return balance and "总计" not in head.subject


@register("sum.narrative")
class NarrativeSum(Rule[Params]):
    """A total and the parts a sentence lists under it (合计 X，其中 A、B、C) must add up.

    Parts that exceed the total are always wrong. Parts that fall short are wrong only
    when the list is complete: it has a residual 其他… item, it names every part of a known
    identity (data/identities.yaml), or the shares it states for the parts add up to 100%.
    Sums are computed on printed intervals, so rounding never counts; a part the report
    states two ways is taken at the value that fits (the other is value.mismatch's).

    **Anti-pattern**: 本年收入合计1320.41万元，其中：一般公共预算财政拨款收入927.15万元，
    政府性基金预算财政拨款收入305.68万元，…其他收入0万元 (the parts add to 1232.83).

    **Correct**: 三公经费15.42万元，其中公务接待费3.43万元、公务用车11.98万元 (15.41 is
    within the rounding of three printed figures).
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        groups: dict[str, list[Claim]] = {}
        for claim in index.claims:
            head = claim.links.get(Link.TOTAL)
            if head is not None:
                groups.setdefault(head, []).append(claim)
        for head_id, parts in groups.items():
            stated = index.by_id[head_id]
            if stated.quantity.kind is not QuantityKind.AMOUNT or len(parts) < 2:
                continue
            parts = [p for p in parts if p.quantity.kind is QuantityKind.AMOUNT
                     and not p.quantity.approximate]
            finding = mildest(self._check(index, stated, reading)
                              for reading in _readings(index, stated, parts) if len(reading) > 1)
            if finding is not None:
                yield finding

    def _complete(self, index: ClaimIndex, head: Claim, parts: list[Claim]) -> bool:
        if any(p.subject.startswith("其他") for p in parts):
            return True
        named = {p.subject for p in parts}
        if any(rule["total"] == head.subject and set(rule["parts"]) <= named
               for rule in identities()):
            return True  # 三公经费: 因公出国（境）费, 公务用车购置及运行费 and 公务接待费 are all of it
        shares = [s for p in parts for s in index.shares_of.get(p.id, [])]
        if len(shares) == len(parts):
            return total(Interval.of(s.quantity) for s in shares).meets(_FULL)
        return False

    def _check(self, index: ClaimIndex, head: Claim, parts: list[Claim]) -> Finding | None:
        stated = in_wan(head.quantity)
        if head.subject in _BOTH_SIDES or _other_side(head, parts) or _other_measure(head, parts) or any(
                _sibling(head, p) or in_wan(p.quantity).meets(stated) for p in parts):
            # "收入支出总计X，其中收入…支出…" lists both sides (so does a part of the other side
            # than the head's, or of another measure); a part as large as the total is
            # the total restated; a part beside the head in an identity (项目支出 after 基本支出's
            # parts) means the sentence went on: the list is not a breakdown of the head
            return None
        expected = total(in_wan(p.quantity) for p in parts)
        if stated.meets(expected) and not self.params.report_rounding:
            return None
        if expected.high < stated.low and not self._complete(index, head, parts):
            return None  # a partial list: 其中 names only some of the parts
        return arithmetic(
            self.id, self.params, "SUM_MISMATCH", head, in_unit_of(expected, head.quantity),
            " + ".join(figure(p) for p in parts),
            [evidence("component", p) for p in parts],
            total_subject=head.subject,
        )
