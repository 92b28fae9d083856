"""The transformers backend: load a model directory, label causes, compare explanations.

Offline by construction: HF_HUB_OFFLINE is set before transformers is imported and every
load is `local_files_only` from a directory checked beforehand, so a wrong directory is an
E_MODEL_DIR naming the missing files, never a download. Inference runs in batches under
`torch.no_grad()`, on CUDA when available and on the CPU otherwise.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple

os.environ["HF_HUB_OFFLINE"] = "1"  # before transformers reads it: never a network call
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer
from transformers.utils import logging as hf_logging

from models import DocumentError

from .directory import MANIFEST, check_model_dir, resolve_model_dir

hf_logging.disable_progress_bar()  # "Loading weights" bars would fill the stderr of `hecha check`

#: longest input in characters (tokens, the tokenizer being per character): one clause, one pair
MAX_LENGTH = {"causes": 128, "pairs": 256}


class Prediction(NamedTuple):
    """A label and the probability the model gives it."""

    label: str
    score: float


def default_device() -> str:
    return "cuda" if torch.cuda.is_available() else "cpu"


class _Head:
    """One sequence-classification model with its tokenizer."""

    def __init__(self, path: Path, device: str, max_length: int) -> None:
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModelForSequenceClassification.from_pretrained(
            path, local_files_only=True, dtype=torch.float32).to(device).eval()
        config = self.model.config
        self.labels = [config.id2label[i] for i in range(config.num_labels)]
        self.device = device
        self.max_length = max_length

    def predict(self, first: Sequence[str], second: Sequence[str] | None,
                batch_size: int) -> list[Prediction]:
        out: list[Prediction] = []
        with torch.no_grad():
            for start in range(0, len(first), batch_size):
                batch = self.tokenizer(
                    list(first[start:start + batch_size]),
                    list(second[start:start + batch_size]) if second is not None else None,
                    padding=True, truncation=True, max_length=self.max_length, return_tensors="pt",
                ).to(self.device)
                probs = torch.softmax(self.model(**batch).logits.float(), dim=-1)
                best = probs.max(dim=-1)
                out.extend(Prediction(self.labels[i], float(p))
                           for i, p in zip(best.indices.tolist(), best.values.tolist(), strict=True))
        return out


class CauseModel:
    """A model directory: cause labels for clauses, verdicts for explanation pairs.

    Args:
        path (Path): the model directory (directory.py); checked before anything loads.
        device (str | None): "cpu", "cuda", "cuda:1"…; None: CUDA when available (CUDA
            asked for where there is none: a warning, and the CPU).
        batch_size (int): texts per forward pass.
    """

    def __init__(self, path: Path, device: str | None = None, batch_size: int = 64) -> None:
        self.path = check_model_dir(path)
        if device and device.startswith("cuda") and not torch.cuda.is_available():
            warnings.warn(f"device {device!r} asked for, but CUDA is not available: using the CPU",
                          stacklevel=2)
            device = "cpu"
        self.device = device or default_device()
        self.batch_size = batch_size
        try:
            self.manifest = json.loads((path / MANIFEST).read_text("utf-8"))
            self.causes = _Head(path / "causes", self.device, MAX_LENGTH["causes"])
            self.pairs = _Head(path / "pairs", self.device, MAX_LENGTH["pairs"])
        except (OSError, ValueError, RuntimeError) as exc:
            raise DocumentError("E_MODEL_LOAD", path=path, detail=str(exc)[:300]) from exc

    @property
    def labels(self) -> list[str]:
        return self.causes.labels

    def classify(self, texts: Sequence[str], batch_size: int | None = None) -> list[Prediction]:
        """The cause label of each clause, with its probability."""
        return self.causes.predict(texts, None, batch_size or self.batch_size)

    def compare(self, pairs: Sequence[tuple[str, str]], batch_size: int | None = None) -> list[Prediction]:
        """The verdict on each pair of explanations (same, compatible, different, contradictory)."""
        firsts = [a for a, _ in pairs]
        seconds = [b for _, b in pairs]
        return self.pairs.predict(firsts, seconds, batch_size or self.batch_size)


@cache
def load_model(model_dir: str | None = None, device: str | None = None, batch_size: int = 64) -> CauseModel:
    """The model in `model_dir` (else $HECHA_MODEL_DIR, else the shipped one), loaded once."""
    return CauseModel(resolve_model_dir(model_dir), device, batch_size)
