"""model.v1: cause labels from the cause model, contradictions from the pair model.

Each explanation's causes are read fragment by fragment: its enumerated cause clauses
(Reason.causes: 一是…二是…), each cut at commas, semicolons and 同时/另外/以及, so that
"厉行节约，疫情期间差旅减少" names two causes. A fragment counts when the cause model gives it a
category other than `other` with probability at least `min_score`; an explanation none of
whose fragments counts is read whole. The two sets of categories decide `same`,
`compatible`, `different` or `unknown` as with the taxonomy, at the confidence of the
least certain label; the same words (punctuation aside) are simply `same`. The pair model,
which reads both explanations together, overrides this with `contradictory` when it says
so with probability at least `min_score`: a denial such as 未受疫情影响 names the very cause
it denies, so labels alone would call the two the same.
"""

from __future__ import annotations

import unicodedata

import regex

from ..comparators import OTHER, Comparator, Comparison, Explanation, Verdict, verdict_of_sets
from .backend import CauseModel, Prediction, load_model

#: where a clause is cut into fragments that may each name a cause
FRAGMENT_BREAK = regex.compile(r"[，,；;。：:]|[一二三四五六七八九]是|\d[、.](?!\d)|同时|另外|以及|此外")
CONTRADICTORY = "contradictory"
_NOISE = regex.compile(r"[\s\p{P}]+")


def _normal(text: str) -> str:
    """The words of `text`: NFKC, without spaces and punctuation (", " and "，" are one)."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


def fragments(explanation: Explanation) -> list[str]:
    clauses = [c for c in explanation.causes if c.strip()] or [explanation.text]
    out = [f.strip() for c in clauses for f in FRAGMENT_BREAK.split(c) if len(f.strip()) >= 2]
    return out or [explanation.text]


class ModelComparator:
    """Compares one pair at a time; labels of fragments are cached across pairs."""

    def __init__(self, model: CauseModel, min_score: float = 0.5) -> None:
        self.model = model
        self.min_score = min_score
        self._labels: dict[str, Prediction] = {}

    def label(self, texts: list[str]) -> list[Prediction]:
        """The cause label of each text (new texts classified in one batch)."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._labels]
        if todo:
            if len(self._labels) > 10_000:
                self._labels.clear()
            self._labels.update(zip(todo, self.model.classify(todo), strict=True))
        return [self._labels[t] for t in texts]

    def causes(self, explanation: Explanation) -> tuple[frozenset[str], float]:
        """The categories `explanation` names and the lowest probability among them."""
        for texts in (fragments(explanation), [explanation.text]):
            known = [p for p in self.label(texts) if p.label != OTHER.key and p.score >= self.min_score]
            if known:
                return frozenset(p.label for p in known), min(p.score for p in known)
        return frozenset(), 1.0

    def __call__(self, a: Explanation, b: Explanation) -> Comparison:
        a, b = Explanation.of(a), Explanation.of(b)
        (ca, sa), (cb, sb) = self.causes(a), self.causes(b)
        if _normal(a.text) == _normal(b.text):  # the same words cannot contradict each other
            return Comparison(Verdict.SAME, ca, cb, 1.0)
        pair = self.model.compare([(a.text, b.text)])[0]
        if pair.label == CONTRADICTORY and pair.score >= self.min_score:
            return Comparison(Verdict.CONTRADICTORY, ca, cb, round(pair.score, 3))
        return Comparison(verdict_of_sets(ca, cb), ca, cb, round(min(sa, sb), 3))


def make_model_comparator(*, model_dir: str | None = None, device: str | None = None,
                          batch_size: int = 64, min_score: float = 0.5, **_settings: object) -> Comparator:
    """model.v1 over the model in `model_dir` (else $HECHA_MODEL_DIR, else the shipped one)."""
    return ModelComparator(load_model(model_dir, device, batch_size), min_score)
