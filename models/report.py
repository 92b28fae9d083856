"""The report hecha produces for a document: its claims and the findings on them."""

from __future__ import annotations

from pydantic import Field

from .base import HechaModel, Span
from .claim import Claim
from .document import Document
from .finding import Finding, Severity


class Unchecked(HechaModel):
    """A part of the report hecha read but could not check, and why.

    An honest "not checked" says where an auditor must look unaided: a table no known form
    matched (its figures are read, but a finding on them is only ever a warning), a table
    whose header does not fit its rows.
    """

    kind: str  # "table"
    span: Span
    reason_zh: str
    reason_en: str


class Report(HechaModel):
    """Everything hecha knows about one document, as one JSON object."""

    document: Document
    claims: list[Claim] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)  # ids of the rules that ran
    unchecked: list[Unchecked] = Field(default_factory=list)

    def count(self, severity: Severity) -> int:
        """How many findings have exactly this severity."""
        return sum(1 for f in self.findings if f.severity is severity)
