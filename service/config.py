"""The service's settings: one typed `Settings`, read from `HECHA_*` environment variables.

`get_settings()` is cached and is the FastAPI dependency the routes use; tests replace it
through `app.dependency_overrides[get_settings]` or build the app with their own Settings.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

MIB = 1024 * 1024


class Settings(BaseSettings):
    """Everything an operator can set. Defaults suit one machine with SQLite."""

    model_config = SettingsConfigDict(env_prefix="HECHA_", extra="forbid")

    data_dir: Path = Field(Path("data"), description="the SQLite file and the original bytes (blobs/)")
    database_url: str = Field("", description="SQLAlchemy URL; empty means SQLite under data_dir")
    max_upload_bytes: int = Field(50 * MIB, gt=0, description="larger submissions answer 413")
    inline_max_bytes: int = Field(
        200_000, ge=0, description="submissions up to this size are checked during the request; "
                                   "larger ones answer 202 and are checked by the background worker")
    job_timeout_s: float = Field(120.0, gt=0, description="processing time limit per document")
    rate_limit_per_minute: int = Field(600, ge=0, description="requests per API key per minute; 0: no limit")
    rate_limit_anonymous_per_minute: int = Field(
        60, ge=0, description="requests without a valid API key (none, unknown or revoked) per client "
                              "address per minute (429 past it, instead of 401); 0: no limit")
    max_concurrent_jobs: int = Field(2, ge=1, le=64, description="checking processes (inline and background)")
    job_memory_mb: int = Field(4096, ge=256, description="memory a checking process may take beyond "
                               "its start, for extraction and rules (readers have their own cap)")
    job_lease_s: float = Field(30.0, gt=0, description="a running job whose lease is not renewed for "
                                                      "this long is taken over by another worker")
    job_max_attempts: int = Field(3, ge=1, description="a job interrupted this many times fails")
    poll_interval_s: float = Field(1.0, gt=0, description="how often idle workers look for queued jobs")

    @model_validator(mode="after")
    def _default_database(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{(self.data_dir / 'hecha.db').resolve()}"
        if self.database_url.startswith(("postgresql://", "postgres://")):
            # psycopg 3 is the driver hecha installs; a bare URL would ask for psycopg2.
            self.database_url = "postgresql+psycopg://" + self.database_url.split("://", 1)[1]
        return self

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (environment read once)."""
    return Settings()


def settings_or_error() -> Settings:
    """`get_settings()`, or a ConfigError (E_SETTINGS, naming the variable) when a
    HECHA_* variable is invalid: for the command line, which must not print a traceback.

    Raises:
        ConfigError: E_SETTINGS.
    """
    from models import ConfigError

    try:
        return get_settings()
    except ValidationError as exc:
        problems = "; ".join(f"HECHA_{'.'.join(str(p) for p in e['loc']).upper()}: {e['msg']}"
                             for e in exc.errors()[:3])
        raise ConfigError("E_SETTINGS", detail=problems) from None
