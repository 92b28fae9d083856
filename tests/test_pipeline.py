"""The spaCy pipeline (extractor.pipeline) and the jieba user dictionary (extractor.jieba_dict)."""

from __future__ import annotations

import hashlib
import itertools
import logging
from pathlib import Path

import jieba
import jieba.posseg
import pytest
import spacy
from spacy.language import Language
from thinc.api import ConfigValidationError

import corpora
from extractor import extract_text, jieba_dict, lexicon
from extractor.normalize import normalize
from extractor.pipeline import JIEBA_CONFIG, load_pipeline

jieba.setLogLevel(logging.WARNING)

SEEDS = corpora.SEEDS
SEED_PATHS = sorted(SEEDS.glob("*.txt"))
#: line 27 of seed 001: the income paragraph, six subjects in one sentence
SEED_SENTENCE = (SEED_PATHS[1].read_text("utf-8").splitlines()[26])


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def docs(nlp: Language) -> dict[str, spacy.tokens.Doc]:
    return {p.name: nlp(p.read_text("utf-8")) for p in SEED_PATHS}


@pytest.fixture(scope="module")
def fresh_tokenizer() -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _dump(claims: list) -> list[dict]:
    return [c.model_dump(mode="json") for c in claims]


def _extract(text: str, name: str = "spacy"):
    doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return extract_text(text, name, doc_id=doc_id, encoding="utf-8")


def test_load_pipeline_is_cached(nlp: Language) -> None:
    assert load_pipeline() is nlp
    assert nlp.pipe_names == ["hecha_subjects", "hecha_claims"]
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "jieba"


@pytest.mark.parametrize(
    "word",
    ["本年收入合计", "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "上级补助收入",
     "附属单位上缴收入"],
)
def test_lexicon_words_are_single_tokens(nlp: Language, word: str) -> None:
    assert word in SEED_SENTENCE
    tokens = [t.text for t in nlp.make_doc(SEED_SENTENCE)]
    assert word in tokens


def test_doc_text_is_the_original(docs: dict) -> None:
    for path in SEED_PATHS:
        assert docs[path.name].text == path.read_text("utf-8")


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name[:3])
def test_claims_equal_extract_text(docs: dict, path: Path) -> None:
    doc = docs[path.name]
    expected = _extract(path.read_text("utf-8"))
    assert doc._.claims, "the seeds all state figures"
    assert _dump(doc._.claims) == _dump(expected.claims)
    assert doc._.hecha_document.model_dump() == expected.document.model_dump()
    for claim in doc._.claims:
        span = claim.quantity.span
        assert doc.text[span.start:span.end] == span.text


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name[:3])
def test_subject_spans_align_with_lexicon_matches(docs: dict, path: Path) -> None:
    doc = docs[path.name]
    text, offsets = normalize(doc.text)
    matches = [(offsets.to_original(s), offsets.to_original(e - 1) + 1, c)
               for s, e, c in lexicon.load().find(text)]
    spans = list(doc.spans["hecha_subjects"])
    assert len(spans) == len(matches)  # the seeds have no two matches in one token
    exact = 0
    for span, (start, end, canonical) in zip(spans, matches, strict=True):
        assert span.label_ == "SUBJECT"
        assert span.id_ == canonical
        assert span.start_char <= start and end <= span.end_char
        exact += (span.start_char, span.end_char) == (start, end)
    # The user dictionary keeps nearly every form a token of its own; what is left are
    # forms with punctuation jieba always splits (“三公”经费) or ones inside a longer word.
    assert exact / len(matches) > 0.95


def test_span_stops_before_a_dropped_space(nlp: Language) -> None:
    # PDF text: normalization drops the space, the span must not take it along
    doc = nlp("因公出国（境）费 0万元，行政编制 10 名。")
    assert [s.text for s in doc.spans["hecha_subjects"]] == ["因公出国（境）费", "编制"]


def test_ents_are_subjects_without_overlap(docs: dict) -> None:
    for doc in docs.values():
        assert doc.ents
        assert {e.label_ for e in doc.ents} == {"SUBJECT"}
        assert all(a.end <= b.start for a, b in itertools.pairwise(doc.ents))


def test_add_pipe_claims_on_blank_zh() -> None:
    nlp = spacy.blank("zh")  # the default character segmenter: claims do not need jieba
    nlp.add_pipe("hecha_claims", config={"doc_name": "report.txt"})
    assert nlp.config["components"]["hecha_claims"]["doc_name"] == "report.txt"
    doc = nlp(SEED_SENTENCE)
    assert doc._.hecha_document.name == "report.txt"
    assert _dump(doc._.claims) == _dump(_extract(SEED_SENTENCE, "report.txt").claims)


def test_add_pipe_subjects_settings() -> None:
    nlp = spacy.blank("zh", config=JIEBA_CONFIG)
    nlp.add_pipe("hecha_subjects", config={"spans_key": "subj", "annotate_ents": False})
    doc = nlp(SEED_SENTENCE)
    assert not doc.ents
    assert "一般公共预算财政拨款收入" in [s.text for s in doc.spans["subj"]]


def test_unknown_setting_is_refused() -> None:
    nlp = spacy.blank("zh")
    with pytest.raises(ConfigValidationError):
        nlp.add_pipe("hecha_claims", config={"name_of_doc": "x"})


def test_extensions_default_to_none() -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("hecha_claims")
    doc = nlp.make_doc("无")
    assert doc._.claims is None and doc._.hecha_document is None


def test_user_dictionary_is_idempotent(fresh_tokenizer: jieba.Tokenizer) -> None:
    first = jieba_dict.load_user_dictionary(fresh_tokenizer)
    total, freq = fresh_tokenizer.total, dict(fresh_tokenizer.FREQ)
    second = jieba_dict.load_user_dictionary(fresh_tokenizer)
    assert second == first
    assert fresh_tokenizer.total == total and freq == fresh_tokenizer.FREQ
    assert len(first) == len(jieba_dict.user_words())
    assert fresh_tokenizer.lcut("一般公共预算财政拨款收入") == ["一般公共预算财政拨款收入"]


def test_default_tokenizer_is_loaded_once(nlp: Language) -> None:
    total = jieba.dt.total
    jieba_dict.load_user_dictionary()
    assert jieba.dt.total == total
    tags = dict(jieba.posseg.lcut("一般公共预算财政拨款收入增加"))
    assert tags["一般公共预算财政拨款收入"] == "nz"


def test_user_words_cover_the_lexicon() -> None:
    lex = lexicon.load()
    words = set(jieba_dict.user_words())
    assert set(lex.forms) <= words
    assert set(lex.forms.values()) <= words
    assert set(lex.functional.values()) | set(lex.economic.values()) <= words


def test_written_dictionary_loads_in_jieba(tmp_path: Path,
                                           fresh_tokenizer: jieba.Tokenizer) -> None:
    path = jieba_dict.write_user_dictionary(tmp_path / "hecha.dict", fresh_tokenizer)
    lines = path.read_text("utf-8").splitlines()
    assert len(lines) == len(jieba_dict.user_words())
    _word, freq, tag = lines[-1].rsplit(" ", 2)
    assert int(freq) > 0 and tag == "nz"
    other = jieba.Tokenizer()
    other.load_userdict(str(path))
    assert other.lcut("政府性基金预算财政拨款收入") == ["政府性基金预算财政拨款收入"]
