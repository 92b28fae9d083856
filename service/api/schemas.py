"""The API's own small models; the report itself is `models.Report`."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from models import Finding, Report

DocumentStatus = Literal["queued", "running", "done", "failed"]
SeverityName = Literal["error", "warning", "info"]


def printable(value: str) -> str:
    """`value` without control characters (NUL included, which PostgreSQL text refuses)
    and unpaired surrogates, stripped."""
    value = value.encode("utf-8", "replace").decode("utf-8")
    return "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cs")).strip()


def clean_name(value: str) -> str:
    """A display name: printable, at most 255 characters. It is only ever shown, never
    used as a path."""
    return printable(value)[:255] or "document.txt"


def no_surrogates(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("text contains an unpaired surrogate") from exc
    return value


DocumentName = Annotated[str, AfterValidator(clean_name)]
ReportText = Annotated[str, Field(min_length=1), AfterValidator(no_surrogates)]
#: A rules profile: YAML text shaped like `hecha rules --defaults`, or that mapping itself.
RulesProfile = dict[str, Any] | Annotated[str, Field(max_length=65536)] | None


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(ApiModel):
    code: str = Field(description="stable code from models/messages.py")
    message_zh: str
    message_en: str


class ErrorResponse(ApiModel):
    """Every error the API answers: `{"error": {"code", "message_zh", "message_en"}}`."""

    error: ErrorDetail


class TextSubmission(ApiModel):
    """A report submitted as JSON text instead of a file."""

    text: ReportText
    name: DocumentName = "document.txt"
    rules: RulesProfile = Field(None, description="rule overrides: YAML text or a mapping keyed by rule id")


class RecheckRequest(ApiModel):
    rules: RulesProfile = Field(None, description="new rule overrides; omitted: no overrides")


class FindingCounts(ApiModel):
    error: int = 0
    warning: int = 0
    info: int = 0


class JobPublic(ApiModel):
    id: uuid.UUID
    status: DocumentStatus
    attempts: int
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None


class DocumentPublic(ApiModel):
    id: uuid.UUID
    name: str
    sha256: str
    size: int
    status: DocumentStatus
    year: int | None = None
    unit: str | None = None
    kind: str | None = None
    findings: FindingCounts
    error: ErrorDetail | None = None
    created_at: datetime
    updated_at: datetime
    checked_at: datetime | None = None
    job: JobPublic | None = None


class DocumentsPublic(ApiModel):
    data: list[DocumentPublic]
    count: int = Field(description="documents matching the filters, all pages together")


class SubmissionPublic(ApiModel):
    """A submitted or rechecked document, with its report when it was checked inline."""

    document: DocumentPublic
    report: Report | None = None


class KeyPublic(ApiModel):
    prefix: str
    tenant: str
    created_at: datetime
    revoked_at: datetime | None = None


class Health(ApiModel):
    status: Literal["ok", "ready"]


ReviewStatus = Literal["open", "confirmed", "false_positive", "ignored"]


class ReviewRequest(ApiModel):
    """A reviewer's verdict on a finding; `open` without a note takes a verdict back."""

    status: ReviewStatus
    note: Annotated[str, AfterValidator(str.strip)] | None = Field(
        None, max_length=2000, description="why: shown with the finding and in exports")


class ReviewPublic(ApiModel):
    finding_id: str
    status: ReviewStatus
    note: str | None = None
    reviewer: str | None = Field(None, description="prefix of the API key that gave it")
    updated_at: datetime | None = None


class PlacePublic(ApiModel):
    """Where a finding's main evidence stands in the file, as its reader looks for it."""

    page: int | None = Field(None, description="1-based page (PDF; DOCX with page breaks)")
    sheet: str | None = Field(None, description="the sheet's name (XLSX/XLS)")
    table: str | None = Field(None, description="the title of the table it is in")
    row: str | None = Field(None, description="the row label of its cell")
    text_zh: str = Field("", description="第4页，收入决算表，合计行")
    text_en: str = Field("", description="page 4, 收入决算表, row 合计")
    picture: str | None = Field(None, description="the PDF page with the evidence boxed (PNG)")


class ReviewedFinding(ApiModel):
    """A finding of the latest report with its review (status open when none) and its place."""

    finding: Finding
    review: ReviewPublic
    place: PlacePublic = Field(default_factory=PlacePublic)


class ReviewedFindings(ApiModel):
    data: list[ReviewedFinding]
    count: int = Field(description="findings matching the filters")


class ReviewRecord(ApiModel):
    """A review with its document and, while the latest report still has it, its finding:
    false positives exported as data to improve the rules with."""

    document_id: uuid.UUID
    document_name: str
    sha256: str = Field(description="the document's bytes: what `hecha annotate --reviews` matches")
    review: ReviewPublic
    finding: Finding | None = None


class ReviewRecords(ApiModel):
    data: list[ReviewRecord]
