"""Persistence: SQLAlchemy tables and migrations, content-addressed blobs, keys and jobs.

Works on SQLite (the embedded default, a file under the data directory) and PostgreSQL
(psycopg 3). See tables.py for the schema and jobs.py for how work is owned.
"""

from . import documents, jobs, keys, reviews
from .blobs import BlobStore
from .db import make_engine, make_sessions, ping, upgrade
from .tables import (
    DONE,
    FAILED,
    QUEUED,
    REVIEW_STATUSES,
    RUNNING,
    ApiKey,
    Blob,
    DocumentRow,
    Job,
    ReportRow,
    Review,
    Tenant,
)

__all__ = [
    "DONE",
    "FAILED",
    "QUEUED",
    "REVIEW_STATUSES",
    "RUNNING",
    "ApiKey",
    "Blob",
    "BlobStore",
    "DocumentRow",
    "Job",
    "ReportRow",
    "Review",
    "Tenant",
    "documents",
    "jobs",
    "keys",
    "make_engine",
    "make_sessions",
    "ping",
    "reviews",
    "upgrade",
]
