"""Reviews of a tenant's findings: one verdict per finding of a document, by finding id.

A finding's id is stable across checks (models/fingerprint.py), so a verdict given once
holds for the same finding after a recheck, a new hecha version or a re-upload of the same
bytes (the same document). A verdict on a finding a later check no longer reports is
kept, unseen, and applies again if the finding comes back.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .tables import OPEN, DocumentRow, Review, utcnow


@dataclass(frozen=True)
class Verdict:
    """What a reviewer said of one finding."""

    finding_id: str
    status: str
    note: str | None
    reviewer: str | None
    updated_at: datetime | None


def verdict_of(row: Review) -> Verdict:
    return Verdict(row.finding_id, row.status, row.note, row.reviewer, row.updated_at)


def of_document(session: Session, tenant_id: uuid.UUID, doc_id: uuid.UUID) -> dict[str, Verdict]:
    """The verdicts on a document's findings, by finding id."""
    rows = session.scalars(select(Review).where(Review.tenant_id == tenant_id,
                                                Review.document_id == doc_id)).all()
    return {row.finding_id: verdict_of(row) for row in rows}


def set_verdict(session: Session, tenant_id: uuid.UUID, doc_id: uuid.UUID, finding_id: str,
                status: str, note: str | None, reviewer: str) -> Verdict:
    """Record `status` (and `note`) for a finding, replacing an earlier verdict; `open`
    with no note takes the verdict back."""
    row = session.scalar(select(Review).where(
        Review.tenant_id == tenant_id, Review.document_id == doc_id,
        Review.finding_id == finding_id).with_for_update())
    if status == OPEN and not note:
        if row is not None:
            session.delete(row)
        return Verdict(finding_id, OPEN, None, reviewer, utcnow())
    if row is None:
        row = Review(tenant_id=tenant_id, document_id=doc_id, finding_id=finding_id)
        session.add(row)
    row.status, row.note, row.reviewer, row.updated_at = status, note, reviewer, utcnow()
    session.flush()
    return verdict_of(row)


def listing(session: Session, tenant_id: uuid.UUID, status: str | None = None, offset: int = 0,
            limit: int = 100) -> Sequence[tuple[Review, DocumentRow]]:
    """The tenant's verdicts (of one status), newest first, each with its document."""
    query = (select(Review, DocumentRow).join(DocumentRow, DocumentRow.id == Review.document_id)
             .where(Review.tenant_id == tenant_id, DocumentRow.tenant_id == tenant_id))
    if status is not None:
        query = query.where(Review.status == status)
    query = query.order_by(Review.updated_at.desc(), Review.id).offset(offset).limit(limit)
    return [(review, doc) for review, doc in session.execute(query).all()]
