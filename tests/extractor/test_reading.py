"""Encodings and bad bytes."""

from __future__ import annotations

import codecs

import pytest

from extractor.reading import decode
from models import DocumentError

TEXT = "县委办2020年“三公”经费支出15.42万元。"
TRADITIONAL = "2016年度一般公共預算財政撥款支出決算為1047.08萬元，完成年初預算的96.50%。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32"),  # not UTF-16 with NULs
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM: told by where ASCII's zeros fall
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-32-le"), "utf-32-le"),
        (TRADITIONAL.encode("big5"), "cp950"),  # not mojibake read as GB18030
        (TRADITIONAL.encode("gb18030"), "gb18030"),
    ],
)
def test_encodings(data, encoding):
    text, found = decode(data, "x.txt")
    assert found == encoding and text.lstrip("\ufeff") in (TEXT, TRADITIONAL)


def test_truncated_utf8_keeps_what_is_there():
    data = TEXT.encode("utf-8")[:-2]
    text, encoding = decode(data, "cut.txt")
    assert encoding == "utf-8 (truncated)" and TEXT.startswith(text)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "E_EMPTY"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "E_BINARY"),
        (bytes(range(1, 31)) * 50, "E_BINARY"),
        (TEXT.encode("utf-8") * 5000 + b"\x00", "E_BINARY"),  # a NUL past the first 64 KiB
    ],
)
def test_bad_input(data, code):
    with pytest.raises(DocumentError) as info:
        decode(data, "bad.bin")
    assert info.value.code == code
    assert "bad.bin" in info.value.msg.zh and "bad.bin" in info.value.msg.en


def test_too_large():
    with pytest.raises(DocumentError) as info:
        decode(b"a" * 11, "big.txt", max_bytes=10)
    assert info.value.code == "E_TOO_LARGE"


def test_text_past_the_character_cap_is_refused(monkeypatch):
    import importlib

    from extractor import extract_text

    monkeypatch.setattr(importlib.import_module("extractor.extract"), "MAX_TEXT_CHARS", 100)
    with pytest.raises(DocumentError) as info:
        extract_text(TEXT * 10, "long.txt", doc_id="d", encoding="utf-8")
    assert info.value.code == "E_TEXT_TOO_LONG"


def test_too_many_figures_are_refused(monkeypatch):
    from extractor import extract_text
    from extractor.claims import context

    monkeypatch.setattr(context, "MAX_CLAIMS", 5)
    with pytest.raises(DocumentError) as info:
        extract_text(TEXT * 10, "many.txt", doc_id="d", encoding="utf-8")
    assert info.value.code == "E_TOO_MANY_CLAIMS" and "many.txt" in info.value.msg.en


def test_lone_surrogates_from_a_damaged_text_layer_are_replaced_in_place():
    from extractor import extract_text

    x = extract_text("2020年度部门决算\n支出\udd3815.42万元。", "s.txt", doc_id="d", encoding="utf-8")
    assert x.document.original == "2020年度部门决算\n支出\ufffd15.42万元。"
    assert [str(c.quantity.value) for c in x.claims] == ["15.42"]
