"""reason.missing: an explanation announced and never given, or owed and not given."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import cn2an
import regex

from models import Claim, Evidence, Finding, Role, Severity, Source

from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import evidence

#: the words that announce an explanation (主要原因是, 原因为, 变动原因：), not 原因 as what is
#: done (对扣分指标分析原因；, 查找原因。)
_ANNOUNCE = regex.compile(r"(?<!分析|查找|查明|找出|剖析|追查|深究)原因(?:主要)?(?:是|为|在于)?[:：]?")
#: what ends an explanation that has no words: a full stop or a semicolon right after it
_STOP = "。；;"
#: a list marker at the start of a line: （三）, 三、, 3., 3、, (3)
_MARKER = regex.compile(
    r"[ \t]{0,8}(?:[（(]([一二三四五六七八九十]{1,3}|\d{1,2})[）)]|([一二三四五六七八九十]{1,3})、"
    r"|(\d{1,2})[.．、](?!\d))")
#: how many lines back the paragraph that announces the reason may have begun (PDF wrapping)
_PARAGRAPH_LINES = 6
#: any word of an explanation, for the reasons a change is owed
_EXPLAINS = regex.compile(r"原因|由于|因为|主要是|用于|系|所致")


class MissingParams(Params):
    #: a change or a gap to the budget larger than this (in percent) is owed a reason
    owed_percent: Decimal = Decimal(10)
    #: how an owed reason is reported: an announced, empty one is always a warning
    owed_severity: Severity = Severity.INFO


def _marker(line: str) -> tuple[str, int] | None:
    """The style and number of the list marker a line starts with."""
    m = _MARKER.match(line)
    if m is None:
        return None
    style = next(i for i, g in enumerate(m.groups()) if g is not None)
    paren = line.lstrip(" \t")[:1] in "（("
    raw = m.group(style + 1)
    try:
        number = int(raw) if raw.isdigit() else int(cn2an.cn2an(raw, "smart"))
    except ValueError:
        return None
    return f"{style}{paren}", number


@register("reason.missing")
class MissingReason(Rule[MissingParams]):
    """An explanation the report announces must follow: 主要原因是。, or 主要原因是： at the end
    of item (二) with item (三) on the next line, is a template never filled in (a warning).

    A figure that moved far (a change rate, or a completion rate away from 100%, by more
    than `owed_percent`) with no explanation in its sentence or the next is reported at
    `owed_severity` (info by default: many reports explain such gaps elsewhere).

    **Anti-pattern**: 决算数大于年初预算数的主要原因是。

    **Correct**: 主要原因是：\\n1.人员增加 (the reasons follow as a list).
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        yield from self._empty(index)
        yield from self._owed(index)

    def _empty(self, index: ClaimIndex) -> Iterator[Finding]:
        text = index.document.original
        for m in _ANNOUNCE.finditer(text):
            after = m.end()
            while after < len(text) and text[after] in " \t":
                after += 1
            ends = after == len(text) or text[after] in _STOP
            if not ends and not (text[after] == "\n" and self._next_item(text, m.start(), after)):
                continue
            start = max(text.rfind(w, max(0, m.start() - 4), m.start()) for w in ("主要", "原"))
            span = index.document.span(start if start >= 0 else m.start(), m.end())
            yield self.structure("REASON_MISSING", [Evidence(role="stated", span=span)])

    @staticmethod
    def _next_item(text: str, at: int, newline: int) -> bool:
        """Whether the line after `newline` starts the next item of the list the announcing
        paragraph belongs to: （二）…主要原因是：\\n（三）… ."""
        end = text.find("\n", newline + 1)
        following = _marker(text[newline + 1:None if end < 0 else end])
        if following is None:
            return False
        line_start = text.rfind("\n", 0, at) + 1
        for _ in range(_PARAGRAPH_LINES):
            own = _marker(text[line_start:at])
            if own is not None:
                return own[0] == following[0] and own[1] + 1 == following[1]
            if line_start == 0:
                return False
            line_start = text.rfind("\n", 0, line_start - 1) + 1
        return False

    def _owed(self, index: ClaimIndex) -> Iterator[Finding]:
        sentences = index.document.sentences
        limit = self.params.owed_percent
        told: set[int] = set()
        for claim in index.claims:
            if claim.source is not Source.NARRATIVE or claim.sentence is None or claim.sentence in told:
                continue
            gap = _gap(claim)
            if gap is None or gap <= limit:
                continue
            near = sentences[claim.sentence:claim.sentence + 2]
            if claim.reason is not None or any(_EXPLAINS.search(s.span.text) for s in near):
                continue
            told.add(claim.sentence)
            yield self.structure("REASON_OWED", [evidence("stated", claim)],
                                 severity=self.params.owed_severity, subject=claim.subject,
                                 gap=f"{gap:.2f}")


def _gap(claim: Claim) -> Decimal | None:
    """How far a rate says its figure moved, in percent: a change rate itself, a
    completion or execution rate's distance from 100%."""
    if claim.role is Role.CHANGE_RATE:
        return abs(claim.quantity.value)
    if claim.role in (Role.COMPLETION_RATE, Role.EXECUTION_RATE):
        return abs(claim.quantity.value - 100)
    return None
