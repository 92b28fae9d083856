"""identity.bound: a part never exceeds its whole (data/bounds.yaml)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from importlib import resources

import yaml

from models import Claim, Finding, QuantityKind, Role, Severity

from ..arith import Interval, in_unit_of, in_wan
from ..index import ClaimIndex
from ..mentions import scaled
from ..registry import Params, Rule, register
from ..verdict import arithmetic, evidence, figure

#: the roles in which a part and its whole are both levels of one year (not changes or rates)
_LEVELS = (Role.ACTUAL, Role.BUDGET, Role.BUDGET_INITIAL, Role.PRIOR)
#: the funds 财政拨款 is made of: a part limited to one of them lies inside a 财政拨款 whole
_APPROPRIATIONS = ("一般公共预算", "政府性基金", "国有资本经营")


@cache
def bounds() -> list[dict]:
    text = resources.files("rules").joinpath("data/bounds.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _inside(part: Claim, whole: Claim) -> bool:
    """Whether `whole` covers at least the funds `part` does: an unlimited whole covers any
    part; a 财政拨款 whole covers each fund's part; otherwise the two must name one fund."""
    if whole.scope is None or whole.scope == part.scope:
        return True
    return whole.scope == "财政拨款" and part.scope in _APPROPRIATIONS


def _low(claim: Claim) -> Decimal:
    return in_wan(claim.quantity).low


def _high(claim: Claim) -> Decimal:
    return in_wan(claim.quantity).high


def _level(claim: Claim) -> bool:
    return claim.role in _LEVELS and claim.quantity.kind is QuantityKind.AMOUNT \
        and not claim.facet and not claim.quantity.approximate and claim.quantity.bound is None


#: a part this many times its whole was read in the wrong unit (元 as 万元), not overspent
_UNIT_DOUBT = 1000


def _together(part: Claim, whole: Claim) -> bool:
    """Whether part and whole are printed in one place: one table, or the narrative."""
    return part.table == whole.table


@register("identity.bound")
class Bound(Rule[Params]):
    """授予小微企业合同金额 is part of 授予中小企业合同金额, which is part of 政府采购支出总额;
    each 三公 item is part of 三公经费, and the 公务接待费 of the 基本支出 table (30217) part of
    the 三公 公务接待费. A part stated above its whole, of one year and role and within the
    whole's funds, is wrong wherever the two are printed, even sentences or tables apart.
    Where the report states either figure two ways, the reading that fits is taken (the
    smallest part against the largest whole): the other reading is value.mismatch's. Both
    figures must be read with certainty: a cell of an unrecognised table may be another row.
    Across two tables it is a warning: their units and scopes may differ unseen.

    **Anti-pattern**: 政府采购支出总额79.90万元 … 授予中小企业合同金额83.62万元.

    **Correct**: 政府采购支出总额79.90万元 … 授予中小企业合同金额73.62万元，其中授予小微企业
    合同金额41.20万元.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for pair in bounds():
            wholes = [c for c in index.by_subject.get(pair["whole"], [])
                      if _level(c) and c.code is None]
            if not wholes:
                continue
            parts: dict[tuple, list[Claim]] = defaultdict(list)
            for c in index.by_subject.get(pair["part"], []):
                if _level(c) and c.code == pair.get("part_code", c.code):
                    parts[(c.role, c.period, c.scope)].append(c)
            for (role, period, _), mentions in parts.items():
                fitting = [w for w in wholes if w.role is role and w.period == period
                           and _inside(mentions[0], w)]
                if fitting:
                    part = min(mentions, key=_low)
                    # of equal wholes, the one printed beside the part is the one it is read against
                    whole = max(fitting, key=lambda w: (_high(w), w.sentence == part.sentence))
                    yield from self._check(part, whole)

    def _check(self, part: Claim, whole: Claim) -> Iterator[Finding]:
        if not (part.reading.certain and whole.reading.certain):
            return  # far-apart figures are one part and its whole only on sure readings
        if scaled(part, whole):
            return  # one copied in the other's unit: unit.scale's finding
        if in_wan(part.quantity).low > _UNIT_DOUBT * in_wan(whole.quantity).high > 0:
            return  # 229000 against 60.89: a table's 元 read as 万元, not a part over its whole
        high = in_wan(whole.quantity).high
        ceiling = Interval(min(high, Decimal(0)), high)
        finding = arithmetic(
            self.id, self.params, "PART_EXCEEDS_WHOLE", part, in_unit_of(ceiling, part.quantity),
            f"{figure(part)} ≤ {figure(whole)}", [evidence("whole", whole)],
            whole_subject=whole.subject, whole=figure(whole),
        )
        if finding is not None and finding.severity is Severity.ERROR and not _together(part, whole):
            # two tables (30217 of the 基本支出 table, the 三公 table) may differ in unit or
            # scope in ways the reading cannot see: a part over its whole there is to check
            finding = finding.model_copy(update={"severity": Severity.WARNING})
        if finding is not None:
            yield finding
