"""Every error a client can get carries its HTTP status in the catalogue (models/messages.py)."""

from __future__ import annotations

import re
from pathlib import Path

from models.messages import codes, http_status

ROOT = Path(__file__).resolve().parents[2]
#: how the errors of a document are raised, in the extractor and the checking code
_RAISED = re.compile(r'(?:DocumentError|Outcome\.failure|api_error)\(\s*"([A-Z_]+)"')


def _raised_in(*folders: str) -> set[str]:
    found = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            found.update(_RAISED.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_error_a_client_can_get_has_its_status():
    raised = _raised_in("extractor", "rules", "service/api", "service/core", "service/pool.py")
    api = {c for c in codes() if c.startswith("API_") and c != "API_HTTP"}  # API_HTTP: any status
    assert raised, "the pattern finds the raise sites"
    missing = sorted(c for c in raised | api if http_status(c) is None)
    assert missing == []
    assert all(400 <= (http_status(c) or 400) < 600 for c in codes())
