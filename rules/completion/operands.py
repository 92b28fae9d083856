"""The actual and budget a completion or execution rate is computed from."""

from __future__ import annotations

import regex

from models import Claim, Link, QuantityKind, Reading, Role, Source

from ..index import ClaimIndex
from ..verdict import words_before

RATE_ROLES = (Role.COMPLETION_RATE, Role.EXECUTION_RATE)
#: the words right before a rate that name its budget (完成年初预算的, 为调整后预算的)
_INITIAL = regex.compile(r"年初预算数?的?\s*$")
_ADJUSTED = regex.compile(r"(?:调整后?|全年)预算数?的?\s*$")
_REACH = 12


def actual_and_budget(index: ClaimIndex, claim: Claim) -> tuple[Claim, Claim] | None:
    """Narrative: the linked figures, the budget from the report's table when the sentence
    gives none (公务接待费1.35万元，完成预算的67.50%, its 预算数 in the 三公 table). Table:
    the 执行数 and 全年预算数 of the same row."""
    actual = index.linked(claim, Link.ACTUAL)
    budget = index.linked(claim, Link.BUDGET)
    if budget is None and actual is not None and claim.table is None:
        budget = _table_budget(index, actual, _budget_roles(index, claim))
    if claim.table is not None and claim.row is not None:
        row = index.rows(claim.table).get(claim.row, {})
        actual = next((c for c in row.values() if c.role is Role.ACTUAL), None)
        budget = next((c for c in row.values() if c.role is Role.BUDGET), None) or next(
            (c for c in row.values() if c.role is Role.BUDGET_INITIAL), None)
    if actual is None or budget is None:
        return None
    return actual, budget


def _budget_roles(index: ClaimIndex, rate: Claim) -> tuple[Role, ...]:
    """The budgets a sentence's rate can be of: 完成年初预算的 only the initial one, 完成调整
    (全年) 预算的 only the adjusted one, a bare 完成预算的 either."""
    before = words_before(index, rate, _REACH)
    if _INITIAL.search(before):
        return (Role.BUDGET_INITIAL,)
    if _ADJUSTED.search(before):
        return (Role.BUDGET,)
    return (Role.BUDGET, Role.BUDGET_INITIAL)


def _table_budget(index: ClaimIndex, actual: Claim, roles: tuple[Role, ...]) -> Claim | None:
    """The one budget of `roles` a table read with certainty prints for `actual`'s subject
    and year, where that table's actual of the subject is the sentence's own figure: the
    same line of the same account. None when tables give it two budgets (年初 and 调整后) or
    none (a 预算数 column is no 年初预算 for 完成年初预算的)."""
    tables = [c for c in index.by_subject.get(actual.subject, [])
              if c.source is Source.TABLE and c.period == actual.period
              and c.reading is Reading.SCHEMA and c.quantity.kind is QuantityKind.AMOUNT]
    budgets = {c.quantity.value: c for c in tables if c.role in roles}
    same = any(c.role is Role.ACTUAL and not c.facet and c.quantity.value == actual.quantity.value
               for c in tables)
    return next(iter(budgets.values())) if same and len(budgets) == 1 else None
