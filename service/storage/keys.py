"""API keys: created for a tenant, stored as sha256, named by a short public prefix.

A key looks like `hk_1a2b3c4d_<32 random url-safe characters>`; `hk_1a2b3c4d` is its prefix
(shown in `hecha keys list`, used by `hecha keys revoke`). The key itself is shown once,
when created; the database holds only its sha256, so a stolen database yields no key.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .tables import ApiKey, Tenant, utcnow

PREFIX_LEN = len("hk_") + 8


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def new_key() -> str:
    return f"hk_{secrets.token_hex(4)}_{secrets.token_urlsafe(24)}"


@dataclass(frozen=True)
class KeyInfo:
    prefix: str
    tenant: str
    created_at: datetime
    revoked_at: datetime | None


def create_key(session: Session, tenant_name: str) -> tuple[str, KeyInfo]:
    """A new key for `tenant_name` (created if new); returns the key and its public info."""
    tenant = session.scalar(select(Tenant).where(Tenant.name == tenant_name))
    if tenant is None:
        tenant = Tenant(name=tenant_name)
        session.add(tenant)
        session.flush()
    key = new_key()
    row = ApiKey(tenant_id=tenant.id, prefix=key[:PREFIX_LEN], key_hash=hash_key(key))
    session.add(row)
    session.flush()
    return key, KeyInfo(row.prefix, tenant.name, row.created_at, None)


def revoke_key(session: Session, prefix: str) -> bool:
    """Revoke the active key with `prefix`; False when there is none."""
    row = session.scalar(select(ApiKey).where(ApiKey.prefix == prefix, ApiKey.revoked_at.is_(None)))
    if row is None:
        return False
    row.revoked_at = utcnow()
    return True


def list_keys(session: Session) -> list[KeyInfo]:
    rows = session.execute(
        select(ApiKey, Tenant.name).join(Tenant, Tenant.id == ApiKey.tenant_id)
        .order_by(Tenant.name, ApiKey.created_at))
    return [KeyInfo(k.prefix, name, k.created_at, k.revoked_at) for k, name in rows]


def authenticate(session: Session, key: str) -> tuple[Tenant, ApiKey] | None:
    """The tenant and key row of an active `key`, or None."""
    if not key.startswith("hk_") or len(key) > 200:
        return None
    found = session.execute(
        select(Tenant, ApiKey).join(ApiKey, ApiKey.tenant_id == Tenant.id)
        .where(ApiKey.key_hash == hash_key(key), ApiKey.revoked_at.is_(None))).first()
    return None if found is None else (found[0], found[1])
