"""The rule registry: one small class per kind of inconsistency, registered by a stable id.

A rule is a file rules/<family>/<name>.py holding one `Rule` subclass decorated with
`@register("family.name")`, the id and the path naming each other; a duplicate id fails at
import. Its docstring is its manual (what it checks, why it matters, an anti-pattern and a
correct example); its Chinese and English names are in rules/data/names.yaml. Its
parameters are the pydantic model it is generic over (`Rule[ValueParams]`), defaults
included: the one place they live.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar, Generic, TypeVar, get_args, get_origin

from pydantic import ConfigDict

from models import ConflictFinding, Evidence, Finding, HechaModel, Severity, StructureFinding, message

from .index import ClaimIndex


class Params(HechaModel):
    """Parameters every rule has; a rule's own Params subclass adds its tolerances."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    severity: Severity | None = None  # overrides the severity of every finding the rule makes
    warning_ulps: int = 1  # off by at most this many units of the last printed digit: a warning
    report_rounding: bool = False  # also report differences within rounding, as info


P = TypeVar("P", bound=Params)


class Rule(Generic[P]):
    """Base of all rules: `check` yields findings, never raises on a bad document.

    A rule names its parameters' model as its type argument; `params_type` is read from it
    when the subclass is defined, so the configuration builds the right model for each id.
    """

    id: ClassVar[str]
    params_type: ClassVar[type[Params]] = Params

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for base in getattr(cls, "__orig_bases__", ()):
            if get_origin(base) is Rule:
                (argument,) = get_args(base)
                if isinstance(argument, type) and issubclass(argument, Params):
                    cls.params_type = argument

    def __init__(self, params: P) -> None:
        self.params = params

    def check(self, index: ClaimIndex) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def structure(self, code: str, evidence: list[Evidence], *, severity: Severity = Severity.WARNING,
                  expected_text: str | None = None, **values: object) -> StructureFinding:
        """A finding without arithmetic (something missing, misplaced or misnamed): the
        catalogue message `code` with `values` filled in, in both languages."""
        text = message(code, **values)
        return StructureFinding(rule=self.id, severity=severity, message_zh=text.zh,
                                message_en=text.en, expected_text=expected_text, evidence=evidence)

    def conflict(self, code: str, subject: str, evidence: list[Evidence], *,
                 severity: Severity = Severity.ERROR, **values: object) -> ConflictFinding:
        """Statements about `subject` that contradict each other without arithmetic; the
        subject is also a value of the message."""
        text = message(code, subject=subject, **values)
        return ConflictFinding(rule=self.id, severity=severity, message_zh=text.zh,
                               message_en=text.en, subject=subject, evidence=evidence)


RULES: dict[str, type[Rule[Any]]] = {}

R = TypeVar("R", bound=type[Rule[Any]])


def register(rule_id: str) -> Callable[[R], R]:
    """Class decorator: register a rule under `rule_id` (e.g. "rate.wrong_base"), which must
    be its module's path below rules/ (rules/rate/wrong_base.py)."""

    def decorate(cls: R) -> R:
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id!r}")
        if cls.__module__ != f"{__package__}.{rule_id}":
            raise ValueError(f"rule {rule_id!r} is defined in {cls.__module__}, "
                             f"not {__package__}.{rule_id}")
        cls.id = rule_id
        RULES[rule_id] = cls
        return cls

    return decorate
