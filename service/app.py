"""The FastAPI application: `create_app(settings)` wires the Service, middleware, error
handlers and the routers of service/api. `hecha serve` runs it with uvicorn; so does
`uvicorn --factory service.app:create_app`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi_offline import FastAPIOffline

from . import __version__
from .api import errors
from .api.main import api_router
from .api.middleware import (
    BodyLimitMiddleware,
    InternalErrorMiddleware,
    MetricsMiddleware,
    SecurityHeadersMiddleware,
)
from .config import MIB, Settings, get_settings
from .output.report import content_security_policy
from .runtime import Service

#: The OpenAPI pages: Swagger UI and ReDoc served from this server (fastapi-offline bundles
#: their scripts and stylesheet, under STATIC_DOCS), bootstrapped inline; nothing from a CDN,
#: so /docs works offline.
DOCS_POLICY = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; connect-src 'self'; worker-src blob:; base-uri 'none'; "
               "frame-ancestors 'none'")
DOCS_PATHS = frozenset({"/docs", "/redoc", "/docs/oauth2-redirect"})
STATIC_DOCS = "/static-offline-docs"

DESCRIPTION = """\
核查 hecha: submit Chinese final-account (部门决算) and performance self-evaluation reports,
get back every figure they print and the inconsistencies between them, located in the text.

Send the API key as `Authorization: Bearer <key>` or `X-API-Key: <key>` (create one with
`hecha keys create --tenant NAME`). Errors are `{"error": {"code", "message_zh", "message_en"}}`.
"""


def create_app(settings: Settings | None = None, *, worker: bool = True, warm: bool = True) -> FastAPI:
    """The app. With explicit `settings` the routes see them too (through an override of
    `get_settings`); `worker=False` leaves background jobs to another process."""
    if settings is None:
        settings = get_settings()
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(lambda: service.start(worker=worker, warm=warm))
        try:
            yield
        finally:
            await run_in_threadpool(service.stop)

    app = FastAPIOffline(docs_url="/docs", redoc_url="/redoc", title="hecha", version=__version__,
                         description=DESCRIPTION, lifespan=lifespan, static_url=STATIC_DOCS)
    app.state.service = service
    app.dependency_overrides[get_settings] = lambda: settings
    errors.install(app)
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_upload_bytes + MIB)  # + multipart framing
    app.add_middleware(MetricsMiddleware, metrics=service.metrics)
    app.add_middleware(InternalErrorMiddleware)  # inside the headers: a 500 carries them too
    app.add_middleware(SecurityHeadersMiddleware, policy=content_security_policy(),
                       docs_policy=DOCS_POLICY, docs_paths=DOCS_PATHS)
    app.include_router(api_router)
    return app
