"""/v1/documents: submit, read, list, recheck and delete a tenant's documents.

Every query goes through storage.documents with the caller's tenant id: another tenant's
document answers 404 exactly like a missing one. Small documents are checked during the
request (201 with the report); larger ones answer 202 and the worker checks them.
"""

from __future__ import annotations

import uuid
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Body, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import Report

from ..config import Settings
from ..output import html
from ..output.annotated import DOCX_TYPE, annotated_copy, annotated_name
from ..runtime import Service
from ..storage import DocumentRow, Job, documents, jobs
from ..storage.blobs import sha256
from ..storage.jobs import Claimed
from .deps import ServiceDep, SessionDep, SettingsDep, TenantDep
from .errors import api_error, errors
from .schemas import (
    DocumentPublic,
    DocumentsPublic,
    DocumentStatus,
    ErrorDetail,
    FindingCounts,
    JobPublic,
    RecheckRequest,
    SeverityName,
    SubmissionPublic,
    printable,
)
from .submission import OPENAPI_BODY, Submission, parse_profile, read_submission

router = APIRouter(prefix="/v1/documents", tags=["documents"], responses=errors(401, 422, 429))

_SUBMITTED = {"model": SubmissionPublic}
_JSON = "application/json"


def public(doc: DocumentRow, job: Job | None = None) -> DocumentPublic:
    error = (ErrorDetail(code=doc.error_code, message_zh=doc.error_zh or "", message_en=doc.error_en or "")
             if doc.error_code else None)
    return DocumentPublic(
        id=doc.id, name=doc.name, sha256=doc.sha256, size=doc.size, status=doc.status,  # type: ignore[arg-type]
        year=doc.year, unit=doc.unit, kind=doc.kind, error=error,
        findings=FindingCounts(error=doc.n_error, warning=doc.n_warning, info=doc.n_info),
        created_at=doc.created_at, updated_at=doc.updated_at, checked_at=doc.checked_at,
        job=JobPublic.model_validate(job, from_attributes=True) if job is not None else None)


def _answer(doc: DocumentRow, job: Job | None, status: int, report_json: str | None = None) -> Response:
    # The report is already JSON (from the checking process or the database): splice it in
    # rather than parse and re-serialize up to megabytes per request.
    content = f'{{"document":{public(doc, job).model_dump_json()},"report":{report_json or "null"}}}'
    return Response(content, status_code=status, media_type=_JSON,
                    headers={"Location": f"{router.prefix}/{doc.id}"})


def _check(session: Session, service: Service, doc: DocumentRow, job: Job, token: str | None,
           data: bytes, status: int) -> Response:
    """Check now if the job was claimed inline, else wake the worker and answer 202."""
    if token is None:
        service.worker.wake()
        return _answer(doc, job, 202)
    claimed = Claimed(job.id, token, doc.id, doc.sha256, doc.name, doc.rules_profile, job.attempts)
    outcome = service.process(claimed, data=data, mode="inline")
    with service.sessions() as reader:  # as stored (or as a concurrent delete left it)
        doc = reader.get(DocumentRow, doc.id) or doc
        job = reader.get(Job, job.id) or job
    return _answer(doc, job, status, outcome.report_json)


def _existing(service: Service, doc: DocumentRow, sub: Submission) -> Response:
    """The answer to a resubmission: the document as it is (read-only, no write lock)."""
    if sub.profile_json is not None and doc.rules_profile != sub.profile_json:
        raise api_error("API_PROFILE_CONFLICT", id=doc.id)
    if not service.blobs.path(doc.sha256).exists():  # the bytes went missing: put them back
        with service.writes() as writer:
            documents.restore_blob(writer, service.blobs, sub.data)
            writer.commit()
    with service.sessions() as reader:
        body = documents.report_body(reader, doc.id) if doc.status == "done" else None
        return _answer(doc, jobs.latest_job(reader, doc.id), 200, body)


def _submit(session: Session, service: Service, settings: Settings, tenant_id: uuid.UUID,
            sub: Submission) -> Response:
    digest = sha256(sub.data)
    with service.sessions() as reader:  # the frequent case, a resubmission, needs no write transaction
        existing = documents.find_by_sha(reader, tenant_id, digest)
    if existing is not None:
        return _existing(service, existing, sub)
    inline = len(sub.data) <= settings.inline_max_bytes
    try:
        doc, job, token = documents.create(session, service.blobs, tenant_id, sub.data, sub.name,
                                           sub.profile_json, settings.job_lease_s if inline else None)
        session.commit()
    except IntegrityError:  # the same bytes submitted concurrently: answer with that document
        session.rollback()
        existing = documents.find_by_sha(session, tenant_id, digest)
        session.rollback()
        if existing is None:
            raise
        return _existing(service, existing, sub)
    return _check(session, service, doc, job, token, sub.data, 201)


@router.post("", status_code=201, response_model=SubmissionPublic, openapi_extra=OPENAPI_BODY,
             summary="Submit a report (multipart file or JSON text)",
             responses={200: _SUBMITTED | {"description": "already submitted: that document"},
                        202: _SUBMITTED | {"description": "accepted: checked in the background"},
                        **errors(400, 409, 413, 415, 503)})
async def submit_document(request: Request, session: SessionDep, tenant: TenantDep,
                          service: ServiceDep, settings: SettingsDep) -> Response:
    sub = await read_submission(request, settings)
    return await run_in_threadpool(_submit, session, service, settings, tenant.id, sub)


@router.get("", response_model=DocumentsPublic)
def list_documents(session: SessionDep, tenant: TenantDep,
                   status: DocumentStatus | None = None,
                   year: Annotated[int | None, Query(ge=1900, le=2999)] = None,
                   severity: Annotated[SeverityName | None, Query(description="has findings of it")] = None,
                   name: Annotated[str | None, Query(max_length=200, description="name contains it")] = None,
                   offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
                   limit: Annotated[int, Query(ge=1, le=100)] = 20) -> DocumentsPublic:
    # names are stored printable (schemas.clean_name): a search term is compared as one
    rows, count = documents.listing(session, tenant.id, status=status, year=year, severity=severity,
                                    name=printable(name) if name else None, offset=offset, limit=limit)
    return DocumentsPublic(data=[public(r) for r in rows], count=count)


def owned(session: Session, tenant_id: uuid.UUID, doc_id: uuid.UUID) -> DocumentRow:
    """The tenant's document `doc_id`, or 404 (another tenant's answers as a missing one)."""
    doc = documents.get(session, tenant_id, doc_id)
    if doc is None:
        raise api_error("API_NOT_FOUND", id=doc_id)
    return doc


@router.get("/{doc_id}", response_model=DocumentPublic, responses=errors(404))
def read_document(session: SessionDep, tenant: TenantDep, doc_id: uuid.UUID) -> DocumentPublic:
    doc = owned(session, tenant.id, doc_id)
    return public(doc, jobs.latest_job(session, doc.id))


def checked(session: Session, tenant_id: uuid.UUID, doc_id: uuid.UUID) -> tuple[DocumentRow, str]:
    """The tenant's document and its latest report's JSON; 404, or 409 before it is checked."""
    doc = owned(session, tenant_id, doc_id)
    body = documents.report_body(session, doc.id) if doc.status == "done" else None
    if body is None:
        raise api_error("API_NOT_READY", status=doc.status)
    return doc, body


@router.get("/{doc_id}/report", response_model=Report, responses=errors(404, 409))
def read_report(session: SessionDep, tenant: TenantDep, doc_id: uuid.UUID) -> Response:
    return Response(checked(session, tenant.id, doc_id)[1], media_type=_JSON)


@router.get("/{doc_id}/report.html", response_model=None,
             responses={200: {"description": "a self-contained page, the evidence of each finding marked",
                              "content": {"text/html": {"schema": {"type": "string"}}}},
                        **errors(404, 409)})
def read_report_html(session: SessionDep, tenant: TenantDep, doc_id: uuid.UUID) -> HTMLResponse:
    doc, body = checked(session, tenant.id, doc_id)
    return HTMLResponse(html.page([(doc.name, Report.model_validate_json(body))]))


@router.get("/{doc_id}/annotated", response_model=None,
            summary="The original annotated: DOCX comments, PDF highlight notes, else the HTML report",
            responses={200: {"description": "the annotated copy, as an attachment",
                             "content": {DOCX_TYPE: {}, "application/pdf": {}, "text/html": {}}},
                       **errors(404, 409)})
def read_annotated(session: SessionDep, service: ServiceDep, tenant: TenantDep,
                   doc_id: uuid.UUID) -> Response:
    doc, body = checked(session, tenant.id, doc_id)
    try:
        data = service.blobs.get(doc.sha256)
    except FileNotFoundError:
        raise api_error("E_BLOB_MISSING", name=doc.name) from None
    copy = annotated_copy(data, Report.model_validate_json(body), doc.name)
    return Response(copy.data, media_type=copy.media_type,
                    headers=attachment(annotated_name(doc.name, copy.suffix)))


def attachment(filename: str) -> dict[str, str]:
    """Content-Disposition for a download named `filename`: an ASCII fallback, and the
    name itself (Chinese, its extension kept) for clients that read RFC 5987."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename)
    return {"Content-Disposition": f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"}


@router.delete("/{doc_id}", status_code=204, response_class=Response, responses=errors(404))
def delete_document(session: SessionDep, service: ServiceDep, tenant: TenantDep,
                    doc_id: uuid.UUID) -> Response:
    documents.remove(session, service.blobs, owned(session, tenant.id, doc_id))
    session.commit()
    return Response(status_code=204)


@router.post("/{doc_id}/recheck", response_model=SubmissionPublic,
             summary="Check the stored original again (newer rules or another profile)",
             responses={202: _SUBMITTED | {"description": "accepted: checked in the background"},
                        **errors(404, 409, 503)})
def recheck_document(session: SessionDep, service: ServiceDep, settings: SettingsDep, tenant: TenantDep,
                     doc_id: uuid.UUID, body: Annotated[RecheckRequest | None, Body()] = None) -> Response:
    doc = owned(session, tenant.id, doc_id)
    profile_json = parse_profile(body.rules if body is not None else None).to_json()
    try:
        data = service.blobs.get(doc.sha256)
    except FileNotFoundError:
        raise api_error("E_BLOB_MISSING", name=doc.name) from None
    inline = doc.size <= settings.inline_max_bytes
    started = documents.recheck(session, doc, profile_json, settings.job_lease_s if inline else None)
    if started is None:
        raise api_error("API_BUSY")
    session.commit()
    return _check(session, service, doc, *started, data, 200)
