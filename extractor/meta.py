"""What a report says about itself: its unit, its fiscal year, its kind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

import regex

from models import DateMention, DocumentMeta, ReportKind, Span, UnitField

_YEAR_TITLE = regex.compile(r"(20\d{2})\s*年度?(?:部门|单位)?(?:整体支出|决算|部门决算)")
_YEAR_ANY = regex.compile(r"(?<!\d)(20\d{2})\s*年度")
#: a unit's name: its place and body, ending as a body's name ends
_UNIT_NAME = r"(?:中共)?\p{Han}{2,30}?(?:办公室|委员会|局|中心|政府|委|办|部|院|所|站|馆|队|学校|医院)"
#: the labels of a field that names the reporting unit; 主管部门 and 实施单位 name other units
#: on purpose, so a label must not be the end of a longer word
UNIT_LABEL = r"(?<!\p{Han})(?:编制单位|填报单位|编制部门|单位名称|部门名称|预算单位|部门)"
_UNIT_FIELD = regex.compile(
    rf"(?P<label>{UNIT_LABEL})(?:[(（]盖章[)）])?[ \t]*(?:[:：]|\n?\t)[ \t]*"
    rf"(?P<name>{_UNIT_NAME})(?!\p{{Han}})"
)
_UNIT_TITLE = regex.compile(
    r"^\s*((?:中共)?[^\s\d]{2,20}?(?:委员会办公室|委办公室|人民政府办公室|政府办公室|委办|办公室))"
)

#: the place a unit's name starts with (中共柘川县, 东川市, 云浦区…), up to its level
_PLACE = regex.compile(
    r"^(?:中共)?(?:(?:(?![和与及])\p{Han}){1,6}?(?:省|自治区|市|自治州|州|盟|县|自治县|区|旗|镇|乡|街道)){1,3}")
#: a title line naming the unit before the year or the report's name
_TITLE_LINE = regex.compile(
    r"^((?:中共)?\p{Han}{2,30}?(?:委员会办公室|人民政府办公室|办公室|委员会|管理局|局|委|中心|院|所|站|厅|"
    r"学校|医院|馆|队|街道办事处|人民政府|政府))(?:(?:19|20)\d{2}年|部门|单位|整体|本级|$)"
)
#: the heading of the part that describes the reporting unit: 第一部分 桃溪县文化旅游局概况
_OVERVIEW = regex.compile(
    rf"^[ \t]*第[一二三四五六七八九十]部分[ \t:：]*(?P<name>{_UNIT_NAME})"
    r"(?:部门|单位)?(?:基本)?(?P<label>概况)[ \t]*$",
    regex.MULTILINE)
#: the year a title may open with (2017年河和市交通运输局部门整体支出绩效自评报告)
_LEADING_YEAR = regex.compile(r"^(?:19|20)\d{2}年度?")
#: the level of government and the kind of body a unit name shows (for entity checks)
_UNIT_KINDS = (
    ("区委", "区委办"),
    ("县委", "县委办"),
    ("市委", "市委办"),
    ("县人民政府", "县政府办"),
    ("县政府", "县政府办"),
    ("区人民政府", "区政府办"),
)


def fiscal_year(text: str) -> int | None:
    """The year the report is about: its title's year, else the most frequent 20XX年度."""
    head = text[:3000]
    m = _YEAR_TITLE.search(head)
    if m:
        return int(m.group(1))
    years = Counter(int(y) for y in _YEAR_ANY.findall(text))
    return years.most_common(1)[0][0] if years else None


def unit_fields(text: str, span: Callable[[int, int], Span]) -> list[UnitField]:
    """Every field that names the reporting unit (编制单位：…, 单位名称\t…, the heading of
    its 概况), in order."""
    found = [m for pattern in (_UNIT_FIELD, _OVERVIEW) for m in pattern.finditer(text)]
    return [UnitField(label=m["label"], name=m["name"], span=span(m.start("name"), m.end("name")))
            for m in sorted(found, key=lambda m: m.start())]


def title_unit(text: str) -> str | None:
    """The unit the title lines name (中共桃溪县委办公室, 桃溪县文化旅游局2021年度部门决算)."""
    head = regex.sub(r"\s+|第[一二三四五六七八九十]+部分", "", text[:300])
    m = _UNIT_TITLE.search(head)
    if m:
        return m.group(1)
    for line in text[:600].split("\n")[:8]:
        m = _TITLE_LINE.match(_LEADING_YEAR.sub("", regex.sub(r"\s+", "", line)))
        if m:
            return m.group(1)
    return None


def unit_name(text: str, fields: list[UnitField]) -> str | None:
    """The reporting unit: the name its title gives, else the name most of its 编制单位/部门
    fields give (one field a copied template changed is outvoted)."""
    if (name := title_unit(text)) is not None:
        return name
    if fields:
        return Counter(f.name for f in fields).most_common(1)[0][0]
    return None


def unit_kind(name: str | None, text: str = "") -> str | None:
    """What kind of body the unit is, from its name alone: 县委办, 区政府办…, else the name
    without its place (交通运输局, 农业农村局, 规划和自然资源局).

    Never from the body text: every county department writes 县委、县政府 somewhere.
    """
    if not name:
        return None
    for key, kind in _UNIT_KINDS:
        if key in name and name.endswith(("办公室", "办")):
            return kind
    body = _PLACE.sub("", name)
    return body if len(body) >= 2 else None


def report_kind(text: str) -> ReportKind | None:
    final = "部门决算" in text or "决算表" in text
    evaluation = bool(regex.search(r"绩效(?:自评|评价)报告", text))
    if final and evaluation:
        return ReportKind.MIXED
    if final:
        return ReportKind.FINAL_ACCOUNT
    if evaluation:
        return ReportKind.SELF_EVALUATION
    return None


#: a date as printed: 2021年8月20日, 2021年8月, 2021-08-20, 2021.8.20, 2021/8/20
_DATE = regex.compile(
    r"(?<![\d.])((?:19|20)\d{2})[ ]{0,2}(?:年[ ]{0,2}(\d{1,2})[ ]{0,2}月(?:[ ]{0,2}(\d{1,2})[ ]{0,2}[日号])?"
    r"|([-/.])(\d{1,2})\4(\d{1,2})(?![\d.]))"
)
#: a date in Chinese numerals, as signatures print it: 二〇二一年八月二十日
_CN_DATE = regex.compile(
    r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?")
_CN_DIGITS = {c: n for n, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
#: the field a date fills when it is the document's own (公开日期：…, 填报日期：…)
_DATE_LABEL = regex.compile(
    r"(?<!\p{Han})((?:公开|发布|报送|填报|编制|成文|印发)?(?:日期|时间))"
    r"(?:[(（]\p{Han}{1,4}[)）])?[ \t]*[:：]?[ \t]*$")
#: a line naming a unit (and its seal) above a signature date
_SIGNER = regex.compile(r"^[ \t]*(?:中共)?\p{Han}{3,30}(?:[(（]盖章[)）])?[ \t]*$")
#: how many non-empty lines from the end a lone date line is the signature's
_LAST_LINES = 3


def _cn_number(digits: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 三十一 → 31."""
    if "十" not in digits:
        return _CN_DIGITS.get(digits, 0)
    tens, _, ones = digits.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _own_label(text: str, start: int, end: int) -> str | None:
    """公开日期 and the like when the date fills such a field; 落款 when it stands alone on
    its line under the signer's name or among the last lines; else None."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if (m := _DATE_LABEL.search(text, line_start, start)) is not None:
        return m.group(1)
    if text[line_start:start].strip() or text[end:line_end].strip():
        return None
    before = text[:line_start].rstrip("\n").rsplit("\n", 1)[-1]
    after = [line for line in text[line_end:].split("\n") if line.strip()]
    return "落款" if _SIGNER.match(before) or len(after) < _LAST_LINES else None


def dates(text: str, span: Callable[[int, int], Span]) -> Iterator[DateMention]:
    """Every date the text prints, the document's own labelled (DateMention.label)."""
    for m in _DATE.finditer(text):
        year = int(m.group(1))
        month, day = (m.group(2), m.group(3)) if m.group(2) else (m.group(5), m.group(6))
        yield DateMention(year=year, month=int(month), day=int(day) if day else None,
                          span=span(m.start(), m.end()), label=_own_label(text, m.start(), m.end()))
    for m in _CN_DATE.finditer(text):
        year = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
        yield DateMention(year=year, month=_cn_number(m.group(2)),
                          day=_cn_number(m.group(3)) if m.group(3) else None,
                          span=span(m.start(), m.end()), label=_own_label(text, m.start(), m.end()))


def read_meta(text: str, span: Callable[[int, int], Span]) -> DocumentMeta:
    """The metadata of the normalized `text`; `span` maps its offsets to the original."""
    fields = unit_fields(text, span)
    name = unit_name(text, fields)
    return DocumentMeta(
        unit_name=name,
        unit_kind=unit_kind(name, text),
        kind=report_kind(text),
        fiscal_year=fiscal_year(text),
        unit_fields=fields,
        dates=list(dates(text, span)),
    )
