"""From a stated figure and the interval it should lie in, to a finding (or none).

The one place that decides severity for arithmetic: outside the interval by at most
`warning_ulps` units of the stated figure's last printed digit is a warning (a truncated
or force-balanced figure such as 47.12% for 47.129%); further out is an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex

from models import ArithmeticFinding, Claim, Evidence, Finding, Severity, message

from .arith import Interval, off_by, show_interval, shown, stated
from .index import ClaimIndex
from .registry import Params

#: a direction word and the few characters between it and the figure it states (增长幅度为)
_DIRECTION_WORD = regex.compile(r"(增加|增长|上升|提高|减少|下降|降低|压减)\p{Han}{0,4}$")


def evidence(role: str, claim: Claim) -> Evidence:
    """Evidence pointing at a claim's printed figure."""
    return Evidence(role=role, span=claim.quantity.span, claim=claim.id,
                    value=claim.quantity.value)


def words_before(index: ClaimIndex, claim: Claim, reach: int) -> str:
    """The `reach` characters before a claim's figure, normalized (完成年初預算的 reads
    完成年初预算的): where a rule reads the words that say what the figure is of."""
    doc = index.document
    start = doc.offsets.to_normalized(claim.quantity.span.start)
    return doc.text[max(0, start - reach):start]


def direction_word(index: ClaimIndex, claim: Claim) -> Evidence | None:
    """The direction word a change figure follows ("增长幅度为24.89%"): the word a finding
    about the change's direction points at."""
    doc = index.document
    start = doc.offsets.to_normalized(claim.quantity.span.start)
    m = _DIRECTION_WORD.search(doc.text, max(0, start - 10), start)  # normalized: 增長 reads 增长
    if m is None:
        return None
    return Evidence(role="word", span=doc.span(doc.offsets.to_original(m.start(1)),
                                               doc.offsets.to_original(m.end(1))))


def consistent(claim: Claim, expected: Interval) -> bool:
    """Can the printed figure be `expected`? Rules ask this before building any message."""
    return stated(claim.quantity).meets(expected)


def arithmetic(rule_id: str, params: Params, code: str, claim: Claim, expected: Interval,
               formula: str, operands: list[Evidence], decimals: int | None = None,
               **values: object) -> ArithmeticFinding | None:
    """A finding when `claim`'s printed value cannot be `expected`; None when it can.

    With `report_rounding`, a value that is consistent only thanks to rounding (15.42 for
    3.43 + 11.98 = 15.41) is reported at severity info, as the reports' own 尾数误差 notes.
    """
    q = claim.quantity
    places = q.decimals if decimals is None else decimals
    if consistent(claim, expected):
        if not params.report_rounding or shown(expected.mid, q.decimals) == shown(q.value, q.decimals):
            return None
        severity, code = Severity.INFO, "ROUNDING"
    elif off_by(q, expected) <= params.warning_ulps:
        severity = Severity.WARNING
    else:
        severity = Severity.ERROR
    text = message(
        code,
        formula=formula,
        expected=show_interval(expected, max(places, 2)),
        stated=shown(q.value, q.decimals),
        subject=claim.subject,
        **values,
    )
    return ArithmeticFinding(
        rule=rule_id,
        severity=severity,
        message_zh=text.zh,
        message_en=text.en,
        formula=formula,
        stated=q.value,
        expected=expected.mid.quantize(Decimal(1).scaleb(-max(places, 2) - 2)),
        expected_low=expected.low,
        expected_high=expected.high,
        evidence=[evidence("stated", claim), *operands],
    )


_MILDNESS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def mildest(readings: Iterable[Finding | None]) -> Finding | None:
    """The mildest outcome of one check over several readings of its operands: None (the
    figure holds) before a warning before an error, the first of equals. A check whose
    operand the report states two ways (基本支出 565.32 in the text, 556.32 in its table)
    is judged on the reading that fits: the disputed operand is value.mismatch's finding,
    not a second error here. Stops at the first reading that holds."""
    best: Finding | None = None
    for finding in readings:
        if finding is None:
            return None
        if best is None or _MILDNESS[finding.severity] < _MILDNESS[best.severity]:
            best = finding
    return best


def figure(claim: Claim) -> str:
    """A claim's figure as printed, for formulas."""
    return shown(claim.quantity.value, claim.quantity.decimals)
