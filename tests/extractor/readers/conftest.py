"""The format fixtures (corpora/make_fixtures.py), built once into build/fixtures/.

The directory is named after a hash of the generator, the seed and the writer versions, so
a run reuses what an earlier run made and remakes it when any of them changes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpora import make_fixtures as corpora_fixtures

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def make_fixtures():
    """The generator module."""
    return corpora_fixtures


@pytest.fixture(scope="session")
def format_fixtures(make_fixtures):
    """Paths of every fixture (PDFs are None without a CJK font)."""
    out = Path(os.environ.get("HECHA_FIXTURES", ROOT / "build" / "fixtures"))
    return make_fixtures.build(out)
