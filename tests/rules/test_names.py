"""Every rule has a Chinese and an English name (rules/data/names.yaml), and only rules do."""

from __future__ import annotations

import re

import rules
from rules.names import rule_name, rule_names


def test_every_rule_has_a_chinese_and_an_english_name_and_every_name_a_rule():
    names = rule_names()
    assert sorted(names) == sorted(rules.rule_ids())
    for rule_id, (zh, en) in names.items():
        assert re.search(r"[\u4e00-\u9fff]", zh), rule_id
        assert en and en[0].islower() and not re.search(r"[\u4e00-\u9fff]{4}", en), rule_id
    assert len(set(names.values())) == len(names)  # no two rules share a name


def test_names_of_the_common_rules():
    assert rule_name("sum.table") == ("表内合计不符", "a table total does not add up")
    assert rule_name("value.mismatch")[0] == "同一数字前后不一"
    assert rule_name("no.such") == ("no.such", "no.such")
