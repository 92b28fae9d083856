"""Original bytes are content-addressed: the path comes from the sha256, never the name."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from service.runtime import Service
from service.storage import BlobStore, documents, keys


def test_blob_paths_come_from_the_digest(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    digest = store.put(b"report")
    assert digest == hashlib.sha256(b"report").hexdigest()
    assert store.path(digest) == tmp_path / digest[:2] / digest[2:]
    assert store.get(digest) == b"report" and store.put(b"report") == digest
    for bad in ("../../etc/passwd", "ab", digest.upper(), digest + "0"):
        with pytest.raises(ValueError):
            store.path(bad)
    store.delete(digest)
    with pytest.raises(FileNotFoundError):
        store.get(digest)


def test_a_hostile_name_is_only_a_name(make_service: Callable[..., Service]) -> None:
    service = make_service()
    with service.writes.begin() as session:
        key, _ = keys.create_key(session, f"names-{uuid.uuid4().hex[:6]}")
        tenant = keys.authenticate(session, key)
        assert tenant is not None
        data = "2020年支出合计10.00万元。".encode() + uuid.uuid4().bytes.hex().encode()
        doc, _, _ = documents.create(session, service.blobs, tenant[0].id, data, "../../../escape.txt",
                                     None, None)
    files = [p for p in service.settings.data_dir.rglob("*") if p.is_file()]
    assert not any("escape" in p.name for p in files)
    assert service.blobs.path(doc.sha256).read_bytes() == data
    assert doc.name == "../../../escape.txt"
