"""Figures as reports print them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.numbers import scan
from models import Bound, QuantityKind


def one(text: str):
    [figure] = scan(text)
    return figure


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit", "decimals"),
    [
        ("1835.05万元", QuantityKind.AMOUNT, "1835.05", "万元", 2),
        ("1,835.05元", QuantityKind.AMOUNT, "1835.05", "元", 2),
        ("6万", QuantityKind.AMOUNT, "6", "万元", 0),
        ("3.2亿元", QuantityKind.AMOUNT, "3.2", "亿元", 1),
        ("15.6%", QuantityKind.PERCENT, "15.6", "%", 1),
        ("-4.97%", QuantityKind.PERCENT, "-4.97", "%", 2),
        ("百分之十五点六", QuantityKind.PERCENT, "15.6", "%", 1),
        ("2.5个百分点", QuantityKind.POINTS, "2.5", "pp", 1),
        ("18批次", QuantityKind.COUNT, "18", "批次", 0),
        ("188人次", QuantityKind.COUNT, "188", "人次", 0),
        ("0台（套）".replace("（", "(").replace("）", ")"), QuantityKind.COUNT, "0", "台(套)", 0),
        ("10万页", QuantityKind.COUNT, "100000", "页", 0),
        ("97分", QuantityKind.SCORE, "97", "分", 0),
        ("一千元", QuantityKind.AMOUNT, "1000", "元", 0),
        ("3158.5", QuantityKind.NUMBER, "3158.5", None, 1),
    ],
)
def test_figures(text, kind, value, unit, decimals):
    figure = one(text)
    assert (figure.kind, figure.value, figure.unit, figure.decimals) == (
        kind, Decimal(value), unit, decimals)


def test_bounds_and_hedges():
    assert one("≥95%").bound is Bound.GE
    assert one("不少于200份").bound is Bound.GE
    assert one("200余份").approximate
    assert one("约805人次").approximate
    assert one("近300平米").approximate
    limit = one("单位价值50万元以上通用设备")
    assert limit.bound is Bound.GE


def test_span_is_the_figure_without_hedges():
    text = "单位价值50万元以上"
    figure = one(text)
    assert text[figure.start:figure.end] == "50万元"


@pytest.mark.parametrize("text", ["2020年度", "2022.4.11", "截至2020年12月31日", "1.负责", "公开01表"])
def test_not_figures(text):
    assert [f for f in scan(text) if f.kind is not QuantityKind.NUMBER or f.decimals] == []


def test_formula_multiplier_is_marked():
    figures = scan("在职98人/编制110人*100%=90.9%")
    assert [f.multiplier_before for f in figures if f.kind is QuantityKind.PERCENT] == [True, False]


@pytest.mark.parametrize("text", ["占2.O5%", "收入总计1O86.42万元", "基本支出812.4O万元", "完成预算的85.OO%",
                                  "第1l期"])
def test_a_number_ocr_broke_is_not_read(text):
    # a letter O or l standing for a digit: the digits around it are no figure of their own
    assert scan(text) == []


def test_letters_beside_a_whole_number_leave_it_alone():
    assert [str(f.value) for f in scan("收入10.00万元，Office 3OA系统")] == ["10.00", "3"]
