"""text.repeat: a word, a date or a mark printed twice in a row (增加增加, 3月5日3月5日, 。。)."""

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

# Each pattern tries a bounded number of lengths at each position and compares the second
# half character for character, so a long line costs time in proportion to its length.

#: a phrase of 2–8 Han characters printed twice: 增加增加, 决算数大于大于 (tried at every
#: character of the text, hence `re`: see .han)
_PHRASE = re.compile(rf"({HAN}{{2,8}})\1")
#: a date, a month or a year printed twice: 3月5日3月5日, 2021年2021年
_DATE = regex.compile(r"(?<!\d)((?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?|\d{4}年)\1")
#: an amount or a rate with its unit printed twice: 41.08万元41.08万元 (bare numbers such
#: as 1010 are left alone: nothing tells a doubled figure from a figure)
_AMOUNT = regex.compile(r"(?<![\d.])(\d{1,12}(?:\.\d{1,4})?(?:万元|亿元|元|%))\1")
#: a mark printed twice, not as part of a longer run (。。。 and ，，， fill a line or a
#: table of contents; …… and —— are one mark of two characters)
_MARK = regex.compile(r"(?<![。，；、])([。，；、])\1(?![。，；、])")
#: 一项一项, 一步一步: a measure word after 一, doubled, is "one by one"
_ONE_BY_ONE = regex.compile(r"一\p{Han}")

_WHAT = {"phrase": ("词语", "a word"), "date": ("日期", "a date"),
         "amount": ("金额", "an amount"), "mark": ("标点", "a punctuation mark")}


class Repeat(NamedTuple):
    """A doubled stretch of the normalized text: where it starts, its unit's length, its kind."""

    start: int
    unit: int
    kind: str

    @property
    def end(self) -> int:
        return self.start + 2 * self.unit


class RepeatParams(Params):
    #: ABAB reduplications a report may write on purpose (研究研究: "look into it")
    reduplicated: tuple[str, ...] = ("研究", "商量", "讨论", "考虑", "琢磨", "雪白", "通红", "笔直")
    #: terms that begin with the word a subject ends with: 财政拨款支出 + 支出决算为 doubles
    #: 支出 at the seam of two terms, not by a slip
    terms: tuple[str, ...] = ("支出决算", "收入决算", "支出预算", "收入预算")


def repeats(text: str, reduplicated: frozenset[str], terms: tuple[str, ...] = ()) -> list[Repeat]:
    """The doubled words, dates, amounts and marks of `text` (normalized), by position;
    a doubled word that begins one of `terms` is the seam of two terms (支出支出决算)."""
    found: list[Repeat] = []
    for m in _PHRASE.finditer(text):
        unit = m.group(1)
        # one character doubled is a reduplicated word (常常, 人人, 层层), or a run of one
        if len(set(unit)) == 1 or unit in reduplicated or _ONE_BY_ONE.fullmatch(unit):
            continue
        if not any(t.startswith(unit) and text.startswith(t, m.end(1)) for t in terms):
            found.append(Repeat(m.start(), len(unit), "phrase"))
    found += [Repeat(m.start(), len(m.group(1)), "date") for m in _DATE.finditer(text)]
    found += [Repeat(m.start(), len(m.group(1)), "amount") for m in _AMOUNT.finditer(text)]
    found += [Repeat(m.start(), 1, "mark") for m in _MARK.finditer(text)]
    return sorted(found)


def _apart(doc: Document, r: Repeat) -> bool:
    """Whether the repeated stretch stood in pieces in the original, spaces between words
    that the normalized text dropped, while it is not spaced out character by character:
    cells or columns of a table (金额 金额, 项目  行次  金额  项目  行次  金额; a header flattened
    onto one line, 年初预算数 全年预算数 全年执行数, repeats 预算数全年 across three cells),
    where 增 加 增 加 is spaced-out text with a doubled word."""
    start = doc.offsets.to_original(r.start)
    end = doc.offsets.to_original(r.start + 2 * r.unit - 1) + 1
    pieces = doc.original[start:end].split()
    return len(pieces) > 1 and not all(len(piece) == 1 for piece in pieces)


@register("text.repeat")
class RepeatedText(Rule[RepeatParams]):
    """A word, a date, an amount or a punctuation mark printed twice in a row: 比上年增加增加
    41.08万元, 3月5日3月5日, 决算数大于大于预算数, 。。 at a sentence's end. Each is a slip of
    editing (a word typed again, a paste over a paste); a warning to correct.

    Doubling written on purpose is left alone: reduplicated words (常常, 人人, 层层, 一一,
    村村户户), 一项一项 (one by one), the ABAB reduplications of `reduplicated` (研究研究),
    bare numbers (1010), runs of three marks or more (。。。 as leaders in a 目录, ……, ——),
    the same word in two cells of a table row (项目 金额 项目 金额 read from a PDF), and the
    seam of two terms of `terms` (一般公共预算财政拨款支出支出决算为…).

    **Anti-pattern**: 2020年度本年支出合计856.46万元，比上年增加增加41.08万元。

    **Correct**: 2020年度本年支出合计856.46万元，比上年增加41.08万元。
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        doc = index.document
        params: RepeatParams = self.params  # type: ignore[assignment]
        for r in repeats(doc.text, frozenset(params.reduplicated), params.terms):
            if r.kind != "mark" and _apart(doc, r):
                continue
            span = original_span(doc, r.start, r.end)
            unit = doc.text[r.start:r.start + r.unit]
            zh, en = _WHAT[r.kind]
            yield self.structure("REPEATED", [Evidence(role="stated", span=span)], expected_text=unit,
                                 what=zh, what_en=en, unit=unit, text=span.text)
