"""The rule registry: one small class per kind of inconsistency, registered by a stable id.

A rule is a file rules/<family>/<name>.py holding one `Rule` subclass decorated with
`@register("family.name")`; a duplicate id fails at import. Its docstring is its manual
(what it checks, why it matters, an anti-pattern and a correct example). Its parameters are
a pydantic `Params` model whose defaults live in rules/defaults.yaml under the rule id.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from pydantic import ConfigDict

from models import Finding, HechaModel, Severity

from .index import ClaimIndex


class Params(HechaModel):
    """Parameters every rule has; a rule's own Params subclass adds its tolerances."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    severity: Severity | None = None  # overrides the severity of every finding the rule makes
    warning_ulps: int = 1  # off by at most this many units of the last printed digit: a warning
    report_rounding: bool = False  # also report differences within rounding, as info


class Rule:
    """Base of all rules: `check` yields findings, never raises on a bad document."""

    id: ClassVar[str]
    name: ClassVar[str]
    Params: ClassVar[type[Params]] = Params

    def __init__(self, params: Params) -> None:
        self.params = params

    def check(self, index: ClaimIndex) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError


RULES: dict[str, type[Rule]] = {}


def register(rule_id: str):
    """Class decorator: register a rule under `rule_id` (e.g. "rate.wrong_base")."""

    def decorate(cls: type[Rule]) -> type[Rule]:
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id!r}")
        cls.id = rule_id
        RULES[rule_id] = cls
        return cls

    return decorate
