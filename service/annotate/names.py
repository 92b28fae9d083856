"""Names of what `hecha annotate` writes: files, statuses and columns, defined once.

Writers, the summary page and the tests all read these, so a renamed column cannot
drift between the CSV, the Parquet file and the documentation.
"""

from __future__ import annotations

#: Files of the output directory.
DOCUMENTS = "documents.jsonl"
FINDINGS_PARQUET = "findings.parquet"
FINDINGS_CSV = "findings.csv"
MANIFEST = "manifest.jsonl"
SUMMARY = "summary.html"
LABELSTUDIO = "labelstudio.json"
LABELSTUDIO_CONFIG = "labelstudio_config.xml"
DOCCANO = "doccano.jsonl"
BRAT = "brat"
FINDINGS_XLSX = "findings.xlsx"
MEMO_DOCX = "findings.docx"
#: Per-document results, committed one by one; the files above are assembled from them.
PARTS = "parts"
LOCK = ".lock"

#: `--formats` values, in the order they are documented; the audit exports (xlsx, docx)
#: are written only when asked for: a memo of thousands of reports is for a selection.
FORMATS = ("jsonl", "parquet", "labelstudio", "doccano", "brat", "csv", "xlsx", "docx")
DEFAULT_FORMATS = FORMATS[:6]

#: Manifest statuses.
OK, FAILED, SKIPPED = "ok", "failed", "skipped"

#: One row per finding in findings.csv and findings.parquet. `quote`, `start` and `end`
#: are the first evidence span (code points into the original text), empty when the
#: finding has no evidence; `evidence_count` says how many spans it rests on; `finding_id`
#: is the finding's stable id (models/fingerprint.py), the same in every run over the file;
#: `review_status` and `review_note` a reviewer's verdict from --reviews (open: none).
FINDING_COLUMNS = (
    "document_id",
    "finding_id",
    "path",
    "unit",
    "year",
    "rule",
    "severity",
    "kind",
    "message_zh",
    "message_en",
    "quote",
    "start",
    "end",
    "evidence_count",
    "review_status",
    "review_note",
)

#: Keys of a manifest.jsonl record. `timings` (seconds per stage, worker) is the only
#: part that differs between two runs over the same files.
MANIFEST_KEYS = (
    "path",
    "sha256",
    "status",
    "error_code",
    "error_zh",
    "error_en",
    "duplicate_of",
    "size",
    "findings",
    "config",
    "timings",
)
