"""Comparing two explanations of one change.

A comparator is swappable: the rule looks it up by a versioned name in `COMPARATORS`
("taxonomy.v1" here; a model-based comparator registers its own name), so the semantic
layer can replace keyword matching without touching the rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

import regex
import yaml


class Verdict(StrEnum):
    SAME = "same"  # the same causes
    COMPATIBLE = "compatible"  # one adds a cause to the other
    DIFFERENT = "different"  # no cause in common
    UNKNOWN = "unknown"  # one of them names no known cause


@dataclass(frozen=True)
class Comparison:
    verdict: Verdict
    causes_a: frozenset[str]
    causes_b: frozenset[str]


@dataclass(frozen=True)
class Category:
    key: str
    zh: str
    en: str


@cache
def taxonomy() -> tuple[dict[str, Category], regex.Pattern[str], dict[str, str]]:
    """Categories, one alternation of all their words (longest first), word → category."""
    text = resources.files("rules").joinpath("data/causes.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    categories = {k: Category(k, v["zh"], v["en"]) for k, v in data.items()}
    words = {w: k for k, v in data.items() for w in v["words"]}
    pattern = regex.compile("|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)))
    return categories, pattern, words


def causes(text: str) -> frozenset[str]:
    """The cause categories an explanation names."""
    _, pattern, words = taxonomy()
    return frozenset(words[m.group(0)] for m in pattern.finditer(text))


def compare_by_taxonomy(a: str, b: str) -> Comparison:
    ca, cb = causes(a), causes(b)
    if not ca or not cb:
        verdict = Verdict.UNKNOWN
    elif ca == cb:
        verdict = Verdict.SAME
    elif ca & cb:
        verdict = Verdict.COMPATIBLE
    else:
        verdict = Verdict.DIFFERENT
    return Comparison(verdict, ca, cb)


Comparator = Callable[[str, str], Comparison]
COMPARATORS: dict[str, Comparator] = {"taxonomy.v1": compare_by_taxonomy}
