"""/healthz, /readyz and /metrics: no key needed; metrics count requests and findings."""

from __future__ import annotations

import re

import httpx
from apihelp import SMALL, upload

from service.testing import LiveServer


def test_health_and_readiness(server: LiveServer) -> None:
    assert httpx.get(f"{server.url}/healthz").json() == {"status": "ok"}
    assert httpx.get(f"{server.url}/readyz").json() == {"status": "ready"}


def test_readiness_fails_when_the_database_is_gone(server: LiveServer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def down(engine: object) -> None:
        raise ConnectionError("database unreachable")

    monkeypatch.setattr("service.api.health.ping", down)
    response = httpx.get(f"{server.url}/readyz")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "API_UNAVAILABLE"


def _value(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        match = re.fullmatch(rf"{name}\{{(.*)\}} (\S+)", line)
        if match and all(f'{k}="{v}"' in match.group(1) for k, v in labels.items()):
            total += float(match.group(2))
    return total


def test_metrics_count_requests_documents_and_findings(server: LiveServer, client: httpx.Client) -> None:
    before = httpx.get(f"{server.url}/metrics").text
    body = upload(client, SMALL[0]).json()
    after = httpx.get(f"{server.url}/metrics")
    assert after.headers["content-type"].startswith("text/plain")
    text = after.text
    route = dict(method="POST", route="/v1/documents", status="201")
    assert _value(text, "hecha_http_requests_total", **route) == _value(
        before, "hecha_http_requests_total", **route) + 1
    assert _value(text, "hecha_http_request_duration_seconds_count", method="POST", route="/v1/documents") > 0
    assert _value(text, "hecha_documents_checked_total", outcome="done", mode="inline") >= 1
    rule = body["report"]["findings"][0]["rule"]
    n = sum(f["rule"] == rule for f in body["report"]["findings"])
    name = "hecha_findings_total"
    assert _value(text, name, rule=rule) - _value(before, name, rule=rule) == n
    # ids never become label values: one series per route template
    assert body["document"]["id"] not in text
