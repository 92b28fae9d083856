"""Which claims are mentions of one figure: the same subject, role, period, column and fund.

`value.mismatch` reports a figure whose mentions disagree; the arithmetic rules ask the
same question the other way round (is an operand stated differently elsewhere?), so the
answer lives here, once.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from models import DRAWN, PORTION, Claim, QuantityKind, Role

from .arith import Interval, in_wan

#: the roles a figure is stated in more than once (rates and shares are derived)
ROLES = (Role.ACTUAL, Role.BUDGET, Role.BUDGET_INITIAL, Role.PRIOR)
#: the funds besides 一般公共预算 that 财政拨款 may include
_OTHER_FUNDS = ("政府性基金", "国有资本经营")
#: 三公经费 are by definition paid from 财政拨款: a scope word adds nothing to them
_FISCAL_BY_DEFINITION = {"三公经费", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费",
                         "公务用车运行维护费", "公务接待费"}

FigureKey = tuple[str, str | None, Role, int | None, str | None, str | None]


def figure_key(claim: Claim, general_is_all: bool) -> FigureKey | None:
    """What makes two amounts the same figure; None for a claim that is not one (a rate, an
    approximate or bounded amount, a claim without subject, what an item drew on a fund, a
    portion of a figure)."""
    q = claim.quantity
    if claim.role not in ROLES or q.approximate or q.bound is not None or not claim.subject:
        return None
    if q.kind is not QuantityKind.AMOUNT or claim.facet in (DRAWN, PORTION):
        return None  # (what a sentence's item drew on a fund, or some of a figure, is a part)
    scope = None if claim.subject in _FISCAL_BY_DEFINITION else claim.scope
    if scope == "一般公共预算" and general_is_all:
        scope = "财政拨款"
    return claim.subject, claim.code, claim.role, claim.period, claim.facet, scope


def general_is_all(claims: Iterable[Claim]) -> bool:
    """Whether 一般公共预算 is all of 财政拨款 here: no other fund has a figure above zero."""
    return not any(
        c.quantity.value and c.quantity.kind is QuantityKind.AMOUNT
        and any(word in f"{c.scope or ''}{c.subject}" for word in _OTHER_FUNDS)
        for c in claims)


def table_phrase(claims: Iterable[Claim], narrative_subjects: set[str]) -> bool:
    """Whether mentions are only table cells under an unlisted row label (项目总投资 means
    something else in each table), which are not compared unless asked."""
    claims = list(claims)
    return (all(c.table for c in claims) and not any(c.code for c in claims)
            and claims[0].subject not in narrative_subjects)


def clusters(claims: list[Claim]) -> list[list[Claim]]:
    """Group mentions that state the same value up to rounding.

    The most precise mentions found the groups; a less precise one (21.9) joins the group
    whose value is nearest among those it is consistent with, so 21.89 / 21.90 / 21.9 leaves
    21.89 as the odd one.
    """
    groups: list[list[Claim]] = []
    for claim in sorted(claims, key=lambda c: (-c.quantity.decimals, c.quantity.wan or 0)):
        here = in_wan(claim.quantity)
        fits = [cl for cl in groups if all(in_wan(c.quantity).meets(here) for c in cl)]
        if fits:
            wan = claim.quantity.wan or Decimal(0)
            nearest = min(fits, key=lambda cl: abs((cl[0].quantity.wan or Decimal(0)) - wan))
            nearest.append(claim)
        else:
            groups.append([claim])
    return groups


#: 元 written as 万元 (or the other way): the one slip that multiplies a figure by 10^4
UNIT_FACTOR = Decimal(10_000)


def scaled(a: Claim, b: Claim) -> bool:
    """Whether two mentions differ by exactly the factor between 元 and 万元 (on their
    printed intervals): one was copied in the other's unit.

    A 万元 figure multiplied by 10^4 keeps its printed decimals (3010.44万元 printed as
    30104400.00万元): beside a 元 table's 30,104,360.58 it is 10^4 times the figure rounded
    to those decimals, so the smaller mention is widened by half a unit of the larger's last
    printed digit (in 万元) before the two are compared."""
    if not (a.quantity.value and b.quantity.value):
        return False
    x, y = in_wan(a.quantity), in_wan(b.quantity)
    if x.scale(UNIT_FACTOR).meets(y) or y.scale(UNIT_FACTOR).meets(x):
        return True
    (big, wide), (_, small) = sorted(((a, x), (b, y)), key=lambda p: abs(p[1].mid), reverse=True)
    half = abs(wide.mid / big.quantity.value) * big.quantity.ulp / 2  # in 万元
    return wide.scale(1 / UNIT_FACTOR).meets(Interval(small.low - half, small.high + half))


def scaled_in(reference: list[Claim], odd: Claim) -> Claim | None:
    """The mention of `reference` that `odd` is 10^4 times (or a ten-thousandth) of, if any:
    a group of mentions agreeing up to rounding may hold a 元 table's cell and a 万元
    sentence, and only the sentence may be the one the slip was copied from."""
    return next((r for r in reference if scaled(r, odd)), None)
