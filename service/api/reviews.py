"""Review of findings: a verdict per finding (open, confirmed, false positive, ignored),
kept by the finding's stable id across rechecks (service/storage/reviews.py).

`GET /v1/documents/{id}/findings` lists the latest report's findings with their reviews
(filters: status, severity, rule); `PATCH /v1/documents/{id}/findings/{finding_id}` gives
a verdict; `GET /v1/reviews?status=false_positive` exports the tenant's verdicts with
their findings, as data to improve the rules with.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlalchemy.orm import Session

from models import Document, Finding, Report

from ..storage import documents, reviews
from ..storage.reviews import Verdict
from .deps import ReviewerDep, SessionDep, TenantDep
from .documents import checked
from .errors import api_error, errors
from .schemas import (
    PlacePublic,
    ReviewedFinding,
    ReviewedFindings,
    ReviewPublic,
    ReviewRecord,
    ReviewRecords,
    ReviewRequest,
    ReviewStatus,
    SeverityName,
)

router = APIRouter(tags=["reviews"], responses=errors(401, 422, 429))


def _public(finding_id: str, verdict: Verdict | None) -> ReviewPublic:
    if verdict is None:
        return ReviewPublic(finding_id=finding_id, status="open")
    return ReviewPublic(finding_id=finding_id, status=verdict.status,  # type: ignore[arg-type]
                        note=verdict.note, reviewer=verdict.reviewer, updated_at=verdict.updated_at)


def _report(session: Session, tenant_id: uuid.UUID, doc_id: uuid.UUID) -> Report:
    return Report.model_validate_json(checked(session, tenant_id, doc_id)[1])


def _place(doc_id: uuid.UUID, document: Document, finding: Finding) -> PlacePublic:
    """The place of `finding`'s main evidence, with the link to its page's picture."""
    if not finding.evidence:
        return PlacePublic()
    place = document.place(finding.evidence[0].span.start)
    picture = None
    if document.source_format == "pdf" and place.page is not None:
        picture = f"/v1/documents/{doc_id}/pages/{place.page}.png?finding={finding.id}"
    return PlacePublic(page=place.page, sheet=place.sheet, table=place.table, row=place.row,
                       text_zh=place.describe("zh"), text_en=place.describe("en"), picture=picture)


@router.get("/v1/documents/{doc_id}/findings", response_model=ReviewedFindings,
            responses=errors(404, 409))
def list_findings(session: SessionDep, tenant: TenantDep, doc_id: uuid.UUID,
                  status: ReviewStatus | None = None, severity: SeverityName | None = None,
                  rule: Annotated[str | None, Query(max_length=64)] = None) -> ReviewedFindings:
    verdicts = reviews.of_document(session, tenant.id, doc_id)
    report = _report(session, tenant.id, doc_id)
    found = [ReviewedFinding(finding=f, review=_public(f.id or "", verdicts.get(f.id or "")),
                             place=_place(doc_id, report.document, f))
             for f in report.findings]
    found = [r for r in found if (status is None or r.review.status == status)
             and (severity is None or r.finding.severity == severity)
             and (rule is None or r.finding.rule == rule)]
    return ReviewedFindings(data=found, count=len(found))


@router.patch("/v1/documents/{doc_id}/findings/{finding_id}", response_model=ReviewPublic,
              responses=errors(404, 409))
def review_finding(session: SessionDep, tenant: TenantDep, reviewer: ReviewerDep,
                   doc_id: uuid.UUID, finding_id: Annotated[str, Path(max_length=40)],
                   request: ReviewRequest) -> ReviewPublic:
    if not any(f.id == finding_id for f in _report(session, tenant.id, doc_id).findings):
        raise api_error("API_FINDING_NOT_FOUND", id=finding_id)
    verdict = reviews.set_verdict(session, tenant.id, doc_id, finding_id, request.status,
                                  request.note or None, reviewer)
    session.commit()
    return _public(finding_id, verdict)


@router.get("/v1/reviews", response_model=ReviewRecords)
def list_reviews(session: SessionDep, tenant: TenantDep, status: ReviewStatus | None = None,
                 offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
                 limit: Annotated[int, Query(ge=1, le=500)] = 100) -> ReviewRecords:
    records = []
    reports: dict[uuid.UUID, dict[str, Finding]] = {}
    for review, doc in reviews.listing(session, tenant.id, status, offset, limit):
        if doc.id not in reports:
            body = documents.report_body(session, doc.id)
            reports[doc.id] = {f.id or "": f for f in Report.model_validate_json(body).findings} \
                if body else {}
        records.append(ReviewRecord(document_id=doc.id, document_name=doc.name, sha256=doc.sha256,
                                    review=_public(review.finding_id, reviews.verdict_of(review)),
                                    finding=reports[doc.id].get(review.finding_id)))
    return ReviewRecords(data=records)
