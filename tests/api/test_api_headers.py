"""Security headers on every response, and a Content-Security-Policy that lets exactly the
inlined script and stylesheet of the pages run (tests/e2e drives the pages under it)."""

from __future__ import annotations

import base64
import hashlib
import re

import httpx
from apihelp import MAX_UPLOAD, SMALL, upload

from service.output.report import content_security_policy
from service.testing import LiveServer

HEADERS = {"x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "same-origin"}


def _assert_secured(response: httpx.Response) -> str:
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (response.request.url, name)
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
    return policy


def test_every_response_carries_the_headers(server: LiveServer, client: httpx.Client) -> None:
    doc_id = upload(client, SMALL[0]).json()["document"]["id"]
    responses = [
        client.get("/v1/documents"), client.get(f"/v1/documents/{doc_id}/report.html"),
        client.get("/ui"), client.get(f"/ui/documents/{doc_id}"), client.get("/nothing"),
        httpx.get(f"{server.url}/v1/documents"), httpx.get(f"{server.url}/healthz"),
        client.post("/v1/check", content=b"x" * (MAX_UPLOAD + 2 * 1024 * 1024),
                    headers={"content-type": "application/json"}),
    ]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 404, 401, 200, 413]
    for response in responses:
        assert _assert_secured(response) == content_security_policy()
    docs_policy = _assert_secured(httpx.get(f"{server.url}/docs"))  # Swagger UI's own, from this server
    assert "'self'" in docs_policy and "https:" not in docs_policy


def test_the_policy_allows_the_inlined_script_and_style_and_nothing_else(client: httpx.Client) -> None:
    doc_id = upload(client, SMALL[0]).json()["document"]["id"]
    for page in (client.get("/ui"), client.get(f"/v1/documents/{doc_id}/report.html")):
        policy = page.headers["content-security-policy"]
        scripts = re.findall(r"<script>(.*?)</script>", page.text, re.S)
        styles = re.findall(r"<style>(.*?)</style>", page.text, re.S)
        assert scripts and styles
        for source in scripts + styles:
            digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_the_report_frame_is_sandboxed(client: httpx.Client) -> None:
    page = client.get("/ui/documents/00000000-0000-0000-0000-000000000000").text
    frame = re.search(r"<iframe[^>]*>", page)
    assert frame is not None and 'sandbox="allow-scripts"' in frame.group(0)


def test_an_unhandled_error_answers_a_catalogued_500_with_the_headers(tmp_path, caplog):
    """An exception no handler takes (a bug in a route): 500 with the zh/en body, nothing of
    the exception in it, the security headers as on every other answer, one logged traceback."""
    from fastapi.testclient import TestClient

    from service.app import create_app
    from service.config import Settings

    app = create_app(Settings(data_dir=tmp_path, rate_limit_anonymous_per_minute=0), worker=False,
                     warm=False)

    @app.get("/boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("secret detail: /etc/hecha/key")

    with caplog.at_level("ERROR"), TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
        metrics = client.get("/metrics").text
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "API_INTERNAL", "message_zh": "服务器内部错误",
                                         "message_en": "internal server error"}}
    assert "secret" not in response.text and "Traceback" not in response.text
    assert _assert_secured(response) == content_security_policy()
    logged = [r for r in caplog.records if r.exc_info and "boom" in r.getMessage()]
    assert len(logged) == 1 and "secret detail" in str(logged[0].exc_info[1])
    assert 'status="500"' in metrics
