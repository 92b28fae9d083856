"""Printed figures: money, percentages, points, counts and scores, as they appear in reports.

Scanning works on normalized text (ASCII digits, no spaces inside figures) and yields
normalized offsets; the caller maps them to the original. Chinese numerals go through
cn2an. Years, dates and phone numbers are recognised so that they are *not* taken as
figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import IntEnum

import cn2an
import regex

from models import Bound, QuantityKind

_MONEY_UNITS = {"万元": "万元", "亿元": "亿元", "千元": "千元", "元": "元", "万": "万元", "亿": "亿元"}
_COUNT_UNITS = (
    "人次|批次|场次|篇次|条次|台\\(套\\)|台套|台|套|人|名|辆|个|件|篇|次|份|项|条|页|卷|本|家|户|"
    "天|平米|平方米|间|处|期|例|所|座|册|场"
)
_MEASURE_AFTER_WAN = regex.compile(rf"(?:{_COUNT_UNITS})")

_SCAN = regex.compile(
    rf"""
    (?P<date>(?<![\d.])(?:19|20)\d{{2}}(?:[./-]\d{{1,2}}){{2}}(?![\d.]))
  | (?P<year>(?<![\d.])(?:19|20)\d{{2}})(?=年)
  | (?P<pct_cn>百分之(?P<pct_cn_num>[零〇一二三四五六七八九十百点两]+))
  | (?P<prefix>≥|≤|>=|<=|>|<|不少于|不低于|不超过|不高于|不足|约|近|逾|超过)?
    (?P<sign>[-−])?
    (?<![\d.,])(?P<num>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?)(?![\d])
    (?P<approx>余|多)?
    (?P<unit>个百分点|百分点|万元|亿元|千元|元|万|亿|%|‰|分(?![别之钟析类配])|{_COUNT_UNITS})?
    (?P<suffix>以上|以下|左右|以内)?
  | (?<![零〇一二三四五六七八九十百千万亿两])
    (?P<cn>[一二三四五六七八九十两][零〇一二三四五六七八九十百千万亿两]*[十百千万亿])
    (?P<cn_unit>万元|亿元|元|(?=以上|以下|以内))
    """,
    regex.VERBOSE,
)

class _G(IntEnum):
    """The groups of `_SCAN` by number: the regex module looks a group's name up on every
    call, which costs ten times an index, and every figure of a document asks for several."""

    DATE = 1
    YEAR = 2
    PCT_CN = 3
    PCT_CN_NUM = 4
    PREFIX = 5
    SIGN = 6
    NUM = 7
    APPROX = 8
    UNIT = 9
    SUFFIX = 10
    CN = 11
    CN_UNIT = 12


assert _SCAN.groupindex == {g.name.lower(): g.value for g in _G}

_BOUNDS = {
    "≥": Bound.GE, ">=": Bound.GE, "不少于": Bound.GE, "不低于": Bound.GE, "以上": Bound.GE,
    "≤": Bound.LE, "<=": Bound.LE, "不超过": Bound.LE, "不高于": Bound.LE, "以下": Bound.LE,
    "以内": Bound.LE, ">": Bound.GT, "超过": Bound.GT, "<": Bound.LT, "不足": Bound.LT,
}
_APPROX = {"约", "近", "逾", "余", "多", "左右"}


@dataclass(frozen=True, slots=True)
class RawFigure:
    """A figure found in normalized text, before its span is mapped to the original."""

    start: int
    end: int
    kind: QuantityKind
    value: Decimal
    decimals: int
    unit: str | None
    approximate: bool
    bound: Bound | None
    multiplier_before: bool  # "*100%" in a formula: a multiplier, not a figure


def _decimals(number: str) -> int:
    return len(number.split(".", 1)[1]) if "." in number else 0


def _from_chinese(numeral: str) -> Decimal | None:
    """cn2an for Chinese numerals; a numeral it cannot parse is not a figure."""
    try:
        return Decimal(str(cn2an.cn2an(numeral, "smart")))
    except (ValueError, KeyError, InvalidOperation, TypeError):
        return None


def scan(text: str, start: int = 0, end: int | None = None) -> list[RawFigure]:
    """All figures in `text[start:end]` (years, dates and unit-less integers excluded)."""
    figures: list[RawFigure] = []
    for m in _SCAN.finditer(text, start, len(text) if end is None else end):
        date, year, pct_cn, cn = m.group(_G.DATE, _G.YEAR, _G.PCT_CN, _G.CN)
        if date or year:
            continue
        if pct_cn:
            value = _from_chinese(m.group(_G.PCT_CN_NUM))
            if value is not None:
                figures.append(
                    RawFigure(m.start(), m.end(), QuantityKind.PERCENT, value,
                              _decimals(str(value)), "%", False, None, False)
                )
            continue
        if cn:
            value = _from_chinese(cn)
            if value is not None:
                unit = _MONEY_UNITS.get(m.group(_G.CN_UNIT) or "元", "元")
                figures.append(
                    RawFigure(m.start(), m.end(), QuantityKind.AMOUNT, value, 0, unit,
                              False, None, False)
                )
            continue
        if _garbled(text, m.start(_G.NUM), m.end(_G.NUM)):
            continue
        figure = _arabic(m, text)
        if figure is not None:
            figures.append(figure)
    return figures


#: letters OCR puts in place of digits (O and o for 0, I and l for 1)
_OCR_DIGITS = frozenset("OoIl")


def _garbled(text: str, start: int, end: int) -> bool:
    """Whether the number `text[start:end]` is part of one OCR broke, a letter standing for a
    digit beside it (1O86.42, 2.O5%, 812.4O万元): reading the digits around the letter would
    make another figure (5% for 2.O5%), so none is read; saying less beats a false value."""
    before, earlier = text[start - 1:start], text[max(start - 2, 0):max(start - 1, 0)]
    if before in _OCR_DIGITS and before and (earlier.isdigit() or earlier == "."):
        return True  # 1O|86.42
    if before == "." and earlier in _OCR_DIGITS and earlier:
        return True  # 2.O|5
    after, following = text[end:end + 1], text[end + 1:end + 2]
    if after in _OCR_DIGITS and after and (following.isdigit() or following in _OCR_DIGITS
                                           or following in (".", "%") or not following.isascii()):
        return True  # 812.4|O万元, 1|O86
    return after == "." and following in _OCR_DIGITS and following != ""  # 2|.O5


def _arabic(m: regex.Match[str], text: str) -> RawFigure | None:
    prefix, sign, number, approx, unit, suffix = m.group(
        _G.PREFIX, _G.SIGN, _G.NUM, _G.APPROX, _G.UNIT, _G.SUFFIX)
    number = number.replace(",", "")
    value = Decimal(number)
    if sign:
        value = -value
    end = m.end()
    if unit in ("万", "亿") and _MEASURE_AFTER_WAN.match(text, end):
        # "10万页": ten thousand pages, not money
        measure = _MEASURE_AFTER_WAN.match(text, end)
        assert measure is not None
        value *= 10000 if unit == "万" else 100000000
        unit, end = measure.group(0), measure.end()
        kind = QuantityKind.COUNT
    elif unit in _MONEY_UNITS:
        kind, unit = QuantityKind.AMOUNT, _MONEY_UNITS[unit]
    elif unit in ("%", "‰"):
        kind = QuantityKind.PERCENT
    elif unit in ("个百分点", "百分点"):
        kind, unit = QuantityKind.POINTS, "pp"
    elif unit == "分":
        kind = QuantityKind.SCORE
    elif unit:
        kind = QuantityKind.COUNT
    else:
        kind = QuantityKind.NUMBER
    bound = _BOUNDS.get(prefix or "") or _BOUNDS.get(suffix or "")
    approximate = bool({prefix, approx, suffix} & _APPROX)
    # The span is the figure itself; a bound or hedge before it is metadata.
    start = m.start(_G.SIGN) if sign else m.start(_G.NUM)
    multiplier = kind is QuantityKind.PERCENT and m.start() > 0 and text[m.start() - 1] in "*×"
    if suffix and unit is None and approx is None:
        end = m.start(_G.SUFFIX)
    elif suffix:
        end = m.end(_G.UNIT) if unit else m.end(_G.NUM)
    return RawFigure(start, end, kind, value, _decimals(number), unit, approximate, bound,
                     multiplier)
