"""Table forms as data (extractor/data/tables.yaml): which form a table is, what a column means.

Reports of thousands of departments print the same few forms under regional titles and with
headers laid out many ways. Recognising the form, and mapping each column by what its
header means rather than where it stands, is what lets a reading be called certain.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import regex
import yaml

from models import Role

#: what a title carries besides the form's name: years, labels, the unit line, quotes, its
#: list number (三、, not the 一 of 一般公共预算)
_TITLE_NOISE = regex.compile(
    r"(?:19|20)\d{2}\s*年度?|公开\s*\d{1,2}\s*表|附表\s*[\d一二三四五六七八九十]+|表\s*\d{1,2}"
    r"|[（(][^（）()]{0,12}[)）]|[\s“”\"'‘’、:：.·—-]|^[一二三四五六七八九十\d]{1,3}(?=[、.．\s])"
    r"|(?:金额)?单位[:：]?(?:万元|千元|亿元|元)$"
)
#: labels that say only that a column holds amounts
_GENERIC = frozenset(("合计", "小计", "总计", "金额", "决算数", "决算", "数额"))
#: header words a table without a title must show to be taken for a form
_HEADER_ONLY = 3
#: what, before a shorter form's name, makes a title another table's: a fund's words
#: anywhere (财政拨款 + 收入支出决算表 is not the 收入支出决算表), or a word right before the
#: name that narrows it (项目支出决算表 is a table of the projects, not the spending table)
_OTHER_TABLE = regex.compile(
    r"财政拨款|一般公共预算|政府性基金|国有资本|财政专户|三公|基本支出|项目支出|经济分类"
    r"|(?:项目|专项|基本|人员|公用|资金)$")
#: a tail at least this similar to a title variant (character bigrams, Dice) is that form
_FUZZY = 0.8


@dataclass(frozen=True)
class Form:
    """A table form: its canonical name, title variants and the header words it must show."""

    id: str
    name: str
    titles: tuple[str, ...]
    headers: tuple[str, ...]
    side: str | None = None  # "income": what its functional rows show is income
    instance: bool = False  # one table per project (or unit): its rows are that one's
    # printed in parts a text may split (a self-evaluation's funds, goals and indicators)
    parts: bool = False


@dataclass(frozen=True)
class Meaning:
    """What a column header means: the type of the column's values and their role."""

    type: str  # code, code_part, ordinal, name, text, amount, percent, score, weight, count, any
    role: Role | None = None
    level: int | None = None  # 1 类, 2 款, 3 项 for a code_part column

    @property
    def holds_figures(self) -> bool:
        return self.type not in ("code", "code_part", "ordinal", "name", "text")


@dataclass(frozen=True)
class _Column:
    words: tuple[str, ...]
    meaning: Meaning
    exact: bool


@cache
def _data() -> tuple[tuple[Form, ...], tuple[_Column, ...]]:
    text = resources.files("extractor").joinpath("data/tables.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    forms = tuple(Form(id=k, name=v["name"], titles=tuple(_clean(t) for t in v["titles"]),
                       headers=tuple(v["headers"]), side=v.get("side"),
                       instance=bool(v.get("instance")), parts=bool(v.get("parts")))
                  for k, v in raw["forms"].items())
    columns = tuple(
        _Column(tuple(c["words"]),
                Meaning(c["type"], Role(c["role"]) if c.get("role") else None, c.get("level")),
                bool(c.get("exact")))
        for c in raw["columns"])
    return forms, columns


def forms() -> tuple[Form, ...]:
    """Every known form."""
    return _data()[0]


def form(form_id: str) -> Form:
    """The form of this id."""
    return _by_id()[form_id]


def shows(form_id: str, headers: list[str], specific: bool = False) -> int:
    """How many of the form's header words these header (and row) labels show (`specific`:
    not counting the words any amount column may have, 合计, 决算数…)."""
    labels = "".join(headers)
    return sum(word in labels for word in form(form_id).headers
               if not (specific and word in _GENERIC))


@cache
def _by_id() -> dict[str, Form]:
    return {f.id: f for f in forms()}


def _clean(title: str) -> str:
    return _TITLE_NOISE.sub("", title.replace("\u3000", ""))


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _dice(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def title_score(title: str, form: Form) -> float:
    """How well `title` names `form`: 1 + the variant's length for an exact ending, else Dice.

    A printed title is the unit's name, the year and the form's name; the form's name is
    its ending. The longest variant it ends with wins, so 一般公共预算财政拨款支出决算表 is not
    taken for 支出决算表, and an ending preceded by a fund's name is no match at all; a tail
    close to a variant (a regional word added) scores below 1.
    """
    clean = _clean(title)
    best = 0.0
    for variant in form.titles:
        if clean.endswith(variant):
            prefix = clean[:-len(variant)]
            if not _OTHER_TABLE.search(prefix):
                best = max(best, 1.0 + len(variant))
            # else: the ending names another table (a fund's, the projects'): not this one
        else:
            best = max(best, _dice(clean[-(len(variant) + 2):], variant))
    return best


def recognise(title: str | None, headers: list[str], titles_only: bool = False) -> Form | None:
    """The form a table with this title and these header (and row) labels is, or None.

    A table printed without a title (Word tables whose caption is a paragraph away) is a
    form only when its headers name at least three of that form's columns, and more than of
    any other form's. `titles_only`: whether a line is the exact title of a form (headers
    unseen yet, as when a table is found by its title line).
    """
    labels = "".join(headers)
    if not title:
        hits = sorted(((shows(f.id, headers), f) for f in forms()), key=lambda x: -x[0])
        if hits[0][0] >= _HEADER_ONLY and hits[0][0] > hits[1][0]:
            return hits[0][1]
        return None
    score, form = _best_title(title)
    if score < (1.0 if titles_only else _FUZZY):
        return None
    return form if titles_only or any(word in labels for word in form.headers) else None


@lru_cache(maxsize=4096)
def _best_title(title: str) -> tuple[float, Form]:
    """The form a title names best, with its score (titles repeat: computed once each)."""
    return max(((title_score(title, f), f) for f in forms()), key=lambda x: x[0])


def _match(label: str) -> Meaning | None:
    for column in _data()[1]:
        if column.exact:
            if label in column.words:
                return column.meaning
        elif any(word in label for word in column.words):
            return column.meaning
    return None


def meaning(labels: list[str]) -> Meaning | None:
    """What a column headed by `labels` (top to bottom) holds.

    The lowest label is the most specific (项目 under 收入 is a name column), except a bare
    合计 or 金额, which says only "amount": a label above it may say which (年初预算数 / 合计).
    """
    return _meaning(tuple(labels))


@lru_cache(maxsize=8192)
def figure_meaning(labels: tuple[str, ...]) -> Meaning | None:
    """What the figures of a column headed by `labels` are: as `meaning`, except that the
    pieces of a header stacked over several rows are read together first, so 年初 over
    预算数 is 年初预算数 (an initial budget), not a bare 预算数."""
    if len(labels) > 1:
        joined = _match("".join(label.replace(" ", "") for label in labels))
        if joined is not None and joined.role is not None:
            return joined
    return _meaning(labels)


@lru_cache(maxsize=8192)
def _meaning(labels: tuple[str, ...]) -> Meaning | None:
    fallback = None
    for label in reversed(labels):
        clean = label.replace(" ", "")
        found = _match(clean)
        if found is None:
            continue
        if clean in _GENERIC:
            fallback = fallback or found
            continue
        return found
    return fallback


def known_label(text: str) -> bool:
    """Whether `text` is a whole header term of the column vocabulary (for joining
    header cells broken over lines)."""
    return text in _column_words()


@cache
def _column_words() -> frozenset[str]:
    return frozenset(word for column in _data()[1] for word in column.words)
