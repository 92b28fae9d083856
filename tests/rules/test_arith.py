"""Interval arithmetic on printed figures (statcheck / XBRL Calculations 1.1 style)."""

from __future__ import annotations

from decimal import Decimal as D

from models import printed_interval
from rules.arith import Interval, ratio, show_interval, total


def printed(text: str) -> Interval:
    value = D(text)
    return Interval(*printed_interval(value, -value.as_tuple().exponent))


def test_printed_figures_stand_for_half_open_intervals():
    assert printed("1835.05") == Interval(D("1835.045"), D("1835.055"))
    assert printed("0.00") == Interval(D(0), D(0))  # zero is exact
    # 7.92 cannot be 0.00 + 7.93: the intervals only touch at 7.925
    assert not printed("7.92").meets(printed("0.00") + printed("7.93"))
    # 15.42 can be 3.43 + 11.98 (= 15.41 ± 0.01)
    assert printed("15.42").meets(total([printed("3.43"), printed("11.98")]))


def test_ratios_bound_the_true_value():
    share = ratio(printed("1695.43"), printed("1861.16"))
    assert share is not None and share.meets(printed("91.09")) and share.meets(printed("91.10"))
    assert not share.meets(printed("91.20"))
    assert ratio(printed("5"), printed("0.00")) is None  # no ratio to a zero


def test_messages_show_one_more_place_for_intervals():
    assert show_interval(Interval(D("21.895"), D("21.905")), 2) == "[21.895, 21.905]"
    assert show_interval(Interval(D("15.601"), D("15.602")), 2) == "15.60"
