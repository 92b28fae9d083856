"""sum.identity: the accounting identities of a final account (data/identities.yaml)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from importlib import resources

import yaml

from models import Claim, Finding, Link, QuantityKind, Source

from ..arith import in_unit_of, in_wan, total
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, consistent, evidence, figure


@cache
def identities() -> list[dict]:
    text = resources.files("rules").joinpath("data/identities.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _scopes(index: ClaimIndex) -> Iterator[list[Claim]]:
    """Claims that speak of one breakdown: a table column, or one sentence."""
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for c in index.claims:
        if c.quantity.kind not in (QuantityKind.AMOUNT, QuantityKind.NUMBER) or c.facet:
            continue
        if c.source is Source.TABLE:
            groups[("t", c.table, c.column, c.role, c.period)].append(c)
        else:
            groups[("s", c.sentence, c.role, c.period, c.scope)].append(c)
    yield from groups.values()


@register("sum.identity")
class IdentitySum(Rule[Params]):
    """基本支出 = 人员经费 + 公用经费, 三公经费 = its three parts, 本年支出合计 = 基本支出 +
    项目支出 (+ …), 收入总计 = 本年收入合计 + carry-overs: wherever a total and its parts
    are stated together, in one table column or one sentence.

    **Anti-pattern**: 基本支出 1323.56 | 人员经费 1177.8 | 公用经费 135.76.

    **Correct**: 三公经费 26.21 | 公务用车购置和维护经费 17.77 | 公务接待 8.44.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for scope in _scopes(index):
            first: dict[str, Claim] = {}
            for claim in scope:
                first.setdefault(claim.subject, claim)
            for rule in identities():
                head = first.get(rule["total"])
                if head is None or not all(p in first for p in rule["required"]):
                    continue
                parts = [first[p] for p in rule["parts"] if p in first]
                if any(p.quantity.kind is not head.quantity.kind for p in parts):
                    continue  # a figure of unknown unit beside money: no sum to trust
                if any(p.links.get(Link.TOTAL) == head.id for p in parts):
                    continue  # a 其中 list: sum.narrative checks it
                expected = total(in_wan(p.quantity) for p in parts)
                complete = len(parts) == len(rule["parts"])
                if not complete and expected.high < in_wan(head.quantity).low:
                    continue
                if consistent(head, in_unit_of(expected, head.quantity)) \
                        and not self.params.report_rounding:
                    continue
                finding = arithmetic(
                    self.id, self.params, "SUM_MISMATCH", head,
                    in_unit_of(expected, head.quantity),
                    " + ".join(figure(p) for p in parts),
                    [evidence("component", p) for p in parts], total_subject=head.subject,
                )
                if finding is not None:
                    yield finding
