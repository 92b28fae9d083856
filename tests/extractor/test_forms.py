"""Tables are recognised as forms by their title and headers: a title that ends with a
form's name is that form unless what comes before narrows it to another table."""

from __future__ import annotations

import pytest

from extractor import forms


def test_every_title_variant_survives_cleaning():
    # a variant cleaned to "" would end every title: every unknown table would be that form
    for form in forms.forms():
        assert all(form.titles), form.id


@pytest.mark.parametrize(("title", "form"), [
    ("石峰区委办2020年度支出决算表", "spending"),
    ("单位收入支出决算总表", "income_spending_total"),
    ("收入支出决算总表 单位：万元", "income_spending_total"),
    ("一般公共预算财政拨款支出决算表", "general_budget_spending"),
    ("公开08表 政府性基金预算财政拨款收入支出决算表", "fund_budget"),
    ("一般公共预算财政拨款项目支出决算表", "general_budget_project"),
    ("公共财政拨款支出决算表", "general_budget_spending"),  # the fund's name before 2016
])
def test_titles_name_their_forms(title, form):
    found = forms.recognise(title, ["项目", "合计", "基本支出", "项目支出", "收入", "支出", "本年收入",
                                    "年初结转和结余", "决算数", "一般公共预算财政拨款"])
    assert found is not None and found.id == form


@pytest.mark.parametrize("title", ["项目支出决算表", "专项支出决算表", "部门项目绩效目标表",
                                   "机构人员情况表", "财政专户管理资金收入支出决算表"])
def test_a_table_no_form_names_is_no_form(title):
    assert forms.recognise(title, ["项目名称", "决算数", "项目", "合计"]) is None
