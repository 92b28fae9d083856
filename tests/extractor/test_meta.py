"""What a report says about itself: unit fields and dates, read once with their spans."""

from __future__ import annotations

from extractor import extract_text


def meta(text: str):
    return extract_text(text, "case.txt", doc_id="case", encoding="utf-8").document.meta


def test_unit_fields_with_spans_and_the_title_unit():
    text = ("2021年桃溪县文化旅游局部门整体支出绩效自评报告\n填报单位：青溪县文化旅游局\n"
            "主管部门：桃溪县财政局\n\t预算单位\n\t桃溪县文化旅游局\n")
    m = meta(text)
    assert m.unit_name == "桃溪县文化旅游局"  # the title's, not the first field's
    assert [(f.label, f.name) for f in m.unit_fields] == [
        ("填报单位", "青溪县文化旅游局"), ("预算单位", "桃溪县文化旅游局")]
    assert all(text[f.span.start:f.span.end] == f.name for f in m.unit_fields)


def test_dates_and_the_documents_own():
    text = ("桃溪县文化旅游局2021年度部门决算\n发布日期：2022-08-20\n"
            "2022年3月，本部门组织开展了绩效自评。\n桃溪县文化旅游局\n二〇二二年八月二十日\n")
    dates = [(d.year, d.month, d.day, d.label, d.span.text) for d in meta(text).dates]
    assert dates == [
        (2022, 8, 20, "发布日期", "2022-08-20"),
        (2022, 3, None, None, "2022年3月"),
        (2022, 8, 20, "落款", "二〇二二年八月二十日"),
    ]


def test_a_date_printed_as_it_is_not_corrected():
    (d,) = meta("填报日期：2022年2月30日\n").dates
    assert (d.month, d.day, d.label) == (2, 30, "填报日期")


def test_amounts_are_not_dates():
    assert meta("支出2021.45万元，完成时间：2022年12月底。\n").dates[0].label is None
    assert len(meta("支出2021.45万元。\n").dates) == 0


def test_the_overview_heading_names_the_unit():
    m = meta("桃溪县文化旅游局2021年度部门决算\n第一部分 桃溪县财政局概况\n")
    assert [(f.label, f.name) for f in m.unit_fields] == [("概况", "桃溪县财政局")]
