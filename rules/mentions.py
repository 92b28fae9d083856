"""Which claims are mentions of one figure: the same subject, role, period, column and fund.

`value.mismatch` reports a figure whose mentions disagree; the arithmetic rules ask the
same question the other way round (is an operand stated differently elsewhere?), so the
answer lives here, once.
"""

from __future__ import annotations

from collections.abc import Iterable

from models import Claim, QuantityKind, Role

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
    approximate or bounded amount, a claim without subject)."""
    q = claim.quantity
    if claim.role not in ROLES or q.approximate or q.bound is not None or not claim.subject:
        return None
    if q.kind is not QuantityKind.AMOUNT:
        return None
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
