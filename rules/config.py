"""Rule parameters as data: rules/defaults.yaml, overridden by a user's YAML.

A user file has the same shape as defaults.yaml (a mapping from rule id to parameters)
and may set `enabled`, `severity` and any tolerance a rule declares. Unknown rule ids and
unknown keys are errors at start-up, not silent typos.
"""

from __future__ import annotations

import copy
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from models import DocumentError

from .registry import RULES, Params


class RulesConfig:
    """Validated parameters of every registered rule."""

    def __init__(self, params: dict[str, Params]) -> None:
        self.params = params

    def enabled(self) -> list[str]:
        return [rule_id for rule_id, p in self.params.items() if p.enabled]


@cache
def _defaults() -> dict[str, Any]:
    """defaults.yaml, parsed once per process (a check per document would otherwise spend a
    tenth of its time re-reading it); callers copy what they change."""
    text = resources.files("rules").joinpath("defaults.yaml").read_text("utf-8")
    return yaml.safe_load(text) or {}


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> RulesConfig:
    """Defaults, then the YAML at `path`, then `overrides` (all keyed by rule id).

    Raises:
        DocumentError: E_RULES_CONFIG for unreadable YAML, unknown rules or bad values.
    """
    from . import catalog  # noqa: F401  (registers every rule)

    merged: dict[str, dict[str, Any]] = {k: copy.deepcopy(dict(v or {})) for k, v in _defaults().items()}
    layers: list[dict[str, Any]] = []
    if path is not None:
        try:
            layers.append(yaml.safe_load(Path(path).read_text("utf-8")) or {})
        except (OSError, yaml.YAMLError) as exc:
            raise DocumentError("E_RULES_CONFIG", detail=str(exc)) from exc
    if overrides:
        layers.append(overrides)
    for layer in layers:
        if not isinstance(layer, dict):
            raise DocumentError("E_RULES_CONFIG", detail="top level must map rule ids to settings")
        for rule_id, values in layer.items():
            if rule_id not in RULES:
                raise DocumentError("E_RULES_CONFIG", detail=f"unknown rule {rule_id!r}")
            merged.setdefault(rule_id, {}).update(values or {})
    params: dict[str, Params] = {}
    for rule_id, cls in RULES.items():
        try:
            params[rule_id] = cls.Params(**merged.get(rule_id, {}))
        except ValidationError as exc:
            raise DocumentError("E_RULES_CONFIG", detail=f"{rule_id}: {exc}") from exc
    return RulesConfig(params)
