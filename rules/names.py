"""The Chinese and English name of every rule (rules/data/names.yaml), for people: the
rule list of `hecha rules`, the report page, the browser interface and the exports."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def _names() -> dict[str, tuple[str, str]]:
    text = resources.files("rules").joinpath("data", "names.yaml").read_text("utf-8")
    return {rule_id: (entry["zh"], entry["en"]) for rule_id, entry in (yaml.safe_load(text) or {}).items()}


def rule_names() -> dict[str, tuple[str, str]]:
    """Rule id → (Chinese name, English name)."""
    return dict(_names())


def rule_name(rule_id: str) -> tuple[str, str]:
    """The (zh, en) name of `rule_id`; the id itself for a rule without one."""
    return _names().get(rule_id, (rule_id, rule_id))
