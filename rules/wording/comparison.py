"""wording.comparison: 大于/小于/等于/持平 against the two figures they compare."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from enum import StrEnum

import regex

from models import (
    Claim,
    ConflictFinding,
    Direction,
    Evidence,
    Finding,
    Link,
    Message,
    QuantityKind,
    Role,
    Severity,
    Source,
    message,
)

from ..arith import HUNDRED, Interval, in_wan
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import direction_word, evidence, figure


class Relation(StrEnum):
    """What a comparison word says of the actual figure against the other one."""

    MORE = "more"
    LESS = "less"
    EQUAL = "equal"
    ABOUT = "about"  # 基本持平: equal give or take a little


_RELATIONS: dict[str, Relation] = {
    "大于": Relation.MORE, "高于": Relation.MORE, "超过": Relation.MORE, "增加": Relation.MORE,
    "小于": Relation.LESS, "低于": Relation.LESS, "减少": Relation.LESS,
    "等于": Relation.EQUAL, "相等": Relation.EQUAL, "持平": Relation.EQUAL,
    "基本持平": Relation.ABOUT, "基本相当": Relation.ABOUT, "大致持平": Relation.ABOUT,
}
_BUDGET_REF = r"(?P<budget>(?:年初|全年|调整)?预算)数?"
_PRIOR_REF = r"(?P<prior>上一?年度?|(?:19|20)\d{2}年度?)(?:决算数?|同期)?"
#: 决算数大于年初预算数; 决算数比年初预算数减少 (no figure between: with one, the claims say it)
_TO_BUDGET = regex.compile(
    r"决算数?(?:[比较]" + _BUDGET_REF + r"(?P<word>增加|减少)|(?P<word>大于|高于|超过|小于|低于|等于)"
    + _BUDGET_REF + ")")
#: 与上年持平, 与2019年决算数相比基本持平, 决算数与预算数相等
_LEVEL_WITH = regex.compile(
    r"[与和同较比](?:" + _BUDGET_REF + "|" + _PRIOR_REF + r")(?:相比|比较)?[，,]?"
    r"(?P<word>基本持平|基本相当|大致持平|持平|相等)")
#: a budget figure that a change is measured from: 比年初预算数1085.00万元增加
_FROM_BUDGET = regex.compile(r"[比较](?:年初|全年|调整)?预算数?为?$")
#: how far back in its section a comparison without figures looks for the figures it means
_REACH = 3


class ComparisonParams(Params):
    # 基本持平 holds while the two figures differ by at most this share of the larger one
    roughly_level: Decimal = Decimal("0.05")


def contradicts(relation: Relation, actual: Interval, other: Interval, tolerance: Decimal) -> bool:
    """Whether no values the printed figures stand for make the comparison true.

    大于 is wrong when the actual is surely below, or printed the same as, the other figure
    (the report then shows them equal); 等于/持平 only when they differ beyond rounding;
    基本持平 when they differ by more than `tolerance` of the larger figure.
    """
    if relation is Relation.MORE:
        return actual.high <= other.low or actual == other
    if relation is Relation.LESS:
        return actual.low >= other.high or actual == other
    if relation is Relation.EQUAL:
        return not actual.meets(other)
    larger = max(abs(actual.high), abs(other.high), abs(actual.low), abs(other.low))
    return actual.distance(other) > tolerance * larger


def _amount(claim: Claim) -> bool:
    return claim.quantity.kind is QuantityKind.AMOUNT and claim.quantity.bound is None


def _measured_from(index: ClaimIndex, budget: Claim, change: Claim) -> bool:
    """Whether `change` is stated from `budget`: 比年初预算数1085.00万元增加37.92万元, the
    budget figure introduced by 比/较 and followed by the change in the same clause."""
    doc = index.document
    start = doc.offsets.to_normalized(budget.quantity.span.start)
    end = doc.offsets.to_normalized(budget.quantity.span.end)
    stop = doc.offsets.to_normalized(change.quantity.span.start)
    return end <= stop and _FROM_BUDGET.search(doc.text, max(0, start - 8), start) is not None \
        and not any(mark in doc.text[end:stop] for mark in "，,；;。")


@register("wording.comparison")
class ComparisonWording(Rule[ComparisonParams]):
    """A comparison word (决算数大于/小于/等于年初预算数, 与上年持平/基本持平, 比年初预算数
    增加/减少) that the two figures it compares contradict: a template's word left unchanged.

    The figures are the sentence's own (决算数为X万元，比年初预算数Y万元增加…), else those of
    the sentences just before it in its section (年初预算为…，支出决算为…。决算数大于年初预算数的
    主要原因是…), else the stated figures of the subject it names ("三公"经费支出决算数小于预算数);
    with no budget figure, 完成预算的N% stands for actual / budget. Printed figures are
    intervals: 大于 is wrong only when the actual is surely smaller or printed the same,
    等于/持平 only beyond rounding, 基本持平 beyond `roughly_level` (a warning: the word is
    loose). 增加/减少 against last year are direction.contradiction's.

    **Anti-pattern**: 年初预算为120.00万元，支出决算为103.56万元。决算数大于年初预算数的主要原因是…

    **Correct**: 年初预算为120.00万元，支出决算为103.56万元。决算数小于年初预算数的主要原因是…
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        doc = index.document
        fiscal = doc.meta.fiscal_year
        for number, sentence in enumerate(doc.sentences):
            start = doc.offsets.to_normalized(sentence.span.start)
            end = doc.offsets.to_normalized(sentence.span.end)
            # a PDF wraps lines anywhere (决\n算数大于预算数): words are matched without the breaks
            joined = doc.text[start:end]
            if "决" not in joined and "平" not in joined and "相" not in joined:
                continue  # no character of the words either pattern needs (决算, 持平, 相当/相等)
            where: Sequence[int] = range(start, end)
            if "\n" in joined:
                where = [i for i in range(start, end) if doc.text[i] != "\n"]
                joined = "".join(doc.text[i] for i in where)
            for pattern in (_TO_BUDGET, _LEVEL_WITH):
                for m in pattern.finditer(joined):
                    finding = self._word(index, number, m, where, fiscal)
                    if finding is not None:
                        yield finding
        yield from self._changes(index)

    def _word(self, index: ClaimIndex, number: int, m: regex.Match[str], where: Sequence[int],
              fiscal: int | None) -> Finding | None:
        """The finding on one comparison word (`m` in the sentence's characters at normalized
        offsets `where`), if its figures contradict it."""
        doc = index.document
        to_budget = m.group("budget") is not None
        roles = (Role.BUDGET_INITIAL, Role.BUDGET) if to_budget else (Role.PRIOR,)
        period = fiscal if to_budget or fiscal is None else fiscal - 1
        span = doc.span(doc.offsets.to_original(where[m.start("word")]),
                        doc.offsets.to_original(where[m.end("word") - 1] + 1))
        word = Evidence(role="stated", span=span)
        relation = _RELATIONS[m.group("word")]
        named = self._named(index, m.string[:m.start()])
        pair = self._figures(index, number, doc.offsets.to_original(where[m.start()]), named,
                             roles, fiscal, period)
        if pair is None:
            return None
        actual, other = pair
        if other.role is Role.COMPLETION_RATE:
            rate = Interval.of(other.quantity)
            if not contradicts(relation, rate, Interval.exact(HUNDRED), self.params.roughly_level):
                return None
            msg = message("COMPARISON_RATE_CONFLICT", subject=actual.subject, word=span.text,
                          rate=other.quantity.span.text)
            return self._finding(relation, actual.subject, msg,
                                 [word, evidence("actual", actual), evidence("rate", other)])
        if not all(contradicts(relation, in_wan(a.quantity), in_wan(o.quantity),
                               self.params.roughly_level)
                   for a in index.readings(actual) for o in index.readings(other)):
            return None  # a figure the report states two ways: judged on the mention that fits
        what = ("预算数", "budget") if to_budget else ("上年数", "prior year's figure")
        msg = message("COMPARISON_CONFLICT", subject=actual.subject, word=span.text,
                      what=what[0], what_en=what[1], actual=figure(actual), other=figure(other))
        return self._finding(relation, actual.subject, msg,
                             [word, evidence("actual", actual),
                              evidence("budget" if to_budget else "prior", other)])

    def _figures(self, index: ClaimIndex, number: int, at: int, named: str | None,
                 roles: tuple[Role, ...], fiscal: int | None,
                 period: int | None) -> tuple[Claim, Claim] | None:
        """The actual figure a comparison at original offset `at` speaks of and the figure
        (or completion rate) it is compared with: in its own sentence before the word, else
        in the nearest earlier sentence of its section that states one subject's pair, else
        the table figures of the subject the sentence names."""
        doc = index.document
        section = doc.sentences[number].section
        for back in range(_REACH + 1):
            earlier = number - back
            if earlier < 0 or doc.sentences[earlier].section != section:
                break
            claims = [c for c in index.by_sentence.get(earlier, [])
                      if back or c.quantity.span.start < at]
            pairs = self._pairs(index, claims, roles, fiscal, period, named, elsewhere=not back)
            if len(pairs) > 1:
                return None  # a sentence about several subjects: which one is compared?
            if pairs:
                return pairs[0]
        if named is None:
            return None
        actual = index.level(named, fiscal, (Role.ACTUAL,), Source.TABLE)
        other = index.level(named, period, roles, Source.TABLE)
        return (actual, other) if actual is not None and other is not None else None

    def _pairs(self, index: ClaimIndex, claims: list[Claim], roles: tuple[Role, ...],
               fiscal: int | None, period: int | None, named: str | None,
               elsewhere: bool) -> list[tuple[Claim, Claim]]:
        """Each subject's (actual, other) among one sentence's `claims`: the other figure of
        the sentence, else its completion rate (against a budget), else (`elsewhere`: the
        comparison's own sentence) the subject's figure in a table: a figure elsewhere in
        the prose may be a namesake of another scope (财政拨款收入支出总计 read as 支出总计)."""
        pairs: dict[str, tuple[Claim, Claim]] = {}
        for claim in reversed(claims):
            if claim.role is not Role.ACTUAL or not _amount(claim) or claim.subject in pairs \
                    or claim.period != fiscal or (named is not None and claim.subject != named):
                continue
            same = [c for c in claims if c.subject == claim.subject and _amount(c)]
            other = next((c for role in roles for c in same
                          if c.role is role and c.period == period), None)
            if other is None and Role.PRIOR not in roles:
                other = next((c for c in claims if c.role is Role.COMPLETION_RATE
                              and c.links.get(Link.ACTUAL) == claim.id), None)
            if other is None and elsewhere:
                other = index.level(claim.subject, period, roles, Source.TABLE)
            if other is not None:
                pairs[claim.subject] = (claim, other)
        return list(pairs.values())

    @staticmethod
    def _named(index: ClaimIndex, text: str) -> str | None:
        """The longest subject with a stated actual that `text` names (quotes left out:
        “三公”经费 names 三公经费)."""
        plain = regex.sub(r"[“”\"‘’]", "", text)
        names = [s for s, claims in index.by_subject.items() if len(s) >= 2 and s in plain
                 and any(c.role is Role.ACTUAL for c in claims)]
        return max(names, key=len) if names else None

    def _changes(self, index: ClaimIndex) -> Iterator[Finding]:
        """决算数为X万元，比年初预算数Y万元增加Z万元: the direction of a change from the budget
        (a change from last year is direction.contradiction's)."""
        for claim in index.with_role(Role.CHANGE):
            current = index.linked(claim, Link.CURRENT)
            if claim.direction not in (Direction.UP, Direction.DOWN) or current is None \
                    or Link.PRIOR in claim.links or claim.sentence is None:
                continue
            budget = next((c for c in index.by_sentence.get(claim.sentence, [])
                           if c.role in (Role.BUDGET_INITIAL, Role.BUDGET) and _amount(c)
                           and c.subject == claim.subject and _measured_from(index, c, claim)),
                          None)
            word = direction_word(index, claim)
            if budget is None or word is None:
                continue
            relation = Relation.MORE if claim.direction is Direction.UP else Relation.LESS
            if not all(contradicts(relation, in_wan(c.quantity), in_wan(b.quantity),
                                   self.params.roughly_level)
                       for c in index.readings(current) for b in index.readings(budget)):
                continue
            msg = message("COMPARISON_CONFLICT", subject=claim.subject, word=word.span.text,
                          what="预算数", what_en="budget", actual=figure(current),
                          other=figure(budget))
            yield self._finding(relation, claim.subject, msg,
                                [word.model_copy(update={"role": "stated"}), evidence("change", claim),
                                 evidence("actual", current), evidence("budget", budget)])

    def _finding(self, relation: Relation, subject: str, msg: Message,
                 evidence_: list[Evidence]) -> Finding:
        """An error, or a warning for the loose 基本持平 (the rule of certainty may lower it)."""
        severity = Severity.WARNING if relation is Relation.ABOUT else Severity.ERROR
        return ConflictFinding(rule=self.id, severity=severity, message_zh=msg.zh,
                               message_en=msg.en, subject=subject, evidence=evidence_)
