"""Rule parameters as data: rules/defaults.yaml, overridden by a user's YAML.

A user file has the same shape as defaults.yaml (a mapping from rule id to parameters)
and may set `enabled`, `severity` and any tolerance a rule declares. Unknown rule ids and
unknown keys are errors at start-up, not silent typos. A profile comes from users (the API
takes one per request), so `read_profile` parses it defensively: size-capped, no aliases,
no deep nesting, plain YAML types only.
"""

from __future__ import annotations

import copy
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from models import ConfigError

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


#: the largest rules profile read: a profile is a few dozen lines
MAX_PROFILE_BYTES = 64 * 1024
#: how deeply a profile may nest: rule id → parameter → a list of values, and a little more
_MAX_DEPTH = 8


class _ProfileLoader(yaml.SafeLoader):
    """YAML without aliases (a few hundred bytes of nested aliases expand to gigabytes),
    without nesting past `_MAX_DEPTH` (a 5000-deep list exhausts the stack) and without
    tags beyond plain scalars, lists and mappings (!!binary, !!set are not parameters)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases (*name) are not allowed in a rules profile")
        self._depth += 1
        try:
            if self._depth > _MAX_DEPTH:
                raise yaml.YAMLError(f"nested deeper than {_MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_PLAIN_TAGS = {"tag:yaml.org,2002:" + t
               for t in ("str", "int", "float", "bool", "null", "seq", "map")}


def _plain(node: yaml.Node) -> None:
    if node.tag not in _PLAIN_TAGS:
        raise yaml.YAMLError(f"tag {node.tag} is not allowed in a rules profile")
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _plain(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _plain(key)
            _plain(value)


def read_profile(text: str | bytes) -> dict[str, Any]:
    """A rules profile's YAML as a mapping of rule ids to parameter mappings, its shape
    checked before any rule sees it: the one parser of profiles for the CLI, the API and
    bulk annotation (values are checked by each rule's Params in `load_config`).

    Raises:
        ConfigError: E_RULES_CONFIG naming the key or the YAML problem.
    """
    if len(text) > MAX_PROFILE_BYTES:
        raise ConfigError("E_RULES_CONFIG", detail=f"larger than {MAX_PROFILE_BYTES} bytes")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError("E_RULES_CONFIG", detail="not UTF-8 text") from exc
    try:
        loader = _ProfileLoader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _plain(node)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise ConfigError("E_RULES_CONFIG", detail=_one_line(str(exc))) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError("E_RULES_CONFIG", detail="top level must map rule ids to settings")
    return data


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> RulesConfig:
    """Defaults, then the YAML at `path`, then `overrides` (all keyed by rule id).

    Raises:
        ConfigError: E_RULES_CONFIG for unreadable YAML, unknown rules or bad values.
    """
    from . import catalog  # noqa: F401  (registers every rule)

    merged: dict[str, dict[str, Any]] = {k: copy.deepcopy(dict(v or {})) for k, v in _defaults().items()}
    layers: list[dict[str, Any]] = []
    if path is not None:
        try:
            with open(path, "rb") as f:
                raw = f.read(MAX_PROFILE_BYTES + 1)
        except OSError as exc:
            raise ConfigError("E_RULES_CONFIG", detail=_one_line(str(exc))) from exc
        layers.append(read_profile(raw))
    if overrides:
        layers.append(overrides)
    for layer in layers:
        if not isinstance(layer, dict):
            raise ConfigError("E_RULES_CONFIG", detail="top level must map rule ids to settings")
        for rule_id, values in layer.items():
            if rule_id not in RULES:
                raise ConfigError("E_RULES_CONFIG", detail=f"unknown rule {rule_id!r}")
            if values is not None and not isinstance(values, dict):
                raise ConfigError("E_RULES_CONFIG",
                                    detail=f"{rule_id}: expected a mapping of parameters, got {values!r:.60}")
            if any(not isinstance(key, str) for key in values or {}):
                raise ConfigError("E_RULES_CONFIG", detail=f"{rule_id}: parameter names must be text")
            merged.setdefault(rule_id, {}).update(values or {})
    params: dict[str, Params] = {}
    for rule_id, cls in RULES.items():
        try:
            params[rule_id] = cls.Params(**merged.get(rule_id, {}))
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                                 for e in exc.errors(include_url=False))
            raise ConfigError("E_RULES_CONFIG", detail=_one_line(f"{rule_id}: {problems}")) from exc
    return RulesConfig(params)
