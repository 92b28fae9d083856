"""period.date: a date the report could not have printed when it was published."""

from __future__ import annotations

import calendar
from collections.abc import Iterator

import regex

from models import DateMention, Evidence, Finding

from ..index import ClaimIndex
from ..registry import Params, Rule, register

#: words that put a date in the future on purpose: a plan, a deadline, a period's end
_PLANNED = regex.compile(
    r"计划|预计|拟|将于|将在|力争|争取|目标|规划|下一步|下一年|明年|时限|期限|有效期|截止|"
    r"前完成|之前|以前|底前")
#: a date that ends a period (2021年1月至2023年12月)
_RANGE_END = regex.compile(r"[至到~～—-]$")
#: what makes a date a deadline when it follows it: 2022年6月底前, 2022年12月31日前
_DEADLINE = regex.compile(r"[ ]{0,2}(?:底|末|中旬|下旬|上旬)?[ ]{0,2}(?:前|以前|之前|止|起)")
#: where a statement ends, for the statement around a date
_STATEMENT_MARKS = ("。", "；", ";", "\n")


def _exists(date: DateMention) -> bool:
    """2月30日, 4月31日 and 13月 cannot be."""
    if not 1 <= date.month <= 12:
        return False
    return date.day is None or 1 <= date.day <= calendar.monthrange(date.year, date.month)[1]


def _after(date: DateMention, than: DateMention) -> bool:
    """Later by what both print: a month (2022年8月) is not later than a day in it."""
    if date.day is None or than.day is None:
        return (date.year, date.month) > (than.year, than.month)
    return (date.year, date.month, date.day) > (than.year, than.month, than.day)


@register("period.date")
class DateOrder(Rule[Params]):
    """A report cannot speak of what happened after it was published, nor be published
    before the year it reports on has ended, nor print a day the calendar lacks.

    The document's own dates are those the extractor labels (公开日期, 报送日期, 填报日期,
    the date under the signature): a 2020 部门决算 or self-evaluation dated 2020 or earlier
    was copied from another year's, and a date later than the latest of its own dates is
    an event it cannot yet have known (a date of the year after, typed for the year
    before). Plans, deadlines and the end of a period (计划于…, 2022年6月底前, 至2023年12月)
    may lie in the future and are not checked. Each is a warning: the text may explain.

    **Anti-pattern**: 2021年8月20日 under the signature of a 2021 部门决算; 2022年9月组织开展了
    自评 in a report signed 2022年8月20日; 2022年2月30日.

    **Correct**: 2022年3月组织开展了2021年度绩效自评 in a report signed 2022年8月20日.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        doc = index.document
        fiscal = doc.meta.fiscal_year
        dates = doc.meta.dates
        for date in dates:
            if not _exists(date):
                yield self._finding(date, "DATE_IMPOSSIBLE", None)
        own = [d for d in dates if d.label and _exists(d)]
        if fiscal is not None:
            for date in own:
                if date.year <= fiscal:
                    yield self._finding(date, "DATE_BEFORE_YEAR_END", f"{fiscal + 1}年", fiscal=fiscal)
            own = [d for d in own if d.year > fiscal]
        if not own:
            return
        issued = max(own, key=lambda d: (d.year, d.month, d.day or 0))
        for date in dates:
            if date.label is None and _exists(date) and _after(date, issued) \
                    and not self._planned(doc.original, date):
                yield self._finding(date, "DATE_AFTER_ISSUE", None, issued=issued.span.text)

    @staticmethod
    def _planned(text: str, date: DateMention) -> bool:
        """Whether the date is a plan's, a deadline or a period's end (see _PLANNED)."""
        start = max(text.rfind(mark, 0, date.span.start) for mark in _STATEMENT_MARKS) + 1
        end = min((i for mark in _STATEMENT_MARKS if (i := text.find(mark, date.span.end)) >= 0),
                  default=len(text))
        before = text[start:date.span.start].rstrip()
        return bool(_PLANNED.search(before) or _RANGE_END.search(before)
                    or _PLANNED.search(text, date.span.end, end)
                    or _DEADLINE.match(text, date.span.end))

    def _finding(self, date: DateMention, key: str, expected: str | None, fiscal: int | None = None,
                 issued: str | None = None) -> Finding:
        return self.structure(key, [Evidence(role="stated", span=date.span)], expected_text=expected,
                              date=date.span.text, fiscal=fiscal, issued=issued)
