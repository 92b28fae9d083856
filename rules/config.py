"""Rule parameters: each rule's Params defaults, overridden by a user's YAML profile.

A profile maps rule ids to parameters (`default_profile()` prints every one, the shape to
copy) and may set `enabled`, `severity` and any tolerance a rule declares. Unknown rule ids and
unknown keys are errors at start-up, not silent typos. A profile comes from users (the API
takes one per request), so `read_profile` parses it defensively: size-capped, no aliases,
no deep nesting, plain YAML types only.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from models import ConfigError

from .registry import RULES, Params


class RulesProfile:
    """The parameters of every rule for a check: the defaults with a user's overrides laid
    over them, validated when built (`load_profile`).

    It is built once where a profile comes in (a --rules file with --select / --ignore, an
    API request, a stored document's profile) and handed on as is, to the checking processes
    too (it pickles), so nothing downstream parses or validates it again.
    """

    __slots__ = ("overrides", "params")

    def __init__(self, params: dict[str, Params], overrides: dict[str, dict[str, Any]]) -> None:
        self.params = params
        self.overrides = overrides  # what the user changed, rule by rule, as given

    def enabled(self) -> list[str]:
        return [rule_id for rule_id, p in self.params.items() if p.enabled]

    def to_json(self) -> str | None:
        """The overrides as canonical JSON, as a document's profile is stored and compared;
        None for the defaults."""
        if not self.overrides:
            return None
        return json.dumps(self.overrides, sort_keys=True, ensure_ascii=False, default=str)


def problem(zh: str, en: str) -> ConfigError:
    """E_RULES_CONFIG with its detail in both languages (`detail` is the English one)."""
    return ConfigError("E_RULES_CONFIG", detail=en, detail_zh=zh)


class ProfileProblem(yaml.YAMLError):
    """A YAML construct refused in a profile, said in both languages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


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
            raise ProfileProblem("不允许使用别名（*name）",
                                 "aliases (*name) are not allowed in a rules profile")
        self._depth += 1
        try:
            if self._depth > _MAX_DEPTH:
                raise ProfileProblem(f"嵌套超过 {_MAX_DEPTH} 层", f"nested deeper than {_MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_PLAIN_TAGS = {"tag:yaml.org,2002:" + t
               for t in ("str", "int", "float", "bool", "null", "seq", "map")}


def _plain(node: yaml.Node) -> None:
    if node.tag not in _PLAIN_TAGS:
        raise ProfileProblem(f"不允许使用标签 {node.tag}",
                             f"tag {node.tag} is not allowed in a rules profile")
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
    bulk annotation (values are checked by each rule's Params in `load_profile`).

    Raises:
        ConfigError: E_RULES_CONFIG naming the key or the YAML problem.
    """
    if len(text) > MAX_PROFILE_BYTES:
        raise problem(f"超过 {MAX_PROFILE_BYTES} 字节", f"larger than {MAX_PROFILE_BYTES} bytes")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise problem("不是 UTF-8 文本", "not UTF-8 text") from exc
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
        raise _yaml_problem(exc) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise not_a_mapping()
    return data


def not_a_mapping() -> ConfigError:
    """E_RULES_CONFIG for a profile that is not a mapping of rule ids (the API's too)."""
    return problem("顶层应为规则编号到参数的映射（如 sum.table: {enabled: false}）",
                   "top level must map rule ids to settings (e.g. sum.table: {enabled: false})")


def _yaml_problem(exc: yaml.YAMLError) -> ConfigError:
    """The YAML error as one line: where (line and column, 1-based) and what."""
    if isinstance(exc, ProfileProblem):
        return problem(exc.zh, exc.en)
    mark = getattr(exc, "problem_mark", None)
    what = _one_line(getattr(exc, "problem", None) or str(exc))
    if mark is None:
        return problem(f"YAML 语法错误：{what}", f"YAML syntax error: {what}")
    line, column = mark.line + 1, mark.column + 1
    return problem(f"第 {line} 行第 {column} 列 YAML 语法错误：{what}",
                   f"YAML syntax error at line {line}, column {column}: {what}")


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def _unknown_rule(rule_id: object) -> ConfigError:
    close = difflib.get_close_matches(str(rule_id), list(RULES), n=1, cutoff=0.6)
    if close:
        return problem(f"未知规则 {rule_id!r}（是否为 {close[0]}？）",
                       f"unknown rule {rule_id!r} (did you mean {close[0]}?)")
    return problem(f"未知规则 {rule_id!r}（hecha rules 列出全部规则）",
                   f"unknown rule {rule_id!r} (hecha rules lists them)")


#: Chinese for pydantic's error types (the English is pydantic's own message)
_ZH_ERRORS = {
    "int_parsing": "应为整数", "int_type": "应为整数", "int_from_float": "应为整数",
    "float_parsing": "应为数字", "float_type": "应为数字",
    "bool_parsing": "应为 true 或 false", "bool_type": "应为 true 或 false",
    "string_type": "应为文字", "list_type": "应为列表", "dict_type": "应为映射",
    "greater_than": "应大于 {gt}", "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}", "less_than_equal": "应不大于 {le}",
    "enum": "应为 {expected} 之一", "literal_error": "应为 {expected} 之一",
    "missing": "缺少此参数",
}


def _param_problem(rule_id: str, cls: type[Params], exc: ValidationError) -> ConfigError:
    """A rule's parameters refused by its Params: each bad key with what is wrong."""
    zh, en = [], []
    for e in exc.errors(include_url=False):
        key = ".".join(str(p) for p in e["loc"]) or "?"
        if e["type"] == "extra_forbidden":
            known = ", ".join(sorted(cls.model_fields))
            zh.append(f"未知参数 {key}（可用：{known}）")
            en.append(f"unknown parameter {key} (known: {known})")
            continue
        value = f"{e.get('input')!r:.60}"
        template = _ZH_ERRORS.get(e["type"])
        ctx = {k: str(v).replace(" or ", "、").replace(", ", "、") for k, v in (e.get("ctx") or {}).items()}
        reason = template.format(**ctx) if template else e["msg"]
        zh.append(f"参数 {key} 的值 {value} 无效：{reason}")
        en.append(f"{key}: invalid value {value}: {e['msg']}")
    return problem(_one_line(f"{rule_id}：" + "；".join(zh)), _one_line(f"{rule_id}: " + "; ".join(en)))


def load_profile(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> RulesProfile:
    """Each rule's defaults, then the YAML at `path`, then `overrides` (keyed by rule id).

    Raises:
        ConfigError: E_RULES_CONFIG for unreadable YAML, unknown rules or bad values.
    """
    if path is None and not overrides:
        return _defaults()

    from . import catalog  # noqa: F401  (registers every rule)

    merged: dict[str, dict[str, Any]] = {}
    layers: list[dict[str, Any]] = []
    if path is not None:
        try:
            with open(path, "rb") as f:
                raw = f.read(MAX_PROFILE_BYTES + 1)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            reason_zh = "文件不存在" if isinstance(exc, FileNotFoundError) else reason
            raise problem(_one_line(f"无法读取 {path}：{reason_zh}"),
                          _one_line(f"cannot read {path}: {reason}")) from exc
        layers.append(read_profile(raw))
    if overrides:
        layers.append(overrides)
    for layer in layers:
        if not isinstance(layer, dict):
            raise not_a_mapping()
        for rule_id, values in layer.items():
            if rule_id not in RULES:
                raise _unknown_rule(rule_id)
            if values is not None and not isinstance(values, dict):
                raise problem(f"{rule_id}：参数应为映射（如 {rule_id}: {{enabled: false}}），"
                              f"而不是 {values!r:.60}",
                              f"{rule_id}: expected a mapping of parameters, got {values!r:.60}")
            if any(not isinstance(key, str) for key in values or {}):
                raise problem(f"{rule_id}：参数名应为文字", f"{rule_id}: parameter names must be text")
            merged.setdefault(rule_id, {}).update(values or {})
    params: dict[str, Params] = {}
    for rule_id, cls in RULES.items():
        try:
            params[rule_id] = cls.params_type(**merged.get(rule_id, {}))
        except ValidationError as exc:
            raise _param_problem(rule_id, cls.params_type, exc) from exc
    return RulesProfile(params, {k: v for k, v in merged.items() if v})


@cache
def _defaults() -> RulesProfile:
    """Every rule at its defaults, built once per process: most checks use it."""
    from . import catalog  # noqa: F401  (registers every rule)

    return RulesProfile({rule_id: cls.params_type() for rule_id, cls in RULES.items()}, {})


def _matches(item: str, rule_id: str) -> bool:
    """`item` names `rule_id`: the id itself, or a prefix of whole parts (sum, sum.)."""
    prefix = item.rstrip(".")
    return rule_id == item or rule_id.startswith(prefix + ".")


def selection(select: Sequence[str] | None = None, ignore: Sequence[str] | None = None
              ) -> dict[str, dict[str, Any]]:
    """Overrides that run only the rules `select` names (all when None), less those
    `ignore` names: ids or prefixes (`sum.`, `rate`). A selected rule runs even when the
    defaults disable it; `ignore` wins over `select`.

    Raises:
        ConfigError: E_RULES_SELECT naming the items that match no rule.
    """
    from . import catalog  # noqa: F401  (registers every rule)

    items = [*(select or ()), *(ignore or ())]
    unknown = [item for item in items if not any(_matches(item, r) for r in RULES)]
    if unknown:
        raise ConfigError("E_RULES_SELECT", names=", ".join(dict.fromkeys(unknown)))
    overrides: dict[str, dict[str, Any]] = {}
    for rule_id in RULES:
        if select is not None:
            overrides[rule_id] = {"enabled": any(_matches(item, rule_id) for item in select)}
        if any(_matches(item, rule_id) for item in ignore or ()):
            overrides[rule_id] = {"enabled": False}
    return overrides


def default_profile() -> str:
    """Every rule's parameters at their defaults, as a YAML profile to copy and edit (the
    rule's Chinese name above it): `hecha rules --defaults`."""
    from . import catalog  # noqa: F401  (registers every rule)
    from .names import rule_name

    blocks = []
    for rule_id in sorted(RULES):
        values = RULES[rule_id].params_type().model_dump(mode="json")
        body = yaml.safe_dump({rule_id: values}, allow_unicode=True, sort_keys=False,
                              default_flow_style=None, width=100)
        blocks.append(f"# {rule_name(rule_id)[0]}\n{body}")
    return "\n".join(blocks)
