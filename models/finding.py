"""Findings: located, explained inconsistencies, each a kind with its own evidence."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from .base import HechaModel, Span


class Severity(StrEnum):
    """How sure and how serious: errors are outside every rounding of the printed figures."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Evidence(HechaModel):
    """A span a finding rests on, and the part it plays (stated value, component, base…)."""

    role: str
    span: Span
    claim: str | None = None
    value: Decimal | None = None


class _FindingBase(HechaModel):
    # stable across checks of one report (models/fingerprint.py): what reviews are kept by;
    # None until the report is assembled
    id: str | None = None
    rule: str
    severity: Severity
    message_zh: str
    message_en: str
    evidence: list[Evidence] = Field(default_factory=list)
    # True when an error was lowered to a warning because a figure it rests on was not
    # read with certainty (the message then says 请核对 / needs review)
    review: bool = False


class ArithmeticFinding(_FindingBase):
    """A stated figure outside the interval its operands allow (sums, shares, rates)."""

    kind: Literal["arithmetic"] = "arithmetic"
    formula: str
    stated: Decimal
    expected: Decimal
    expected_low: Decimal
    expected_high: Decimal


class MismatchFinding(_FindingBase):
    """One quantity stated with different values in different places."""

    kind: Literal["mismatch"] = "mismatch"
    subject: str
    values: list[Decimal]
    odd_one_out: int | None = None  # index into evidence when a majority agrees


class ConflictFinding(_FindingBase):
    """Statements that contradict each other without arithmetic (reasons, directions)."""

    kind: Literal["conflict"] = "conflict"
    subject: str


class StructureFinding(_FindingBase):
    """Something missing, misplaced or misnamed: a table, a year, the unit itself."""

    kind: Literal["structure"] = "structure"
    expected_text: str | None = None


Finding = Annotated[
    ArithmeticFinding | MismatchFinding | ConflictFinding | StructureFinding,
    Field(discriminator="kind"),
]
