"""Shared fixtures: the seeds are extracted and checked once per test run.

Accuracy figures computed by the gold tests are collected in `FIGURES` and printed at the
end of the run, so `make test` always shows precision and recall next to the verdict.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold import SEED_NAMES, SEEDS

import extractor
import rules
from models import Report

FIGURES: list[str] = []


@pytest.fixture(scope="session")
def extractions() -> dict[str, extractor.Extraction]:
    """Every seed, extracted once."""
    return {name: extractor.extract((SEEDS / name).read_bytes(), name) for name in SEED_NAMES}


@pytest.fixture(scope="session")
def reports(extractions) -> dict[str, Report]:
    """Every seed, checked once with the default rules."""
    config = rules.load_profile()
    return {name: rules.check(x.document, x.claims, config) for name, x in extractions.items()}


@pytest.fixture(scope="session")
def figures() -> list[str]:
    """Lines the run prints at the end (accuracy figures)."""
    return FIGURES


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if FIGURES:
        terminalreporter.section("hecha accuracy")
        for line in FIGURES:
            terminalreporter.write_line(line)
