"""ASGI middleware: request metrics, security headers, unhandled errors (a catalogued 500),
and the request body limit (413 before reading more)."""

from __future__ import annotations

import json
import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from models import message

from ..metrics import Metrics
from .errors import body, status_of

log = logging.getLogger(__name__)


class MetricsMiddleware:
    """Counts requests by route template (not raw path: ids would explode the series) and
    status, and observes their latency."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(msg: Message) -> None:
            nonlocal status
            if msg["type"] == "http.response.start":
                status = msg["status"]
            await send(msg)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None) or "unmatched"
            method = scope["method"]
            self.metrics.requests.labels(method, path, str(status)).inc()
            self.metrics.latency.labels(method, path).observe(time.perf_counter() - started)


class SecurityHeadersMiddleware:
    """Adds the browser's defences to every response, errors included: `policy` as the
    Content-Security-Policy (`docs_policy` on the OpenAPI pages, which start Swagger UI and
    ReDoc, served by this server, with an inline script and show no user content), no
    framing by other sites, no MIME sniffing, no Referer sent elsewhere."""

    def __init__(self, app: ASGIApp, policy: str, docs_policy: str, docs_paths: frozenset[str]) -> None:
        self.app = app
        self.docs_paths = docs_paths
        common = [(b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"),
                  (b"referrer-policy", b"same-origin")]
        self.headers = [(b"content-security-policy", policy.encode()), *common]
        self.docs_headers = [(b"content-security-policy", docs_policy.encode()), *common]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.docs_headers if scope["path"] in self.docs_paths else self.headers

        async def secured(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                msg["headers"] = [*msg.get("headers", []), *extra]
            await send(msg)

        await self.app(scope, receive, secured)


class _Tracked:
    """`send`, remembering whether the response has started: once it has, an error can no
    longer be answered with a response of its own."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False

    async def __call__(self, msg: Message) -> None:
        self.started = self.started or msg["type"] == "http.response.start"
        await self.send(msg)


async def _send_error(send: Send, code: str, *, close: bool = False, **values: object) -> None:
    """A catalogued error as the whole JSON response, with its status, sent from below the app."""
    msg = message(code, **values)
    content = json.dumps(body(code, msg.zh, msg.en), ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode())]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status_of(code), "headers": headers})
    await send({"type": "http.response.body", "body": content})


class InternalErrorMiddleware:
    """An exception no handler took answers 500 API_INTERNAL: the catalogued zh/en body,
    nothing of the exception in it, the traceback in the log once. Starlette's own handler
    for `Exception` answers from outside every middleware, so its 500 lacked the security
    headers; this one sits inside SecurityHeadersMiddleware. A response already under way
    cannot be replaced: the exception goes on up."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tracked = _Tracked(send)
        try:
            await self.app(scope, receive, tracked)
        except Exception:
            if tracked.started:
                raise
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            await _send_error(send, "API_INTERNAL")


class _BodyTooLarge(Exception):
    """Raised from `receive` past the limit and caught by BodyLimitMiddleware alone: a
    private type, so no handler or `except HTTPException` of the code reading the body (the
    multipart parser answers 400 for those) can turn it into another status."""


class BodyLimitMiddleware:
    """Refuses a body over `limit` bytes with 413 API_BODY_TOO_LARGE, the one place that
    enforces it: at once from Content-Length, else while the body is read, whatever reads it
    (JSON, multipart, chunked or not)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._refuse(send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise _BodyTooLarge
            return msg

        tracked = _Tracked(send)
        try:
            await self.app(scope, limited, tracked)
        except _BodyTooLarge:
            if tracked.started:  # a response that streams while reading: nothing left to answer
                raise
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        await _send_error(send, "API_BODY_TOO_LARGE", close=True, limit=self.limit)
