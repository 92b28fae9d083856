"""Rule parameters are data: defaults, user YAML, overrides, and refusals."""

from __future__ import annotations

import pytest

import rules
from models import DocumentError, Severity
from rules.registry import RULES


def test_every_rule_has_defaults_and_a_manual():
    config = rules.load_config()
    assert set(config.params) == set(rules.rule_ids())
    for rule_id, cls in RULES.items():
        doc = cls.__doc__ or ""
        assert "Anti-pattern" in doc and "Correct" in doc, rule_id
        assert cls.name and cls.id == rule_id


def test_user_yaml_overrides_defaults(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("share.whole: {severity: info, warning_ulps: 3}\nrate.change: {enabled: false}\n",
                    encoding="utf-8")
    config = rules.load_config(path)
    assert config.params["share.whole"].severity is Severity.INFO
    assert config.params["share.whole"].warning_ulps == 3
    assert "rate.change" not in config.enabled()


def test_severity_override_applies_to_findings(extractions):
    x = extractions["001_d6c1622c84f33c18.txt"]
    config = rules.load_config(overrides={"share.whole": {"severity": "info"}})
    report = rules.check(x.document, x.claims, config)
    shares = [f for f in report.findings if f.rule == "share.whole"]
    assert shares and all(f.severity is Severity.INFO for f in shares)


@pytest.mark.parametrize(
    "text",
    ["no.such.rule: {}", "share.whole: {tolerance: 3}", "share.whole: {severity: fatal}", "- a\n- b",
     "share.whole: [unclosed"],
)
def test_bad_config_is_refused(tmp_path, text):
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        rules.load_config(path)
    assert info.value.code == "E_RULES_CONFIG"


def test_duplicate_rule_id_fails_at_import():
    from rules.registry import Rule, register

    with pytest.raises(ValueError, match="duplicate"):
        register("share.whole")(type("Again", (Rule,), {}))
