"""The words that say what a figure is: its role, its direction, its reason.

A figure's role is decided by the *last* cue before it (the nearest one): in
"较上年决算数增加247.66万元" the nearest cue 增加 makes 247.66 a change, while in
"较上年决算数1571.11万元" the nearest cue 上年决算数 makes 1571.11 the prior value.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from models import Direction, Role

from .normalize import unwrap

# Cues for money amounts and counts, nearest wins. Order inside the alternation only
# matters for cues sharing a start; longer forms come first.
AMOUNT_CUES: list[tuple[str, Role]] = [
    # (年初预算合计 / 全年预算合计: the budget's total, not an actual 合计)
    (r"年初[^，。；,;:\d]{0,14}?预算(?:数|支出)?(?:合计|总计|总额|共计)?为?", Role.BUDGET_INITIAL),
    (r"年[初处]预算", Role.BUDGET_INITIAL),
    (r"全年预算数?(?:合计|总计|总额|共计)?|预算总?(?:收入|支出)|预算数?为?|批复|申报"
     r"|下达[^，。；]{0,6}计划|资金计划", Role.BUDGET),
    (r"上年决算数?为?|上年数|上年同期|上年度?|上一年度?|(?:19|20)\d{2}年度?(?:决算数?)?为?", Role.PRIOR),
    (r"增加|增长|减少|下降|降低|上升|提高|节约|压减|追加|减", Role.CHANGE),
    # 比预算多6.67万元, 本年支出合计比本年收入合计多21.34万元, …大于本年收入合计24.90万元: the
    # difference, not the figure compared with
    (r"[比较](?:年初|全年)?预算数?(?:多|少|超支?)|[比较][^，。；,;:\d]{1,20}?[多少](?=\s*$)"
     r"|(?:大于|高于|多于|小于|低于|少于)[^，。；,;:\d]{1,20}?(?=\s*$)", Role.CHANGE),
    (r"决算数?为?|支出|收入|执行(?:数|金额)?(?!率)|实际|共计|合计|总计|总额|完成|到位|拨付|开支|发生",
     Role.ACTUAL),
]

PERCENT_CUES: list[tuple[str, Role]] = [
    (r"占(?:比)?", Role.SHARE),
    (r"完成(?:年初)?预算(?:数)?的?|完成率|预算完成率|为(?:年初|全年)?预算(?:数)?的?", Role.COMPLETION_RATE),
    (r"执行率|到位率", Role.EXECUTION_RATE),
    (r"控制率", Role.CONTROL_RATE),
    (r"增加|增长|减少|下降|降低|上升|提高|下滑|减", Role.CHANGE_RATE),
]

_UP = regex.compile(r"增加|增长|上升|提高|追加|增|预算数?(?:多|超)|^[比较].*多$|^(?:大于|高于|多于)")
_DOWN = regex.compile(r"减少|下降|降低|下滑|节约|压减|压缩|减|预算数?少|^[比较].*少$|^(?:小于|低于|少于)")


def _compile(cues: list[tuple[str, Role]]) -> tuple[regex.Pattern[str], list[Role]]:
    pattern = regex.compile("|".join(f"({c})" for c, _ in cues))
    return pattern, [role for _, role in cues]


_AMOUNT, _AMOUNT_ROLES = _compile(AMOUNT_CUES)
_PERCENT, _PERCENT_ROLES = _compile(PERCENT_CUES)


_YEAR = regex.compile(r"(?:19|20)\d{2}")
#: one-character change words that, right before a subject, are the 加/减 of a formula
_OPERATORS = {"减"}


def last_cue(text: str, start: int, end: int, percent: bool, *,
             masked: Sequence[tuple[int, int]] = (), fiscal_year: int | None = None,
             ) -> tuple[Role, int, int] | None:
    """The role, start and end of the cue nearest before `end` within `text[start:end]`.

    Cues starting inside `masked` ranges (subject names: the 支出 of 工资福利支出) do not count, nor
    does a year that is not before the report's year. Of cues ending at the same place the
    longest wins (年初预算为 over 预算为). A cue a PDF wrapped (上年\n决算数) is read whole.
    """
    pattern, roles = (_PERCENT, _PERCENT_ROLES) if percent else (_AMOUNT, _AMOUNT_ROLES)
    best: tuple[Role, int, int] | None = None
    view, where = text, None
    if "\n" in text[start:end]:
        view, where = unwrap(text, start, end)
        start, end = 0, len(view)
    for m in pattern.finditer(view, start, end, overlapped=True):
        m_start, m_end = (where[m.start()], where[m.end() - 1] + 1) if where else m.span()
        if any(s <= m_start < e for s, e in masked):
            continue
        if m.group(0) in _OPERATORS and any(s == m_end for s, _ in masked):
            continue  # "加年初结转和结余18.2万元，减本年支出合计…": arithmetic on a subject
        assert m.lastindex is not None  # one group per cue, none inside them
        role = roles[m.lastindex - 1]
        year = _YEAR.match(m.group(0)) if role is Role.PRIOR else None
        if year and (fiscal_year is None or int(year.group(0)) >= fiscal_year):
            continue  # the report's own year is not a prior period
        if best is None or m_end > best[2] or (m_end == best[2] and m_start < best[1]):
            best = (role, m_start, m_end)
    return best


def direction(word: str) -> Direction | None:
    """Up or down, from the change word."""
    if _DOWN.search(word):
        return Direction.DOWN
    if _UP.search(word):
        return Direction.UP
    if "持平" in word:
        return Direction.FLAT
    return None


#: Where an explanation starts. The explanation runs to the end of its sentence.
REASON = regex.compile(
    r"(?:(?:变化|变动|增长|增加|减少|下降|差异|差额|增减)?的?主要原因(?:是|为|主要是)?|原因(?:是|为)"
    r"|主要是因为|主要是由于|是因为|主要是|由于|主要用于|用于)[:：]?"
)
#: Markers that enumerate causes inside an explanation: 一是…二是…, 1、…2、…
CAUSE_SPLIT = regex.compile(r"[一二三四五六七八九]是|\d[、.](?!\d)|[；;]|[①-⑳]")

#: A phrase that only points back at a subject named earlier (“该项目”, “资金”).
ANAPHORIC = regex.compile(
    r"^(?:本|该|此)?(?:项目|资金|财政|经费|费用|金额|总额|专项|款项|单位|部门)"
    r"|^(?:其中|合计|共计|实际|财政拨款)$"
    r"|^(?:调整后?|全年|年初)$"  # 调整预算为…: the budget of the subject named before, adjusted
)

_FILLER = (
    r"[①-⑳]|\d{1,2}[.、]|[(]\d{1,2}[)]|[一二三四五六七八九十]++、|[(][一二三四五六七八九十]++[)]"
    r"|年[初处][^，。；,;:\d]{0,14}?预算(?:数|为|支出)?|全年预算数?|预算数?为?|决算数?为?|支出决算为?"
    r"|与上年相比|与上年|比上年|较上年|同比|相比|上年决算数?|上年|(?:19|20)\d{2}年度?|本年度?|全年"
    r"|其中|主要|包括|具体内容|具体|分别|共计|合计|总计|共|计|为|是|达到?|约|完成|实际|执行(?:数|金额)?"
    r"|增加|增长|减少|下降|降低|上升|提高|节约|追加|支出|发生|开支|用于|拨付|到位|申报|批复|下达"
    r"|经|我办|我镇|我县|我区|我单位|本单位|本部门|根据|按照|截止|截至|各"
    r"|的|了|等|及|和|、|[,，:：\s]"
)
#: Cue and filler words stripped from both ends of a phrase before it can name a subject.
LEADING_FILLER = regex.compile(f"(?:{_FILLER})+")  # used with match(): anchored at pos
#: one filler word ending where the search ends, matched from the end backwards
_LAST_FILLER = regex.compile(f"(?r)(?:{_FILLER})$")


def trailing_filler(text: str, start: int, end: int) -> int:
    """Where the run of filler words that ends `text[start:end]` begins (`end` if none).

    Peeled one word at a time from the end: a single pattern for the whole run, searched
    forwards, was tried from every start of a long run (一一一…) and, matched backwards,
    grew quadratically with the run's length."""
    while end > start and (m := _LAST_FILLER.search(text, start, end)) is not None \
            and m.end() == end and m.start() < end:
        end = m.start()
    return end
