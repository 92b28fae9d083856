"""Claims of the narrative, sentence by sentence.

A figure's role comes from the nearest cue before it (see `cues`); its subject from the
nearest lexicon subject in its clause, else the phrase the clause uses, else the subject
the sentence or section is about. Sentences also say how figures relate, and these
become links the rules recompute: 其中 lists (total), 占…% (whole), 增长…% (change,
current, prior), 完成预算的…% (budget, actual).
"""

from __future__ import annotations

from functools import cached_property
from itertools import pairwise

import regex

from models import (
    DRAWN,
    PORTION,
    SUBORDINATES,
    Claim,
    Link,
    QuantityKind,
    Reading,
    Reason,
    Role,
    Source,
    Span,
)
from models.classification import fold

from .. import cues
from ..numbers import RawFigure, scan
from ..segment import furniture
from .context import YEAR, Context

_CLAUSE_DELIMS = "，,；;:。"
#: what opens a list of a figure's parts: 其中, 包括, 具体构成为, 分别为…
_LIST_HEAD = regex.compile(r"其中|主要由(?!于)|具体包括|主要包括|包括|具体构成为|构成为|分别为|分项情况为")
_HEADING_SUFFIX = regex.compile(
    r"(?:绩效目标完成情况综述|绩效目标完成情况|完成情况|总体情况说明|具体情况说明|情况说明|情况)[。.]?$"
)
_HAN = regex.compile(r"\p{Han}")
_DIGIT = regex.compile(r"\d")
_CHANGE_WORD = regex.compile(r"增加|减少|追加")
#: a name in a 类/款/项 path: characters, and short bracketed parts that are no level mark
#: (政府办公厅（室）及相关机构事务)
_PATH_NAME = r"(?:[^，,。；;：:()（）\d]|[(（][^，,。；;：:()（）\d类款项]{1,3}[)）])"
#: a classification path "社会保障和就业（类）抚恤（款）死亡抚恤（项）": its last level is the subject
#: names possessive ({2,30}+): a name ends at its bracket, so giving characters back never
#: helps, and backtracking over a run of spaces (which names and \s* both match) was
#: quadratic; nor does a path start on white space, or each space of a run would scan it
_CLASS_PATH = regex.compile(
    rf"(?=\S)(?:{_PATH_NAME}{{2,30}}+[(（]类[)）])?\s*+(?:({_PATH_NAME}{{2,30}}+)[(（]款[)）])?\s*+"
    rf"(?:({_PATH_NAME}{{2,40}}+)[(（](?P<level>项|款|类)[)）])"
)
#: what every 类/款/项 path holds: most sentences have none, and are not scanned for one
_LEVEL_MARK = regex.compile(r"[(（][项款类][)）]")
#: Subjects that contain other subjects' money ("三公经费财政拨款支出" is about 三公经费).
_CONTAINERS = {"财政拨款支出", "一般公共预算财政拨款支出", "财政拨款收入", "一般公共预算财政拨款收入",
               "本年支出合计"}
#: Rate names that say how, not what: the subject is the figure's ("三公经费…预算执行率").
_GENERIC_RATES = {"预算执行率", "预算完成率", "在职人员控制率"}
#: roles of a level (not of a change or a ratio): what a 其中 list can break down
_LEVEL_ROLES = (Role.ACTUAL, Role.BUDGET, Role.BUDGET_INITIAL, Role.PRIOR, Role.COUNT)
#: funds, narrowest first: 一般公共预算财政拨款 is a part of 财政拨款, not all of it
_SCOPES = (("政府性基金", "政府性基金"), ("国有资本经营", "国有资本经营"), ("一般公共预算", "一般公共预算"),
           ("非财政拨款", "非财政拨款"), ("财政拨款", "财政拨款"), ("财政专户", "财政专户"))
#: a figure of the department's own office only, beside its consolidated totals
#: the scope of a figure of the unit's own office alone, beside the consolidated department
_OWN = "本级"
#: what stands between two values of one list: 12.80，15.06 / 1.45%、1.71% (a unit repeated)
_LIST_MARK = regex.compile(r"(?:万元|%)?(?:[，、,]|和|及)")
#: a rate's own formula right before it: A/B×100%=
_RATIO_FORMULA = regex.compile(
    r"(?P<a>\d[\d,]*(?:\.\d+)?)(?:万元)?/(?P<b>\d[\d,]*(?:\.\d+)?)(?:万元)?[×*xX]100%=$")
#: a completion rate said of the adjusted budget: 完成调整预算的99.84%, 完成全年预算的…
_OF_ADJUSTED = regex.compile(r"(?:调整后?|全年)预算(?:数)?的?$")
#: 完成全年预算8.00万元的72.50%: the budget inside the rate's own phrase, the rate after 的
_BUDGET_NAMED = regex.compile(r"完成(?:全年|年初|调整后?)?预算(?:数)?$")
_RATE_OF = regex.compile(r"\s*(?:万元|亿元|元)?\s*的")
_OWN_LEVEL = regex.compile(r"(?:机关|单位|部门)[)）]?本级|本级(?:单位)?(?:的)?(?:本年|收入|支出)")
#: what a fund's name followed by these words names: its carry-over, not its income
_QUALIFIERS = ("结转和结余", "结转结余", "结转", "结余", "总计")
#: joins a 款 and the 项 under it in a subject read from a 类/款/项 path (split into facet and
#: subject when the claim is made)
_UNDER = "\u0000"
_LIST_MARKS = frozenset(".．、) ）")  # what follows a list item's number (1. 2、 3）)
#: a figure followed by a column gap and another figure: two in a line make it a table row
_COLUMN_GAP = regex.compile(r"\d(?:[ ]{2,}|\t)(?=[-\d])")
#: a year that dates the statement it opens (2019年度财政拨款收支总计…), not a prior figure
_DATING_YEAR = regex.compile(r"(?:19|20)\d{2}年度?")
#: what makes a statement compare its year with the year before
_AGAINST_PRIOR = regex.compile(r"与上年|较上年|比上年|同比|上年决算")
#: how a clause that continues the sentence before it opens ("与上年相比，增加…")
_CONTINUES = regex.compile(
    r"\s*+(?:(?:19|20)\d{2}年度?)?\s*+(?:与上年|较上年|比上年|同比|相比|其中|年初预算|全年预算|调整预算|预算数|预算为|"
    r"支出决算|决算数|决算为|完成|全年执行|执行数|增加|减少|增长|下降|上升|持平|占)")
#: "项目支出中基本公共卫生服务1246.80万元": the figure is the part named after 中
_PART_OF = regex.compile(r"中\p{Han}{2,}")
#: a fund's name alone between a figure and the next, in brackets or after 其中: the first
#: figure's part from that fund
_FUND_WORDS = r"(?:一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?)(?:财政拨款)?"
_FUND_PART = regex.compile(
    rf"(?:万元)?(?:([（(]|[（(，,]?其中[:：]?)|[、，,]){_FUND_WORDS}(?:资金)?(?:为)?")
#: a clause that adds something besides a list: 另有20.20万元项目结余已收回
_BESIDES = regex.compile(r"[，,；;]\s*(?:[^，,；;。]{0,20}?[，,])?(?:另有|另外|此外)")
#: a fund's name and nothing else (一般公共预算财政拨款), which may qualify a noun after it
_FUND_ONLY = regex.compile(_FUND_WORDS)
#: a fund's name, whose 预算 is no budget
_FUND_NAME = regex.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")
#: a fund drawn on for what a sentence is about (使用上年结转资金26.80万元, 以事业收入安排支出
#: 18.90万元, 8个项目…涉及一般公共预算财政拨款4737.73万元): the figure is the amount drawn, a
#: part of the fund's, told apart by its facet
_DRAWN_ON = regex.compile(r"(?:使用|动用|利用|涉及|以|用)$")
#: between a 类/款/项 path and a figure, what makes the figure another than the item's
#: spending: the explanation has begun (主要原因是…25.25万元未完成支付), or a balance is
#: named (年末结转167.50万元)
_PAST_THE_ITEM = regex.compile(r"原因|由于|因为|结转|结余")
#: the units under the department named before a subject: their part of it (所属市公证处、
#: 市法律援助中心的公用经费66.52万元, 不含农业综合服务中心（事业单位）的公用经费16.36万元: not
#: the department's 公用经费)
_SUBORDINATE = regex.compile(r"(?:所属|下属|不含|不包括|不包含)[^，。；,;]{0,30}的$")
#: what makes the figure after it an amount per person, a standard, not its subject's money
_PER_HEAD = regex.compile(r"(?:人均|每人|每生|每名|每户)(?:每年|每月|每天)?$")
#: a 类 named as such right after its name (卫生健康（类）支出): the classification's 类
_CLASS_MARK = regex.compile(r"[(（]类[)）]")
#: what makes a percentage a target (低于70%的目标值, 未达到88%的年度目标, 目标值为95%)
_TARGET_AFTER = regex.compile(r"的?(?:年度|预期|绩效)?目标")
_TARGET_BEFORE = regex.compile(r"(?:目标值?|指标值)(?:为|是|:)?$")
#: between a subject and its figure, what makes the figure some of it (上年结转资金中有1.40万元)
_PORTION_OF = regex.compile(r"(?:资金|经费)?中(?:有|的|仍有|尚有)")
_RATE_ROLES = (Role.CHANGE_RATE, Role.COMPLETION_RATE, Role.EXECUTION_RATE, Role.CONTROL_RATE,
               Role.RATE)


def _figures(text: str, start: int, end: int) -> list[RawFigure]:
    out = []
    for fig in scan(text, start, end):
        if fig.multiplier_before:
            continue
        if fig.kind is QuantityKind.NUMBER and fig.decimals == 0:
            continue  # a bare integer in prose is a list number, a code or an id
        if _PER_HEAD.search(text, max(start, fig.start - 4), fig.start):
            # 补助标准由人均45元提高到50元, 按小学每生每年720元的标准: a standard per
            # person, not an amount spent
            continue
        if fig.kind is QuantityKind.PERCENT and (
                _TARGET_AFTER.match(text, fig.end, end)
                or _TARGET_BEFORE.search(text, max(start, fig.start - 6), fig.start)):
            continue  # 低于70%的目标值, 目标值为95%: the year's target, no figure of the year
        out.append(fig)
    return out


def _furniture(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where a page's number and running header stand inside `text[start:end]`."""
    if "\n" not in text[start:end]:
        return []
    out, pos = [], start
    for line in text[start:end].split("\n"):
        if furniture(line.strip()):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _clause_start(text: str, lo: int, pos: int) -> int:
    for i in range(pos - 1, lo - 1, -1):
        if text[i] in _CLAUSE_DELIMS:
            return i + 1
    return lo


#: the report's own title, a running header a page break left inside a sentence
_REPORT_TITLE = regex.compile(r"(?:19|20)\d{2}年度?(?:部门|单位)?(?:决算|报告)?$|(?:决算|报告)$")


#: a clause that names the other side of what the figure before was of (收入 → 支出)
_SIDE = regex.compile(r"收入|支出|执行")
_SIDE_NAMED = {"收入": "收入", "支出": "支出", "执行": "支出"}
_OTHER_SIDE = {"收入": "支出", "支出": "收入"}
#: the parts of spending by nature, and the totals they are the department's parts of
_NATURES = frozenset(("基本支出", "项目支出"))
#: a project named at the start of a clause (1.大气污染防治专项资金年初预算…, 科技成果转化扶持
#: 项目全年支出…): the longest run of Han characters there that ends in 项目 / 专项资金 / 专项经费,
#: before its figure, a budget or spending word or the clause's end (财政下达项目计划 is a plan)
_PROJECT_AT = regex.compile(
    r"[\s*]{0,4}(?:\d{1,2}[.、]|[(][一二三四五六七八九十\d]{1,3}[)]|[一二三四五六七八九十]{1,3}、)?"
    r"(?:其中|[一二三四五六七八九十]是)?[:,]?"
    r"(?P<name>\p{Han}[\p{Han}“”()]{1,29}(?:专项资金|专项经费|项目))"
    r"(?=[年全调预执决支资:,。;]|\s*\d|$)")
#: what a project's own name does not start with: a count, a reference or a collective
#: (三个项目, 该项目, 各项目, 其他项目, 全部项目)
_NOT_A_PROJECT = regex.compile(r"[一二三四五六七八九十两几多各该本此其全]|\p{Han}?个")
_CLAUSE_MARK = regex.compile(r"[,;:，；：\n]")
_WHOLE_SPENDING = regex.compile(r"(?:本年支出合计|支出总计|总支出|支出合计|财政拨款支出)$")
#: 分别为 right before the first of a run of figures, one for each name before it
_RESPECTIVELY = regex.compile(r"分别(?:为|是|达|占)?[:：]?$")
_NAME_JOINS = frozenset(("、", "和", "及", "与", "以及"))
#: a further name listed after a subject, before its figure: the figure is of them together
_JOINT = regex.compile(r"[^\d，,；;。]*?、\p{Han}{2,}(?![^\d]*分别)")


#: words that may stand right before 基本支出 / 项目支出 naming the department's own
_NATURE_LEAD = regex.compile(
    r"(?:本年|全年|年度|其中|部门|单位|本级|合计|总|的|为|中|是|按|占|对|在|及|和|与|以|用于|安排)$")
#: what a sentence may print after an actual, of the same thing, before its share
_BESIDE_ACTUAL = (Role.BUDGET, Role.BUDGET_INITIAL, Role.PRIOR)
#: a rate named right before its figure (发放率100%, 满意度达95%)
_OWN_RATE = regex.compile(r"\p{Han}(?:率|度)(?:为|是|达到?)?$")
#: 为 or 是 after a subject, then a phrase of its own before the figure
_NAMED_AFTER = regex.compile(r"(?:为|是)\p{Han}[^，,；;。\d]{3,}")


def fund_scope(text: str) -> str | None:
    """The funds a passage limits its figures to ("财政拨款支出…其中基本支出" is 财政拨款's)."""
    for word, name in _SCOPES:
        if word in text:
            return name
    return None


def _phrase(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The noun phrase a clause uses for its subject, without cue and filler words.

    After a change word the phrase names what changed ("增加绩效考核专项经费" → 绩效考核专项经费).
    """
    changes = list(_CHANGE_WORD.finditer(text, start, end))
    if changes and end - changes[-1].end() >= 3:
        start = changes[-1].end()
    lead = cues.LEADING_FILLER.match(text, start, end)
    if lead:
        start = lead.end()
    end = cues.trailing_filler(text, start, end)
    phrase = text[start:end].strip("“”\"()")
    if len(phrase) < 2 or cues.ANAPHORIC.search(phrase) or not _HAN.search(phrase) \
            or _REPORT_TITLE.search(phrase):
        return None
    return phrase, start, end


class NarrativeReader:
    """Claims of the narrative, sentence by sentence, with the links sentences imply."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.text = ctx.doc.text
        self.topics: dict[int, tuple[str, Span | None] | None] = {}
        self.projects: dict[int, str | None] = {}  # section -> the project it is under
        self.latest: dict[int | None, tuple[str, Span | None]] = {}
        self.latest_sentence: dict[int | None, int] = {}  # the sentence `latest` was read in
        self.paths: list[regex.Match[str]] = []  # the 类/款/项 paths of the sentence being read
        self.masked: list[tuple[int, int]] = []  # where no cue word counts (names), in it
        self.base_funds: dict[int, str] = {}  # share's offset -> the fund its base is named of
        self.fund_parts: set[int] = set()  # offsets of figures read as one fund's part of another
        self.cued: set[str] = set()
        self.sentence_end = 0  # where the sentence being read ends

    @cached_property
    def _table_items(self) -> dict[tuple[str, str], set[str]]:
        """(款 name, 项 name) → the 项 codes the report's tables print under that 款's row."""
        items: dict[tuple[str, str], set[str]] = {}
        for table in self.ctx.doc.tables:
            names = {c.code: c.row_label for c in table.cells if c.code and c.row_label}
            for code, name in names.items():
                if len(code) == 7 and (parent := names.get(code[:5])) is not None:
                    items.setdefault((fold(parent), fold(name)), set()).add(code)
        return items

    def item_code(self, section: str, item: str) -> str | None:
        """The code of the 项 `item` under the 款 `section`: from the national classification,
        else from the report's own tables (a 项 the classification shipped does not list,
        printed under its 款's row: 21205 城乡社区环境卫生 over 2120501 城乡社区环境卫生)."""
        code = self.ctx.lexicon.item_code(section, item)
        if code is not None:
            return code
        found = self._table_items.get((fold(section), fold(item)), set())
        return next(iter(found)) if len(found) == 1 else None

    def heading_topic(self, section: int) -> tuple[str, Span | None] | None:
        """What a heading says its section is about: a lexicon subject or a project name."""
        if section in self.topics:
            return self.topics[section]
        sec = self.ctx.doc.sections[section]
        topic: tuple[str, Span | None] | None = None
        cleaned = _HEADING_SUFFIX.sub("", sec.title).strip(" 。.:")
        named = cleaned.endswith("项目") and len(cleaned) >= 4
        found = self.ctx.lexicon.find(sec.title)
        path = self._class_path(0, len(sec.title), [], sec.title)
        if path is not None:
            topic = (path[0], None)
        elif found and not named:
            # 项目支出绩效自评情况说明 is about evaluating projects, whose figures are each
            # project's (该项目全年执行数X), not about the amount 项目支出: no topic
            if not sec.title.startswith("绩效", found[0][1]):
                topic = (found[0][2], None)
        elif 3 <= len(cleaned) <= 30 and not _DIGIT.search(cleaned) and not cues.ANAPHORIC.search(cleaned):
            topic = (cleaned, None)
        self.topics[section] = topic
        return topic

    def topic(self, section: int | None) -> tuple[str, Span | None] | None:
        """The subject an anaphoric figure refers to: the section's latest, else headings'."""
        if section in self.latest:
            return self.latest[section]
        while section is not None:
            found = self.heading_topic(section)
            if found is not None:
                return found
            section = self.ctx.doc.sections[section].parent
        return None

    def read(self, index: int, start: int, end: int) -> None:
        """Claims of sentence `index` spanning normalized `[start, end)`."""
        section = self.ctx.doc.sentences[index].section
        figures = _figures(self.text, start, end)
        if not figures:
            self._reason_only(index, start, end)
            return
        mentions = self.ctx.lexicon.find(self.text, start, end)
        named = self._projects(start, end, mentions)
        if named:  # 污染防治 inside 大气污染防治专项资金 names no subject: the project does
            inside = [m for m in mentions if any(s <= m[0] and m[1] <= e for s, e, _ in named)]
            mentions = sorted([m for m in mentions if m not in inside] + named)
        page = _furniture(self.text, start, end)
        if page:  # a page's number and running header inside a sentence the page broke
            mentions = [m for m in mentions if not any(s <= m[0] < e for s, e in page)]
        self.sentence_end = end
        self.paths = (list(_CLASS_PATH.finditer(self.text, start, end))
                      if _LEVEL_MARK.search(self.text, start, end) else [])
        # Cue words inside subject names do not count, except in rate names (预算执行率), nor
        # the 预算 of a fund's name (一般公共预算96.25万元 is that fund's, not a budget).
        self.masked = [(s, e) for s, e, name in mentions if not name.endswith("率")]
        self.masked += [m.span() for m in _FUND_NAME.finditer(self.text, start, end)] + page
        # A fund named before the first figure limits the whole sentence's figures, unless
        # the sentence goes on to name another (收入包括一般公共预算财政拨款收入X、政府性基金
        # 预算财政拨款收入Y: a list across funds); else the fund its section is about
        # (政府性基金预算财政拨款支出决算情况说明).
        lead = fund_scope(self.text[start:figures[0].start])
        if lead is not None and any(fund_scope(self.text[a.end:b.start]) not in (None, lead)
                                    for a, b in pairwise(figures)):
            lead = None
        section_scope = self._section_scope(section)
        project = self._project(section)
        own = _OWN_LEVEL.search(self.text, start, figures[0].start) is not None
        sentence: list[Claim] = []
        prev_end = start
        for fig in figures:
            claim = self._claim(index, section, start, prev_end, fig, mentions, sentence)
            if own:
                # 局机关本级本年支出合计 is the office's alone, not the department's total
                limit: str | None = f"{_OWN}{lead or section_scope or ''}"
            else:
                # else a fund its own clause names (年初结转和结余X，其中：财政拨款结转和结余Y
                # is the carry-over of 财政拨款, not a second figure of the whole; in 无政府性
                # 基金…收入；年初财政拨款结转和结余Y the fund before the semicolon is not Y's),
                # else the section's
                semicolon = self.text.rfind("；", prev_end, fig.start)
                own_clause = self.text[max(prev_end, semicolon + 1):fig.start]
                limit = lead or fund_scope(own_clause) or section_scope
            if limit and limit not in claim.subject:
                claim.scope = limit
            own_project = next((name for s, e, name in reversed(named) if e <= fig.start), project)
            if own_project is not None and claim.facet is None and claim.subject != own_project \
                    and self.ctx.lexicon.canonical(claim.subject) == claim.subject:
                # 上年结转资金185.40万元 under 一、城镇老旧小区改造项目 (or after the project's
                # name in its sentence) is that project's, not the department's 年初结转和结余
                claim.facet = own_project
            sentence.append(self.ctx.add(claim))
            if claim.subject:
                self.latest[section] = (claim.subject, claim.subject_span)
                self.latest_sentence[section] = index
            prev_end = fig.end
        if len({c.subject for c in sentence}) > 1:
            # a sentence about several things (其中：基本支出…，项目支出…) hands none of them on
            self.latest_sentence.pop(section, None)
        self._respectively(sentence, mentions)
        self._link(sentence, start, end, section)
        self._reason(sentence, start, end)

    def _claim(self, index: int, section: int | None, start: int, prev_end: int, fig: RawFigure,
               mentions: list[tuple[int, int, str]], sentence: list[Claim]) -> Claim:
        text = self.text
        percent = fig.kind is QuantityKind.PERCENT
        quantity = self.ctx.to_quantity(fig, implied_unit="万元")
        masked = self.masked
        fiscal = self.ctx.doc.meta.fiscal_year
        # a cue does not reach past a semicolon: in "与上年持平；公务接待费2.18万元" the 上年 is
        # the clause before's, and 2.18 is this year's
        semicolon = text.rfind("；", prev_end, fig.start)
        cue_from = prev_end if semicolon < 0 else semicolon + 1
        cue = cues.last_cue(text, cue_from, fig.start, percent, masked=masked, fiscal_year=fiscal)
        if cue is None and percent and not _OWN_RATE.search(text, cue_from, fig.start):
            # (a rate its clause names, 足额发放率100%, is that rate: no cue from before)
            cue = cues.last_cue(text, start, fig.start, percent, masked=masked,
                                fiscal_year=fiscal)
        if cue is None and percent and self._rate_of_named_budget(start, prev_end, fig, sentence):
            cue = (Role.COMPLETION_RATE, prev_end, prev_end)
        if cue is None and sentence and self._listed_after(sentence[-1], prev_end, fig):
            # 各减少12.80，15.06万元: the second value of a list is what the first is
            cue = (sentence[-1].role, prev_end, prev_end)
        role = cue[0] if cue else (Role.RATE if percent else Role.ACTUAL)
        dated = role is Role.PRIOR and cue is not None and self._opens_with_year(start, cue)
        if dated and self._compares_with_prior(fig):
            # "2019年度财政拨款收支总计2454.11万元，与上年相比，减少…" in a 2020 report: the
            # year dates the statement (a slip period.year reports), the figure is its own
            role = Role.ACTUAL
        if fig.kind is QuantityKind.POINTS:
            role = Role.CHANGE
        elif fig.kind is QuantityKind.COUNT:
            role = Role.COUNT
        elif fig.kind is QuantityKind.SCORE:
            role = Role.SCORE
        clause = _clause_start(text, start, fig.start)
        base = None
        if role is Role.SHARE and cue is not None:
            named = [m for m in mentions if cue[2] <= m[0] < fig.start]
            base = named[-1][2] if named else None
            if named and (fund := fund_scope(text[cue[2]:named[-1][0]])) is not None:
                self.base_funds[fig.start] = fund  # 占一般公共预算财政拨款项目支出的: of that fund's
        subject, subject_span, reading = self._subject(section, start, clause, prev_end, fig,
                                                       mentions, sentence, role, index, cue is not None,
                                                       base)
        facet = code = None
        if _UNDER in subject:  # a 项 named with its 款: the 款 sets it apart from its namesakes
            facet, subject = subject.split(_UNDER, 1)
            code = self.item_code(facet, subject)
            if code is not None:
                facet = None  # its code does, as its table row's: the two are one figure
        elif subject_span is not None and _DRAWN_ON.search(
                text, start, self.ctx.doc.offsets.to_normalized(subject_span.start)):
            facet = DRAWN  # what was drawn on that fund for the sentence's item, a part of it
        elif subject_span is not None and _CLASS_MARK.match(
                text, self.ctx.doc.offsets.to_normalized(subject_span.end)):
            code = self.ctx.lexicon.class_code(subject)  # 卫生健康（类）支出X: the 类 210's
        elif subject_span is not None and _PORTION_OF.fullmatch(
                text, self.ctx.doc.offsets.to_normalized(subject_span.end), fig.start):
            facet = PORTION  # 上年结转资金中有1.40万元: some of the carry-over, not all of it
        elif subject_span is not None and _SUBORDINATE.search(
                text, clause, self.ctx.doc.offsets.to_normalized(subject_span.start)):
            facet = SUBORDINATES  # 所属市公证处的公用经费: those units' part, not the whole's
        if dated or self._in_loose_row(fig):
            reading = Reading.CONTEXT
        if cue is None and (percent or fig.unit is None) and reading in (Reading.PATTERN,
                                                                         Reading.PHRASE):
            # a percentage without a cue word (what rate is it?), a bare number (a table cell
            # that lost its table?): the figure may be right, its reading is not sure
            reading = Reading.CONTEXT
        year = YEAR.search(text, clause, fig.start)
        period = fiscal
        if year:
            period = int(year.group(1))
        elif role is Role.PRIOR and period is not None:
            period -= 1
        direction = None
        if cue and role in (Role.CHANGE, Role.CHANGE_RATE):
            direction = cues.direction(text[cue[1]:cue[2]])
        claim = Claim.trusted(  # built from checked parts: no need to validate again
            id=self.ctx.new_id(),
            subject=subject,
            subject_span=subject_span,
            code=code,
            role=role,
            period=period,
            quantity=quantity,
            direction=direction,
            base=base,
            facet=facet,
            source=Source.NARRATIVE,
            reading=reading,
            sentence=index,
            section=section,
        )
        if cue is not None:
            self.cued.add(claim.id)
        return claim

    def _formula(self, rate: Claim, before: list[Claim], start: int) -> bool:
        """A rate printed as its own formula (…=1930.50/2000.00×100%=96.53%): the figure
        over the bar is the actual, the one under it the budget, whatever words stand before
        them (全年执行数/全年预算数 puts 全年预算数 right before 1930.50)."""
        at = self._norm_start(rate)
        m = _RATIO_FORMULA.search(self.text, max(start, at - 60), at)
        if m is None:
            return False
        by_start = {self._norm_start(c): c for c in before}
        actual, budget = by_start.get(m.start("a")), by_start.get(m.start("b"))
        if actual is None or budget is None:
            return False
        actual.role, budget.role = Role.ACTUAL, Role.BUDGET
        # the formula says what each figure is: read with certainty, whatever their subject
        actual.reading = budget.reading = Reading.PATTERN
        rate.links[Link.ACTUAL], rate.links[Link.BUDGET] = actual.id, budget.id
        return True

    def _listed_after(self, previous: Claim, prev_end: int, fig: RawFigure) -> bool:
        """Whether `fig` is the next value of a list `previous` opened: only a list mark
        between them (12.80，15.06 or 1.45%、1.71%), and of the same kind."""
        between = self.text[prev_end:fig.start]
        return previous.quantity.kind is fig.kind and _LIST_MARK.fullmatch(between) is not None \
            and previous.role is not Role.ACTUAL

    def _runs(self, sentence: list[Claim]) -> list[list[Claim]]:
        """The sentence's figures in runs of one role printed one after the other (12.80，
        15.06万元 / 1.45%、1.71%)."""
        runs: list[list[Claim]] = []
        for claim in sentence:
            last = runs[-1][-1] if runs else None
            if last is not None and last.role is claim.role and \
                    _LIST_MARK.fullmatch(self.text[self._norm_end(last):self._norm_start(claim)]):
                runs[-1].append(claim)
            else:
                runs.append([claim])
        return runs

    def _respectively(self, sentence: list[Claim], mentions: list[tuple[int, int, str]]) -> None:
        """人员经费、公用经费分别为A、B万元: A is 人员经费's and B 公用经费's (the name nearest to
        both figures is the second's only). Only names joined by 、 和 及 与 right before 分别,
        as many as the figures."""
        for run in self._runs(sentence):
            if len(run) < 2:
                continue
            at = self._norm_start(run[0])
            cue = _RESPECTIVELY.search(self.text, max(0, at - 6), at)
            if cue is None:
                continue
            names = [m for m in mentions if m[1] <= cue.start()][-len(run):]
            if len(names) < len(run) or cue.start() - names[-1][1] > 2 or any(
                    self.text[a[1]:b[0]] not in _NAME_JOINS for a, b in pairwise(names)):
                continue
            for claim, (s, e, name) in zip(run, names, strict=True):
                claim.subject, claim.subject_span = name, self.ctx.to_span(s, e)
                claim.reading = Reading.PATTERN

    def _pair_runs(self, sentence: list[Claim]) -> set[str]:
        """收、支总计各是A，B万元…各减少C，D万元，各下降E%、F%: parallel lists, linked by
        position (E is C over A's prior, F is D over B's). The ids of the rates and changes
        so linked (their nearest-figure links would cross the lists)."""
        runs = self._runs(sentence)
        done: set[str] = set()
        for i, run in enumerate(runs):
            if len(run) < 2 or run[0].role not in (Role.CHANGE, Role.CHANGE_RATE):
                continue
            earlier = runs[:i]
            levels = next((r for r in reversed(earlier) if len(r) == len(run)
                           and r[0].role is Role.ACTUAL), None)
            changes = next((r for r in reversed(earlier) if len(r) == len(run)
                            and r[0].role is Role.CHANGE), None) if run[0].role is Role.CHANGE_RATE else None
            for k, claim in enumerate(run):
                if levels is not None:
                    claim.links[Link.CURRENT] = levels[k].id
                if changes is not None:
                    claim.links[Link.CHANGE] = changes[k].id
                done.add(claim.id)
        return done

    def _closed_since(self, claim: Claim, at: int) -> bool:
        """Whether `claim` stood inside a bracket that closes before normalized `at`."""
        between = self.text[self._norm_end(claim):at]
        depth = 0
        for ch in between:
            if ch in "(（":
                depth += 1
            elif ch in ")）":
                depth -= 1
                if depth < 0:
                    return True
        return False

    def _rate_of_named_budget(self, start: int, prev_end: int, fig: RawFigure,
                              sentence: list[Claim]) -> bool:
        """Whether a percentage follows 完成…预算X万元的: the completion rate of the budget
        the phrase names (完成全年预算8.00万元的72.50%)."""
        if not sentence or sentence[-1].role not in (Role.BUDGET, Role.BUDGET_INITIAL):
            return False
        if not _RATE_OF.fullmatch(self.text, prev_end, fig.start):
            return False
        budget_start = self._norm_start(sentence[-1])
        return _BUDGET_NAMED.search(self.text, max(start, budget_start - 8), budget_start) is not None

    def _in_loose_row(self, fig: RawFigure) -> bool:
        """Whether the figure stands in a line of figures spaced into columns (合计   1028.92
        700.93  327.99): a table row no table reader took, whose subject a sentence pattern
        cannot tell."""
        start = self.text.rfind("\n", 0, fig.start) + 1
        end = self.text.find("\n", fig.end)
        gaps = _COLUMN_GAP.findall(self.text, start, len(self.text) if end < 0 else end)
        return len(gaps) >= 2

    def _opens_with_year(self, start: int, cue: tuple[Role, int, int]) -> bool:
        """Whether a prior-year cue is a bare year that opens its sentence (2017年度一般公共预算
        财政拨款支出…): a statement dated the year before, or a slip for this year; either
        way its figure is not surely a prior-year figure."""
        if not _DATING_YEAR.fullmatch(self.text, cue[1], cue[2]):
            return False
        opening = self.text[start:cue[1]].strip(" \t（）()、.．一二三四五六七八九十0123456789")
        return len(opening) <= 3

    def _compares_with_prior(self, fig: RawFigure) -> bool:
        """Whether the sentence goes on to compare with the year before (与上年相比): then the
        year that opens it is the statement's own, not the figure's role."""
        stop = self.text.find("。", fig.end, self.sentence_end)
        end = self.sentence_end if stop < 0 else stop
        return _AGAINST_PRIOR.search(self.text, fig.end, end) is not None

    def _mention(self, local: list[tuple[int, int, str]], fig: RawFigure) -> tuple[str, Span] | None:
        """The subject a clause names: the last lexicon mention, seen through containers."""
        if not local:
            return None
        s, e, name = local[-1]
        if name in _CONTAINERS and len(local) > 1 and local[-2][1] == s:
            s, e, name = local[-2]
        if _PART_OF.match(self.text, e, fig.start):
            return None  # the subject is the phrase after 中, not the whole it is part of
        if _JOINT.match(self.text, e, fig.start):
            return None  # 征地和拆迁补偿、土地开发支出X: the figure of both, not of the first
        if name in _NATURES and _HAN.match(self.text, s - 1) and not _NATURE_LEAD.search(
                self.text, max(0, s - 12), s) and fund_scope(self.text[max(0, s - 12):s]) is None:
            return None  # 老旧小区改造项目支出X: that project's spending, not all 项目支出
        if _FUND_ONLY.fullmatch(self.text, s, e) and len(_HAN.findall(
                self.text, e, cues.trailing_filler(self.text, e, fig.start))) >= 2:
            return None  # 一般公共预算财政拨款项目资金X: that fund's 项目资金, not its income
        if _NAMED_AFTER.fullmatch(self.text, e, fig.start):
            return None  # 事业收入为第一中学住宿费等收费收入X: of what 为 names, a part of it
        qualifier = next((q for q in _QUALIFIERS if self.text.startswith(q, e)), None)
        if qualifier is not None and e + len(qualifier) <= fig.start and not name.endswith(qualifier):
            # "一般公共预算财政拨款结转35万元" is that fund's carry-over, not its income
            e += len(qualifier)
            return self.text[s:e], self.ctx.to_span(s, e)
        if self.text.startswith("经费", e) and e + 2 <= fig.start:
            return self.text[s:e + 2], self.ctx.to_span(s, e + 2)  # 档案馆 + 经费
        return name, self.ctx.to_span(s, e)

    def _subject(self, section: int | None, start: int, clause: int, prev_end: int,
                 fig: RawFigure, mentions: list[tuple[int, int, str]], sentence: list[Claim],
                 role: Role, sentence_index: int, cued: bool,
                 base: str | None = None) -> tuple[str, Span | None, Reading]:
        """The figure's subject, and how surely: named in its clause (or the clause that
        introduces it, or by the figure it follows in the sentence) is a pattern reading; a
        phrase, an earlier mention or the section's topic is context. A share's subject is
        the amount before it, unless that amount is the base it names ("A 180.95万元，占
        政府采购支出总额197.56万元的63.28%" is A's share)."""
        if role is Role.ACTUAL and self._fund_part(sentence, prev_end, fig):
            head = sentence[-1]
            return head.subject, head.subject_span, head.reading
        if role is Role.SHARE and sentence:
            amounts = [c for c in sentence if c.role is not Role.SHARE]
            if base is not None and len(amounts) > 1 and amounts[-1].subject == base:
                amounts.pop()
            if amounts:
                return amounts[-1].subject, amounts[-1].subject_span, Reading.PATTERN
        path = self._class_path(start, fig.start, mentions)
        if path is not None:
            return path
        lo = max(clause, prev_end)
        local = [m for m in mentions if lo <= m[0] and m[1] <= fig.start]
        if role is Role.SHARE:
            local = [m for m in local if not self.text[lo:m[0]].endswith(("占", "占比"))]
        if role in _RATE_ROLES:
            # "在职人员控制率:在职98人/编制110人*100%=90.9%" defines the rate it states.
            defined = [m for m in mentions if m[1] <= fig.start and m[2].endswith("率")
                       and self.text[m[1]:m[1] + 1] in (":", "=")]
            if defined:
                s, e, name = defined[-1]
                return name, self.ctx.to_span(s, e), Reading.PATTERN
            # 在职人员控制率 printed in full names its own subject (after 编制36人 it is not
            # the posts' rate); a bare 控制率 or 预算执行率 is of what the sentence is about
            specific = [m for m in local if m[2] not in _GENERIC_RATES
                        or self.text.startswith("在职", m[0])]
            if specific or sentence:
                local = specific
        found = self._mention(local, fig)
        if found is not None:
            return (*found, Reading.PATTERN)
        use_phrase = role not in _RATE_ROLES or role is Role.RATE or (
            role is Role.CHANGE_RATE and not sentence)
        if use_phrase and (phrase := _phrase(self.text, lo, fig.start)) is not None:
            name, s, e = phrase
            return self.ctx.lexicon.canonical(name) or name, self.ctx.to_span(s, e), Reading.PHRASE
        if lo == clause and clause > start:
            # "…行政运行支出（项）:支出决算为372.14万元": the subject is in the clause before.
            previous = _clause_start(self.text, start, clause - 1)
            if previous >= prev_end:
                earlier = [m for m in mentions if previous <= m[0] and m[1] <= clause]
                found = self._mention(earlier, fig)
                if found is not None:
                    return (*found, Reading.PATTERN)
                if use_phrase and (phrase := _phrase(self.text, previous, clause - 1)):
                    name, s, e = phrase
                    return (self.ctx.lexicon.canonical(name) or name, self.ctx.to_span(s, e),
                            Reading.PHRASE)
        if sentence:
            if role in (Role.COMPLETION_RATE, Role.EXECUTION_RATE):
                # "…支出决算为15.23万元，完成预算的84.64%": the actual just before it
                head = next((c for c in reversed(sentence) if c.role is Role.ACTUAL), sentence[-1])
                return head.subject, head.subject_span, head.reading
            initial = next((c for c in reversed(sentence) if c.role is Role.BUDGET_INITIAL), None)
            if role is Role.BUDGET and initial is not None:
                # X年初预算A，追加B，加上上年结转资金C，全年预算D: D is X's budget, not C's
                return initial.subject, initial.subject_span, initial.reading
            # the figure before it, not one in a bracket closed since (收入总计X万元（含年初结转
            # 和结余Y万元），较上年增长R%: the rate is the 收入总计's)
            last = next((c for c in reversed(sentence[-4:]) if not self._closed_since(c, fig.start)),
                        sentence[-1])  # a few figures back at most: linear on a long line
            side = _SIDE.search(self.text, lo, fig.start)
            named = _SIDE_NAMED[side.group()] if side else None
            if named and last.subject.endswith(_OTHER_SIDE[named]):
                # "…基金收入200万元，支出180万元" (or 全年执行数): the spending of it, not a
                # second income
                other = last.subject[:-2] + named
                known = self.ctx.lexicon.canonical(other)
                return (known, None, Reading.PATTERN) if known else (other, None, Reading.CONTEXT)
            return last.subject, last.subject_span, last.reading
        earlier = [m for m in mentions if m[1] <= fig.start]
        if earlier:
            s, e, name = earlier[-1]
            return name, self.ctx.to_span(s, e), Reading.TOPIC if cued else Reading.CONTEXT
        if role is Role.ACTUAL and self.text[lo:fig.start].rstrip("为是:").endswith(("决算支出", "总支出")):
            # "经批复的决算支出为2140万元": the whole year's spending
            return "本年支出合计", None, Reading.CONTEXT
        topic = self.topic(section)
        if topic is None:
            return "", None, Reading.GUESS
        # "收入总计522.47万元。与上年相比，增加197.95万元": the sentence just before names it;
        # "1.一般公共服务（类）。年初预算为…": so does the heading of a section that names
        # no other subject before it.
        follows = sentence_index - 1 == self.latest_sentence.get(section, -2) \
            and _CONTINUES.match(self.text, clause, fig.start) is not None
        headed = section is not None and section not in self.latest and self._names(section)
        if not cued:
            return (*topic, Reading.CONTEXT)
        return (*topic, Reading.PATTERN if follows or headed else Reading.TOPIC)

    def _fund_part(self, sentence: list[Claim], prev_end: int, fig: RawFigure) -> bool:
        """Whether the figure is the part from one fund of the figure before it, a fund's
        name alone between them: 年初财政拨款结转和结余111.85万元（一般公共预算96.25万元、政府
        性基金15.60万元）. The fund is the scope its clause names. A list of funds outside
        brackets or 其中 (一般公共预算财政拨款A，政府性基金B) is of siblings."""
        if not sentence:
            return False
        part = _FUND_PART.fullmatch(self.text, prev_end, fig.start)
        if part is None or not (part.group(1) or self._norm_start(sentence[-1]) in self.fund_parts):
            return False
        self.fund_parts.add(fig.start)
        return True

    def _class_path(self, start: int, pos: int, mentions: list[tuple[int, int, str]],
                    text: str | None = None) -> tuple[str, Span | None, Reading] | None:
        """The deepest level of the last 类/款/项 path before `pos` (in the sentence, or in
        `text`, a heading), when no other subject is named between it and the figure: a 项
        figure is about its 项, not the 类 the path starts with. A 项 named without its 款
        is one of namesakes (行政运行 is a 项 of many 款): Reading.NAMESAKE."""
        source = self.text if text is None else text
        if text is None:  # the sentence's paths, found once in `read`
            last = next((m for m in reversed(self.paths) if m.start() >= start and m.end() <= pos), None)
        else:
            last = None
            for m in _CLASS_PATH.finditer(source, start, pos):
                last = m
        if last is None or any(last.end() <= s and e <= pos for s, e, _ in mentions) or (
                text is None and _PAST_THE_ITEM.search(source, last.end(), pos)):
            return None
        s, e = last.span(2)
        while s < e and source[s] in _LIST_MARKS:  # "3.行政运行（项）": the list's number
            s += 1
        name = source[s:e].strip()
        canonical = self.ctx.lexicon.canonical(last.group(0)) or self.ctx.lexicon.canonical(name) or name
        reading = Reading.PATTERN
        if last.group("level") == "项":
            if last.group(1):
                # 档案事务（款）行政运行（项） is not 政府办公厅's 行政运行
                canonical = f"{last.group(1).strip()}{_UNDER}{canonical}"
            else:
                reading = Reading.NAMESAKE
        return canonical, self.ctx.to_span(s, e) if text is None else None, reading

    def _section_scope(self, section: int | None) -> str | None:
        """The fund a section's heading (or its parent's) limits its figures to."""
        while section is not None:
            sec = self.ctx.doc.sections[section]
            scope = fund_scope(sec.title)
            if scope is not None:
                return scope
            section = sec.parent
        return None

    def _project(self, section: int | None) -> str | None:
        """The project a section (or its parent) is headed by: 一、城镇老旧小区改造项目."""
        if section is None:
            return None
        if section not in self.projects:
            topic = self.heading_topic(section)
            title = self.ctx.doc.sections[section].title
            opening = self._projects(0, len(title), self.ctx.lexicon.find(title), title)[:1]
            if topic is not None and topic[0].endswith("项目") and topic[1] is None \
                    and self.ctx.lexicon.canonical(topic[0]) is None:
                self.projects[section] = topic[0]
            elif opening and opening[0][0] <= 4:
                # 1.大气污染防治专项资金年初预算480.00万元…, a paragraph read as an item heading
                self.projects[section] = opening[0][2]
            else:
                self.projects[section] = self._project(self.ctx.doc.sections[section].parent)
        return self.projects[section]

    def _projects(self, start: int, end: int, mentions: list[tuple[int, int, str]],
                  text: str | None = None) -> list[tuple[int, int, str]]:
        """The projects named at the start of the clauses of `[start, end)` (of the document's
        text, or of `text`), as mentions. Not a project: a count or a collective (三个项目), a
        fund's projects (一般公共预算财政拨款项目), a lexicon subject, or a name a lexicon term
        runs on from (…项目支出 is that nature of spending)."""
        source = self.text if text is None else text
        out: list[tuple[int, int, str]] = []
        starts = [start, *(m.end() for m in _CLAUSE_MARK.finditer(source, start, end))]
        for pos in starts:
            m = _PROJECT_AT.match(source, pos, end)
            if m is None:
                continue
            s, e = m.span("name")
            name = m.group("name")
            if _NOT_A_PROJECT.match(name) or fund_scope(name) is not None \
                    or self.ctx.lexicon.canonical(name) is not None \
                    or any(ms < e < me for ms, me, _ in mentions):
                continue
            out.append((s, e, name))
        return out

    def _names(self, section: int) -> bool:
        """Whether the section's own heading names a lexicon subject or a 类/款/项 path."""
        title = self.ctx.doc.sections[section].title
        return bool(self.ctx.lexicon.find(title)) or _CLASS_PATH.search(title) is not None

    # -- links ---------------------------------------------------------------------------

    def _link(self, sentence: list[Claim], start: int, end: int, section: int | None) -> None:
        self._link_lists(sentence, start, end, section)
        paired = self._pair_runs(sentence)
        for i, claim in enumerate(sentence):
            before = sentence[:i]
            if claim.id in paired:
                continue
            if claim.role in (Role.CHANGE, Role.CHANGE_RATE):
                self._tie(claim, before, section, Link.CURRENT, (Role.ACTUAL,))
                self._tie(claim, before, section, Link.PRIOR, (Role.PRIOR,), back=False)
                if claim.role is Role.CHANGE_RATE:
                    self._tie(claim, before, section, Link.CHANGE, (Role.CHANGE,), back=False)
            elif claim.role in (Role.COMPLETION_RATE, Role.EXECUTION_RATE):
                if self._formula(claim, before, start):
                    continue
                self._tie(claim, before, section, Link.ACTUAL, (Role.ACTUAL,))
                # 执行率 is of the year's adjusted budget (全年预算数), 完成年初预算 of the initial,
                # 完成调整预算 (全年预算) of the adjusted one
                at = self._norm_start(claim)
                adjusted = claim.role is Role.EXECUTION_RATE or _OF_ADJUSTED.search(
                    self.text, max(start, at - 12), at) is not None
                wanted = (Role.BUDGET, Role.BUDGET_INITIAL) if adjusted \
                    else (Role.BUDGET_INITIAL, Role.BUDGET)
                self._tie(claim, before, section, Link.BUDGET, wanted)
            elif claim.role is Role.SHARE:
                self._whole(claim, before, section)

    def _link_lists(self, sentence: list[Claim], start: int, end: int,
                    section: int | None) -> None:
        """其中 and a colon right after a figure open a list of parts of that figure."""
        text = self.text
        markers = [m.start() for m in _LIST_HEAD.finditer(text, start, end)]
        ends = (self._norm_end(c) for c in sentence)
        markers += [pos for pos in ends if text[pos:pos + 1] == ":"]  # "…1132.52万元：基本工资…"
        brackets = self._brackets(sentence, start, end) if markers else {}
        lists: list[tuple[int, int, Claim]] = []  # where each list opens and ends, its head
        for marker in sorted(set(markers)):
            heads = [c for c in sentence if self._norm_end(c) <= marker
                     and c.role in _LEVEL_ROLES]
            if not heads and marker - start < 3 and sentence[0].sentence is not None:
                # 其中 opening a sentence lists the parts of the one before's actual, else of
                # its budget (…全年预算合计1088.00万元。其中A项目520.00万元), never of the
                # prior year's figure it compared with
                before = self.ctx.recent(section, sentence[0].sentence, 1)
                heads = [c for c in before if c.role is Role.ACTUAL][-1:] or [
                    c for c in before if c.role in (Role.BUDGET, Role.BUDGET_INITIAL)][-1:]
            if not heads or "；" in text[self._norm_end(heads[-1]):marker]:
                continue  # (…结余15.60万元）；支出包括…: the list of a clause naming no figure)
            head = heads[-1]
            actual = next((c for c in reversed(heads) if c.role is Role.ACTUAL), None)
            if head.role in _BESIDE_ACTUAL and actual is not None and actual.subject == head.subject:
                head = actual  # 基本支出X，全年预算Y，执行率…，其中人员经费A: the parts of X
            close = self._list_end(head, marker, end)
            parts = [c for c in sentence if marker < self._norm_start(c) < close
                     and c.quantity.kind is head.quantity.kind][:2]
            if len(parts) == 2 and "；" not in text[self._norm_end(parts[0]):self._norm_start(parts[1])]:
                # parts set apart by 、 or ，: a semicolon ends the list (其中人员经费A、公用经费B；
                # 项目支出C: C is the next clause's, not a third part)
                close = self._to_semicolon(self._norm_end(parts[0]), close)
            if any(m < self._norm_start(head) < c for m, c, _ in lists):
                # a list inside a list (其中：…；公务用车X，其中购置费A，运行维护费B；公务接待费Y)
                # runs to the end of its part's clause
                close = self._to_semicolon(marker, close)
            lists.append((marker, close, head))
        for marker, close, head in lists:
            inner = [(m, c) for m, c, h in lists if marker < m < close and self._norm_start(h) > marker]
            listed: list[Claim] = []  # the parts so far, outside brackets
            for claim in sentence:
                at = self._norm_start(claim)
                if not marker < at < close or any(m < at < c for m, c in inner) \
                        or claim.quantity.kind is not head.quantity.kind:
                    continue
                if claim.id not in self.cued:
                    claim.role = head.role  # "预算总支出X，其中：工资福利支出Y" lists budgets
                # 基本支出X（人员经费A、公用经费B），项目支出Y: A and B are parts of X, not of
                # the total, the bracket opening after X's figure
                opened = brackets[claim.id]
                owner: Claim | None = head
                if opened is not None and opened > marker:
                    bracket = opened
                    owner = next((c for c in reversed(listed) if self._norm_end(c) <= bracket), None)
                else:
                    listed.append(claim)
                if owner is None:
                    continue
                if (claim.role is owner.role and Link.TOTAL not in claim.links
                        and (claim.subject, claim.scope) != (owner.subject, owner.scope)):
                    # (a part of another subject, or the same subject's part from one fund)
                    claim.links[Link.TOTAL] = owner.id
                    if claim.subject in _NATURES and claim.facet is None \
                            and not _WHOLE_SPENDING.search(owner.subject):
                        # 公务接待费X，其中基本支出安排A: A is 公务接待费's 基本支出 part,
                        # not the department's 基本支出
                        claim.facet, claim.subject = claim.subject, owner.subject

    def _to_semicolon(self, start: int, end: int) -> int:
        """Where the first semicolon after `start` stands, else `end`."""
        semicolon = self.text.find("；", start, end)
        return end if semicolon < 0 else semicolon

    def _list_end(self, head: Claim, marker: int, end: int) -> int:
        """Where the list of `head`'s parts ends: where a clause opens with its name again
        (基本支出X，其中人员经费A、公用经费B，基本支出全部执行；项目支出…: what follows is not
        a part; 其他工资福利支出 inside a list of 工资福利支出 is one), or with 另有 (…其中财政
        拨款结转结余A；…另有B万元项目结余已收回: B is besides them)."""
        besides = _BESIDES.search(self.text, marker, end)
        if besides is not None:
            end = besides.start()
        if head.subject_span is None:
            return end
        to_normalized = self.ctx.doc.offsets.to_normalized
        name = self.text[to_normalized(head.subject_span.start):to_normalized(head.subject_span.end)]
        again = self.text.find(name, marker, end) if name else -1
        while again >= 0 and self.text[again - 1] not in _CLAUSE_DELIMS:
            again = self.text.find(name, again + 1, end)
        return end if again < 0 else again

    def _brackets(self, sentence: list[Claim], start: int, end: int) -> dict[str, int | None]:
        """Where the innermost bracket around each claim's figure opened (normalized), None
        outside brackets: one pass over the sentence, however many figures it has."""
        text = self.text
        at = sorted((self._norm_start(c), c.id) for c in sentence)
        out: dict[str, int | None] = {}
        opens: list[int] = []
        k = 0
        for pos in range(start, end):
            while k < len(at) and at[k][0] == pos:
                out[at[k][1]] = opens[-1] if opens else None
                k += 1
            ch = text[pos]
            if ch in "(（":
                opens.append(pos)
            elif ch in ")）" and opens:
                opens.pop()
        for _, claim_id in at[k:]:
            out[claim_id] = opens[-1] if opens else None
        return out

    def _norm_start(self, claim: Claim) -> int:
        return self.ctx.doc.offsets.to_normalized(claim.quantity.span.start)

    def _norm_end(self, claim: Claim) -> int:
        return self.ctx.doc.offsets.to_normalized(claim.quantity.span.end)

    def _tie(self, claim: Claim, before: list[Claim], section: int | None, link: Link,
             roles: tuple[Role, ...], back: bool = True) -> None:
        """Link `claim` to the nearest earlier figure of the same subject with one of `roles`."""
        for role in roles:
            for other in reversed(before):
                if other.role is role and other.subject == claim.subject:
                    claim.links[link] = other.id
                    return
        if not back:
            return
        if claim.sentence is None:
            return
        earlier = self.ctx.recent(section, claim.sentence, 3)
        for role in roles:
            for other in reversed(earlier):
                if other.role is role and other.subject == claim.subject and (
                        not {claim.reading, other.reading} & {Reading.CONTEXT, Reading.TOPIC,
                                                              Reading.PHRASE}):
                    # across sentences only what both name: two figures that took the
                    # section's topic as their subject are not known to be about one thing
                    claim.links[link] = other.id
                    return

    def _names_own_part(self, amount: Claim, share: Claim) -> bool:
        """Whether the share's own clause names, before 占, a part other than `amount`'s
        subject: then the share is of a part the text does not print, not of `amount`."""
        lo, at = self._norm_end(amount), self._norm_start(share)
        clause = _clause_start(self.text, lo, at)
        cue = self.text.rfind("占", clause, at)
        if clause == lo or cue < 0:
            return False
        named = self.text[clause:cue]
        if len(_HAN.findall(named)) < 2 or cues.ANAPHORIC.search(named):
            return False
        return all(name != amount.subject for _, _, name in self.ctx.lexicon.find(self.text, clause, cue))

    def _whole(self, claim: Claim, before: list[Claim], section: int | None) -> None:
        # a share is of an amount: not of the rate (完成预算的93.33%) or count before it
        amounts = [c for c in before if c.role is not Role.SHARE
                   and c.quantity.kind in (QuantityKind.AMOUNT, QuantityKind.NUMBER)]
        if claim.base is not None and len(amounts) > 1 and amounts[-1].subject == claim.base \
                and "占" in self.text[self._norm_end(amounts[-2]):self._norm_start(amounts[-1])]:
            amounts.pop()  # the base's own amount, printed inside the share (占总额X万元的)
        if len(amounts) >= 2 and amounts[-1].role in _BESIDE_ACTUAL and amounts[-2].role is Role.ACTUAL \
                and amounts[-2].subject == amounts[-1].subject:
            amounts.pop()  # of the year's figure, not its budget beside it (决算X，年初预算Y，占…)
        part = amounts[-1] if amounts else None
        if part is not None and self._names_own_part(part, claim):
            part = None  # 货物采购授予中小企业合同金额占货物支出金额的76.27%: no figure of it
        if part is not None:
            claim.links[Link.ACTUAL] = part.id
        if claim.base is None:
            if part is not None and Link.TOTAL in part.links:
                claim.links[Link.WHOLE] = part.links[Link.TOTAL]
                return
            # a figure with a share of its own is a sibling in a list (A X，占a%；B Y，占b%):
            # the whole, if the sentence states it, comes before the first of them
            shared = {s.links.get(Link.ACTUAL) for s in before if s.role is Role.SHARE}
            first = next((i for i, c in enumerate(before) if c.id in shared), len(before))
            head = next((c for c in before[:first] if c.role is Role.ACTUAL and part is not None
                         and c.subject != part.subject), None)
            if head is not None and part is not None and head is not part:
                claim.links[Link.WHOLE] = head.id
                claim.reading = Reading.CONTEXT  # the whole is a guess: the sentence names none
            return
        for other in reversed(before):
            if other.subject == claim.base and other.role is Role.ACTUAL:
                claim.links[Link.WHOLE] = other.id
                return
        # the whole a share of the department names is the department's, not the office's
        # own (局机关本级本年支出合计) figure of that name
        own = (part.scope or "").startswith(_OWN) if part is not None else False
        earlier = [c for c in self.ctx.actual_by_subject.get(claim.base, [])
                   if (c.scope or "").startswith(_OWN) == own]
        # and of the part's fund: 一般公共预算财政拨款支出X，占本年支出合计的a% is a share of
        # the department's 本年支出合计, not of the 财政拨款 本年支出 stated last
        same_fund = [c for c in earlier if part is not None and c.scope == part.scope]
        named_fund = self.base_funds.get(self._norm_start(claim))
        if named_fund is not None:
            # 占一般公共预算财政拨款项目支出的: that fund's 项目支出 or none, not all funds'
            same_fund = [c for c in earlier if c.scope == named_fund]
            earlier = []
        if same_fund or earlier:
            claim.links[Link.WHOLE] = (same_fund or earlier)[-1].id

    # -- reasons -------------------------------------------------------------------------

    def _reason_span(self, start: int, end: int) -> Reason | None:
        m = cues.REASON.search(self.text, start, end)
        if m is None or end - m.end() < 2:
            return None
        stop = end
        close = self.text.find(")", m.end(), end)
        if close > 0 and "(" not in self.text[m.end():close]:
            stop = close
        while stop > m.end() and self.text[stop - 1] in "。.；;，,":
            stop -= 1
        causes = []
        pos = m.end()
        for split in cues.CAUSE_SPLIT.finditer(self.text, m.end(), stop):
            if split.start() - pos >= 2:
                causes.append(self.ctx.to_span(pos, split.start()))
            pos = split.end()
        if stop - pos >= 2:
            causes.append(self.ctx.to_span(pos, stop))
        return Reason(span=self.ctx.to_span(m.end(), stop), causes=causes)

    def _reason(self, sentence: list[Claim], start: int, end: int) -> None:
        reason = self._reason_span(start, end)
        if reason is None:
            return
        reason_start = self.ctx.doc.offsets.to_normalized(reason.span.start)
        targets = [c for c in sentence if c.role in (Role.CHANGE, Role.CHANGE_RATE)
                   and self._norm_start(c) < reason_start]
        if not targets:
            targets = [c for c in sentence if self._norm_start(c) < reason_start]
        for claim in targets:
            claim.reason = reason

    def _reason_only(self, index: int, start: int, end: int) -> None:
        """"增长主要原因是：…" on its own explains the previous sentence's change."""
        head = self.text[start:min(end, start + 12)]
        if "原因" not in head:
            return
        reason = self._reason_span(start, end)
        if reason is None:
            return
        section = self.ctx.doc.sentences[index].section
        previous = self.ctx.recent(section, index, 1)
        targets = [c for c in previous if c.role in (Role.CHANGE, Role.CHANGE_RATE)]
        for claim in targets:
            if claim.reason is None:
                claim.reason = reason


