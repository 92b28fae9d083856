"""Audit exports over HTTP, on both databases: a document's XLSX and DOCX with its review
status, and the tenant's batch."""

from __future__ import annotations

import io
from urllib.parse import unquote

import docx
import httpx
import openpyxl
from apihelp import SMALL, ClientFactory, assert_error, upload


def _rows(data: bytes) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, (c.value for c in line), strict=True)) for line in sheet.iter_rows(min_row=2)]


def test_document_exports_carry_the_review_status(client: httpx.Client) -> None:
    body = upload(client, SMALL[0]).json()
    doc_id, findings = body["document"]["id"], body["report"]["findings"]
    client.patch(f"/v1/documents/{doc_id}/findings/{findings[0]['id']}",
                 json={"status": "false_positive", "note": "读错"})
    response = client.get(f"/v1/documents/{doc_id}/export.xlsx")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert unquote(response.headers["content-disposition"]).endswith(".xlsx")
    rows = _rows(response.content)
    assert len(rows) == len(findings)
    assert (rows[0]["核查状态"], rows[0]["备注"]) == ("误报", "读错")
    assert {r["核查状态"] for r in rows[1:]} == {"待核查"}

    memo = client.get(f"/v1/documents/{doc_id}/export.docx", params={"lang": "en"})
    assert memo.status_code == 200 and unquote(memo.headers["content-disposition"]).endswith(".docx")
    texts = [p.text for p in docx.Document(io.BytesIO(memo.content)).paragraphs]
    assert texts[0] == "Audit memo" and any("false positive" in t for t in texts)


def test_the_tenants_batch_and_other_tenants(client: httpx.Client, make_client: ClientFactory) -> None:
    first = upload(client, SMALL[0]).json()
    second = upload(client, SMALL[1]).json()
    rows = _rows(client.get("/v1/exports/findings.xlsx").content)
    names = {r["文档"] for r in rows}
    assert {first["document"]["name"], second["document"]["name"]} <= names
    assert len(rows) == len(first["report"]["findings"]) + len(second["report"]["findings"])
    other = make_client()
    assert_error(other.get(f"/v1/documents/{first['document']['id']}/export.xlsx"), 404, "API_NOT_FOUND")
    assert _rows(other.get("/v1/exports/findings.xlsx").content) == []
