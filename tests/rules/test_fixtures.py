"""One parametrized runner for every rule's YAML fixture (tests/rules/fixtures/<id>.yml).

A case `test_fail_*` lists the findings the rule must make (the quoted stated figure, and
optionally severity, expected value and other texts its evidence quotes); a case `test_pass_*`
must make none. The text is
a report passage: real ones from the seeds, or small written ones; a literal `\t` in it
stands for a tab (table layouts). `params` override the rule's parameters for that case.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml

import rules
from extractor import extract_text

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "2020年度部门决算\n"


def cases():
    for path in sorted(FIXTURES.glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for name, case in data.items():
            if name.startswith(("test_pass_", "test_fail_")):
                yield pytest.param(data["rule"], name, case, id=f"{data['rule']}:{name}")


def run(rule_id: str, case: dict):
    text = case["text"].replace("\\t", "\t")
    text = text if case.get("raw") else HEADER + text
    x = extract_text(text, "case.txt", doc_id="case", encoding="utf-8")
    overrides = {r: {"enabled": r == rule_id} for r in rules.rule_ids()}
    overrides[rule_id].update(case.get("params", {}))
    report = rules.check(x.document, x.claims, rules.load_profile(overrides=overrides))
    return [f for f in report.findings if f.rule == rule_id]


def stated_text(finding) -> str:
    stated = [e for e in finding.evidence if e.role in ("stated", "odd_one_out")] or finding.evidence
    return stated[0].span.text


@pytest.mark.parametrize(("rule_id", "name", "case"), list(cases()))
def test_rule_case(rule_id, name, case):
    findings = run(rule_id, case)
    if name.startswith("test_pass_"):
        assert findings == [], [f.message_en for f in findings]
        return
    expected = case["findings"]
    assert len(findings) == len(expected), [f.message_en for f in findings]
    for want in expected:
        match = [f for f in findings if stated_text(f) == str(want["quote"])]
        assert match, (want, [stated_text(f) for f in findings])
        finding = match[0]
        if "severity" in want:
            assert finding.severity.value == want["severity"], finding.message_en
        if "expected" in want:
            # the expected value as the fixture prints it, within the computed interval
            value = Decimal(str(want["expected"]))
            low, high = (x.quantize(value, ROUND_HALF_UP)
                         for x in (finding.expected_low, finding.expected_high))
            assert finding.kind == "arithmetic" and low <= value <= high, (low, high)
        if "evidence" in want:  # texts the finding must point at besides the stated figure
            quoted = {e.span.text for e in finding.evidence}
            assert set(want["evidence"]) <= quoted, quoted
        assert finding.message_zh and finding.message_en


def test_every_rule_has_a_pass_and_a_fail_case():
    covered: dict[str, set[str]] = {}
    for path in FIXTURES.glob("*.yml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        kinds = {n.split("_")[1] for n in data if n.startswith("test_")}
        covered[data["rule"]] = kinds
    for rule_id in rules.rule_ids():
        assert covered.get(rule_id, set()) >= {"pass", "fail"}, rule_id
