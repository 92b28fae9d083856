"""Persistence: SQLAlchemy tables and migrations, content-addressed blobs, keys and jobs.

Works on SQLite (the embedded default, a file under the data directory) and PostgreSQL
(psycopg 3). See tables.py for the schema and jobs.py for how work is owned.
"""

from . import documents, jobs, keys
from .blobs import BlobStore
from .db import make_engine, make_sessions, ping, upgrade
from .tables import DONE, FAILED, QUEUED, RUNNING, ApiKey, Blob, DocumentRow, Job, ReportRow, Tenant

__all__ = [
    "DONE",
    "FAILED",
    "QUEUED",
    "RUNNING",
    "ApiKey",
    "Blob",
    "BlobStore",
    "DocumentRow",
    "Job",
    "ReportRow",
    "Tenant",
    "documents",
    "jobs",
    "keys",
    "make_engine",
    "make_sessions",
    "ping",
    "upgrade",
]
