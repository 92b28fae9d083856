"""reason.conflict: one change explained with different causes in different places."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from models import Claim, ConflictFinding, Evidence, Finding, Role, Severity, message

from ..index import ClaimIndex
from ..registry import Params, Rule, register
from .comparators import COMPARATORS, Verdict, taxonomy


class ReasonParams(Params):
    comparator: str = "taxonomy.v1"


def _names(keys: frozenset[str], lang: str) -> str:
    categories = taxonomy()[0]
    return "、".join(getattr(categories[k], lang) for k in sorted(keys))


@register("reason.conflict")
class ReasonConflict(Rule):
    """The same change of the same subject must not be explained by different causes.

    Explanations are compared by the causes they name (rules/data/causes.yaml: epidemic,
    reorganisation or merger, staffing, austerity, projects, policy…) through a pluggable
    comparator. Disjoint causes are a conflict; an added cause is compatible.

    **Anti-pattern**: 公务接待费…减少9.84万元，主要原因是受疫情影响 … and later 公务接待费比上年
    减少9.84万元（主要原因是县委、县政府接待处已与机关事务中心合并.

    **Correct**: 财政拨款收入…增加180.52万元，主要是因为职能增加，石峰区档案局合并 … and 财政
    拨款支出…增加180.52万元，主要是因为职能增加，石峰区档案局合并.
    """

    name = "reasons.conflicting_explanations"
    Params = ReasonParams

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        compare = COMPARATORS[self.params.comparator]  # type: ignore[attr-defined]
        groups: dict[tuple, dict[int, Claim]] = defaultdict(dict)
        for claim in index.with_role(Role.CHANGE, Role.CHANGE_RATE):
            if claim.reason is not None and claim.direction is not None:
                key = (claim.subject, claim.period, claim.direction)
                groups[key].setdefault(claim.reason.span.start, claim)
        for (subject, _period, _direction), by_reason in groups.items():
            explained = list(by_reason.values())
            for i, a in enumerate(explained):
                for b in explained[i + 1:]:
                    assert a.reason is not None and b.reason is not None
                    result = compare(a.reason.span.text, b.reason.span.text)
                    if result.verdict is not Verdict.DIFFERENT:
                        continue
                    msg = message(
                        "REASON_CONFLICT", subject=subject,
                        a=a.reason.span.text[:40], b=b.reason.span.text[:40],
                        cause_a=_names(result.causes_a, "zh"), cause_b=_names(result.causes_b, "zh"),
                        cause_a_en=_names(result.causes_a, "en"),
                        cause_b_en=_names(result.causes_b, "en"),
                    )
                    yield ConflictFinding(
                        rule=self.id,
                        severity=Severity.WARNING,
                        message_zh=msg.zh,
                        message_en=msg.en,
                        subject=subject,
                        evidence=[
                            Evidence(role="reason", span=a.reason.span, claim=a.id),
                            Evidence(role="reason", span=b.reason.span, claim=b.id),
                            Evidence(role="change", span=a.quantity.span, claim=a.id,
                                     value=a.quantity.value),
                            Evidence(role="change", span=b.quantity.span, claim=b.id,
                                     value=b.quantity.value),
                        ],
                    )
