"""direction.contradiction: a stated direction that the figures contradict."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from models import (
    Direction,
    Evidence,
    Finding,
    Link,
    Role,
)

from ..arith import in_wan
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import direction_word, evidence, figure

_DOWN = regex.compile(r"压缩开支|压缩|压减|节约|减少|下降|降低")
_UP = regex.compile(r"增加|增长|上升|提高")
_REASON = regex.compile(r"\s*(?:[一二三四五六七八九十\d]+[是、.]\s*)?(?:主要原因|原因[是为]|主要是|其原因)")
#: only these subjects' totals are claimed to be cut in prose ("压缩开支" of 三公经费…)
_WATCHED = ("三公经费", "公务接待费", "公务用车购置及运行费", "公务用车运行维护费",
            "因公出国（境）费", "机关运行经费", "会议费", "培训费", "一般性支出")


def _topic(text: str, word: int) -> str | None:
    """The watched expense the direction word at `word` is said of: the last one named before
    it ("公务用车购置及运行费…比上年减少3.19万元…压减“三公”经费" speaks of 公务用车购置及运行费,
    not of the 三公 total; "公务用车运行维护费…增加…；公务接待费…比上年减少" of 公务接待费),
    else the first named after it."""
    plain = text.replace("（", "(")
    names = [(s.replace("（", "("), s) for s in _WATCHED] + [("三公", "三公经费")]
    before = [(plain.rfind(key, 0, word), s) for key, s in names]
    found = [(at, s) for at, s in before if at >= 0]
    if found:
        return max(found)[1]
    after = [(plain.find(key, word), s) for key, s in names]
    found = [(at, s) for at, s in after if at >= 0]
    return min(found)[1] if found else None


@register("direction.contradiction")
class DirectionContradiction(Rule[Params]):
    """A sentence that says a figure went down (减少, 下降, 压缩开支, 节约) when this year's
    figure is above last year's, or up when it is below.

    Two forms: a change figure with a direction word (减少9.84万元) whose current and prior
    values say otherwise; and a sentence claiming 压缩/节约 of a watched expense (三公经费…)
    while the report's own figures for this year and last year show a rise.

    **Anti-pattern**: 三公经费管理和使用严格按财政要求压缩开支。全年“三公”经费支出26.21万元
    (2020年决算数 21.39).

    **Correct**: 公务用车运行维护费支出决算比2019年减少0.32万元.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        told: set[int] = set()  # where the words of the changes' findings stand: told once
        for change in self._changes(index):
            told.update(e.span.start for e in change.evidence if e.role in ("word", "stated"))
            yield change
        year = index.document.meta.fiscal_year
        if year is None:
            return
        for sentence_no, sentence in enumerate(index.document.sentences):
            text = sentence.span.text
            word = _DOWN.search(text)
            if word is None:
                continue
            subject = _topic(text, word.start())
            if subject is None or _REASON.match(text) or sentence.span.start + word.start() in told:
                continue  # 主要原因：…压减“三公”经费 gives a cause of the change before it
            finding = self._compare(index, subject, year, word.group(0), sentence_no,
                                    sentence.span.start + word.start(), word.group(0))
            if finding is not None:
                yield finding

    def _changes(self, index: ClaimIndex) -> Iterator[Finding]:
        """增加/减少 with a current and prior value that moved the other way."""
        for claim in index.with_role(Role.CHANGE, Role.CHANGE_RATE):
            current = index.linked(claim, Link.CURRENT)
            prior = index.linked(claim, Link.PRIOR)
            if current is None or prior is None or claim.direction is None:
                continue
            pairs = [(in_wan(c.quantity), in_wan(p.quantity))
                     for c in index.readings(current) for p in index.readings(prior)]
            rose = all(now.low > before.high for now, before in pairs)
            fell = all(now.high < before.low for now, before in pairs)
            if (claim.direction is Direction.DOWN and rose) or (
                    claim.direction is Direction.UP and fell):
                word = "减少" if claim.direction is Direction.DOWN else "增加"
                said = direction_word(index, claim)
                change = index.linked(claim, Link.CHANGE)  # 增加0.93万元，增长22.96%: both say it
                yield self.conflict(
                    "DIRECTION_CONFLICT", claim.subject,
                    [*([said] if said else []), evidence("stated", claim),
                     *([evidence("change", change)] if change else []),
                     evidence("current", current), evidence("prior", prior)],
                    word=word, prior=figure(prior), current=figure(current))

    def _compare(self, index: ClaimIndex, subject: str, year: int, word: str, sentence: int,
                 start: int, text: str) -> Finding | None:
        current = index.level(subject, year)
        prior = index.level(subject, year - 1)
        if current is None or prior is None:
            return None
        if not all(in_wan(c.quantity).low > in_wan(p.quantity).high
                   for c in index.readings(current) for p in index.readings(prior)):
            return None  # a figure the report states two ways may not have risen
        doc = index.document
        end = start + len(text)
        # 减少1.45万元: the amount the word states is quoted too
        amount = next((c for c in index.claims if c.sentence == sentence and c.role is Role.CHANGE
                       and 0 <= c.quantity.span.start - end <= 2), None)
        return self.conflict(
            "DIRECTION_CONFLICT", subject,
            [Evidence(role="stated", span=doc.span(start, end)),
             *([evidence("change", amount)] if amount else []),
             evidence("current", current), evidence("prior", prior)],
            word=word, prior=figure(prior), current=figure(current))

