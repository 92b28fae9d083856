"""Jobs in the database, owned through leases, so that work survives a killed server and is
never done twice.

A worker claims a job with a conditional UPDATE (`… WHERE id = ? AND (status = 'queued' OR
lease expired)`) and gets a fresh random lease token. Two workers racing for one job both
run the UPDATE; the database lets exactly one of them match (PostgreSQL re-checks the WHERE
clause on the row it waited for; SQLite runs one write transaction at a time). While it
works, the owner renews the lease. Its result is written only by `finish`, whose UPDATE
again requires the owner's token and status 'running' in the same transaction as the
report: a worker that lost its lease (it stalled and another took over) writes nothing.
A server killed mid-job leaves the job 'running' with a lease that expires; the next
worker to look (the restarted server, at once) takes it over.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from models import message

from .tables import DONE, FAILED, QUEUED, RUNNING, DocumentRow, Job, utcnow


@dataclass(frozen=True)
class Claimed:
    """A job this worker owns, and what it needs to check the document."""

    job_id: uuid.UUID
    token: str
    document_id: uuid.UUID
    sha256: str
    name: str
    rules_profile: str | None
    attempts: int


def new_token() -> str:
    return uuid.uuid4().hex


def _claimable(max_attempts: int) -> ColumnElement[bool]:
    return or_(
        Job.status == QUEUED,
        and_(Job.status == RUNNING, Job.lease_expires_at < utcnow(), Job.attempts < max_attempts),
    )


def claim_next(session: Session, lease_s: float, max_attempts: int) -> Claimed | None:
    """Claim the oldest claimable job (commits); None when there is none."""
    with session.begin():
        candidates = session.scalars(
            select(Job.id).where(_claimable(max_attempts)).order_by(Job.created_at).limit(8)).all()
        for job_id in candidates:
            claimed = claim(session, job_id, lease_s, max_attempts)
            if claimed is not None:
                return claimed
    return None


def claim(session: Session, job_id: uuid.UUID, lease_s: float, max_attempts: int) -> Claimed | None:
    """Claim `job_id` if it is claimable (in the caller's transaction)."""
    now, token = utcnow(), new_token()
    result = session.execute(
        update(Job).where(Job.id == job_id, _claimable(max_attempts))
        .values(status=RUNNING, lease_owner=token, lease_expires_at=now + timedelta(seconds=lease_s),
                attempts=Job.attempts + 1, started_at=now)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return None
    job = session.execute(select(Job.document_id, Job.attempts).where(Job.id == job_id)).one()
    doc = session.get(DocumentRow, job.document_id)
    if doc is None:  # deleted with its jobs in the meantime: cannot happen in one transaction
        return None
    doc.status, doc.updated_at = RUNNING, now
    return Claimed(job_id, token, doc.id, doc.sha256, doc.name, doc.rules_profile, job.attempts)


def add_job(session: Session, document_id: uuid.UUID, lease_s: float | None = None) -> tuple[Job, str | None]:
    """A new job for a document: queued, or (with `lease_s`) already claimed by the caller,
    who checks it right away (inline) and gets its lease token back."""
    if lease_s is None:
        job = Job(document_id=document_id, status=QUEUED, attempts=0)
        session.add(job)
        return job, None
    now, token = utcnow(), new_token()
    job = Job(document_id=document_id, status=RUNNING, attempts=1, lease_owner=token,
              lease_expires_at=now + timedelta(seconds=lease_s), started_at=now, created_at=now)
    session.add(job)
    return job, token


def renew(session: Session, job_id: uuid.UUID, token: str, lease_s: float) -> bool:
    """Extend the lease (commits); False when this worker no longer owns the job."""
    with session.begin():
        result = session.execute(
            update(Job).where(Job.id == job_id, Job.lease_owner == token, Job.status == RUNNING)
            .values(lease_expires_at=utcnow() + timedelta(seconds=lease_s))
            .execution_options(synchronize_session=False))
    return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]


def finish(session: Session, job_id: uuid.UUID, token: str, ok: bool) -> bool:
    """Mark the job done/failed if this worker still owns it (in the caller's transaction,
    which also writes the result and must be rolled back when this returns False)."""
    result = session.execute(
        update(Job).where(Job.id == job_id, Job.lease_owner == token, Job.status == RUNNING)
        .values(status=DONE if ok else FAILED, finished_at=utcnow(), lease_expires_at=None)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]


def fail_abandoned(session: Session, max_attempts: int) -> int:
    """Fail the expired jobs that used up their attempts, and their documents (in the
    caller's transaction): a document that kills its checking process every time must not
    be retried forever. Returns how many."""
    expired = and_(Job.status == RUNNING, Job.lease_expires_at < utcnow(), Job.attempts >= max_attempts)
    failed = 0
    for job_id, doc_id, attempts in session.execute(
            select(Job.id, Job.document_id, Job.attempts).where(expired)).all():
        result = session.execute(
            update(Job).where(Job.id == job_id, expired)
            .values(status=FAILED, finished_at=utcnow(), lease_expires_at=None)
            .execution_options(synchronize_session=False))
        doc = session.get(DocumentRow, doc_id)
        if result.rowcount != 1 or doc is None:  # type: ignore[attr-defined]
            continue
        msg = message("E_ABANDONED", attempts=attempts, name=doc.name)
        doc.status, doc.updated_at = FAILED, utcnow()
        doc.error_code, doc.error_zh, doc.error_en = "E_ABANDONED", msg.zh, msg.en
        failed += 1
    return failed


def requeue_expired(session: Session, max_attempts: int) -> int:
    """Put jobs whose lease expired back in the queue (at start-up); returns how many."""
    result = session.execute(
        update(Job).where(Job.status == RUNNING, Job.lease_expires_at < utcnow(),
                          Job.attempts < max_attempts)
        .values(status=QUEUED, lease_owner=None, lease_expires_at=None)
        .execution_options(synchronize_session=False))
    return result.rowcount  # type: ignore[attr-defined,no-any-return]


def latest_job(session: Session, document_id: uuid.UUID) -> Job | None:
    return session.scalars(select(Job).where(Job.document_id == document_id)
                           .order_by(Job.created_at.desc()).limit(1)).first()
