"""text.placeholder: template text never filled in (XX局, 20××年, 202 年度, 增加（减少）)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

import regex

from models import Document, Evidence, Finding

from ..index import ClaimIndex
from ..registry import Params, Rule, register
from .han import HAN
from .spans import original_span

#: a run of X or × (or 某某) standing in for a name: XX局, ××县财政局, 编制单位：×××. A Latin
#: letter or a digit before it, or a Latin letter after it, makes it part of a code (XXL, 2××).
_MASK = regex.compile(r"(?<![A-Za-z0-9×])(?:[X×x]{2,}|某某)(?![A-Za-z])")
#: what a placeholder name is followed by when it stands for a unit, a place or a count
_NAME_END = regex.compile(
    r"单位|部门|中心|公司|学校|医院|街道|社区|项目|[省市县区州乡镇村局委办厅处科室股院所站队校馆号人个]")
#: …or for a part of a date (XX年XX月)
_DATE_END = regex.compile(r"[年月日]")
_HAN = regex.compile(r"\p{Han}")
#: the year of the template: 20XX年, 20××, 202X, and 202 年度 (a digit left out; the space
#: is gone from the normalized text). 公元前202年 is history.
_YEAR = regex.compile(
    r"(?<![\dA-Za-z.])(?:20(?:[X×x]{2}|\d[X×x]|[X×x]\d)(?![\dA-Za-z])(?:年度|年)?"
    r"|(?<!公元前|公元)20[12](?:年度|年))")
#: a date of the template: X月X日, ×月×日, 3月X日, X月5日, X年3月
_DATE = regex.compile(
    r"(?<![A-Za-z\d])(?:(?:[X×x]{1,2}|\d{1,2})月[X×x]{1,2}日|[X×x]{1,2}月\d{1,2}日"
    r"|[X×x]{1,2}年[X×x\d]{1,2}月)")
#: brackets left empty or holding the name of the field to fill in: 【】, 【单位名称】, 〔 〕
_BRACKETS = regex.compile(
    r"【[ ]{0,4}】|〔[ ]{0,4}〕|【[^【】\d\n]{0,10}?(?:名称|填写|单位|部门|日期|金额|年份)】")
#: a word and another in brackets or after a solidus: 增加(减少), 上升/下降 (full-width
#: brackets and solidus are ASCII in the normalized text)
_ALTERNATIVE = re.compile(  # tried at every Han character, hence `re`: see .han
    rf"({HAN}{{1,2}})[ ]{{0,2}}(?:\([ ]{{0,2}}({HAN}{{1,2}})[ ]{{0,2}}\)|/[ ]{{0,2}}({HAN}{{1,2}}))")

#: what each kind of placeholder stands for, for the message
_WHAT = {"name": ("名称", "a name"), "year": ("年份", "the year"), "date": ("日期", "a date"),
         "brackets": ("待填括号", "brackets to fill in"),
         "alternative": ("两种表述并存", "both alternatives left in")}


class Placeholder(NamedTuple):
    """A placeholder in the normalized text and its kind (a key of `_WHAT`)."""

    start: int
    end: int
    kind: str


class PlaceholderParams(Params):
    #: words whose two forms a template offers for the writer to keep one of
    opposites: tuple[tuple[str, str], ...] = (("增加", "减少"), ("增长", "下降"), ("上升", "下降"),
                                              ("大于", "小于"), ("高于", "低于"))


def placeholders(text: str, opposites: set[frozenset[str]]) -> Iterator[Placeholder]:
    """The placeholders of `text` in order; one inside another (the 20XX of 20XX年X月X日,
    the XX月 of XX月XX日) is given once, as the longer."""
    last_end = -1
    for p in sorted(_candidates(text, opposites), key=lambda p: (p.start, -p.end)):
        if p.start >= last_end:
            yield p
            last_end = p.end


def _candidates(text: str, opposites: set[frozenset[str]]) -> Iterator[Placeholder]:
    for m in _MASK.finditer(text):
        if (end := _NAME_END.match(text, m.end())) is not None:
            yield Placeholder(m.start(), end.end(), "name")
        elif (end := _DATE_END.match(text, m.end())) is not None:
            yield Placeholder(m.start(), end.end(), "date")
        elif (m.end() < len(text) and text[m.end()].isdigit()) or not (
                m.start() and _HAN.match(text, m.start() - 1)):
            yield Placeholder(m.start(), m.end(), "name")  # ×××2023年度…; 编制单位：×××
        # else a masked person's name, written so on purpose: 张××、李××; 王某某
    for m in _YEAR.finditer(text):
        yield Placeholder(m.start(), m.end(), "year")
    for m in _DATE.finditer(text):
        yield Placeholder(m.start(), m.end(), "date")
    for m in _BRACKETS.finditer(text):
        yield Placeholder(m.start(), m.end(), "brackets")
    for m in _ALTERNATIVE.finditer(text):
        if frozenset((m.group(1), m.group(2) or m.group(3))) in opposites:
            yield Placeholder(m.start(), m.end(), "alternative")


def _in_table(doc: Document, offset: int) -> bool:
    return any(t.start <= offset < t.end for t in doc.tables)


@register("text.placeholder")
class TemplatePlaceholder(Rule[PlaceholderParams]):
    """Template text never filled in: a name left as XX局 or ××县财政局, a year as 20XX年,
    20××年 or 202 年度 (a digit left out), a date as X月X日, brackets left as 【】 or
    【单位名称】, and an alternative left in both forms (增加（减少）, 大于（小于）, 上升/下降).

    A published report that still reads like its template was not finished; each is a
    warning. Written so on purpose and left alone: a masked person's name (张××、李××,
    王某某), X in a code or a word (XXL, X光), a single 某 (某些, 某项), a document number
    in brackets (【2021】12号), and both directions in a table's column header (增加（减少）额),
    which names the column rather than leaving a choice open.

    **Anti-pattern**: 纳入XX局2023年度部门决算编制范围的单位共2个.

    **Correct**: 纳入东岚县市场监督管理局2023年度部门决算编制范围的单位共2个.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        doc = index.document
        params: PlaceholderParams = self.params  # type: ignore[assignment]
        opposites = {frozenset(pair) for pair in params.opposites}
        for p in placeholders(doc.text, opposites):
            span = original_span(doc, p.start, p.end)
            if p.kind == "alternative" and _in_table(doc, span.start):
                continue
            zh, en = _WHAT[p.kind]
            yield self.structure("PLACEHOLDER", [Evidence(role="stated", span=span)],
                                 text=span.text, what=zh, what_en=en)
