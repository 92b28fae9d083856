"""The accuracy bench (bench/accuracy.py) on a small corpus, with floors that may only rise.

The hand-written documents, the seeds and a small synthesized set are checked the way
`python -m bench.accuracy` checks its full corpus; the figures go to the run's summary and
each is held at a floor measured when it was set, so a change that makes hecha worse on
documents it was not built from fails here. The full bench (340 synthesized documents)
is `make bench`.
"""

from __future__ import annotations

import pytest

from bench import accuracy

#: synthesized documents in the test corpus (the full bench uses 340)
SYNTH = 40

#: floors: error-level precision and recall, warning recall, the share of clean documents
#: without an error-level finding, the most error-level false alarms on one clean document,
#: and the hand-written table cells read right (value, code, row and column)
FLOORS = {"error_precision": 0.88, "error_recall": 0.80, "warning_recall": 0.72,
          "clean_without_error": 0.82, "cells": 0.99}
MAX_FALSE_ERRORS_PER_CLEAN = 2


@pytest.fixture(scope="module")
def bench() -> accuracy.Figures:
    docs = accuracy.corpus(SYNTH, 1, accuracy.HANDWRITTEN, seeds=True)
    return accuracy.figures(accuracy.check_all(docs, jobs=2))


def test_corpus_covers_every_family(bench):
    families = set(accuracy.load_families())
    for corpus in ("handwritten", "synth"):
        present = {f for f, corpora in bench.families_present.items() if corpus in corpora}
        assert families - {"seed"} <= present, (corpus, families - present)
    assert bench.by_corpus["handwritten"] >= 20
    assert not bench.failed, bench.failed
    assert not bench.unlocated, bench.unlocated


def test_accuracy_floors(bench, figures):
    error, warning = bench.overall["error"], bench.overall["warning"]
    clean = bench.clean_without_error / bench.clean_documents
    cells = bench.cells["labelled"] / bench.cells["gold"]
    figures.append(f"bench (hand-written, seeds, {SYNTH} synthesized): error P {error.precision:.3f} "
                   f"R {error.recall:.3f}, warning P {warning.precision:.3f} R {warning.recall:.3f}, "
                   f"clean without error {clean:.3f} (max {bench.clean_max_errors}), cells {cells:.3f}")
    assert error.precision >= FLOORS["error_precision"]
    assert error.recall >= FLOORS["error_recall"]
    assert warning.recall >= FLOORS["warning_recall"]
    assert clean >= FLOORS["clean_without_error"]
    assert bench.clean_max_errors <= MAX_FALSE_ERRORS_PER_CLEAN
    assert cells >= FLOORS["cells"]
    assert len(bench.negatives_hit) <= 0.1 * bench.negatives
