"""Reports in their original formats go through the API like text does."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import httpx
from apihelp import wait_done

ROOT = Path(__file__).resolve().parents[2]


def docx_of_seed_003(directory: Path) -> Path:
    """Seed 003 as a Word file with real tables (corpora/make_fixtures.py)."""
    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "corpora" / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_fixtures", module)
    spec.loader.exec_module(module)
    path = directory / "report.docx"
    module.make_docx(module.blocks(module.seed_lines()), path)
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
