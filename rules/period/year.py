"""period.year: a target or plan of another year in this year's report."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from models import Evidence, Finding

from ..index import ClaimIndex
from ..registry import Params, Rule, register

_YEAR = regex.compile(r"(?<!\d)(20\d{2})[ ]{0,2}年")
_TARGET_SENTENCE = regex.compile(r"绩效目标|年度目标|目标设定|预期目标|完成时限")
_TARGET_COLUMN = regex.compile(r"指标值|完成值|预期|目标|完成情况")
#: the year a heading or table title is of: 第二部分 2020年度部门决算表, 2020年度项目支出绩效自评表
_YEAR_OF = regex.compile(r"(?<!\d)(20\d{2})[ ]{0,2}年度")
#: headings that may name another year on purpose (对比上年, 下一步工作计划)
_OTHER_YEAR_HEADING = regex.compile(r"上年|对比|比较|计划|展望|下一步|以来|规划")
#: the date a count is taken at: 截至2021年12月31日
_AS_OF = regex.compile(r"截[至止][ ]{0,2}(20\d{2})[ ]{0,2}年[ ]{0,2}(\d{1,2})[ ]{0,2}月")
#: what puts a later year's work after it (推迟至2024年, 预计2025年完成): a plan, no slip
_LATER = regex.compile(r"(?:推迟|延迟|延期|顺延|延至|预计|计划|将于|拟于|力争)[^，。；,;]{0,3}$")
#: next year's budget, which a self-evaluation feeds (编制2023年度部门预算)
_NEXT_BUDGET = regex.compile(r"20\d{2}[ ]{0,2}年度?[ ]{0,2}(?:部门)?预算")
#: a sentence that opens with its year: （三）2020年度本年支出合计…, 1.2019年度…
_OPENING_YEAR = regex.compile(
    r"[ \t]{0,4}(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]?[ ]{0,2})?"
    r"(?:本部门|本单位)?(20\d{2})[ ]{0,2}年(?:度|(?![ ]{0,2}[\d月底末初以起至前内后]))")
#: an amount after the year: what makes the line a statement of figures
_AMOUNT = regex.compile(r"\d[ ]{0,2}(?:万元|元|亿元)")
#: words that make a sentence about another year a comparison, not a slip
_COMPARES = regex.compile(r"上年|上一年|较|(?<!占|所占)比(?!重|例)|同比|相比|对比|增|减|持平|下降|上升|变化")
#: the year the statement names as its own: 2020年, 本年度 (本年收入合计 / 本年支出合计 are
#: the names of totals, not a year)
_OWN_YEAR = "{fiscal}[ ]{{0,2}}年|本年(?![ ]{{0,2}}(?:收入|支出))"
#: this report named with its year: 纳入…2020年度部门决算编制范围, 2020年度部门决算公开
_OWN_REPORT = regex.compile(
    r"(?<!\d)(20\d{2})[ ]{0,2}年度?[ ]{0,2}(?:部门|单位)?决算[ ]{0,2}(?:编制范围|汇编范围|公开|情况说明)")
#: a statement that compares its own year with the one before: its opening year is its own
_AGAINST_PRIOR = regex.compile(r"与上年|较上年|比上年|同比")
#: where a heading's title ends and its paragraph begins (（一）总体情况。2020年度…)
_TITLE_END = regex.compile(r"[。:：；;]")
#: how far before a table a title line stands (the title, its number, unit and fields)
_CAPTION_REACH = 300


@register("period.year")
class TargetYear(Rule[Params]):
    """Targets, headings, table titles and 截至 dates of a year's report belong to that year.

    A 2022 target in a 2023 report is a copied template, or a deadline that fell in the
    year before; so is a heading or a table title of another 年度 (第二部分 2020年度部门决算表
    in a 2021 report), and a count taken 截至 a date before the year's end (截至2020年12月31日
    in a 2021 report). Each is a warning to check, never an error (the text may say why).
    Years in the history of a figure (上年, 2019年决算数) or of an award are not checked, nor
    headings that compare or plan (对比上年, 下一步工作计划), nor a later year that work is
    put off to (推迟至2024年春季开工).

    **Anti-pattern**: 时效指标 | 完成时限 | 2019年12月底完成 in a 2020 report.

    **Correct**: 县政府办2021年绩效目标设定情况为… in a 2021 report.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        told: set[int] = set()  # a year read by two of the checks (a heading is a sentence too)
        for finding in self._all(index):
            if finding.evidence[0].span.start not in told:
                told.add(finding.evidence[0].span.start)
                yield finding

    def _all(self, index: ClaimIndex) -> Iterator[Finding]:
        doc = index.document
        fiscal = doc.meta.fiscal_year
        if fiscal is None:
            return
        for sentence in doc.sentences:
            if _TARGET_SENTENCE.search(sentence.span.text):
                yield from self._years(index, sentence.span.start, sentence.span.text, fiscal,
                                       ("绩效目标", "target"))
        for table in doc.tables:
            for cell in table.cells:
                labels = " ".join(cell.column_labels)
                if cell.span is not None and _TARGET_COLUMN.search(labels):
                    yield from self._years(index, cell.span.start, cell.span.text, fiscal,
                                           ("指标", "indicator"))
        yield from self._titles(index, fiscal)
        for sentence in doc.sentences:
            if "年" not in sentence.span.text:
                continue  # each check below is of a year the sentence prints
            yield from self._as_of(index, sentence.span.start, sentence.span.text, fiscal)
            yield from self._opening(index, sentence.span.start, sentence.span.text, fiscal)
            yield from self._own_report(index, sentence.span.start, sentence.span.text, fiscal)

    def _titles(self, index: ClaimIndex, fiscal: int) -> Iterator[Finding]:
        """Headings and table titles of another 年度; a title line read as both is told once."""
        doc = index.document
        lines = [(s.heading.start, _TITLE_END.split(s.heading.text, 1)[0]) for s in doc.sections]
        for table in doc.tables:
            if table.title and _YEAR_OF.search(table.title):
                at = doc.original.rfind("\n", 0, max(0, table.start - _CAPTION_REACH)) + 1
                lines.append((at, doc.original[at:table.start]))
        seen: set[int] = set()
        for start, text in lines:
            for m in _YEAR_OF.finditer(text):
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.end())
                line = text[line_start:None if line_end < 0 else line_end]
                if start + m.start() in seen or _OTHER_YEAR_HEADING.search(line) \
                        or not (line.strip().endswith("表") or line is text) \
                        or _AMOUNT.search(line) or _COMPARES.search(line):
                    # (a numbered paragraph read as a heading, （一）…支出决算为0万元，与2022年度
                    # 持平, states and compares: its years are the statement's)
                    continue
                seen.add(start + m.start())
                yield from self._years(index, start + m.start(), m.group(0), fiscal,
                                       ("标题", "heading"))

    def _opening(self, index: ClaimIndex, start: int, text: str, fiscal: int) -> Iterator[Finding]:
        """A statement of the year's figures dated another 年度 at its start (2016年度本部门会议费
        支出5.30万元 in a 2017 report, or 2019年度…总计X，与上年相比减少Y in a 2020 one), unless
        it compares two years it names (…2020年…, 本年…) or changes without saying from what.
        本年收入合计 / 本年支出合计 are the names of totals, not a year; 比重 is no comparison."""
        plain, begin = _simplified(index, start, text)  # 較上年 reads 较上年, 萬元 reads 万元
        m = _OPENING_YEAR.match(plain)
        if m is None or not _AMOUNT.search(plain, m.end()):
            return  # no amount: a column header (2023年度决算数) left outside its table
        own_year = regex.search(_OWN_YEAR.format(fiscal=fiscal), plain)
        if own_year or (_COMPARES.search(plain) and not _AGAINST_PRIOR.search(plain)):
            return  # 2019年…，2020年…: two years compared, each named
        yield from self._year_at(index, begin + m.start(1), fiscal, ("表述", "statement"))

    def _own_report(self, index: ClaimIndex, start: int, text: str, fiscal: int) -> Iterator[Finding]:
        """This report named with another year in its text (纳入本部门2019年度部门决算编制范围
        的单位 in a 2020 report), unless the sentence compares or plans (与…相比, 以来)."""
        plain, begin = _simplified(index, start, text)
        for m in _OWN_REPORT.finditer(plain):
            if _COMPARES.search(plain) or _OTHER_YEAR_HEADING.search(plain):
                continue
            yield from self._year_at(index, begin + m.start(1), fiscal, ("决算编制范围或公开说明",
                                                                       "scope or disclosure of the accounts"))

    def _year_at(self, index: ClaimIndex, normalized: int, fiscal: int,
                 what: tuple[str, str]) -> Iterator[Finding]:
        """The year printed at a normalized offset (four digits and 年), checked."""
        doc = index.document
        at = doc.offsets.to_original(normalized)
        end = doc.offsets.to_original(normalized + 5)
        yield from self._years(index, at, doc.original[at:end], fiscal, what)

    def _as_of(self, index: ClaimIndex, start: int, text: str, fiscal: int) -> Iterator[Finding]:
        """截至…日 before the year's end, or a year's end of another year."""
        for m in _AS_OF.finditer(text):
            year, month = int(m.group(1)), int(m.group(2))
            if year < fiscal or (year != fiscal and month == 12):
                yield from self._years(index, start + m.start(1), m.group(1) + "年", fiscal,
                                       ("截至日期", "as-of date"))

    def _years(self, index: ClaimIndex, start: int, text: str, fiscal: int,
               what: tuple[str, str]) -> Iterator[Finding]:
        for m in _YEAR.finditer(text):
            year = int(m.group(1))
            if year == fiscal or (fiscal < year <= fiscal + 2 and (
                    _NEXT_BUDGET.match(text, m.start()) or _LATER.search(text, 0, m.start()))):
                # 作为编制2023年度部门预算的依据: a budget to come is meant; a 2024 report
                # written in 2025 applies its results to the budget compiled then, 2026's;
                # 推迟至2024年春季开工: work put off to a later year
                continue
            span = index.document.span(start + m.start(), start + m.end())
            yield self.structure("PERIOD_MISMATCH", [Evidence(role="stated", span=span)],
                                 expected_text=f"{fiscal}年", year=year, fiscal_year=fiscal,
                                 what=what[0], what_en=what[1])


def _simplified(index: ClaimIndex, start: int, text: str) -> tuple[str, int]:
    """The normalized text (simplified characters, 較 read as 较) of the original stretch at
    `start`, and the normalized offset it begins at: words are tested there, and offsets
    found there are mapped back to the original."""
    doc = index.document
    begin = doc.offsets.to_normalized(start)
    return doc.text[begin:doc.offsets.to_normalized(start + len(text))], begin
