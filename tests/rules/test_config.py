"""Rule parameters are data: defaults, user YAML, overrides, and refusals."""

from __future__ import annotations

import pytest

import rules
from models import ConfigError, Severity
from rules.registry import RULES


def test_every_rule_has_defaults_and_a_manual():
    config = rules.load_profile()
    assert set(config.params) == set(rules.rule_ids())
    for rule_id, cls in RULES.items():
        doc = cls.__doc__ or ""
        assert "Anti-pattern" in doc and "Correct" in doc, rule_id
        assert cls.id == rule_id and cls.__module__ == f"rules.{rule_id}"
        assert isinstance(config.params[rule_id], cls.params_type)


def test_params_come_from_the_type_argument():
    from rules.value.mismatch import ValueMismatch, ValueParams

    assert ValueMismatch.params_type is ValueParams
    assert rules.load_profile().params["value.mismatch"].min_subject_length == 2


def test_a_rule_outside_its_id_path_is_refused():
    from rules.registry import Params, Rule, register

    with pytest.raises(ValueError, match=r"not rules\.sum\.elsewhere"):
        @register("sum.elsewhere")
        class Elsewhere(Rule[Params]):
            pass


def test_the_default_profile_reads_back_as_the_defaults():
    from rules.config import default_profile

    text = default_profile()
    assert "# 表内合计不符\nsum.table:" in text
    profile = rules.read_profile(text)
    assert set(profile) == set(rules.rule_ids())
    assert rules.load_profile(overrides=profile).params == rules.load_profile().params


def test_user_yaml_overrides_defaults(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("share.whole: {severity: info, warning_ulps: 3}\nrate.change: {enabled: false}\n",
                    encoding="utf-8")
    config = rules.load_profile(path)
    assert config.params["share.whole"].severity is Severity.INFO
    assert config.params["share.whole"].warning_ulps == 3
    assert "rate.change" not in config.enabled()


def test_severity_override_applies_to_findings(extractions):
    x = extractions["001_d6c1622c84f33c18.txt"]
    config = rules.load_profile(overrides={"share.whole": {"severity": "info"}})
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
    with pytest.raises(ConfigError) as info:
        rules.load_profile(path)
    assert info.value.code == "E_RULES_CONFIG"


def _alias_bomb(levels: int = 9) -> str:
    """Nine levels of ten aliases: under 500 bytes, 10^9 strings once expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]")
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("sum.narrative: hello", "sum.narrative"),  # a scalar where parameters go
        ("{1: 2}", "1"),
        ("sum.narrative: {1: 2}", "sum.narrative"),
        ("sum.narrative: !!binary aGVsbG8=", "binary"),
        ("[" * 5000 + "]" * 5000, "nested"),
        (_alias_bomb(), "aliases"),
        ("sum.narrative: {warning_ulps: -x}", "warning_ulps"),
        ("x" * (rules.config.MAX_PROFILE_BYTES + 1), "larger"),
    ],
)
def test_hostile_profile_is_one_catalogued_error_naming_its_problem(text, names):
    with pytest.raises(ConfigError) as info:
        rules.load_profile(overrides=rules.read_profile(text))
    assert info.value.code == "E_RULES_CONFIG"
    detail = str(info.value.values["detail"])
    assert names in detail and "\n" not in detail


def test_profile_that_is_not_utf8_is_refused():
    with pytest.raises(ConfigError) as info:
        rules.read_profile(b"sum.narrative: {warning_ulps: 2}\xff\xfe")
    assert info.value.code == "E_RULES_CONFIG" and "UTF-8" in str(info.value.values["detail"])


def test_plain_profile_reads():
    assert rules.read_profile("sum.narrative: {warning_ulps: 2}\n") == {"sum.narrative": {"warning_ulps": 2}}


def test_duplicate_rule_id_fails_at_import():
    from rules.registry import Rule, register

    with pytest.raises(ValueError, match="duplicate"):
        register("share.whole")(type("Again", (Rule,), {}))


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("sum.table: {tolerance: 1}", "sum.table：未知参数 tolerance（可用：",
         "sum.table: unknown parameter tolerance (known: enabled,"),
        ("sum.tabel: {enabled: false}", "未知规则 'sum.tabel'（是否为 sum.table？）",
         "unknown rule 'sum.tabel' (did you mean sum.table?)"),
        ("sum.table: {warning_ulps: x}", "参数 warning_ulps 的值 'x' 无效：应为整数",
         "sum.table: warning_ulps: invalid value 'x'"),
        ("sum.table: {severity: fatal}", "应为 'error'、'warning'、'info' 之一",
         "severity: invalid value 'fatal'"),
        ("sum.table: [1\n", "第 2 行第 1 列 YAML 语法错误", "YAML syntax error at line 2, column 1"),
        ("- a", "顶层应为规则编号到参数的映射", "top level must map rule ids to settings"),
    ],
)
def test_a_bad_profile_names_its_key_and_problem_in_both_languages(text, zh, en):
    with pytest.raises(ConfigError) as info:
        rules.load_profile(overrides=rules.read_profile(text))
    msg = info.value.msg
    assert msg.zh.startswith("规则配置错误：") and zh in msg.zh and "\n" not in msg.zh
    assert msg.en.startswith("invalid rules configuration: ") and en in msg.en and "\n" not in msg.en
