"""`hecha train-causes`: train the cause and explanation-pair models of reason.conflict's model.v1.

Training data:
- the gold cause clauses of the seeds (corpora/gold/causes.yaml, written by reading them):
  a stable third (by a hash of the text) is held out, the rest is trained on, each clause
  `GOLD_WEIGHT` times so the few real sentences weigh against the generated ones;
- the generated set (corpora/generate_causes.py): cause clauses and explanation pairs, whose
  held-out split uses phrasings the training split never contains.

corpora/gold/explanations.yaml is never trained on: bench/causes_speed.py scores the check on it.
The model directory written is what rules/reason/semantic/backend.py loads.
"""

from __future__ import annotations

import hashlib
import shlex
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType

import yaml

import corpora
from models import ConfigError
from rules.reason.comparators import cause_labels
from rules.reason.semantic.directory import VERDICTS

GOLD_WEIGHT = 4


@cache
def generator() -> ModuleType:
    """corpora/generate_causes.py, its labels checked against the rules' (a training run
    with other labels would write a model the rules cannot read)."""
    from corpora import generate_causes

    if tuple(generate_causes.LABELS) != cause_labels() or tuple(generate_causes.VERDICTS) != VERDICTS:
        raise ValueError("corpora/generate_causes.py labels differ from rules/data/causes.yaml + other")
    return generate_causes


def gold_split(text: str) -> str:
    return "heldout" if int(hashlib.md5(text.encode()).hexdigest(), 16) % 3 == 0 else "train"


def gold_causes() -> list[dict]:
    return yaml.safe_load((corpora.GOLD / "causes.yaml").read_text("utf-8"))["causes"]


def datasets(seed: int = 0, limit: int | None = None):
    """The cause head and the pair head with their training and held-out examples."""
    from training.model import Example, Head

    gen = generator()
    gold = {split: [Example(e["text"], e["label"], also=tuple(e.get("also", ())))
                    for e in gold_causes() if gold_split(e["text"]) == split]
            for split in ("train", "heldout")}
    cause_train = [Example(t, label) for t, label in gen.causes("train", seed)][:limit]
    pair_train = [Example(a, v, pair=b) for a, b, v in gen.pairs("train", seed)][:limit]
    causes = Head("causes", cause_labels(), cause_train + gold["train"] * GOLD_WEIGHT, {
        "generated": [Example(t, label) for t, label in gen.causes("heldout", seed)],
        "gold": gold["heldout"],
    })
    pairs = Head("pairs", VERDICTS, pair_train, {
        "generated": [Example(a, v, pair=b) for a, b, v in gen.pairs("heldout", seed)],
    })
    return causes, pairs


def train_causes(out: Path, *, base: Path | None = None, epochs: int = 8, seed: int = 0,
                 size: str = "small", limit: int | None = None, lr: float | None = None,
                 log: Callable[[str], None] = print) -> dict:
    """Train a model directory into `out`; returns its manifest (held-out figures included)."""
    from training.model import SIZES, train_model

    if base is not None and not (base / "config.json").is_file():
        raise ConfigError("E_MODEL_DIR", path=base, missing="config.json")
    causes, pairs = datasets(seed, limit)
    command = ["hecha", "train-causes", "--out", str(out), "--epochs", str(epochs), "--seed", str(seed)]
    if base is not None:
        command += ["--base-model", str(base)]
    elif size != "small":
        command += ["--size", size]
    command += ["--limit", str(limit)] if limit else []
    command += ["--lr", str(lr)] if lr else []
    return train_model(out, causes, pairs, base=base, size=SIZES[size], epochs=epochs, seed=seed, lr=lr,
                       command=shlex.join(command), log=log)
