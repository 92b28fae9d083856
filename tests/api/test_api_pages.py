"""Page-aware findings over HTTP: each finding's place (第N页, table, row), and a PDF page
drawn with the finding's evidence boxed."""

from __future__ import annotations

import io
from pathlib import Path

import httpx
import pytest
from apihelp import assert_error, wait_done
from PIL import Image, ImageChops

import corpora
from corpora import make_fixtures
from models import Report
from service.output.pages import SCALE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def excerpt_pdf() -> bytes:
    fixtures = make_fixtures.build(ROOT / "build" / "fixtures")
    if fixtures.pdf is None:
        pytest.skip("no CJK font: the PDF fixture cannot be made")
    return Path(fixtures.pdf).with_name("003.excerpt.pdf").read_bytes()


def _submit(client: httpx.Client, name: str, data: bytes) -> str:
    response = client.post("/v1/documents", files={"file": (name, data)})
    assert response.status_code in (200, 201, 202), response.text
    doc_id = response.json()["document"]["id"]
    if response.status_code == 202:
        wait_done(client, doc_id)
    return doc_id


def _picture(client: httpx.Client, url: str) -> Image.Image:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/png"
    return Image.open(io.BytesIO(response.content)).convert("RGB")


def test_a_pdf_finding_has_its_page_and_a_picture_with_its_evidence_boxed(client, excerpt_pdf):
    doc_id = _submit(client, "excerpt.pdf", excerpt_pdf)
    report = Report.model_validate(client.get(f"/v1/documents/{doc_id}/report").json())
    rows = client.get(f"/v1/documents/{doc_id}/findings").json()["data"]
    placed = [r for r in rows if r["place"]["picture"]]
    assert placed, "the excerpt's findings stand on its pages"
    row = placed[0]
    finding = next(f for f in report.findings if f.id == row["finding"]["id"])
    page = row["place"]["page"]
    assert row["place"]["text_zh"].startswith(f"第{page}页")
    assert row["place"]["text_en"].startswith(f"page {page}")
    assert report.document.place(finding.evidence[0].span.start).page == page

    boxed = _picture(client, row["place"]["picture"])
    bare = _picture(client, f"/v1/documents/{doc_id}/pages/{page}.png")
    assert boxed.size == bare.size
    width, height = report.document.pages[page - 1].width, report.document.pages[page - 1].height
    assert abs(boxed.size[0] - width * SCALE) <= 1 and abs(boxed.size[1] - height * SCALE) <= 1
    # the pictures differ where the evidence is, and only there
    boxes = [b for e in finding.evidence for b in report.document.boxes_for(e.span) if b.page == page]
    assert boxes
    changed = ImageChops.difference(boxed, bare).getbbox()
    assert changed is not None
    left = min(b.x0 for b in boxes) * SCALE - 4
    top = min(b.top for b in boxes) * SCALE - 4
    right = max(b.x1 for b in boxes) * SCALE + 4
    bottom = max(b.bottom for b in boxes) * SCALE + 4
    assert left <= changed[0] and top <= changed[1] and changed[2] <= right + 1 and changed[3] <= bottom + 1


def test_pages_that_are_not_there_are_refused(client, excerpt_pdf):
    doc_id = _submit(client, "excerpt.pdf", excerpt_pdf)
    pages = len(client.get(f"/v1/documents/{doc_id}/report").json()["document"]["pages"])
    assert_error(client.get(f"/v1/documents/{doc_id}/pages/{pages + 1}.png"), 404, "API_PAGE_NOT_FOUND")
    assert client.get(f"/v1/documents/{doc_id}/pages/0.png").status_code == 422
    assert_error(client.get(f"/v1/documents/{doc_id}/pages/1.png", params={"finding": "nosuch"}),
                 404, "API_FINDING_NOT_FOUND")


def test_a_text_report_has_no_pages_but_its_findings_have_table_and_row(client):
    doc_id = _submit(client, "003.txt", corpora.seed("003").read_bytes())
    assert_error(client.get(f"/v1/documents/{doc_id}/pages/1.png"), 404, "API_NO_PAGES")
    rows = client.get(f"/v1/documents/{doc_id}/findings").json()["data"]
    in_tables = [r for r in rows if r["place"]["table"]]
    assert in_tables and all(r["place"]["page"] is None and r["place"]["picture"] is None for r in rows)
    assert all(r["place"]["text_zh"].startswith(r["place"]["table"]) for r in in_tables)
