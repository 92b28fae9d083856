"""What a report says about itself: its unit, its fiscal year, its kind."""

from __future__ import annotations

from collections import Counter

import regex

from models import DocumentMeta, ReportKind

_YEAR_TITLE = regex.compile(r"(20\d{2})\s*年度?(?:部门|单位)?(?:整体支出|决算|部门决算)")
_YEAR_ANY = regex.compile(r"(?<!\d)(20\d{2})\s*年度")
_UNIT_FIELD = regex.compile(
    r"(?:填报单位|预算单位|部门名称|部门|单位名称)(?:[(（]盖章[)）])?\s*[:：\t]\s*"
    r"([^\s\t:：]{4,30}(?:办公室|委员会|局|中心|政府|委|办|院|所|站))"
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


def unit_name(text: str) -> str | None:
    """The reporting unit, from a 填报单位/部门 field or the title lines."""
    m = _UNIT_FIELD.search(text)
    if m:
        return m.group(1)
    head = regex.sub(r"\s+|第[一二三四五六七八九十]+部分", "", text[:300])
    m = _UNIT_TITLE.search(head)
    if m:
        return m.group(1)
    for line in text[:600].split("\n")[:8]:
        m = _TITLE_LINE.match(regex.sub(r"\s+", "", line))
        if m:
            return m.group(1)
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


def read_meta(text: str) -> DocumentMeta:
    name = unit_name(text)
    return DocumentMeta(
        unit_name=name,
        unit_kind=unit_kind(name, text),
        kind=report_kind(text),
        fiscal_year=fiscal_year(text),
    )
