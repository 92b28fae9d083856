"""Reviewers' verdicts brought into a run's outputs: `hecha annotate --reviews FILE`.

FILE is what `GET /v1/reviews` answers (a JSON object whose `data` lists records with the
document's `sha256` and a `review` of `finding_id`, `status`, `note`), so that verdicts
given in the browser reach the bulk outputs: each finding row gets `review_status` (open
where nobody reviewed it) and `review_note`, matched by the document's bytes and the
finding's stable id, so they hold for the same report under any path and in later runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from models import ConfigError

Verdicts = dict[tuple[str, str], tuple[str, str | None]]  # (sha256, finding id) -> (status, note)

STATUSES = ("open", "confirmed", "false_positive", "ignored")
#: A reviews file larger than this is not one (the API pages it 500 at a time).
MAX_BYTES = 64 * 1024 * 1024


def load(path: str | Path) -> Verdicts:
    """The verdicts of a reviews file, or ConfigError E_REVIEWS saying what is wrong."""
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise ValueError(f"larger than {MAX_BYTES} bytes")
        data: Any = json.loads(Path(path).read_bytes())
    except (OSError, ValueError) as exc:
        raise ConfigError("E_REVIEWS", path=path, detail=str(exc)) from exc
    records = data.get("data") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise ConfigError("E_REVIEWS", path=path, detail="no list of reviews under 'data'")
    verdicts: Verdicts = {}
    for n, record in enumerate(records):
        try:
            review = record["review"]
            status = review["status"]
            if status not in STATUSES:
                raise ValueError(f"status {status!r} is not one of {', '.join(STATUSES)}")
            verdicts[(str(record["sha256"]), str(review["finding_id"]))] = (status, review.get("note"))
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError("E_REVIEWS", path=path, detail=f"record {n}: {exc!r}") from exc
    return verdicts


def apply(sha256: str, findings: list[dict[str, Any]], verdicts: Verdicts) -> list[dict[str, Any]]:
    """`findings` (a document's rows) with their review columns."""
    out = []
    for finding in findings:
        status, note = verdicts.get((sha256, finding.get("finding_id") or ""), ("open", None))
        out.append({**finding, "review_status": status, "review_note": note})
    return out
