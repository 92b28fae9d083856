"""GET /v1/documents/{id}/annotated: the stored original annotated with the stored report."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import httpx
from apihelp import wait_done
from test_api_formats import docx_of_seed_003

import corpora

ROOT = Path(__file__).resolve().parents[2]


def _submit(client: httpx.Client, name: str, data: bytes) -> str:
    response = client.post("/v1/documents", files={"file": (name, data, "application/octet-stream")})
    assert response.status_code in (200, 201, 202), response.text
    doc_id: str = response.json()["document"]["id"]
    if response.status_code == 202:
        wait_done(client, doc_id)
    return doc_id


def test_annotated_docx_is_an_attachment_with_comments(client: httpx.Client, tmp_path: Path) -> None:
    path = docx_of_seed_003(tmp_path)
    doc_id = _submit(client, "决算报告.docx", path.read_bytes())
    response = client.get(f"/v1/documents/{doc_id}/annotated")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''%E5%86%B3%E7%AE%97%E6%8A%A5%E5%91%8A.annotated.docx" in disposition
    with zipfile.ZipFile(io.BytesIO(response.content)) as z:
        assert b"rate.wrong_base" in z.read("word/comments.xml")


def test_annotated_text_is_the_html_report(client: httpx.Client) -> None:
    data = next((corpora.SEEDS).glob("001_*.txt")).read_bytes()
    doc_id = _submit(client, "001.txt", data)
    response = client.get(f"/v1/documents/{doc_id}/annotated")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert 'filename="001.annotated.html"' in response.headers["content-disposition"]


def test_annotated_of_another_tenant_is_404(client: httpx.Client, make_client) -> None:
    data = next((corpora.SEEDS).glob("001_*.txt")).read_bytes()
    doc_id = _submit(client, "001.txt", data)
    assert make_client().get(f"/v1/documents/{doc_id}/annotated").status_code == 404
