"""Bulk annotation (`hecha annotate`): many reports in, review-ready outputs out.

Runs on a local process pool or a Dask cluster, resumes where a killed run stopped, and
writes documents.jsonl, findings.parquet/.csv, manifest.jsonl, summary.html and the
review formats of Label Studio, doccano and brat. See run.py for the flow and README.md
for the outputs.
"""

from .names import FORMATS
from .run import Outcome, annotate
from .worker import DocumentResult, annotate_document

__all__ = ["FORMATS", "DocumentResult", "Outcome", "annotate", "annotate_document"]
