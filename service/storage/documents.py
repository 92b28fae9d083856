"""Documents of a tenant: submit (idempotent), read, list, record a result, delete.

Every function takes the tenant's id and filters on it, so a document of another tenant is
exactly as invisible as one that does not exist. Functions work in the caller's
transaction; the caller commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .blobs import BlobStore, sha256
from .jobs import add_job, finish
from .tables import DONE, FAILED, QUEUED, RUNNING, Blob, DocumentRow, Job, ReportRow, Review, utcnow

SEVERITY_COLUMNS = {"error": DocumentRow.n_error, "warning": DocumentRow.n_warning,
                    "info": DocumentRow.n_info}


@dataclass(frozen=True)
class Result:
    """What a check produced, as the documents table keeps it."""

    ok: bool
    report_json: str | None = None
    year: int | None = None
    unit: str | None = None
    kind: str | None = None
    n_error: int = 0
    n_warning: int = 0
    n_info: int = 0
    error_code: str | None = None
    error_zh: str | None = None
    error_en: str | None = None


def get(session: Session, tenant_id: uuid.UUID, doc_id: uuid.UUID) -> DocumentRow | None:
    doc = session.get(DocumentRow, doc_id)
    return doc if doc is not None and doc.tenant_id == tenant_id else None


def find_by_sha(session: Session, tenant_id: uuid.UUID, digest: str) -> DocumentRow | None:
    return session.scalar(select(DocumentRow).where(DocumentRow.tenant_id == tenant_id,
                                                    DocumentRow.sha256 == digest))


def _ensure_blob(session: Session, blobs: BlobStore, data: bytes, digest: str) -> None:
    """The blob row (locked until commit, so a concurrent delete cannot remove the file
    between here and the commit) and the file."""
    dialect = session.get_bind().dialect.name
    values = {"sha256": digest, "size": len(data), "created_at": utcnow()}
    for _ in range(3):  # a concurrent delete may remove the row between insert and lock: again
        if dialect == "postgresql":
            session.execute(postgresql.insert(Blob).values(values).on_conflict_do_nothing())
        elif dialect == "sqlite":
            session.execute(sqlite.insert(Blob).values(values).on_conflict_do_nothing())
        elif session.get(Blob, digest) is None:
            session.execute(insert(Blob).values(values))
        if session.execute(select(Blob.sha256).where(Blob.sha256 == digest).with_for_update()).first():
            break
    blobs.put(data)


def create(session: Session, blobs: BlobStore, tenant_id: uuid.UUID, data: bytes, name: str,
           rules_profile: str | None, inline_lease_s: float | None) -> tuple[DocumentRow, Job, str | None]:
    """A new document with its bytes stored and a job: queued, or claimed by the caller when
    `inline_lease_s` is given (the token comes back). Raises IntegrityError when the same
    bytes were submitted concurrently in this tenant (the caller then finds that one)."""
    digest = sha256(data)
    _ensure_blob(session, blobs, data, digest)
    now = utcnow()
    doc = DocumentRow(tenant_id=tenant_id, sha256=digest, name=name, size=len(data),
                      rules_profile=rules_profile, status=QUEUED if inline_lease_s is None else RUNNING,
                      n_error=0, n_warning=0, n_info=0, created_at=now, updated_at=now)
    session.add(doc)
    session.flush()
    job, token = add_job(session, doc.id, inline_lease_s)
    session.flush()
    return doc, job, token


def restore_blob(session: Session, blobs: BlobStore, data: bytes) -> None:
    """Put back the file of a resubmitted document should it have gone missing."""
    _ensure_blob(session, blobs, data, sha256(data))


def recheck(session: Session, doc: DocumentRow, rules_profile: str | None,
            inline_lease_s: float | None) -> tuple[Job, str | None] | None:
    """A new job for an existing document; None when one is queued or running already
    (decided by a conditional UPDATE, so two concurrent rechecks start one job)."""
    result = session.execute(
        update(DocumentRow).where(DocumentRow.id == doc.id, DocumentRow.status.not_in((QUEUED, RUNNING)))
        .values(status=QUEUED if inline_lease_s is None else RUNNING, rules_profile=rules_profile,
                updated_at=utcnow())
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return None
    job, token = add_job(session, doc.id, inline_lease_s)
    session.flush()
    session.refresh(doc)
    return job, token


def record(session: Session, job_id: uuid.UUID, token: str, doc_id: uuid.UUID, result: Result) -> bool:
    """Store a check's result if this worker still owns the job (else change nothing and
    return False: the caller rolls back)."""
    if not finish(session, job_id, token, result.ok):
        return False
    doc = session.get(DocumentRow, doc_id)
    if doc is None:
        return False
    now = utcnow()
    doc.status, doc.updated_at = (DONE if result.ok else FAILED), now
    doc.error_code, doc.error_zh, doc.error_en = result.error_code, result.error_zh, result.error_en
    doc.n_error, doc.n_warning, doc.n_info = result.n_error, result.n_warning, result.n_info
    if result.ok:
        unit = result.unit[:255] if result.unit else None
        doc.year, doc.unit, doc.kind, doc.checked_at = result.year, unit, result.kind, now
    session.execute(delete(ReportRow).where(ReportRow.document_id == doc_id))
    if result.ok and result.report_json is not None:
        session.add(ReportRow(document_id=doc_id, body=result.report_json, created_at=now))
    return True


def report_body(session: Session, doc_id: uuid.UUID) -> str | None:
    return session.scalar(select(ReportRow.body).where(ReportRow.document_id == doc_id))


def active(doc: DocumentRow) -> bool:
    return doc.status in (QUEUED, RUNNING)


def listing(session: Session, tenant_id: uuid.UUID, *, status: str | None = None,
            year: int | None = None, severity: str | None = None, name: str | None = None,
            offset: int = 0, limit: int = 20) -> tuple[Sequence[DocumentRow], int]:
    """A page of the tenant's documents, newest first, and how many match in all; `name`
    matches names containing it (any case; % and _ are plain characters)."""
    where = [DocumentRow.tenant_id == tenant_id]
    if status is not None:
        where.append(DocumentRow.status == status)
    if year is not None:
        where.append(DocumentRow.year == year)
    if severity is not None:
        where.append(SEVERITY_COLUMNS[severity] > 0)
    if name:
        where.append(DocumentRow.name.icontains(name, autoescape=True))
    count = session.scalar(select(func.count()).select_from(DocumentRow).where(*where)) or 0
    rows = session.scalars(select(DocumentRow).where(*where)
                           .order_by(DocumentRow.created_at.desc(), DocumentRow.id)
                           .offset(offset).limit(limit)).all()
    return rows, count


def remove(session: Session, blobs: BlobStore, doc: DocumentRow) -> None:
    """Delete a document, its report, jobs and reviews, and its bytes when no document still
    uses them.

    The blob row is locked (PostgreSQL; SQLite has one writer anyway) before the check, and
    the file is removed before the commit, so a concurrent submission of the same bytes
    either sees the blob gone and writes it again, or keeps it.
    """
    digest = doc.sha256
    # The blob first, in the order submissions lock too (blob, then document): no deadlock.
    session.execute(select(Blob.sha256).where(Blob.sha256 == digest).with_for_update())
    session.execute(delete(ReportRow).where(ReportRow.document_id == doc.id))
    session.execute(delete(Job).where(Job.document_id == doc.id))
    session.execute(delete(Review).where(Review.document_id == doc.id))
    session.delete(doc)
    session.flush()
    still_used = session.scalar(select(func.count()).select_from(DocumentRow)
                                .where(DocumentRow.sha256 == digest))
    if not still_used:
        session.execute(delete(Blob).where(Blob.sha256 == digest))
        blobs.delete(digest)
