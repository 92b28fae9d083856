"""hecha as a spaCy `zh` pipeline: jieba segmentation that keeps subjects whole, the
lexicon's subjects as spans (`hecha_subjects`) and the extractor's claims (`hecha_claims`).

    nlp = extractor.pipeline.load_pipeline()
    doc = nlp(text)
    doc._.claims, doc.spans["hecha_subjects"]

Importing this package registers the factories, so `nlp.add_pipe("hecha_claims")` also
works on a pipeline built elsewhere.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from ..jieba_dict import load_user_dictionary
from .claims import ClaimReader, make_claim_reader
from .subjects import SubjectTagger, make_subject_tagger

#: spaCy's Chinese with the jieba segmenter (its default is one token per character).
JIEBA_CONFIG = {"nlp": {"tokenizer": {"segmenter": "jieba"}}}

__all__ = [
    "JIEBA_CONFIG",
    "ClaimReader",
    "SubjectTagger",
    "load_pipeline",
    "make_claim_reader",
    "make_subject_tagger",
]


@cache
def load_pipeline() -> Language:
    """hecha's pipeline, built once per process: zh + jieba, `hecha_subjects`, `hecha_claims`.

    jieba gets hecha's user dictionary first, so lexicon words are single tokens.

    RETURNS (Language): the shared pipeline (do not add components to it; build your own
        with `spacy.blank("zh", config=JIEBA_CONFIG)` and `add_pipe` instead).
    """
    load_user_dictionary()
    nlp = spacy.blank("zh", config=JIEBA_CONFIG)
    nlp.add_pipe("hecha_subjects")
    nlp.add_pipe("hecha_claims")
    return nlp
