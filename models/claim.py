"""Claims: what the report asserts about a budget category, located in the text."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from .base import HechaModel, Span
from .quantity import Quantity


class Role(StrEnum):
    """What a figure is, relative to its subject (see corpora/gold/README.md)."""

    ACTUAL = "actual"
    BUDGET_INITIAL = "budget_initial"
    BUDGET = "budget"
    PRIOR = "prior"
    CHANGE = "change"
    CHANGE_RATE = "change_rate"
    SHARE = "share"
    COMPLETION_RATE = "completion_rate"
    EXECUTION_RATE = "execution_rate"
    CONTROL_RATE = "control_rate"
    RATE = "rate"
    TARGET = "target"
    COUNT = "count"
    SCORE = "score"  # 得分
    WEIGHT = "weight"  # 分值


class Direction(StrEnum):
    """The direction a sentence states for a change."""

    UP = "up"
    DOWN = "down"
    FLAT = "flat"


class Source(StrEnum):
    """Where a claim was read."""

    NARRATIVE = "narrative"
    TABLE = "table"


class Reading(StrEnum):
    """How a claim was read: what decides whether a finding resting on it can be an error.

    Only `schema` and `pattern` readings are certain. A figure whose subject or role was
    inferred (from its header words alone, from context, by default) may be right, but a
    rule that would call it an error says "please check" instead (rules/engine.py).
    """

    SCHEMA = "schema"  # a cell of a recognised table form, its row and column mapped by meaning
    HEADER = "header"  # a cell of a table no form matched: its role from header words alone
    PATTERN = "pattern"  # narrative: subject named in its own clause, role given by a cue word
    CONTEXT = "context"  # narrative: subject or role carried over from an earlier clause or heading
    GUESS = "guess"  # a default: no cue, no name
    # narrative: a 项 named without its 款 (行政运行 is a 项 of many 款): sure against the
    # figures of its own sentence, a guess against any other mention of that name
    NAMESAKE = "namesake"
    # narrative: subject in the clause's own words, no known term (涉及资金1985.40万元): sure
    # against the figures of its own sentence, a guess against any other mention
    PHRASE = "phrase"
    # narrative: role given by a cue word of its own clause, subject carried over from an
    # earlier sentence or heading (全年预算数X，全年执行数Y，预算执行率Z): the arithmetic of
    # its own sentence does not depend on what the subject is, any other mention does
    TOPIC = "topic"

    @property
    def sure_within_sentence(self) -> bool:
        """Whether arithmetic among the figures of this claim's own sentence may rest on it."""
        return self.certain or self in (Reading.NAMESAKE, Reading.PHRASE, Reading.TOPIC)

    @property
    def certain(self) -> bool:
        return self in (Reading.SCHEMA, Reading.PATTERN)


class Link(StrEnum):
    """How one claim refers to another (the arithmetic its statement implies)."""

    TOTAL = "total"  # this figure is listed under that total (其中…)
    WHOLE = "whole"  # a share of that figure
    CURRENT = "current"  # a change or rate of that current value
    CHANGE = "change"  # a rate computed from that change amount
    PRIOR = "prior"  # a change from that prior value
    BUDGET = "budget"  # a completion/execution rate against that budget
    ACTUAL = "actual"  # a completion/execution rate of that actual


class Reason(HechaModel):
    """An explanation the report gives (主要原因是…), split into enumerated causes."""

    span: Span
    causes: list[Span] = Field(default_factory=list)


#: the facet of what a sentence says was drawn on a fund for its item (使用上年结转资金40.00万元
#: in the sentence on 水利工程建设（项）): a part of that item's figure, the same words in
#: another sentence a part of another's
DRAWN = "使用"
#: the facet of the units under the department (所属…的公用经费): their part, not the whole's
SUBORDINATES = "所属单位"
#: the facet of a part a sentence singles out of its subject (上年结转资金中有1.40万元…继续
#: 结转): some of that figure, not the figure
PORTION = "其中部分"


class Claim(HechaModel):
    """One figure and what it is stated to be: subject × role × period.

    `links` records the arithmetic a sentence implies ("增加247.66万元，增长15.6%" links the
    rate to the change and the current value); rules recompute from it.
    """

    id: str
    subject: str
    subject_span: Span | None = None
    code: str | None = None
    role: Role
    period: int | None = None
    quantity: Quantity
    direction: Direction | None = None
    base: str | None = None  # for a share: the whole the sentence names
    # a table cell outside a total column: its column (基本支出…); a 项 of the narrative's
    # 类/款/项 path: its 款 (行政运行 is a 项 of many 款) unless its code is known; DRAWN,
    # SUBORDINATES, PORTION
    facet: str | None = None
    scope: str | None = None  # the funds the figure is limited to (财政拨款, 政府性基金…)
    links: dict[Link, str] = Field(default_factory=dict)
    reason: Reason | None = None
    source: Source
    reading: Reading = Reading.GUESS
    sentence: int | None = None
    section: int | None = None
    table: str | None = None
    row: int | None = None
    column: int | None = None
    column_labels: list[str] = Field(default_factory=list)
