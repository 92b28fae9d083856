"""/ui: the pages a reviewer uses in a browser: upload, the document list, one report.

The pages are shells rendered on the server; their small script calls the API with the
key the reviewer types (kept in the browser's localStorage), so the pages need no session
or cookie of their own and every request is scoped by the API's tenant rules.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse

from ..output.report import render_ui

router = APIRouter(tags=["ui"], include_in_schema=False)


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse("/ui")


@router.get("/ui", response_class=HTMLResponse)
def upload_page() -> str:
    return render_ui("ui_upload.html.j2")


@router.get("/ui/documents", response_class=HTMLResponse)
def list_page() -> str:
    return render_ui("ui_list.html.j2")


@router.get("/ui/documents/{doc_id}", response_class=HTMLResponse)
def document_page(doc_id: str) -> str:
    return render_ui("ui_document.html.j2", doc_id=doc_id)
