"""The domain lexicon, loaded once from `data/lexicon.yaml`.

One pattern of every written form finds subjects in a single pass, which keeps extraction
faster than word segmentation. The forms are laid out as a trie (一般公共预算(?:财政拨款(?:收入|
支出)|…)) compiled with the standard library's `re`: a flat alternation of hundreds of
literals is tried form by form at every character, and `regex` does not factor it. The same
data feeds jieba's user dictionary and the spaCy pipeline (`extractor.pipeline`). The
classification codes and their names come from `models.classification`, which the rules
read as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import yaml

from models import classification
from models.classification import Tree

from .normalize import translate, unwrap


@dataclass(frozen=True)
class Lexicon:
    """Forms → canonical subjects, and the two classification code trees."""

    forms: dict[str, str]
    functional: dict[str, str]
    economic: dict[str, str]
    pattern: re.Pattern[str] = field(repr=False)

    def canonical(self, phrase: str) -> str | None:
        """The canonical subject of a phrase written exactly as one of the forms."""
        return self.forms.get(_form_key(phrase))

    def code_name(self, code: str) -> str | None:
        """The name of a functional (201…) or economic (301…) classification code."""
        if code.startswith("3"):
            return self.economic.get(code) or self.functional.get(code)
        return self.functional.get(code) or self.economic.get(code)

    def item_code(self, section: str, item: str) -> str | None:
        """The functional code of the 项 `item` under the 款 `section`, when the two names
        give one (行政运行 is a 项 of many 款; 水利（款）防汛（项） is 2130314)."""
        codes = classification.load()
        sections = set(codes.owners(Tree.FUNCTIONAL, section))
        found = [c for c in codes.owners(Tree.FUNCTIONAL, item) if len(c) == 7 and c[:5] in sections]
        return found[0] if len(found) == 1 else None

    def class_code(self, name: str) -> str | None:
        """The functional code of the 类 `name` (卫生健康支出 is 210), when one 类 has it."""
        found = [c for c in classification.load().owners(Tree.FUNCTIONAL, name) if len(c) == 3]
        return found[0] if len(found) == 1 else None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """`(start, end, canonical)` for every subject form in `text[start:end]`.

        A sentence a PDF wrapped (一般公共预\n算财政拨款收入) is searched with its line breaks
        taken out, and each form found is given the offsets of its characters in `text`.
        """
        stop = len(text) if end is None else end
        if "\n" not in text[start:stop]:
            return [(m.start(), m.end(), self.forms[m.group(0)])
                    for m in self.pattern.finditer(text, start, stop)]
        joined, where = unwrap(text, start, stop)
        return [(where[m.start()], where[m.end() - 1] + 1, self.forms[m.group(0)])
                for m in self.pattern.finditer(joined)]


@lru_cache(maxsize=16384)
def _form_key(phrase: str) -> str:
    """A phrase normalized like the forms' keys: subjects and labels recur in every report,
    and converting each one again (OpenCC) costs more than the lookup."""
    return translate(phrase)


def parent_code(code: str) -> str | None:
    """The parent of a classification code: 项 (7) → 款 (5) → 类 (3)."""
    return {7: code[:5], 5: code[:3]}.get(len(code))


def _trie(forms: Iterable[str]) -> str:
    """A pattern matching the longest of `forms` that starts at a position: each character
    is followed by the alternation of its continuations, optional where a form ends there."""
    root: dict[str, dict] = {}
    for form in forms:
        node = root
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        ends = "" in node
        tails = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not tails:
            return ""
        if len(tails) == 1 and not ends:
            return tails[0]
        return "(?:" + "|".join(tails) + ")" + ("?" if ends else "")

    return branch(root)


def _build(data: dict) -> Lexicon:
    forms: dict[str, str] = {}
    codes = classification.load()
    functional, economic = codes.canonical(Tree.FUNCTIONAL), codes.canonical(Tree.ECONOMIC)

    def add(canonical: str, written: list[str]) -> None:
        # Keys are normalized like the text they are matched in; values keep the
        # lexicon's own spelling (full-width brackets), which is what users read.
        for form in [canonical, *written]:
            forms.setdefault(translate(form), canonical)

    for canonical, written in data["subjects"].items():
        add(canonical, written)
    for names in (functional, economic):
        for name in names.values():
            add(name, [])
    for canonical, written in data["functional_synonyms"].items():
        add(canonical, written)
    return Lexicon(
        forms=forms,
        functional=functional,
        economic=economic,
        pattern=re.compile(_trie(forms)),
    )


@cache
def load(path: str | None = None) -> Lexicon:
    """The lexicon at `path`, or the one shipped with hecha."""
    if path is None:
        text = resources.files("extractor").joinpath("data/lexicon.yaml").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    return _build(yaml.safe_load(text))
