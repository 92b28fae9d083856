"""value.mismatch: one quantity, several places, different values."""

from __future__ import annotations

from collections.abc import Iterator

from models import Claim, Finding, MismatchFinding, Role, Severity, message

from ..arith import in_wan
from ..index import ClaimIndex
from ..mentions import clusters, scaled_in, table_phrase
from ..registry import Params, Rule, register
from ..verdict import evidence, figure

_ROLE_ZH = {Role.ACTUAL: "决算数", Role.BUDGET: "预算数", Role.BUDGET_INITIAL: "年初预算数",
            Role.PRIOR: "上年数"}


class ValueParams(Params):
    min_subject_length: int = 2  # shorter subjects ("支出") are too vague to compare
    compare_table_phrases: bool = False  # compare unlisted row labels across tables


def _places(claims: list[Claim]) -> set[str]:
    """Where mentions stand: each table is one place, each sentence another."""
    return {c.table or f"sentence {c.sentence}" for c in claims}


@register("value.mismatch")
class ValueMismatch(Rule[ValueParams]):
    """The same figure (subject, role, period, column and fund scope) must have one value
    wherever it appears: narrative and narrative, narrative and table, summary and detail,
    the 决算 part and the 绩效 part.

    When most mentions agree, the others are the odd ones out and the finding says so.
    Mentions whose printed intervals meet are the same value (rounding). A difference of
    one unit of the last printed digit is a warning, more is an error.

    **Anti-pattern**: 基本支出 874.33万元 (支出决算) and 基本支出决算合计812.6万元.

    **Correct**: 项目支出118.8万元 and 项目支出118.79万元 (118.8 stands for [118.75, 118.85]).
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for (subject, _code, role, *_), claims in index.figures.items():
            if len(subject) < self.params.min_subject_length:
                continue
            if not self.params.compare_table_phrases and table_phrase(claims, index.narrative_subjects):
                continue
            groups = clusters(claims)
            if len(groups) < 2:
                continue
            groups.sort(key=len, reverse=True)
            majority = groups[0] if len(groups[0]) > len(groups[1]) else None
            reference = groups[0]
            for odd in groups[1:]:
                if len(_places(reference) | _places(odd)) < 2:
                    continue  # one table does not state one quantity twice: different rows
                if scaled_in(reference, odd[0]) is not None:
                    continue  # 元 written as 万元: unit.scale's finding
                yield self._finding(subject, role, reference, odd, majority is not None)

    def _finding(self, subject: str, role: Role, reference: list[Claim], odd: list[Claim],
                 has_majority: bool) -> MismatchFinding:
        ref_q, odd_q = reference[0].quantity, odd[0].quantity
        gap = in_wan(ref_q).distance(in_wan(odd_q))
        ulp = min(ref_q.ulp, odd_q.ulp) * ((odd_q.wan or 1) / odd_q.value if odd_q.value else 1)
        severity = Severity.WARNING if gap <= ulp * self.params.warning_ulps else Severity.ERROR
        values = "、".join(dict.fromkeys(figure(c) for c in [*reference, *odd]))
        odd_text = f"，{figure(odd[0])} 与其余 {len(reference)} 处不同" if has_majority else ""
        odd_en = f"; {figure(odd[0])} differs from the other {len(reference)}" if has_majority else ""
        text = message("VALUE_MISMATCH", subject=subject, role=role.value,
                       role_zh=_ROLE_ZH[role], values=values, odd=odd_text, odd_en=odd_en)
        return MismatchFinding(
            rule=self.id,
            severity=severity,
            message_zh=text.zh,
            message_en=text.en,
            subject=subject,
            values=[c.quantity.value for c in [*odd, *reference]],
            odd_one_out=0 if has_majority else None,
            evidence=[*(evidence("odd_one_out" if has_majority else "mention", c) for c in odd),
                      *(evidence("mention", c) for c in reference)],
        )
