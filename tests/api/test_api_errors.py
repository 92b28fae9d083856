"""Every error path of the API: JSON `{"error": {code, message_zh, message_en}}` and the
right status. Another tenant's document must look exactly like a missing one."""

from __future__ import annotations

import logging
import socket
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest
from apihelp import MAX_UPLOAD, PNG, SMALL, ClientFactory, assert_error, new_key, upload

from service.config import get_settings
from service.storage import DocumentRow, keys
from service.testing import LiveServer


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer hk_00000000_nope"}, {"X-API-Key": "not-a-key"},
    {"Authorization": "Basic dXNlcjpwYXNz"},
])
def test_missing_or_unknown_key_is_401(server: LiveServer, headers: dict[str, str]) -> None:
    with httpx.Client(base_url=server.url, headers=headers) as anonymous:
        for method, path in [("GET", "/v1/documents"), ("POST", "/v1/documents"), ("POST", "/v1/check"),
                             ("GET", f"/v1/documents/{uuid.uuid4()}"),
                             ("DELETE", f"/v1/documents/{uuid.uuid4()}")]:
            response = anonymous.request(method, path)
            assert_error(response, 401, "API_UNAUTHORIZED")
            assert response.headers["www-authenticate"] == "Bearer"


def test_x_api_key_header_and_revoked_key(server: LiveServer) -> None:
    key = new_key(server, f"revoked-{uuid.uuid4().hex[:6]}")
    with httpx.Client(base_url=server.url, headers={"X-API-Key": key}) as client:
        assert client.get("/v1/documents").status_code == 200
        with server.app.state.service.writes.begin() as session:
            assert keys.revoke_key(session, key[:keys.PREFIX_LEN])
        assert_error(client.get("/v1/documents"), 401, "API_UNAUTHORIZED")


def test_other_tenants_document_is_404_like_a_missing_one(make_client: ClientFactory) -> None:
    owner, intruder = make_client(), make_client()
    doc_id = upload(owner, SMALL[0]).json()["document"]["id"]
    for target in (doc_id, str(uuid.uuid4())):
        answers = [
            intruder.get(f"/v1/documents/{target}"),
            intruder.get(f"/v1/documents/{target}/report"),
            intruder.get(f"/v1/documents/{target}/report.html"),
            intruder.post(f"/v1/documents/{target}/recheck"),
            intruder.delete(f"/v1/documents/{target}"),
        ]
        for response in answers:
            error = assert_error(response, 404, "API_NOT_FOUND")
            assert target in error["message_en"]
    assert intruder.get("/v1/documents").json() == {"data": [], "count": 0}
    assert owner.get(f"/v1/documents/{doc_id}").status_code == 200  # the intruder's DELETE did nothing


def test_too_large_is_413(client: httpx.Client) -> None:
    big = "2020年支出合计100.00万元。\n".encode() * (MAX_UPLOAD // 20)
    assert_error(upload(client, SMALL[0], data=big), 413)
    assert_error(client.post("/v1/documents", json={"text": big.decode()}), 413)
    assert_error(client.post("/v1/check", files={"file": ("a.txt", big)}), 413)
    # refused from Content-Length alone, before the body is read
    assert_error(client.post("/v1/documents", content=b"x" * (MAX_UPLOAD + 2 * 1024 * 1024),
                             headers={"content-type": "application/json"}), 413, "API_BODY_TOO_LARGE")
    assert client.get("/v1/documents").json()["count"] == 0


def _chunks(data: bytes, size: int = 65536) -> Iterator[bytes]:
    yield from (data[i:i + size] for i in range(0, len(data), size))


@pytest.mark.parametrize("media", ["multipart/form-data; boundary=b0undary", "application/json"])
def test_a_chunked_body_over_the_limit_is_413_whatever_its_type(client: httpx.Client, media: str) -> None:
    # no Content-Length: the limit is met while reading, and answers like the header would
    over = b"x" * (MAX_UPLOAD + 2 * 1024 * 1024)
    data = (b'--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n' + over
            + b"\r\n--b0undary--\r\n") if media.startswith("multipart") else over
    for path in ("/v1/documents", "/v1/check"):
        response = client.post(path, content=_chunks(data), headers={"content-type": media})
        assert "content-length" not in response.request.headers
        assert_error(response, 413, "API_BODY_TOO_LARGE")
    assert client.get("/v1/documents").json()["count"] == 0


def test_unsupported_types_are_415(client: httpx.Client) -> None:
    # the bytes decide, not the name or the declared type: RTF and a plain zip are refused now
    assert_error(client.post("/v1/documents", files={"file": ("x.txt", b"{\\rtf1 report}", "text/plain")}),
                 415, "E_FORMAT")
    assert_error(client.post("/v1/documents", files={"file": ("x.docx", b"PK\x05\x06" + b"\0" * 18)}),
                 415, "E_FORMAT")
    assert_error(client.post("/v1/documents", content=PNG, headers={"content-type": "image/png"}),
                 415, "E_UNSUPPORTED_TYPE")
    assert_error(client.post("/v1/check", content=b"text", headers={"content-type": "text/plain"}), 415)
    assert client.get("/v1/documents").json()["count"] == 0


def test_a_damaged_image_is_kept_as_a_failed_document(client: httpx.Client) -> None:
    # images are read by the checking process (OCR); one that cannot be read fails alone
    response = client.post("/v1/documents", files={"file": ("x.png", PNG, "image/png")})
    assert response.status_code == 201
    document = response.json()["document"]
    assert document["status"] == "failed" and document["error"]["code"] in ("E_BINARY", "E_CORRUPT")
    assert response.json()["report"] is None


@pytest.mark.parametrize("request_kwargs", [
    {"content": b"{not json", "headers": {"content-type": "application/json"}},
    {"json": {"name": "no text"}},
    {"json": {"text": ""}},
    {"json": {"text": "ok", "extra": 1}},
    {"json": {"text": "ok", "rules": "sum.table: [unclosed"}},
    {"json": {"text": "ok", "rules": {"no.such_rule": {"enabled": False}}}},
    {"json": {"text": "ok", "rules": {"sum.table": {"warning_ulps": "many"}}}},
    {"files": {"rules": (None, "x")}},
    {"files": {"file": ("empty.txt", b"")}},
])
def test_bad_bodies_are_422(client: httpx.Client, request_kwargs: dict[str, object]) -> None:
    assert_error(client.post("/v1/documents", **request_kwargs), 422)  # type: ignore[arg-type]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"status": "lost"},
                                    {"severity": "fatal"}, {"year": "twenty"}])
def test_bad_query_parameters_are_422(client: httpx.Client, params: dict[str, object]) -> None:
    assert_error(client.get("/v1/documents", params=params), 422, "API_INVALID")  # type: ignore[arg-type]


def test_bad_ids_and_routes(client: httpx.Client) -> None:
    assert_error(client.get("/v1/documents/not-a-uuid"), 422, "API_INVALID")
    error = assert_error(client.get("/v2/nothing-<script>"), 404, "API_NO_ROUTE")
    assert "nothing" not in error["message_zh"] + error["message_en"]  # the path is not echoed
    assert_error(client.put("/v1/documents"), 405, "API_METHOD")


def test_rate_limit_is_429_per_key(server: LiveServer, make_client: ClientFactory) -> None:
    base = server.app.dependency_overrides[get_settings]()
    limited_settings = base.model_copy(update={"rate_limit_per_minute": 3})
    server.app.dependency_overrides[get_settings] = lambda: limited_settings
    try:
        limited, other = make_client(), make_client()
        assert [limited.get("/v1/documents").status_code for _ in range(3)] == [200, 200, 200]
        response = limited.get("/v1/documents")
        assert_error(response, 429, "API_RATE_LIMITED")
        assert int(response.headers["retry-after"]) >= 1
        assert other.get("/v1/documents").status_code == 200  # limits are per key
        assert httpx.get(f"{server.url}/healthz").status_code == 200  # health is not limited
    finally:
        server.app.dependency_overrides[get_settings] = lambda: base


def test_requests_without_a_valid_key_are_limited_per_address(server: LiveServer,
                                                              make_client: ClientFactory) -> None:
    base = server.app.dependency_overrides[get_settings]()
    limited_settings = base.model_copy(update={"rate_limit_anonymous_per_minute": 4})
    server.app.dependency_overrides[get_settings] = lambda: limited_settings
    try:
        with httpx.Client(base_url=server.url, headers={"X-API-Key": "hk_00000000_guess"}) as guesser:
            assert [guesser.get("/v1/documents").status_code for _ in range(2)] == [401, 401]
        statuses = [httpx.post(f"{server.url}/v1/check").status_code for _ in range(2)]  # no key at all
        assert statuses == [401, 401]
        response = httpx.get(f"{server.url}/v1/documents")
        error = assert_error(response, 429, "API_RATE_LIMITED_ADDRESS")
        assert int(response.headers["retry-after"]) >= 1 and "4" in error["message_en"]
        # a valid key from the same address is not refused for the failures of others
        assert make_client().get("/v1/documents").status_code == 200
        assert httpx.get(f"{server.url}/healthz").status_code == 200
    finally:
        server.app.dependency_overrides[get_settings] = lambda: base


def test_report_of_failed_document_is_409(client: httpx.Client, server: LiveServer) -> None:
    doc = client.post("/v1/documents", json={"text": "2020年收入合计100.00万元。"}).json()["document"]
    assert doc["status"] == "done"
    service = server.app.state.service
    with service.writes.begin() as session:
        session.get(DocumentRow, uuid.UUID(doc["id"])).status = "failed"  # type: ignore[union-attr]
    assert_error(client.get(f"/v1/documents/{doc['id']}/report"), 409, "API_NOT_READY")


def test_a_client_that_hangs_up_is_one_line_in_the_log(server: LiveServer, caplog: pytest.LogCaptureFixture,
                                                       client: httpx.Client) -> None:
    key = client.headers["authorization"]
    caplog.set_level(logging.INFO)
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(f"POST /v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: {key}\r\n"
                     "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"text\": \"".encode())
    deadline = time.monotonic() + 10
    while not any("disconnected" in r.getMessage() for r in caplog.records) and time.monotonic() < deadline:
        time.sleep(0.05)
    lines = [r for r in caplog.records if "disconnected" in r.getMessage()]
    assert len(lines) == 1 and lines[0].exc_info is None
    assert "Traceback" not in caplog.text and not any(r.exc_info for r in caplog.records)
    assert client.get("/v1/documents").status_code == 200
