"""Errors as JSON `{"error": {"code", "message_zh", "message_en"}}`, with the right status.

Routers raise `api_error(CODE, …)` (an HTTPException carrying a catalogued message, with
the HTTP status its catalogue entry gives); below the routers code raises a
`models.HechaError` (a DocumentError or a ConfigError), answered with its code's status.
Anything else is a 500 with no detail leaked (and logged).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from models import HechaError, message
from models.messages import http_status

from ..pool import PoolClosed
from .schemas import ErrorResponse

log = logging.getLogger(__name__)

#: For the OpenAPI document: `responses=errors(401, 404)`.
DESCRIPTIONS = {
    400: "bad request", 401: "missing or invalid API key", 404: "no such document in this tenant",
    409: "conflicts with the document's state", 413: "too large", 415: "not a report hecha can read",
    422: "invalid request or unreadable report", 429: "rate limit exceeded",
    503: "database or checking processes unavailable",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {s: {"model": ErrorResponse, "description": DESCRIPTIONS[s]} for s in statuses}


def body(code: str, zh: str, en: str) -> dict[str, Any]:
    return {"error": {"code": code, "message_zh": zh, "message_en": en}}


def status_of(code: str) -> int:
    """The HTTP status of an error code (models/messages.py); 422 for one without."""
    return http_status(code) or 422


def api_error(code: str, /, http: int | None = None, headers: dict[str, str] | None = None,
              **values: object) -> HTTPException:
    """The catalogued error `code` as an HTTPException, with its catalogue status unless
    the route knows better (`http`: API_INVALID is 400 for a malformed body)."""
    msg = message(code, **values)
    return HTTPException(http or status_of(code), detail=body(code, msg.zh, msg.en), headers=headers)


def outcome_error(code: str, zh: str | None, en: str | None) -> HTTPException:
    """The error of a failed check, with the status its code calls for."""
    return HTTPException(status_of(code), detail=body(code, zh or code, en or code))


def _validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', '')}")
    return "; ".join(parts)[:1000]


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into the JSON above."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail: Any = exc.detail
        if not (isinstance(detail, dict) and "error" in detail):
            if exc.status_code == 404:  # the path is not echoed: it is the caller's text
                msg, code = message("API_NO_ROUTE"), "API_NO_ROUTE"
            elif exc.status_code == 405:
                msg, code = message("API_METHOD", method=request.method), "API_METHOD"
            else:
                msg, code = message("API_HTTP", status=exc.status_code), "API_HTTP"
            detail = body(code, msg.zh, msg.en)
        return JSONResponse(detail, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        msg = message("API_INVALID", detail=_validation_detail(exc))
        return JSONResponse(body("API_INVALID", msg.zh, msg.en), status_code=422)

    @app.exception_handler(HechaError)
    async def document_error(request: Request, exc: HechaError) -> JSONResponse:
        return JSONResponse(body(exc.code, exc.msg.zh, exc.msg.en),
                            status_code=status_of(exc.code))

    @app.exception_handler(OperationalError)
    @app.exception_handler(InterfaceError)
    @app.exception_handler(PoolTimeout)
    async def database_down(request: Request, exc: Exception) -> JSONResponse:
        log.error("database error: %s", exc)
        msg = message("API_UNAVAILABLE", detail="database")
        return JSONResponse(body("API_UNAVAILABLE", msg.zh, msg.en), status_code=503)

    @app.exception_handler(PoolClosed)
    async def shutting_down(request: Request, exc: PoolClosed) -> JSONResponse:
        # A check caught by shutdown: its job keeps its lease and is done after the restart.
        msg = message("API_UNAVAILABLE", detail="shutting down")
        return JSONResponse(body("API_UNAVAILABLE", msg.zh, msg.en), status_code=503)

    @app.exception_handler(ClientDisconnect)
    async def disconnected(request: Request, exc: ClientDisconnect) -> Response:
        """A client that hung up while sending its body (a slow or cancelled upload): an
        ordinary event, one line in the log rather than a traceback. Nobody reads the
        answer; 499 (nginx's "client closed request") is what the metrics count."""
        log.info("client disconnected while sending %s %s", request.method, request.url.path)
        return Response(status_code=499)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        """The last resort, outside every middleware (middleware.InternalErrorMiddleware
        answers for what the routes raise, with the security headers)."""
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        msg = message("API_INTERNAL")
        return JSONResponse(body("API_INTERNAL", msg.zh, msg.en), status_code=500)
