"""Report corpora: the seeds, their gold, the fixture writers and the bench synthesizer.

Tests and benches take their documents from here (`corpora.SEEDS`, `corpora.seed_paths()`,
`from corpora import make_fixtures`) rather than building paths into the repository.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent
#: the four real reports, as text
SEEDS = ROOT / "seeds"
#: gold written by reading the seeds (findings, amounts, cells, causes, explanations)
GOLD = ROOT / "gold"
#: hand-written bench reports in other regions' layouts, each with its .gold.yaml
HANDWRITTEN = ROOT / "handwritten"
#: the layout families the bench reports by
FAMILIES = ROOT / "families.yaml"


def seed_paths() -> list[Path]:
    """The seeds, in name order."""
    return sorted(SEEDS.glob("*.txt"))


def seed(prefix: str) -> Path:
    """The seed whose name starts with `prefix` ("000", "001_d6c1…")."""
    [path] = [p for p in seed_paths() if p.name.startswith(prefix)]
    return path
