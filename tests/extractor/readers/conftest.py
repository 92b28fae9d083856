"""The format fixtures (corpora/make_fixtures.py), built once into build/fixtures/.

The directory is named after a hash of the generator, the seed and the writer versions, so
a run reuses what an earlier run made and remakes it when any of them changes.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _generator():
    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "corpora" / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_fixtures"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def make_fixtures():
    """The generator module."""
    return _generator()


@pytest.fixture(scope="session")
def format_fixtures(make_fixtures):
    """Paths of every fixture (PDFs are None without a CJK font)."""
    out = Path(os.environ.get("HECHA_FIXTURES", ROOT / "build" / "fixtures"))
    return make_fixtures.build(out)
