"""Helpers of the API tests (a module of its own: conftest files are not importable)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

import corpora
from service.storage import keys
from service.testing import LiveServer

SEEDS = sorted((corpora.SEEDS).glob("*.txt"))
#: Test settings: seeds up to 30 kB are checked inline, the two larger ones in the background.
INLINE_MAX = 30_000
MAX_UPLOAD = 200_000
SMALL = [p for p in SEEDS if p.stat().st_size <= INLINE_MAX]
LARGE = [p for p in SEEDS if p.stat().st_size > INLINE_MAX]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"IHDR" + bytes(range(256))

ClientFactory = Callable[..., httpx.Client]


def new_key(server: LiveServer, tenant: str) -> str:
    with server.app.state.service.writes.begin() as session:
        key, _ = keys.create_key(session, tenant)
    return key


def upload(client: httpx.Client, path: Path, data: bytes | None = None, **form: str) -> httpx.Response:
    content = path.read_bytes() if data is None else data
    return client.post("/v1/documents", files={"file": (path.name, content, "text/plain")}, data=form)


def wait_done(client: httpx.Client, doc_id: str, timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        doc: dict[str, Any] = client.get(f"/v1/documents/{doc_id}").json()
        if doc["status"] in ("done", "failed") or time.monotonic() > deadline:
            return doc
        time.sleep(0.1)


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, str]:
    """The response is the API's error JSON with `status` (and `code`)."""
    assert response.status_code == status, response.text
    error: dict[str, str] = response.json()["error"]
    assert set(error) == {"code", "message_zh", "message_en"}
    assert error["message_zh"] and error["message_en"]
    if code is not None:
        assert error["code"] == code, error
    return error
