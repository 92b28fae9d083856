"""table.empty: an empty 政府性基金 / 国有资本经营 / 三公 table, its note, and the text about it."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from models import (
    Claim,
    ConflictFinding,
    Evidence,
    Finding,
    QuantityKind,
    ReportKind,
    Role,
    Severity,
    Source,
    Span,
    Table,
    message,
)

from ..disclosure import disclosure, title_span
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import evidence, figure

#: a note that says why its table is empty: 故本表为空表, 本表无数据, 本单位无…收支, 没有…支出
_WHY_EMPTY = regex.compile(
    r"空表|无数据|(?:无|没有|未发生|未安排|未使用)[^，。；,;]{0,40}?(?:收入|支出|收支|经费|数据)")
#: what may stand between the word of absence and the topic (没有使用政府性基金…, 无一般公共预算“三公”…)
_FILLER = r"(?:使用|安排)?(?:一般公共预算)?(?:财政拨款)?(?:安排的?)?[“\"‘]?"
#: a clause about an earlier year: its 无 says nothing of this year's table
_EARLIER = regex.compile(r"上年|去年|上一年|以前年度")
_CLAUSE_END = regex.compile(r"[，。；,;：:]")
#: the roles of a narrative amount an empty table contradicts (this year's budget and spending)
_AMOUNT_ROLES = (Role.ACTUAL, Role.BUDGET, Role.BUDGET_INITIAL)
#: column words of a table's figures that are not this year's spending (收入, carry-overs)
_NOT_SPENDING = ("收入", "结转", "结余")


def _none_pattern(topic: str) -> regex.Pattern[str]:
    """A statement that there is no spending of `topic`: 无“三公”经费支出, 未发生“三公”经费支出,
    没有使用政府性基金预算财政拨款安排的支出, 本单位无国有资本经营预算财政拨款收支. Income alone
    (无…收入) is not one: a fund's carry-over may be spent without new income."""
    return regex.compile(
        rf"(?:无|没有|未发生|未产生|未使用){_FILLER}{regex.escape(topic)}[”\"’]?"
        r"[^，。；：,;:]{0,20}?(?:(?:经费)?(?:支出|收支)|经费(?!预算))")


@register("table.empty")
class EmptyTable(Rule[Params]):
    """A unit without 政府性基金, 国有资本经营 or 三公 money prints that table empty and says
    why under it; the text then gives no amount for it, and a table with amounts is not
    described as 无.

    Three findings, one per table: an empty table (a header with no figures, or only 0)
    whose note does not say why (a warning: the 公开 rules ask for the note; a workbook of
    the tables, published beside the report that explains them, is not asked); an empty
    table while the text gives a non-zero amount of its subject (an error when the table
    and the amount were both read surely, else a warning to check; the missing note is
    then not told again); a table with non-zero spending while the text says there was none
    (likewise). A statement about an earlier year (上年无…) or about income alone (无…收入: a
    carry-over may be spent) is not a statement that this year's table is empty.

    **Anti-pattern**: 九、国有资本经营预算财政拨款支出决算情况说明 2020年度国有资本经营预算财政拨款支出
    8.60万元 beside 表9 printed empty with 注：本单位无国有资本经营预算财政拨款收入和支出，故本表为空表;
    本单位无“三公”经费支出 beside a 三公 table with 公务接待费 1.85.

    **Correct**: 表8 政府性基金预算财政拨款收入支出决算表, its 合计 row empty, with 注：本单位没有政府性
    基金预算财政拨款收支，故本表为空表, and the text: 本单位无政府性基金预算财政拨款收入，也无支出.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        doc = index.document
        if doc.meta.kind not in (ReportKind.FINAL_ACCOUNT, ReportKind.MIXED):
            return
        # a report, with its numbered parts, not a workbook of its tables published beside it
        report = bool(doc.sections)
        for spec in disclosure()["tables"]:
            if "empty" not in spec:
                continue
            tables = [t for t in doc.tables if t.form == spec["form"]]
            if not tables:
                continue
            spending = [c for t in tables for c in self._spending(index, t)]
            if spending:
                yield from self._said_none(index, spec, tables[0], spending)
                continue
            empty = [t for t in tables if self._empty(index, t)]
            amounts = self._text_amounts(index, spec["empty"]["subjects"])
            if amounts and len(empty) == len(tables):
                yield self._contradicted(index, spec, tables[0], amounts)
            elif report:
                yield from (self._no_note(index, spec, t) for t in empty
                            if not _WHY_EMPTY.search(t.note or ""))

    @staticmethod
    def _empty(index: ClaimIndex, table: Table) -> bool:
        """No figure of the table is other than 0, and it was read with certainty: a table
        whose body could not be laid out shows no figure without being empty."""
        return not table.unsure and all(c.quantity.value == 0 for c in index.by_table.get(table.id, []))

    @staticmethod
    def _spending(index: ClaimIndex, table: Table) -> list[Claim]:
        """The table's non-zero figures of this year's spending (not income, not carry-overs,
        not budgets nor last year's)."""
        year = index.document.meta.fiscal_year
        return [c for c in index.by_table.get(table.id, [])
                if c.role is Role.ACTUAL and c.quantity.value and c.period in (None, year)
                and not any(w in label for label in c.column_labels for w in _NOT_SPENDING)]

    @staticmethod
    def _text_amounts(index: ClaimIndex, subjects: list[str]) -> list[Claim]:
        """This year's non-zero amounts the narrative gives for the table's subjects."""
        year = index.document.meta.fiscal_year
        return [c for s in subjects for c in index.by_subject.get(s, [])
                if c.source is Source.NARRATIVE and c.role in _AMOUNT_ROLES
                and c.quantity.kind is QuantityKind.AMOUNT and c.quantity.value > 0
                and c.period in (None, year)]

    def _no_note(self, index: ClaimIndex, spec: dict, table: Table) -> Finding:
        return self.structure("EMPTY_TABLE_NO_NOTE",
                              [Evidence(role="stated", span=title_span(index.document, table))],
                              expected_text=spec["name"], name=spec["name"])

    def _contradicted(self, index: ClaimIndex, spec: dict, table: Table, amounts: list[Claim]) -> Finding:
        first = amounts[0]
        finding = self.conflict(
            "EMPTY_TABLE_TEXT_AMOUNT", first.subject,
            [*(evidence("stated", c) for c in amounts),
             Evidence(role="table", span=title_span(index.document, table))],
            name=spec["name"], amount=f"{figure(first)}{first.quantity.unit or ''}")
        return self._unsure_table(finding, table)

    def _said_none(self, index: ClaimIndex, spec: dict, table: Table,
                   spending: list[Claim]) -> Iterator[Finding]:
        said = list(self._statements(index, spec["empty"]["topic"]))
        if not said:
            return
        first = spending[0]
        finding = self.conflict(
            "TABLE_AMOUNT_TEXT_NONE", first.subject,
            [*(Evidence(role="stated", span=s) for s in said),
             Evidence(role="table", span=title_span(index.document, table)),
             evidence("component", first)],
            said=said[0].text, name=spec["name"], amount=f"{figure(first)}{first.quantity.unit or ''}")
        yield self._unsure_table(finding, table)

    @staticmethod
    def _statements(index: ClaimIndex, topic: str) -> Iterator[Span]:
        """Where the text says there is no spending of `topic` this year (its original span)."""
        doc = index.document
        pattern = _none_pattern(topic)
        for sentence in doc.sentences:
            start = doc.offsets.to_normalized(sentence.span.start)
            end = doc.offsets.to_normalized(sentence.span.end)
            for m in pattern.finditer(doc.text, start, end):
                clause = max((c.end() for c in _CLAUSE_END.finditer(doc.text, start, m.start())),
                             default=start)
                if _EARLIER.search(doc.text, clause, m.start()):
                    continue
                yield doc.span(doc.offsets.to_original(m.start()), doc.offsets.to_original(m.end()))

    @staticmethod
    def _unsure_table(finding: ConflictFinding, table: Table) -> ConflictFinding:
        """An error on a table whose header may not fit its figures is a warning to check."""
        if not table.unsure:
            return finding
        title = table.title or ""
        note = message("NEEDS_REVIEW", why=f"“{title}”表头与数据可能不对应",
                       why_en=f"'{title}': its header may not fit its figures")
        return finding.model_copy(update={
            "severity": Severity.WARNING, "review": True,
            "message_zh": finding.message_zh + note.zh, "message_en": finding.message_en + note.en})
