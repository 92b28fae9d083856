"""period.year: a target or plan of another year in this year's report."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from models import Evidence, Finding, Severity, StructureFinding, message

from ..index import ClaimIndex
from ..registry import Rule, register

_YEAR = regex.compile(r"(?<!\d)(20\d{2})\s*年")
_TARGET_SENTENCE = regex.compile(r"绩效目标|年度目标|目标设定|预期目标|完成时限")
_TARGET_COLUMN = regex.compile(r"指标值|完成值|预期|目标|完成情况")


@register("period.year")
class TargetYear(Rule):
    """Targets, plans and deadlines in a year's self-evaluation belong to that year.

    A 2022 target in a 2023 report is a copied template, or a deadline that fell in the
    year before: a warning to check, never an error (the sentence may say why). Years in the
    history of a figure (上年, 2019年决算数) or of an award are not targets and are not checked.

    **Anti-pattern**: 时效指标 | 完成时限 | 2019年12月底完成 in a 2020 report.

    **Correct**: 县政府办2021年绩效目标设定情况为… in a 2021 report.
    """

    name = "period.target_year"

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
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

    def _years(self, index: ClaimIndex, start: int, text: str, fiscal: int,
               what: tuple[str, str]) -> Iterator[Finding]:
        for m in _YEAR.finditer(text):
            year = int(m.group(1))
            if year == fiscal:
                continue
            msg = message("PERIOD_MISMATCH", year=year, fiscal_year=fiscal, what=what[0],
                          what_en=what[1])
            span = index.document.span(start + m.start(), start + m.end())
            yield StructureFinding(
                rule=self.id, severity=Severity.WARNING, message_zh=msg.zh, message_en=msg.en,
                expected_text=f"{fiscal}年", evidence=[Evidence(role="stated", span=span)],
            )
