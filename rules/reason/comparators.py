"""Comparing two explanations of one change.

A comparator is swappable: the rule looks up a factory by a versioned name in `COMPARATORS`
and calls the comparator it builds on each pair of explanations. "taxonomy.v1" matches the
words of rules/data/causes.yaml; "model.v1" (rules/reason/semantic/) asks a transformers
model and is imported only when first built, so importing rules never imports torch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import NamedTuple

import regex
import yaml

from models import Reason


class Verdict(StrEnum):
    SAME = "same"  # the same causes
    COMPATIBLE = "compatible"  # one adds a cause to the other
    DIFFERENT = "different"  # no cause in common
    CONTRADICTORY = "contradictory"  # one denies the other's cause, or moves it the other way
    UNKNOWN = "unknown"  # one of them names no known cause

    @property
    def conflicting(self) -> bool:
        return self in (Verdict.DIFFERENT, Verdict.CONTRADICTORY)


@dataclass(frozen=True)
class Comparison:
    verdict: Verdict
    causes_a: frozenset[str]
    causes_b: frozenset[str]
    score: float | None = None  # a model's confidence in the verdict; None for keyword matching


class Explanation(NamedTuple):
    """An explanation's text and the causes it enumerates (一是…二是…), as plain strings."""

    text: str
    causes: tuple[str, ...] = ()

    @classmethod
    def of(cls, reason: Explanation | Reason | str) -> Explanation:
        if isinstance(reason, Explanation):
            return reason
        if isinstance(reason, str):
            return cls(reason)
        return cls(reason.span.text, tuple(c.text for c in reason.causes))


@dataclass(frozen=True)
class Category:
    key: str
    zh: str
    en: str


#: the label of a cause outside the taxonomy (models only: keywords cannot name it)
OTHER = Category("other", "其他原因", "other cause")


@cache
def taxonomy() -> tuple[dict[str, Category], regex.Pattern[str], dict[str, str]]:
    """Categories, one alternation of all their words (longest first), word → category."""
    text = resources.files("rules").joinpath("data/causes.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    categories = {k: Category(k, v["zh"], v["en"]) for k, v in data.items()}
    words = {w: k for k, v in data.items() for w in v["words"]}
    pattern = regex.compile("|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)))
    return categories, pattern, words


def cause_labels() -> tuple[str, ...]:
    """The labels a cause model predicts: the taxonomy's categories, then `other`."""
    return (*taxonomy()[0], OTHER.key)


def category(key: str) -> Category:
    return taxonomy()[0].get(key, OTHER)


def causes(text: str) -> frozenset[str]:
    """The cause categories an explanation names."""
    _, pattern, words = taxonomy()
    return frozenset(words[m.group(0)] for m in pattern.finditer(text))


def verdict_of_sets(ca: frozenset[str], cb: frozenset[str]) -> Verdict:
    """The verdict two sets of cause categories give (an empty set names no known cause)."""
    if not ca or not cb:
        return Verdict.UNKNOWN
    if ca == cb:
        return Verdict.SAME
    if ca & cb:
        return Verdict.COMPATIBLE
    return Verdict.DIFFERENT


def compare_by_taxonomy(a: Explanation | str, b: Explanation | str) -> Comparison:
    ca, cb = causes(Explanation.of(a).text), causes(Explanation.of(b).text)
    return Comparison(verdict_of_sets(ca, cb), ca, cb)


Comparator = Callable[[Explanation, Explanation], Comparison]


def make_taxonomy_comparator(**_settings: object) -> Comparator:
    """taxonomy.v1: keyword matching; model settings (model_dir…) do not apply."""
    return compare_by_taxonomy


def make_model_comparator(**settings: object) -> Comparator:
    """model.v1: see rules/reason/semantic/comparator.py (imports torch and transformers)."""
    from .semantic.comparator import make_model_comparator as make

    return make(**settings)  # type: ignore[arg-type]


#: comparator factories by versioned name; a factory takes keyword settings, ignoring others'
COMPARATORS: dict[str, Callable[..., Comparator]] = {
    "taxonomy.v1": make_taxonomy_comparator,
    "model.v1": make_model_comparator,
}


@cache
def get_comparator(name: str, **settings: object) -> Comparator:
    """The comparator `name` built with `settings`, built once per distinct settings."""
    return COMPARATORS[name](**settings)
