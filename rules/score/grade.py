"""score.grade: the grade a report gives against the bands it states and the score."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from models import Evidence, Finding

from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import evidence
from .table import score_tables

#: 优秀（S≥90）、良好（90＞S≥80） or 90分（含）—100分为优，80分（含）—90分为良
_GRADES = r"优秀|良好|中等|不合格|合格|较差|差|优|良|中"
_BAND_S = regex.compile(rf"({_GRADES})\s*[(（][^)）]{{0,20}}?S\s*[≥>]=?\s*(\d{{1,3}})")
#: 80分（含）—90分为良, and the top band 90分（含）以上为优 (spaces and scores bounded: no
#: run of spaces or digits can make the match slow)
_BAND_RANGE = regex.compile(
    r"(?<!\d)(\d{1,3})[ ]{0,3}分?[ ]{0,3}(?:[(（]含[)）])?[ ]{0,3}"
    r"(?:[—\-–~至]{1,3}[ ]{0,3}\d{1,3}[ ]{0,3}分?|及?以上)"
    r"[ ]{0,3}(?:的[ ]{0,3})?为[ ]{0,3}(优秀|良好|优|良|中|差)"
)
#: 等级为优, 评定等级：良好, 评价等级为“良”, and in a table 自评等级⇥不合格 (the grade in the
#: next cell)
_STATED = regex.compile(
    rf"(?:评价等级|自评等级|评定等级|等级)[ \t]?(?:为|:|：|\t)[ \t]?[“\"‘「]?({_GRADES})")
#: 得分92分, 自评总分为89.69分
_SCORE = regex.compile(r"(?:得分|总分)(?:为|是)?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分")
_SAME = {"优秀": "优", "良好": "良", "中等": "中", "合格": "中", "较差": "中", "不合格": "差"}
_DEFAULT = [(Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差")]


def bands(text: str) -> list[tuple[Decimal, str]]:
    """Grade bands (lowest score, grade) as the report states them, best first."""
    found = [(Decimal(m.group(2)), m.group(1)) for m in _BAND_S.finditer(text)]
    found += [(Decimal(m.group(1)), m.group(2)) for m in _BAND_RANGE.finditer(text)]
    if not found:
        return _DEFAULT
    found.sort(reverse=True)
    if found[-1][0] > 0:
        worst = "差" if all(g != "差" for _, g in found) else found[-1][1]
        found.append((Decimal(0), worst))
    return found


def grade_for(score: Decimal, table: list[tuple[Decimal, str]]) -> str:
    for low, grade in table:
        if score >= low:
            return grade
    return table[-1][1]


def same(a: str, b: str) -> bool:
    return _SAME.get(a, a) == _SAME.get(b, b) or a == b


@register("score.grade")
class ScoreGrade(Rule[Params]):
    """The grade (优/良/中/差, 优秀…) must be the one the stated bands give for the score.

    **Anti-pattern**: 总分 得分 10, 等级：优 (优 needs ≥ 90).

    **Correct**: 自评得分97分，评价等级为优秀 with 优秀（S≥90）.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        doc = index.document
        table_bands = bands(doc.text)
        for st in score_tables(index):
            if st.total is None or st.total.score is None:
                continue
            # the 总分 row and the row under it (自评等级⇥良好 printed as a row of its own)
            rows = sorted({c.row for c in st.table.cells if c.row >= st.total.row})[:2]
            row_cells = [c for c in st.table.cells if c.row in rows and c.span]
            for cell, nxt in zip(row_cells, [*row_cells[1:], None], strict=True):
                # the grade in the cell itself (等级：优) or in the one after its label
                text = cell.text.replace(" ", "") + ("\t" + nxt.text.replace(" ", "") if nxt else "")
                m = _STATED.search(text)
                if m is None or cell.span is None:
                    continue
                target = cell if m.start(1) < len(cell.text.replace(" ", "")) else nxt
                if target is None or target.span is None:
                    continue
                start = target.span.start + target.span.text.find(m.group(1))
                stated = doc.span(start, start + len(m.group(1)))
                yield from self._judge(st.total.score.quantity.value, m.group(1), stated,
                                       table_bands, [evidence("score", st.total.score)])
        for sentence in doc.sentences:
            text = sentence.span.text
            g, s = _STATED.search(text), _SCORE.search(text)
            if g and s:
                start = sentence.span.start
                stated = doc.span(start + g.start(1), start + g.end(1))
                score_span = doc.span(start + s.start(1), start + s.end(0))
                yield from self._judge(Decimal(s.group(1)), g.group(1), stated, table_bands,
                                       [Evidence(role="score", span=score_span,
                                                 value=Decimal(s.group(1)))])

    def _judge(self, score: Decimal, grade: str, stated: Evidence | object,
               table: list[tuple[Decimal, str]], extra: list[Evidence]) -> Iterator[Finding]:
        expected = grade_for(score, table)
        if same(expected, grade):
            return
        yield self.conflict("SCORE_GRADE", "评价等级",
                            [Evidence(role="stated", span=stated), *extra],  # type: ignore[arg-type]
                            score=score, expected=expected, stated=grade)
