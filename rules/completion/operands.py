"""The actual and budget a completion or execution rate is computed from."""

from __future__ import annotations

from models import Claim, Link, Role

from ..index import ClaimIndex

RATE_ROLES = (Role.COMPLETION_RATE, Role.EXECUTION_RATE)


def actual_and_budget(index: ClaimIndex, claim: Claim) -> tuple[Claim, Claim] | None:
    """Narrative: the linked figures. Table: the 执行数 and 全年预算数 of the same row."""
    actual = index.linked(claim, Link.ACTUAL)
    budget = index.linked(claim, Link.BUDGET)
    if claim.table is not None and claim.row is not None:
        row = index.rows(claim.table).get(claim.row, {})
        actual = next((c for c in row.values() if c.role is Role.ACTUAL), None)
        budget = next((c for c in row.values() if c.role is Role.BUDGET), None) or next(
            (c for c in row.values() if c.role is Role.BUDGET_INITIAL), None)
    if actual is None or budget is None:
        return None
    return actual, budget
