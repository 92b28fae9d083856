"""score.total: 总分 against the sum of the items, and section weights against their items."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from models import ArithmeticFinding, Claim, Evidence, Finding, QuantityKind, Severity, message

from ..arith import Interval, show_interval, total
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, evidence, figure
from .table import score_tables


def _restated(index: ClaimIndex, stated: Claim) -> list[Evidence]:
    """The 总分 stated again in the text (自评得分96.90分): the same wrong figure, shown there
    too. Spans only: the finding rests on the table, however the sentence was read."""
    out = []
    for claim in index.narrative():
        q = claim.quantity
        if q.kind is not QuantityKind.SCORE or q.value != stated.quantity.value or claim.sentence is None:
            continue
        sentence = index.document.sentences[claim.sentence].span
        if _TOTAL_WORDS.search(sentence.text, 0, q.span.start - sentence.start):
            out.append(Evidence(role="restated", span=q.span, value=q.value))
    return out


#: what a sentence calls the total score it states: 自评得分96.90分, 总分为97分
_TOTAL_WORDS = regex.compile(r"得分|总分")


@register("score.total")
class ScoreTotal(Rule[Params]):
    """总分 = Σ 得分 and Σ 分值 = 100 (the 总分 row's 分值); a first-level indicator's weight
    (产出指标（50分）) = Σ 分值 of its rows. Points are exact numbers, not rounded amounts.

    **Anti-pattern**: 效益指标（30分） over rows weighted 10 + 10 + 10 + 10.

    **Correct**: 产出指标（50分）: 6 + 6 + 6 + 6 + 6 + 6 + 6 + 8.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for st in score_tables(index):
            if not st.regular:
                continue
            weights = [r.weight for r in st.rows if r.weight is not None]
            scores = [r.score for r in st.rows if r.score is not None]
            if st.total is not None:
                for stated, parts, what in ((st.total.weight, weights, ("总分分值", "total weight")),
                                            (st.total.score, scores, ("总分得分", "total score"))):
                    if stated is None or len(parts) < 2:
                        continue
                    finding = arithmetic(
                        self.id, self.params, "SCORE_TOTAL", stated,
                        total(Interval.exact(p.quantity.value) for p in parts),
                        " + ".join(figure(p) for p in parts),
                        [evidence("component", p) for p in parts], decimals=0,
                        what=what[0], what_en=what[1])
                    if finding is not None:
                        restated = _restated(index, stated) if stated is st.total.score else []
                        yield finding.model_copy(update={"severity": Severity.ERROR,
                                                         "evidence": [*finding.evidence, *restated]})
            for label, weight, members, cell in st.sections:
                parts = [r.weight for r in members if r.weight is not None]
                if not parts:
                    continue
                expected = total(Interval.exact(p.quantity.value) for p in parts)
                if expected.contains(Decimal(str(weight))):
                    continue
                msg = message("SCORE_TOTAL", what=f"{label}权重", what_en=f"weight of {label}",
                              formula=" + ".join(figure(p) for p in parts),
                              expected=show_interval(expected, 1), stated=weight)
                yield ArithmeticFinding(
                    rule=self.id, severity=Severity.ERROR, message_zh=msg.zh, message_en=msg.en,
                    formula=" + ".join(figure(p) for p in parts),
                    stated=Decimal(str(weight)), expected=expected.mid,
                    expected_low=expected.low, expected_high=expected.high,
                    evidence=[*([Evidence(role="stated", span=cell.span)] if cell.span else []),
                              *(evidence("component", p) for p in parts)],
                )
