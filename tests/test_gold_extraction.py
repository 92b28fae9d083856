"""Extraction against the reading-based gold: amounts, subjects and roles, table cells."""

from __future__ import annotations

from gold import SEED_NAMES, Score, score_amounts, score_cells

CELL_SEED = "003_4b65da696dc0427c.txt"


def test_narrative_amounts_and_labels(extractions, figures):
    total = Score()
    for seed in SEED_NAMES:
        x = extractions[seed]
        score = score_amounts(seed, x.document.original, x.claims)
        total.add(score)
        figures.append(f"amounts {seed[:3]}: gold {score.gold}, found {score.matched}, "
                       f"predicted {score.predicted}, subject+role right {score.labelled}")
    figures.append(
        f"amounts (value, unit, span): precision {total.precision:.3f} recall {total.recall:.3f}; "
        f"subject and role both right {total.labelled_accuracy:.3f} of {total.gold}")
    assert total.gold >= 500, "the gold covers every amount and percentage of four seeds"
    assert total.recall >= 0.99, total.misses
    assert total.precision >= 0.99, total.spurious
    assert total.labelled_accuracy >= 0.90, total.mislabelled


def test_table_cells_of_seed_003(extractions, figures):
    score = score_cells(CELL_SEED, extractions[CELL_SEED].document)
    figures.append(
        f"table cells 003: precision {score.precision:.3f} recall {score.recall:.3f}; "
        f"table, row and column labels right {score.labelled_accuracy:.3f} of {score.gold}")
    assert score.gold >= 390
    assert score.recall >= 0.99, score.misses
    assert score.precision >= 0.99
    assert score.labelled_accuracy >= 0.95, score.mislabelled
