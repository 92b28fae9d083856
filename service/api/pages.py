"""A PDF page as a picture with a finding's evidence boxed: GET
/v1/documents/{id}/pages/{number}.png?finding=ID (service/output/pages.py).

The browser interface shows it beside a PDF finding, so a reviewer sees the figure where
the report prints it. The page is rendered in a process of the service's page pool, under
the checking deadline and memory ceiling; pictures are private to the tenant, and cached
by the browser for an hour (the stored bytes of a document never change).
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from models import Box, Report, Severity

from ..output.pages import PagePicture, PageRequest
from ..pool import MemoryExceeded, ProcessingTimeout, TaskFailed, WorkerCrashed
from .deps import ServiceDep, SessionDep, SettingsDep, TenantDep
from .documents import checked
from .errors import api_error, errors

router = APIRouter(tags=["documents"], responses=errors(401, 422, 429))


def _evidence(report: Report, number: int, finding_id: str | None) -> tuple[tuple[Box, ...], Severity]:
    """The boxes of `finding_id`'s evidence on page `number`, and its severity (none
    without a finding: the bare page); 404 for what the report does not have."""
    doc = report.document
    if doc.source_format != "pdf" or not doc.pages:
        raise api_error("API_NO_PAGES")
    if not 1 <= number <= len(doc.pages):
        raise api_error("API_PAGE_NOT_FOUND", number=number)
    if finding_id is None:
        return (), Severity.ERROR
    finding = next((f for f in report.findings if f.id == finding_id), None)
    if finding is None:
        raise api_error("API_FINDING_NOT_FOUND", id=finding_id)
    boxes = tuple(box for e in finding.evidence for box in doc.boxes_for(e.span) if box.page == number)
    return boxes, finding.severity


@router.get("/v1/documents/{doc_id}/pages/{number}.png", response_model=None,
            summary="A page of a PDF as a picture, a finding's evidence boxed",
            responses={200: {"description": "the page as PNG", "content": {"image/png": {}}},
                       **errors(404, 409, 503)})
def read_page(session: SessionDep, service: ServiceDep, settings: SettingsDep, tenant: TenantDep,
              doc_id: uuid.UUID, number: Annotated[int, Path(ge=1, le=100_000)],
              finding: Annotated[str | None, Query(max_length=40)] = None) -> Response:
    doc, body = checked(session, tenant.id, doc_id)
    boxes, severity = _evidence(Report.model_validate_json(body), number, finding)
    try:
        data = service.blobs.get(doc.sha256)
    except FileNotFoundError:
        raise api_error("E_BLOB_MISSING", name=doc.name) from None
    try:
        picture: PagePicture = service.pages.run(PageRequest(data, number, boxes, severity),
                                                 settings.job_timeout_s)
    except ProcessingTimeout:
        raise api_error("E_TIMEOUT", limit=f"{settings.job_timeout_s:g}", name=doc.name) from None
    except (MemoryExceeded, WorkerCrashed, TaskFailed):
        raise api_error("E_CORRUPT", kind="PDF", name=doc.name, detail="page not rendered") from None
    if picture.png is None:
        raise api_error(picture.error_code or "E_CORRUPT", kind="PDF", name=doc.name,
                        detail="page not rendered", number=number)
    return Response(picture.png, media_type="image/png",
                    headers={"Cache-Control": "private, max-age=3600"})
