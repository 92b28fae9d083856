"""The report hecha produces for a document: its claims and the findings on them."""

from __future__ import annotations

from pydantic import Field

from .base import HechaModel
from .claim import Claim
from .document import Document
from .finding import Finding, Severity


class Report(HechaModel):
    """Everything hecha knows about one document, as one JSON object."""

    document: Document
    claims: list[Claim] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)  # ids of the rules that ran

    def count(self, severity: Severity) -> int:
        """How many findings have exactly this severity."""
        return sum(1 for f in self.findings if f.severity is severity)
