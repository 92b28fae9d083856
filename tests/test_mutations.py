"""The mutation test of corpora/mutate.py: one changed figure or reason, one finding."""

from __future__ import annotations

from corpora import mutate


def test_mutations_are_detected(figures):
    result = mutate.run()
    n = sum(result.total.values())
    per_kind = ", ".join(f"{k} {result.caught[k]}/{result.total[k]}" for k in sorted(result.total))
    figures.append(f"mutations: {sum(result.caught.values())}/{n} detected ({result.detection:.3f}); "
                   f"{per_kind}; {len(result.clean_errors)} errors on unmutated passages")
    assert n >= 500
    assert set(result.total) >= {"digit", "decimal", "swapped shares", "reason"}
    assert result.detection >= 0.95, result.missed[:20]
    assert result.clean_errors == []
