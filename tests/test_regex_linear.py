"""Every pattern of extractor/ and rules/ stays linear on adversarial lines (issue 19).

A line read from a PDF or a spreadsheet can be hundreds of kilobytes of one character
(spaces, digits, 一, tabs). A pattern with nested or adjacent quantifiers over the same
characters backtracks quadratically on such a line. Each module-level pattern is run as
the code runs it (every match found over the line, the first one only, or matched at its
start where the code only anchors it) on lines of 4,000 and 32,000 characters of each
adversarial piece; the time may grow at most twenty-four times for eight times the length
(linear is eight, quadratic sixty-four: the margin is wide because a shared CI machine
slows one short run by half again). A ratio, not an absolute time, so a busy machine does
not fail it; a run under 5 ms at the large size is not compared (noise).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from collections.abc import Iterator

import pytest
import regex

#: patterns the code only ever matches at one position (match/fullmatch), with where:
#: searched from every position they would be quadratic, anchored they are linear
ANCHORED = {
    "extractor.cues.LEADING_FILLER",  # narrative._phrase: match at the phrase's start
    "extractor.readers.layout._FIGURE",  # layout: fullmatch of one cell's text
    "extractor.readers.layout._PAGE_NUMBER",  # layout: fullmatch of one line
    "extractor.segment._PAGE_NUMBER",  # segment.furniture: fullmatch of one line
    "extractor.segment._RUNNING_HEADER",  # segment.furniture: fullmatch of one line
    "rules.direction.contradiction._REASON",  # direction.contradiction: match at a sentence's start
    "extractor.claims.narrative._CONTINUES",  # narrative: match at a clause's start
    "rules.code.name._CODE_PREFIX",  # code.name: match at a cell's start
}
#: patterns the code searches once (the first match only): timed with search
ONCE = {
    "extractor.cues._LAST_FILLER",  # cues.trailing_filler: one word at the end
}
PIECES = [" ", "1", "1.", "0.0", "1,", ",", "年", "万元", "\t", "（", "增加", "2020年", "X", "×",
          "一", "a", "：", "1 ", "。", "-"]
SMALL, LARGE = 4_000, 32_000
#: the literals patterns require (为, 分, 年, 万元, S≥…) after the run: the regex module fails
#: at once on a line without them, which would hide backtracking over the run
TAIL = "为分以上S≥年度万元（类）（款）（项）：:。主要原因是增加减少合计其中占%"


def patterns() -> Iterator[tuple[str, regex.Pattern[str] | re.Pattern[str]]]:
    for package in ("extractor", "rules"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            module = importlib.import_module(info.name)
            for attr, value in vars(module).items():
                if isinstance(value, (regex.Pattern, re.Pattern)) and isinstance(value.pattern, str):
                    yield f"{info.name}.{attr}", value


def _seconds(name: str, pattern: regex.Pattern[str] | re.Pattern[str], line: str) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        if name in ANCHORED:
            pattern.match(line)
        elif name in ONCE:
            pattern.search(line)
        else:
            for _ in pattern.finditer(line):
                pass
        best = min(best, time.perf_counter() - start)
    return best


ALL = dict(patterns())


def test_the_audit_sees_the_patterns():
    assert len(ALL) > 80 and set(ANCHORED) <= set(ALL)


@pytest.mark.parametrize("name", sorted(ALL))
def test_pattern_time_grows_linearly(name):
    pattern = ALL[name]
    for piece in PIECES:
        small = (piece * (SMALL // len(piece) + 1))[:SMALL] + TAIL
        large = (piece * (LARGE // len(piece) + 1))[:LARGE] + TAIL
        t_large = _seconds(name, pattern, large)
        if t_large < 0.005:
            continue
        t_small = _seconds(name, pattern, small)
        assert t_large / max(t_small, 1e-4) < 3 * LARGE / SMALL, (piece, t_small, t_large)
