"""Stable finding ids: the same problem gets the same id in every check of a report.

A reviewer's verdict (confirmed, false positive, ignored) is kept by finding id, so the id
must survive what changes between two checks of one report: a recheck, a new hecha
version with other messages or severities, the same report uploaded again as another
format, whose offsets differ. It is made of what names the problem, not where it is
printed: the rule, the subject, and each piece of evidence as its role and its text,
normalized (NFKC, no whitespace, no thousands separators: 1,234.50 and 1 234.50 are one
quote). Two findings of one report that still agree on all of it are told apart by their
order in the report (…-2, …-3).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence

from .finding import Finding

_SPACE = re.compile(r"\s+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")


def normalized(text: str) -> str:
    """`text` as two printings of one quote agree on it."""
    return _THOUSANDS.sub("", _SPACE.sub("", unicodedata.normalize("NFKC", text)))


def fingerprint(finding: Finding) -> str:
    """16 hex digits naming the problem `finding` reports (see the module docstring)."""
    parts = {
        "rule": finding.rule,
        "subject": normalized(getattr(finding, "subject", "") or ""),
        "evidence": sorted([e.role, normalized(e.span.text)] for e in finding.evidence),
    }
    data = json.dumps(parts, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def with_ids(findings: Sequence[Finding]) -> list[Finding]:
    """`findings` in order, each with its `id`: the fingerprint, and -2, -3… for the second
    and later findings of one fingerprint."""
    seen: dict[str, int] = {}
    out = []
    for finding in findings:
        key = fingerprint(finding)
        seen[key] = seen.get(key, 0) + 1
        fid = key if seen[key] == 1 else f"{key}-{seen[key]}"
        out.append(finding.model_copy(update={"id": fid}))
    return out
