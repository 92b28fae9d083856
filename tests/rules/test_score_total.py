"""score.total shows the wrong 总分 where the text states it again, not only in its table."""

from __future__ import annotations

import rules
from extractor import extract_text

FORM = (
    "2021年度部门整体支出绩效自评报告\n"
    "部门整体支出绩效自评表\n"
    "一级指标\t二级指标\t三级指标\t指标值\t完成值\t分值\t得分\n"
    "产出指标\t数量指标\t审计项目完成数\t≥30个\t32个\t50\t50\n"
    "效益指标\t社会效益指标\t审计建议采纳率\t≥90%\t93.8%\t50\t{score}\n"
    "总分\t\t\t\t\t100\t96\n"
    "对照部门整体支出绩效自评表，本局2021年度部门整体支出自评得分96分，评价等级为优。\n"
)


def _total(text: str):
    x = extract_text(text, "t.txt", doc_id="t", encoding="utf-8")
    report = rules.check(x.document, x.claims)
    return [f for f in report.findings if f.rule == "score.total"]


def test_the_wrong_total_is_shown_where_the_text_restates_it():
    [finding] = _total(FORM.format(score="48"))
    restated = [e for e in finding.evidence if e.role == "restated"]
    assert [e.span.text for e in restated] == ["96分"]
    assert finding.severity.value == "error"


def test_a_right_total_restated_is_no_finding():
    assert _total(FORM.format(score="46")) == []
