"""The rules against the reading-based gold findings and true negatives."""

from __future__ import annotations

from gold import load_findings, score_findings, true_negative_hits


def _per_rule(score) -> str:
    parts = []
    for rule, (gold, found, predicted, correct) in sorted(score.per_rule.items()):
        recall = found / gold if gold else 1.0
        precision = correct / predicted if predicted else 1.0
        parts.append(f"{rule} R {recall:.2f} P {precision:.2f} ({found}/{gold}, {correct}/{predicted})")
    return "; ".join(parts)


def test_error_level_findings(reports, figures):
    score = score_findings(reports, "error")
    figures.append(f"findings (error): recall {score.recall:.3f} precision {score.precision:.3f} "
                   f"({score.found}/{score.gold} found, {score.correct}/{score.predicted} right)")
    figures.append(f"  per rule: {_per_rule(score)}")
    if score.missed:
        figures.append(f"  missed: {', '.join(score.missed)}")
    assert score.gold >= 30
    assert score.recall >= 0.90, score.missed
    assert score.precision >= 0.90, score.wrong


def test_warning_level_findings(reports, figures):
    score = score_findings(reports, "warning")
    figures.append(f"findings (warning): recall {score.recall:.3f} precision {score.precision:.3f} "
                   f"({score.found}/{score.gold} found, {score.correct}/{score.predicted} right)")
    assert score.recall >= 0.80, score.missed
    assert score.precision >= 0.80, score.wrong


def test_no_error_on_true_negatives(reports, figures):
    negatives = load_findings()["true_negatives"]
    hits = true_negative_hits(reports)
    figures.append(f"true negatives: {len(negatives)} statements that look wrong and are right, "
                   f"{len(hits)} error-level findings on them")
    assert len(negatives) >= 15
    assert hits == []
