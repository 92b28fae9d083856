"""Small things over HTTP: the annotated PDF downloads as .pdf, the document list searches
by name, and the API's documentation pages work offline."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import httpx
import pytest
from apihelp import wait_done

from corpora import make_fixtures

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def fixtures():
    return make_fixtures.build(ROOT / "build" / "fixtures")


def test_annotated_pdf_is_named_pdf(client: httpx.Client, fixtures) -> None:
    data = Path(fixtures.pdf).with_name("003.excerpt.pdf").read_bytes()
    response = client.post("/v1/documents", files={"file": ("决算.pdf", data, "application/pdf")})
    doc_id = response.json()["document"]["id"]
    if response.status_code == 202:
        wait_done(client, doc_id)
    annotated = client.get(f"/v1/documents/{doc_id}/annotated")
    assert annotated.status_code == 200, annotated.text
    assert annotated.headers["content-type"] == "application/pdf"
    assert annotated.content.startswith(b"%PDF")
    disposition = annotated.headers["content-disposition"]
    assert 'filename="__.annotated.pdf"' in disposition  # the ASCII fallback
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "决算.annotated.pdf"


def test_the_list_searches_by_name(client: httpx.Client) -> None:
    for name in ("甲单位2020年决算.txt", "乙单位2021年决算.txt", "100%_Done.txt"):
        client.post("/v1/documents", json={"text": f"{name}：没有任何数字的说明。", "name": name})

    def names(**params: str) -> list[str]:
        body = client.get("/v1/documents", params=params).json()
        assert body["count"] == len(body["data"])
        return sorted(d["name"] for d in body["data"])

    assert names(name="单位") == ["乙单位2021年决算.txt", "甲单位2020年决算.txt"]
    assert names(name="甲单位") == ["甲单位2020年决算.txt"]
    assert names(name="%_d") == ["100%_Done.txt"]  # % and _ are characters, any case
    assert names(name="_") == ["100%_Done.txt"]
    assert names(name="单位", status="failed") == []
    assert names(name="决算", status="done") == ["乙单位2021年决算.txt", "甲单位2020年决算.txt"]
    assert client.get("/v1/documents", params={"name": "x" * 201}).status_code == 422
    # a NUL (which PostgreSQL text refuses) or other control character is no part of a name
    assert names(name="甲\x00单位") == ["甲单位2020年决算.txt"]


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_api_docs_need_nothing_from_another_host(server, page: str) -> None:
    """Swagger UI and ReDoc come from this server (fastapi-offline): /docs works offline."""
    response = httpx.get(server.url + page)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    urls = set(re.findall(r'(?:src|href|spec-url)="([^"]+)"', html))
    urls |= set(re.findall(r"""url: ?['"]([^'"]+)['"]""", html))  # Swagger UI's bootstrap
    assert any(u.endswith(".js") for u in urls) and "/openapi.json" in urls
    for url in urls:
        assert url.startswith("/"), url
        assert httpx.get(server.url + url).status_code == 200, url
