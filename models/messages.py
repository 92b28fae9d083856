"""The one catalogue of user-facing text, Chinese first with English beside it.

Every message the user reads (errors, finding messages) is a template here, keyed by a
stable code, so wording is reviewed in one place and both languages stay in step.
"""

from __future__ import annotations

from typing import NamedTuple


class Message(NamedTuple):
    """A message in both languages, already formatted."""

    zh: str
    en: str


_CATALOGUE: dict[str, tuple[str, str]] = {
    # --- input errors ---------------------------------------------------------
    "E_EMPTY": ("文件为空：{name}", "empty file: {name}"),
    "E_BINARY": ("不是文本文件（含二进制数据）：{name}", "not a text file (binary data): {name}"),
    "E_DECODE": (
        "无法识别文件编码（尝试了 UTF-8、GB18030）：{name}",
        "cannot decode file (tried UTF-8, GB18030): {name}",
    ),
    "E_TOO_LARGE": (
        "文件过大（{size} 字节，上限 {limit} 字节）：{name}",
        "file too large ({size} bytes, limit {limit}): {name}",
    ),
    "E_UNREADABLE": ("无法读取文件：{name}（{detail}）", "cannot read file: {name} ({detail})"),
    "E_RULES_CONFIG": ("规则配置错误：{detail}", "invalid rules configuration: {detail}"),
    # --- details of E_UNREADABLE, one per operating-system error -----------------
    "D_NOT_FOUND": ("文件不存在", "no such file or directory"),
    "D_IS_DIRECTORY": ("这是目录，不是文件", "is a directory, not a file"),
    "D_PERMISSION": ("没有读取权限", "permission denied"),
    # --- command line -----------------------------------------------------------
    "CLI_SUMMARY": (
        "检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 条提示",
        "checked {files} file(s): {errors} error(s), {warnings} warning(s), {infos} note(s)",
    ),
    "CLI_REPORT_TITLE": ("核查报告", "hecha report"),
    "CLI_NO_FINDINGS": ("未发现问题", "no findings"),
    # --- findings -------------------------------------------------------------
    "SUM_MISMATCH": (
        "{total_subject} {stated} 与各组成部分之和不符：{formula} = {expected}，而报告为 {stated}",
        "{total_subject} {stated} does not equal the sum of its parts: {formula} = {expected}, "
        "but the report says {stated}",
    ),
    "SHARE_MISMATCH": (
        "{subject}占比有误：{formula} = {expected}%，而报告为 {stated}%",
        "share of {subject} is wrong: {formula} = {expected}%, but the report says {stated}%",
    ),
    "RATE_MISMATCH": (
        "{subject}变动率有误：{formula} = {expected}%，而报告为 {stated}%",
        "change rate of {subject} is wrong: {formula} = {expected}%, but the report says {stated}%",
    ),
    "RATE_WRONG_BASE": (
        "{subject}变动率基数有误：{formula} = {expected}%，而报告为 {stated}%"
        "（{wrong_formula} = {wrong}%，用本年数代替了上年数作除数）",
        "change rate of {subject} uses the wrong base: {formula} = {expected}%, but the report "
        "says {stated}% ({wrong_formula} = {wrong}%: divided by the current year instead of the "
        "prior year)",
    ),
    "CHANGE_MISMATCH": (
        "{subject}变动额有误：{formula} = {expected}，而报告为 {stated}",
        "change of {subject} is wrong: {formula} = {expected}, but the report says {stated}",
    ),
    "COMPLETION_MISMATCH": (
        "{subject}{what}有误：{formula} = {expected}%，而报告为 {stated}%",
        "{what_en} of {subject} is wrong: {formula} = {expected}%, but the report says {stated}%",
    ),
    "COMPLETION_ZERO_BUDGET": (
        "{subject}预算数为 0，不可能有“{what}{stated}%”",
        "{subject} has a budget of 0, so no {what_en} ({stated}%) can be right",
    ),
    "VALUE_MISMATCH": (
        "同一数据前后不一致：{subject}（{role_zh}）分别为 {values}{odd}",
        "the same figure is stated differently: {subject} ({role}) is {values}{odd_en}",
    ),
    "DIRECTION_CONFLICT": (
        "表述与数据方向相反：称“{word}”，但{subject}由 {prior} 变为 {current}",
        "wording contradicts the figures: says '{word}' but {subject} went from {prior} to {current}",
    ),
    "REASON_CONFLICT": (
        "对{subject}同一变动给出不同原因：“{a}”（{cause_a}）与“{b}”（{cause_b}）",
        "two different explanations for the same change of {subject}: '{a}' ({cause_a_en}) "
        "and '{b}' ({cause_b_en})",
    ),
    "SCORE_TOTAL": (
        "{what}有误：{formula} = {expected}，而表中为 {stated}",
        "{what_en} is wrong: {formula} = {expected}, but the table says {stated}",
    ),
    "SCORE_OVER_WEIGHT": (
        "得分超过分值：{label} 得分 {score} > 分值 {weight}",
        "score exceeds its weight: {label} scores {score} > {weight}",
    ),
    "SCORE_GRADE": (
        "评价等级与得分不符：得分 {score} 应为“{expected}”，而报告为“{stated}”",
        "grade does not follow from the score: {score} is '{expected}', the report says '{stated}'",
    ),
    "PERIOD_MISMATCH": (
        "年度不符：{year}年的{what}出现在{fiscal_year}年度报告中",
        "wrong year: a {year} {what_en} in a {fiscal_year} report",
    ),
    "ENTITY_MISMATCH": (
        "主体不符：{unit}的报告中出现“{text}”",
        "wrong entity: '{text}' in a report of {unit}",
    ),
    "MISSING_TABLE": (
        "缺少应公开的表格：{name}",
        "a table the disclosure must contain is missing: {name}",
    ),
    "MISSING_SECTION": (
        "缺少应公开的说明：{name}",
        "an explanation the disclosure must contain is missing: {name}",
    ),
    "DUPLICATE_TABLE_LABEL": (
        "表号重复：{label} 同时用于“{a}”和“{b}”",
        "duplicate table label: {label} is used for both '{a}' and '{b}'",
    ),
    "ROUNDING": (
        "尾数差异：{formula} = {expected}，报告为 {stated}，在舍入误差范围内",
        "rounding difference: {formula} = {expected}, the report says {stated}, within rounding",
    ),
}


def message(code: str, **values: object) -> Message:
    """The message `code` in both languages with `values` filled in."""
    zh, en = _CATALOGUE[code]
    return Message(zh.format(**values), en.format(**values))


def codes() -> list[str]:
    """All message codes (tests check every code formats in both languages)."""
    return list(_CATALOGUE)
