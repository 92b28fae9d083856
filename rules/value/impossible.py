"""value.impossible: a figure no correct report can print, whatever the others say."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from models import Claim, Finding, QuantityKind, Role

from ..arith import HUNDRED, Interval
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, figure, words_before

#: levels of a year (not changes, which may be negative)
_LEVELS = (Role.ACTUAL, Role.BUDGET, Role.BUDGET_INITIAL, Role.PRIOR)
#: what a subject ends with when it is money spent or received
_FLOWS = ("支出", "收入", "经费", "费", "支出合计", "收入合计")
#: what makes a subject a balance or a difference, which may be below zero
_SIGNED = ("结余", "结转", "差额", "增减", "变动", "收支")
#: a share's whole that is not a whole the figure is part of (决算数占预算数的105%)
_NOT_A_WHOLE = ("预算", "上年", "去年", "决算", "计划", "目标", "同期")


#: words right before a share that make it a sum of the parts' printed shares, and how far
#: over 100 their rounding may take it (twenty parts each rounded up by 0.005)
_SUMMED = regex.compile(r"(?:合计|之和|总和|累计|共计)(?:为|达到?)?$")
_SUMMED_REACH = 8
_SUMMED_TOP = Decimal("100.10")


def _share_of_whole(claim: Claim) -> bool:
    """A share of a whole the sentence names, which the figure is part of."""
    base = claim.base
    return claim.role is Role.SHARE and claim.quantity.kind is QuantityKind.PERCENT \
        and base is not None and not any(w in base for w in _NOT_A_WHOLE)


def _flow(claim: Claim) -> bool:
    """An amount of a year's spending or income (本年支出合计, 公务接待费, 事业收入)."""
    subject = claim.subject
    return claim.role in _LEVELS and claim.quantity.kind is QuantityKind.AMOUNT \
        and subject.endswith(_FLOWS) and not any(w in subject for w in _SIGNED)


def _score(claim: Claim) -> bool:
    return claim.role is Role.SCORE


@register("value.impossible")
class Impossible(Rule[Params]):
    """Some figures cannot be, whatever else the report says: a share of a whole above
    100% (a part is never larger than its whole), a negative amount of a year's spending
    or income (a 决算 of spending is what was spent), a negative score. Only figures read
    with certainty are judged (a cell whose row or column was guessed may be a change);
    a share against a budget or last year (决算数占预算数的105%) is a ratio, not a part.

    Shares said to be added up (…的比重合计为100.01%) may pass 100 by their parts' rounding.

    **Anti-pattern**: 授予中小企业合同金额73.62万元，占政府采购支出总额的112.14%;
    本年支出合计-12.50万元.

    **Correct**: 授予中小企业合同金额73.62万元，占政府采购支出总额的92.14%; 比上年减少
    12.50万元.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for claim in index.claims:
            q = claim.quantity
            if not claim.reading.certain or q.approximate or q.bound is not None:
                continue
            if _share_of_whole(claim):
                # shares added up (占项目支出的比重合计为100.01%) carry each part's rounding
                summed = _SUMMED.search(words_before(index, claim, _SUMMED_REACH))
                top = _SUMMED_TOP if summed else HUNDRED
                yield from self._judge(claim, Interval(Decimal(0), top), "SHARE_OVER_WHOLE")
            elif q.value < 0 and _flow(claim):
                yield from self._judge(claim, Interval.exact(Decimal(0)), "NEGATIVE_AMOUNT")
            elif q.value < 0 and _score(claim):
                yield from self._judge(claim, Interval.exact(Decimal(0)), "NEGATIVE_SCORE")

    def _judge(self, claim: Claim, allowed: Interval, code: str) -> Iterator[Finding]:
        finding = arithmetic(self.id, self.params, code, claim, allowed, figure(claim), [],
                             base=claim.base or "")
        if finding is not None:
            yield finding
