"""Reports in their original formats go through the API like text does."""

from __future__ import annotations

from pathlib import Path

import httpx
from apihelp import wait_done

from corpora import make_fixtures


def docx_of_seed_003(directory: Path) -> Path:
    """Seed 003 as a Word file with real tables (corpora/make_fixtures.py)."""
    path = directory / "report.docx"
    make_fixtures.make_docx(make_fixtures.blocks(make_fixtures.seed_lines()), path)
    return path


def test_docx_upload_is_read_and_checked(client: httpx.Client, tmp_path: Path) -> None:
    path = docx_of_seed_003(tmp_path)
    response = client.post("/v1/documents",
                           files={"file": (path.name, path.read_bytes(), "application/octet-stream")})
    assert response.status_code in (201, 202), response.text
    doc_id = response.json()["document"]["id"]
    if response.status_code == 202:
        wait_done(client, doc_id)
    body = client.get(f"/v1/documents/{doc_id}/report").json()
    assert body["document"]["source_format"] == "docx"
    assert {"rate.wrong_base", "completion.zero_budget"} <= {f["rule"] for f in body["findings"]}
