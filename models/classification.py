"""The national 政府收支分类科目: classification codes and the names they are printed with.

The data (models/data/classification.yaml) lives here, beside the models, because two
layers read it that must not know each other: the extractor links a table row's code to
its subject by it, and the rule `code.name` checks each printed code against its name;
rules never import the extractor, and both may import the models. One list, read once.

A code keeps its number while its name changes (医疗卫生与计划生育支出 became 卫生健康支出 in
2018): every name a code had between the 2016 and 2024 accounts is its own name, the first
being today's. Names are compared in `normalize`d form, which forgives the ways one name is
printed (full- or half-width brackets, spaces, a （款） suffix, 行政运行支出 for 行政运行).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

import regex
import yaml


class Tree(StrEnum):
    """The two classifications a 部门决算 prints codes of."""

    FUNCTIONAL = "functional"  # 支出功能分类: 201 一般公共服务支出 …
    ECONOMIC = "economic"  # 支出经济分类: 301 工资福利支出 …


#: what a printed name may carry that is not the name: spaces, a level suffix, a 支出 ending
_SPACES = regex.compile(r"\s+")
_LEVEL = regex.compile(r"[(]\s*[类款项]\s*[)]")
_BRACKETS = str.maketrans("（）【】〔〕", "()[]()")


def fold(name: str) -> str:
    """A name as printed, without spaces and with half-width brackets: its exact spelling."""
    return _SPACES.sub("", name.translate(_BRACKETS))


def normalize(name: str) -> str:
    """A name as names are compared: 行政运行支出 (项) and 行政运行 are one name."""
    return _LEVEL.sub("", fold(name)).removesuffix("支出")


@dataclass(frozen=True)
class Classification:
    """Code → names (today's first) of both trees, and who owns each normalized name."""

    names: dict[Tree, dict[str, tuple[str, ...]]]
    by_name: dict[Tree, dict[str, list[str]]]  # normalized name -> its codes, in code order

    def canonical(self, tree: Tree) -> dict[str, str]:
        """Code → today's name: what a report printing this tree calls each code."""
        return {code: names[0] for code, names in self.names[tree].items()}

    def tree_of(self, code: str) -> Tree | None:
        """The classification a known code belongs to (2… functional, 3… economic)."""
        return next((tree for tree, codes in self.names.items() if code in codes), None)

    def owns(self, code: str, name: str) -> bool:
        """Whether `name` is one of the names `code` has had."""
        tree = self.tree_of(code)
        own = self.names[tree].get(code, ()) if tree else ()
        return normalize(name) in {normalize(n) for n in own}

    def owners(self, tree: Tree, name: str) -> list[str]:
        """The codes of `tree` that `name` is a name of, in code order."""
        return self.by_name[tree].get(normalize(name), [])


def _by_name(codes: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for code, names in sorted(codes.items()):
        for key in dict.fromkeys(normalize(n) for n in names):
            out.setdefault(key, []).append(code)
    return out


@cache
def load() -> Classification:
    """The classification shipped with hecha."""
    text = resources.files("models").joinpath("data/classification.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    names = {tree: {str(code): (named,) if isinstance(named, str) else tuple(named)
                    for code, named in data[tree.value].items()}
             for tree in Tree}
    return Classification(names, {tree: _by_name(codes) for tree, codes in names.items()})
