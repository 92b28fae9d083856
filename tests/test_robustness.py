"""Any input gives a result or a catalogued error, never another exception (property tests).

Hypothesis draws arbitrary bytes and text, and bytes that begin like each format hecha
reads (so that each reader is reached, not only detection): format detection, decoding,
the readers behind `extractor.extract`, the rules-profile parser and the normalizer must
each return or raise DocumentError.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractor
import rules
from extractor.normalize import normalize
from extractor.readers import detect
from extractor.reading import decode
from models import ConfigError, DocumentError

#: the first bytes of each format: a PDF, a zip (DOCX/XLSX), OLE2 (XLS), HTML, RTF, PNG
MAGIC = [b"%PDF-1.7\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html><body>",
         b"{\\rtf1", b"\x89PNG\r\n\x1a\n", b"\xef\xbb\xbf", b"\xff\xfe", b""]
formats_like = st.tuples(st.sampled_from(MAGIC), st.binary(max_size=2048)).map(lambda p: p[0] + p[1])
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(st.binary(max_size=4096) | formats_like)
def test_detection_always_answers(data):
    assert isinstance(detect(data), str)


@QUICK
@given(st.binary(max_size=4096) | formats_like)
def test_decoding_gives_text_or_a_catalogued_error(data):
    try:
        text, encoding = decode(data, "x.txt")
    except DocumentError:
        return
    assert isinstance(text, str) and encoding and "\x00" not in text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formats_like)
def test_every_reader_gives_a_document_or_a_catalogued_error(data):
    try:
        result = extractor.extract(data, "x.bin")
    except DocumentError:
        return
    assert result.document.original is not None


@QUICK
@given(st.text(max_size=2000) | st.binary(max_size=2000))
def test_rules_profile_parses_or_is_a_catalogued_error(text):
    try:
        rules.load_profile(overrides=rules.read_profile(text))
    except ConfigError as exc:
        assert exc.code == "E_RULES_CONFIG"


@QUICK
@given(st.text(max_size=3000))
def test_normalized_offsets_stay_inside_the_original(text):
    normalized, offsets = normalize(text)
    for i in range(0, len(normalized) + 1, max(1, len(normalized) // 50)):
        assert 0 <= offsets.to_original(i) <= len(text)
