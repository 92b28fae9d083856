"""Running the rules over one document."""

from __future__ import annotations

from models import Claim, Document, Report, with_ids

from .certainty import settle, unchecked_tables
from .config import RulesProfile, load_profile
from .index import ClaimIndex
from .registry import RULES


def rule_ids() -> list[str]:
    """Ids of all registered rules."""
    from . import catalog  # noqa: F401

    return sorted(RULES)


def check(document: Document, claims: list[Claim], config: RulesProfile | None = None) -> Report:
    """Run every enabled rule and return the Report (findings sorted by position, each
    with its stable id).

    Each finding passes the rule of certainty (rules/certainty.py) before a user's severity
    override, which is the user's explicit word and wins.
    """
    config = config or load_profile()
    index = ClaimIndex(document, claims)
    findings = []
    ran = []
    for rule_id in config.enabled():
        params = config.params[rule_id]
        rule = RULES[rule_id](params)
        ran.append(rule_id)
        for found in rule.check(index):
            finding = settle(found, index)
            if finding is None:
                continue
            if params.severity is not None:
                finding = finding.model_copy(update={"severity": params.severity})
            findings.append(finding)
    findings.sort(key=lambda f: (f.evidence[0].span.start if f.evidence else -1, f.rule))
    return Report(document=document, claims=claims, findings=with_ids(findings), rules=ran,
                  unchecked=unchecked_tables(index))
