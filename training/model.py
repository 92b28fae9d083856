"""Training a model directory: the cause head and the pair head, from scratch or from a base.

From scratch (no model hub here): a character vocabulary from the training texts (Chinese is
read character by character; NFKC folds full-width digits and punctuation), a WordLevel
`tokenizers` tokenizer saved with the model so `AutoTokenizer` loads it, and a small BERT
(`BertConfig`, a few hundred thousand weights). From a base model directory: its tokenizer
and weights, with a new classification layer (`--base-model`, e.g. a Chinese BERT on disk).

Deterministic: one seed drives initialisation, dropout and the order of batches, and the
training runs on the CPU unless told otherwise, so a run is reproduced by its command.
"""

from __future__ import annotations

import json
import math
import os
import random
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, cast

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import torch
from tokenizers import Regex, Tokenizer, normalizers, pre_tokenizers, processors
from tokenizers import models as tokenizer_models
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    BertConfig,
    BertForSequenceClassification,
    PreTrainedModel,
    PreTrainedTokenizerFast,
)
from transformers.utils import logging as hf_logging

from rules.reason.semantic.backend import MAX_LENGTH
from rules.reason.semantic.directory import MANIFEST

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
Log = Callable[[str], None]


@dataclass(frozen=True)
class Example:
    """A text (or a pair of texts) and its label; `also` lists other labels counted right."""

    text: str
    label: str
    pair: str | None = None
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Size:
    hidden: int
    layers: int
    heads: int
    intermediate: int


SIZES = {"small": Size(128, 2, 4, 256), "tiny": Size(64, 1, 2, 128)}


@dataclass
class Scores:
    """Accuracy, macro-F1 and per-label precision, recall, F1 and support."""

    accuracy: float
    macro_f1: float
    per_label: dict[str, tuple[float, float, float, int]] = field(default_factory=dict)
    n: int = 0

    def lines(self, title: str) -> list[str]:
        out = [f"{title}: accuracy {self.accuracy:.3f}, macro-F1 {self.macro_f1:.3f} (n={self.n})"]
        for label, (p, r, f, support) in self.per_label.items():
            out.append(f"  {label:15} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (n={support})")
        return out


def quiet() -> None:
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def char_vocab(texts: Sequence[str]) -> list[str]:
    """Every character of `texts` after NFKC, most frequent first (ties by code point)."""
    counts = Counter(ch for t in texts for ch in unicodedata.normalize("NFKC", t) if not ch.isspace())
    return sorted(counts, key=lambda ch: (-counts[ch], ch))


def char_tokenizer(chars: Sequence[str]) -> PreTrainedTokenizerFast:
    """A one-token-per-character tokenizer with BERT's special tokens and segment ids."""
    vocab = {token: i for i, token in enumerate([*SPECIAL, *chars])}
    tok = Tokenizer(tokenizer_models.WordLevel(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Split(Regex("."), "isolated")])
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])])
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
        sep_token="[SEP]", mask_token="[MASK]", model_max_length=max(MAX_LENGTH.values()),
        model_input_names=["input_ids", "token_type_ids", "attention_mask"])


def _label_maps(labels: Sequence[str]) -> dict[str, Any]:
    """`id2label` and `label2id` for a config (which counts the labels from them)."""
    return {"id2label": dict(enumerate(labels)), "label2id": {v: i for i, v in enumerate(labels)}}


def new_model(tokenizer: PreTrainedTokenizerFast, labels: Sequence[str], size: Size, seed: int,
              ) -> PreTrainedModel:
    torch.manual_seed(seed)
    settings: dict[str, Any] = dict(
        vocab_size=len(tokenizer), hidden_size=size.hidden, num_hidden_layers=size.layers,
        num_attention_heads=size.heads, intermediate_size=size.intermediate,
        max_position_embeddings=max(MAX_LENGTH.values()), type_vocab_size=2,
        pad_token_id=tokenizer.pad_token_id, num_labels=len(labels), **_label_maps(labels))
    config = BertConfig(**settings)
    return BertForSequenceClassification(config)


def base_model(base: Path, labels: Sequence[str], seed: int,
               ) -> tuple[PreTrainedTokenizerFast, PreTrainedModel]:
    """The tokenizer and weights of `base` with a new `labels` classification layer."""
    torch.manual_seed(seed)
    tokenizer = cast(PreTrainedTokenizerFast, AutoTokenizer.from_pretrained(base, local_files_only=True))
    model = AutoModelForSequenceClassification.from_pretrained(
        base, local_files_only=True, num_labels=len(labels), ignore_mismatched_sizes=True,
        dtype=torch.float32, **_label_maps(labels))
    return tokenizer, model


def _batches(tokenizer, examples: Sequence[Example], batch_size: int, max_length: int,
             label2id: dict[str, int], order: Sequence[int]):
    for start in range(0, len(order), batch_size):
        chunk = [examples[i] for i in order[start:start + batch_size]]
        pairs = [e.pair or "" for e in chunk] if chunk[0].pair is not None else None
        batch = tokenizer([e.text for e in chunk], pairs, padding=True, truncation=True,
                          max_length=max_length, return_tensors="pt")
        batch["labels"] = torch.tensor([label2id[e.label] for e in chunk])
        yield batch


def fit(model: PreTrainedModel, tokenizer, examples: Sequence[Example], *, epochs: int, seed: int,
        lr: float, batch_size: int = 32, max_length: int = 128, device: str = "cpu",
        log: Log = print) -> None:
    """AdamW with linear warm-up and decay; batches shuffled by `seed`."""
    label2id = cast(dict[str, int], model.config.label2id)
    rng = random.Random(seed)
    torch.manual_seed(seed)
    model.to(device).train()  # type: ignore[arg-type]  # transformers types .to without self
    steps = epochs * math.ceil(len(examples) / batch_size)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    warmup = max(1, steps // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup))))
    for epoch in range(epochs):
        order = list(range(len(examples)))
        rng.shuffle(order)
        total, count = 0.0, 0
        for batch in _batches(tokenizer, examples, batch_size, max_length, label2id, order):
            loss = model(**batch.to(device)).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += loss.item() * len(batch["labels"])
            count += len(batch["labels"])
        log(f"  epoch {epoch + 1}/{epochs}: loss {total / max(1, count):.4f}")
    model.eval()


def predict(model: PreTrainedModel, tokenizer, examples: Sequence[Example], *, batch_size: int = 64,
            max_length: int = 128, device: str = "cpu") -> list[str]:
    id2label = cast(dict[int, str], model.config.id2label)
    out: list[str] = []
    model.to(device).eval()  # type: ignore[arg-type]  # transformers types .to without self
    with torch.no_grad():
        for start in range(0, len(examples), batch_size):
            chunk = examples[start:start + batch_size]
            pairs = [e.pair or "" for e in chunk] if chunk[0].pair is not None else None
            batch = tokenizer([e.text for e in chunk], pairs, padding=True, truncation=True,
                              max_length=max_length, return_tensors="pt").to(device)
            out.extend(id2label[i] for i in model(**batch).logits.argmax(-1).tolist())
    return out


def score(examples: Sequence[Example], predicted: Sequence[str], labels: Sequence[str]) -> Scores:
    """Accuracy and per-label F1; a prediction in an example's `also` counts as its label."""
    pred = [e.label if p in e.also else p for e, p in zip(examples, predicted, strict=True)]
    gold = [e.label for e in examples]
    per_label = {}
    for label in labels:
        tp = sum(p == g == label for p, g in zip(pred, gold, strict=True))
        n_pred, n_gold = pred.count(label), gold.count(label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = (precision, recall, f1, n_gold)
    present = [v[2] for v in per_label.values() if v[3]]
    accuracy = sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold) if gold else 0.0
    return Scores(accuracy, sum(present) / len(present) if present else 0.0, per_label, len(gold))


@dataclass
class Head:
    name: str
    labels: Sequence[str]
    train: Sequence[Example]
    heldout: dict[str, Sequence[Example]]  # evaluation sets by name


def train_head(head: Head, out: Path, *, init: Path | PreTrainedTokenizerFast, size: Size, epochs: int,
               seed: int, lr: float, log: Log = print) -> dict[str, Scores]:
    """Train one head from `init` (a model directory, or a tokenizer for a new model), save it
    under out/<name>, and return its held-out scores."""
    max_length = MAX_LENGTH[head.name]
    if isinstance(init, Path):
        tokenizer, model = base_model(init, head.labels, seed)
    else:
        tokenizer, model = init, new_model(init, head.labels, size, seed)
    log(f"{head.name}: {len(head.train)} training examples, {model.num_parameters():,} weights, lr {lr}")
    fit(model, tokenizer, head.train, epochs=epochs, seed=seed, lr=lr, max_length=max_length, log=log)
    model.save_pretrained(out / head.name)
    tokenizer.save_pretrained(out / head.name)
    return {name: score(examples, predict(model, tokenizer, examples, max_length=max_length), head.labels)
            for name, examples in head.heldout.items()}


def train_model(out: Path, causes: Head, pairs: Head, *, base: Path | None = None,
                size: Size = SIZES["small"], epochs: int = 8, seed: int = 0, lr: float | None = None,
                command: str = "", log: Log = print) -> dict:
    """Train both heads into `out` and write its manifest (labels, command, seed, scores, floors)."""
    quiet()
    threads = torch.get_num_threads()
    # One thread: a model this small gains nothing from more, and a fixed count keeps the
    # floating-point sums, hence the weights, the same from run to run.
    torch.set_num_threads(1)
    try:
        return _train_model(out, causes, pairs, base=base, size=size, epochs=epochs, seed=seed, lr=lr,
                            command=command, log=log)
    finally:
        torch.set_num_threads(threads)


def _train_model(out: Path, causes: Head, pairs: Head, *, base: Path | None, size: Size, epochs: int,
                 seed: int, lr: float | None, command: str, log: Log) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    init: Path | PreTrainedTokenizerFast
    if base is None:
        texts = [t for e in [*causes.train, *pairs.train] for t in (e.text, e.pair or "")]
        init, cause_lr, pair_lr = char_tokenizer(char_vocab(texts)), lr or 1e-3, lr or 5e-4
    else:
        init, cause_lr, pair_lr = base, lr or 5e-5, lr or 5e-5
    figures: dict[str, dict] = {}
    # The pair head starts from the trained cause head: it already tells the causes apart and
    # has only to learn how two explanations' causes relate.
    plan = ((causes, init, cause_lr), (pairs, out / causes.name, pair_lr))
    for head, start, rate in plan:
        scores = train_head(head, out, init=start, size=size, epochs=epochs, seed=seed, lr=rate, log=log)
        for name, s in scores.items():
            for line in s.lines(f"{head.name} / {name}"):
                log(line)
            figures[f"{head.name}/{name}"] = {
                "accuracy": round(s.accuracy, 4), "macro_f1": round(s.macro_f1, 4), "n": s.n,
                # the floor the tests hold: one point under what this run measured
                "floor": math.floor(s.accuracy * 100 - 1) / 100,
                "per_label": {k: {"precision": round(v[0], 4), "recall": round(v[1], 4),
                                  "f1": round(v[2], 4), "n": v[3]} for k, v in s.per_label.items()},
            }
    manifest = {
        "format": "hecha-causes/1",
        "labels": list(causes.labels),
        "verdicts": list(pairs.labels),
        "base_model": str(base) if base else None,
        "size": asdict(size) if base is None else None,
        "epochs": epochs,
        "seed": seed,
        "command": command,
        "training_examples": {"causes": len(causes.train), "pairs": len(pairs.train)},
        "heldout": figures,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return manifest
