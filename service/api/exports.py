"""Audit exports over HTTP: a document's findings, or all of a tenant's, as XLSX or DOCX,
each finding with its review status (service/output/memo.py)."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Response
from sqlalchemy.orm import Session

from models import Report

from ..output.memo import Entry, findings_docx, findings_xlsx
from ..storage import documents, reviews
from .deps import SessionDep, TenantDep
from .documents import attachment, checked
from .errors import errors

router = APIRouter(tags=["exports"], responses=errors(401, 422, 429))

Kind = Literal["xlsx", "docx"]
_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
_NAMES = {"zh": "核查结果", "en": "findings"}


def _responses(kind: str) -> dict[int | str, dict]:
    return {200: {"description": f"the findings as {kind.upper()}, an attachment",
                  "content": {_TYPES[kind]: {}}}}


def _file(entries: list[Entry], kind: Kind, lang: str, name: str) -> Response:
    data = (findings_xlsx if kind == "xlsx" else findings_docx)(entries, lang=lang)
    return Response(data, media_type=_TYPES[kind], headers=attachment(f"{name}.{kind}"))


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


@router.get("/v1/documents/{doc_id}/export.xlsx", response_model=None,
            responses={**_responses("xlsx"), **errors(404, 409)})
def export_xlsx(session: SessionDep, tenant: TenantDep, doc_id: uuid.UUID,
                lang: Literal["zh", "en"] = "zh") -> Response:
    return _document(session, tenant.id, doc_id, "xlsx", lang)


@router.get("/v1/documents/{doc_id}/export.docx", response_model=None,
            responses={**_responses("docx"), **errors(404, 409)})
def export_docx(session: SessionDep, tenant: TenantDep, doc_id: uuid.UUID,
                lang: Literal["zh", "en"] = "zh") -> Response:
    return _document(session, tenant.id, doc_id, "docx", lang)


def _document(session: Session, tenant_id: uuid.UUID, doc_id: uuid.UUID, kind: Kind,
              lang: str) -> Response:
    doc, body = checked(session, tenant_id, doc_id)
    entry = (doc.name, Report.model_validate_json(body), reviews.of_document(session, tenant_id, doc.id))
    return _file([entry], kind, lang, f"{_stem(doc.name)}.{_NAMES[lang]}")


@router.get("/v1/exports/findings.xlsx", response_model=None, responses=_responses("xlsx"))
def export_all_xlsx(session: SessionDep, tenant: TenantDep, lang: Literal["zh", "en"] = "zh") -> Response:
    return _file(_checked_documents(session, tenant.id), "xlsx", lang, _NAMES[lang])


@router.get("/v1/exports/findings.docx", response_model=None, responses=_responses("docx"))
def export_all_docx(session: SessionDep, tenant: TenantDep, lang: Literal["zh", "en"] = "zh") -> Response:
    return _file(_checked_documents(session, tenant.id), "docx", lang, _NAMES[lang])


def _checked_documents(session: Session, tenant_id: uuid.UUID) -> list[Entry]:
    """The tenant's checked documents (the newest 100), each with its report and verdicts."""
    rows, _ = documents.listing(session, tenant_id, status="done", limit=100)
    entries: list[Entry] = []
    for doc in rows:
        body = documents.report_body(session, doc.id)
        if body is not None:
            entries.append((doc.name, Report.model_validate_json(body),
                            reviews.of_document(session, tenant_id, doc.id)))
    return entries
