"""API keys: only a hash is stored; revoked keys stop working; prefixes name keys."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy import select

from service.runtime import Service
from service.storage import ApiKey, keys


def test_keys_are_stored_hashed_and_can_be_revoked(make_service: Callable[..., Service]) -> None:
    service = make_service()
    tenant = f"keys-{uuid.uuid4().hex[:6]}"
    with service.writes.begin() as session:
        key, info = keys.create_key(session, tenant)
        again, _ = keys.create_key(session, tenant)
    assert key.startswith("hk_") and key[:keys.PREFIX_LEN] == info.prefix and key != again
    with service.sessions() as session:
        stored = session.scalars(select(ApiKey.key_hash).where(ApiKey.prefix == info.prefix)).one()
        assert key not in stored and stored == keys.hash_key(key)
        found = keys.authenticate(session, key)
        assert found is not None and found[0].name == tenant
        assert keys.authenticate(session, key + "x") is None
        assert keys.authenticate(session, "") is None
    with service.writes.begin() as session:
        assert keys.revoke_key(session, info.prefix)
        assert not keys.revoke_key(session, info.prefix)  # already revoked
    with service.sessions() as session:
        assert keys.authenticate(session, key) is None
        assert keys.authenticate(session, again) is not None  # the tenant's other key still works
        listed = {k.prefix: k for k in keys.list_keys(session)}
        assert listed[info.prefix].revoked_at is not None
        assert listed[again[:keys.PREFIX_LEN]].revoked_at is None
