"""hecha's shared data model: pydantic v2, JSON in and out, Decimal for every figure.

This package imports nothing else of hecha's: the extractor, the rules and the service all
speak these types.
"""

from .base import HechaModel, Span
from .claim import DRAWN, PORTION, SUBORDINATES, Claim, Direction, Link, Reading, Reason, Role, Source
from .document import (
    Cell,
    DateMention,
    Document,
    DocumentMeta,
    OffsetMap,
    ReportKind,
    Section,
    SectionKind,
    Sentence,
    Table,
    UnitField,
)
from .errors import ConfigError, DocumentError, HechaError, RunError
from .finding import (
    ArithmeticFinding,
    ConflictFinding,
    Evidence,
    Finding,
    MismatchFinding,
    Severity,
    StructureFinding,
)
from .fingerprint import fingerprint, with_ids
from .layout import Box, Page, Place
from .messages import Message, message
from .quantity import Bound, Quantity, QuantityKind, money, printed_interval
from .report import Report, Unchecked

__all__ = [
    "DRAWN",
    "PORTION",
    "SUBORDINATES",
    "ArithmeticFinding",
    "Bound",
    "Box",
    "Cell",
    "Claim",
    "ConfigError",
    "ConflictFinding",
    "DateMention",
    "Direction",
    "Document",
    "DocumentError",
    "DocumentMeta",
    "Evidence",
    "Finding",
    "HechaError",
    "HechaModel",
    "Link",
    "Message",
    "MismatchFinding",
    "OffsetMap",
    "Page",
    "Place",
    "Quantity",
    "QuantityKind",
    "Reading",
    "Reason",
    "Report",
    "ReportKind",
    "Role",
    "RunError",
    "Section",
    "SectionKind",
    "Sentence",
    "Severity",
    "Source",
    "Span",
    "StructureFinding",
    "Table",
    "Unchecked",
    "UnitField",
    "fingerprint",
    "message",
    "money",
    "printed_interval",
    "with_ids",
]
