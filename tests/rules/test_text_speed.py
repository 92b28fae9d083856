"""text.placeholder and text.repeat stay linear on long lines (issue 19 audits the patterns).

A report read from a PDF or a spreadsheet can hold a line of 200 KB; a pattern that
backtracks over its own characters would take quadratic time on it. The test times the
rules' matching on lines of 50 KB and 200 KB and holds the ratio, not an
absolute time, so a slow or busy machine does not fail it: at four times the length linear
work takes four times as long, quadratic work sixteen times.
"""

from __future__ import annotations

import time

import pytest

from rules.text.placeholder import placeholders
from rules.text.repeat import repeats

#: the characters the patterns start, repeat or close on, each as a line of itself
LINES = ["好", "增加", "增加增", "X", "×", "X×", "某", "。", "。，", "1", "1.0万元", "3月5日",
         "202", "20X", "【", "增加(", "上升/", "支出"]
SMALL, LARGE = 50_000, 200_000
OPPOSITES = {frozenset(("增加", "减少")), frozenset(("上升", "下降"))}


def _seconds(line: str) -> float:
    """The best of five runs of both rules' matching over `line`."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        list(placeholders(line, OPPOSITES))
        list(repeats(line, frozenset(), ("支出决算",)))
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("piece", LINES)
def test_matching_time_grows_linearly(piece):
    small = (piece * (SMALL // len(piece) + 1))[:SMALL]
    large = (piece * (LARGE // len(piece) + 1))[:LARGE]
    ratio = _seconds(large) / max(_seconds(small), 1e-4)
    assert ratio < 8.0, (piece, ratio)  # linear: about 4; quadratic: about 16
