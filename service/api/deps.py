"""Dependencies as types: `SessionDep` (alias `DbDep`), `SettingsDep`, `ServiceDep`, `TenantDep`,
`ReviewerDep` (the calling key's prefix).

`TenantDep` is how every tenant-scoped route learns who is calling: it reads the API key
(`Authorization: Bearer <key>` or `X-API-Key: <key>`), answers 401 for a missing, unknown
or revoked key and 429 past the key's rate limit. Requests without a valid key are limited
too, per client address (`rate_limit_anonymous_per_minute`): past it they answer 429
instead of 401, so guessing keys or hammering the API without one is slowed like any client.
The key is still looked up first, so a valid key behind a shared address (a NAT, a proxy)
is never refused for another client's failures; keys are too random for that answer to help
a guesser.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from ..config import Settings, get_settings
from ..runtime import Service
from ..storage import Tenant, keys
from .errors import api_error

SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


ServiceDep = Annotated[Service, Depends(get_service)]


def get_db(request: Request, service: ServiceDep) -> Iterator[Session]:
    """A session per request; requests that may write get write transactions (SQLite: BEGIN
    IMMEDIATE, see storage/db.py)."""
    sessions = service.sessions if request.method in ("GET", "HEAD") else service.writes
    with sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_db)]
DbDep = SessionDep  # the name STYLE.md uses

_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <API key>")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="the API key")


def get_tenant(
    request: Request,
    service: ServiceDep,
    settings: SettingsDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    header: Annotated[str | None, Depends(_header)],
) -> Tenant:
    key = bearer.credentials if bearer is not None else header
    found = None
    if key:
        with service.sessions() as session:  # a read of its own, never a write lock
            found = keys.authenticate(session, key)
    if found is None:
        address = request.client.host if request.client else "unknown"
        _limit(service, f"address {address}", settings.rate_limit_anonymous_per_minute,
               "API_RATE_LIMITED_ADDRESS")
        raise api_error("API_UNAUTHORIZED", headers={"WWW-Authenticate": "Bearer"})
    tenant, api_key = found
    _limit(service, api_key.prefix, settings.rate_limit_per_minute, "API_RATE_LIMITED")
    request.state.key_prefix = api_key.prefix  # who did it, for what the caller writes
    return tenant


def _limit(service: Service, bucket: str, limit: int, code: str) -> None:
    """Spend a token of `bucket` (a key prefix `hk_…`, or `address …`: the two never
    collide) or raise 429 `code` with Retry-After."""
    wait = service.limiter.take(bucket, limit)
    if wait:
        retry = service.limiter.retry_after(wait)
        raise api_error(code, headers={"Retry-After": str(retry)}, limit=limit, retry=retry)


TenantDep = Annotated[Tenant, Depends(get_tenant)]


def get_reviewer(request: Request, tenant: TenantDep) -> str:
    """The public prefix of the calling key (hk_…): who gave a review."""
    return str(request.state.key_prefix)


ReviewerDep = Annotated[str, Depends(get_reviewer)]
