"""Every review format's offsets select exactly the quoted text of its finding, also after
characters outside the BMP (Label Studio counts UTF-16 code units) and across line breaks
(brat splits such spans into fragments)."""

from __future__ import annotations

import json

import pytest
from annotate_helpers import SMALL_SEED, read_csv, read_jsonl, run

from service.annotate import names
from service.annotate.formats import DocumentView
from service.annotate.formats.brat import ann, fragments
from service.annotate.formats.labelstudio import task, utf16_offsets

#: An emoji and a CJK Extension B character: two UTF-16 code units each.
ASTRAL = "😀𠀀"


def utf16_slice(text: str, start: int, end: int) -> str:
    units = text.encode("utf-16-le")
    return units[2 * start:2 * end].decode("utf-16-le")


def brat_entities(ann_text: str) -> list[tuple[str, list[tuple[int, int]], str]]:
    entities = []
    for line in ann_text.splitlines():
        if line.startswith("T"):
            _, middle, covered = line.split("\t")
            rule, where = middle.split(" ", 1)
            pieces = [tuple(int(n) for n in piece.split()) for piece in where.split(";")]
            entities.append((rule, pieces, covered))
    return entities


@pytest.fixture(scope="module")
def astral_run(tmp_path_factory):
    """The small seed with astral characters early in its text (before every finding)."""
    folder = tmp_path_factory.mktemp("astral")
    text = SMALL_SEED.read_text("utf-8")
    cut = text.index("\n") + 1
    (folder / "astral.txt").write_text(text[:cut] + f"附注{ASTRAL}：{ASTRAL}\n" + text[cut:], "utf-8")
    out = tmp_path_factory.mktemp("astral_out") / "run"
    outcome, _ = run([folder], out, jobs=1)
    assert outcome.ok == 1
    return out


def test_the_document_has_findings_after_astral_characters(astral_run):
    rows = read_csv(astral_run / names.FINDINGS_CSV)
    text = read_jsonl(astral_run / names.DOCCANO)[0]["text"]
    first_astral = text.index(ASTRAL)
    assert [r for r in rows if r["start"] and int(r["start"]) > first_astral]
    for row in rows:  # the table's own offsets are code points
        if row["start"]:
            assert text[int(row["start"]):int(row["end"])] == row["quote"]


def test_label_studio_offsets_are_utf16(astral_run):
    task_ = json.loads((astral_run / names.LABELSTUDIO).read_text("utf-8"))[0]
    text = task_["data"]["text"]
    regions = [r for r in task_["predictions"][0]["result"] if r["type"] == "labels"]
    rows = [r for r in read_csv(astral_run / names.FINDINGS_CSV) if r["quote"]]
    assert len(regions) == len(rows)
    shifted = 0
    for region, row in zip(regions, rows, strict=True):
        value = region["value"]
        assert utf16_slice(text, value["start"], value["end"]) == value["text"] == row["quote"]
        assert value["labels"] == [row["rule"]]
        shifted += value["start"] != int(row["start"])
    assert shifted  # code points would have been wrong for these
    notes = {r["id"]: r for r in task_["predictions"][0]["result"] if r["type"] == "textarea"}
    for region in regions:
        note = notes[region["id"]]
        assert (note["from_name"], note["value"]["start"]) == ("note", region["value"]["start"])
        assert note["value"]["text"][0].startswith("[")


def test_doccano_offsets_are_code_points(astral_run):
    line = read_jsonl(astral_run / names.DOCCANO)[0]
    rows = [r for r in read_csv(astral_run / names.FINDINGS_CSV) if r["quote"]]
    assert [tuple(label) for label in line["label"]] == [
        (int(r["start"]), int(r["end"]), r["rule"]) for r in rows]
    for start, end, _ in line["label"]:
        assert line["text"][start:end] in {r["quote"] for r in rows}


def test_brat_offsets_select_the_quote(astral_run):
    folder = astral_run / names.BRAT
    (txt,) = folder.glob("*.txt")
    text = txt.read_text("utf-8")
    entities = brat_entities(txt.with_suffix(".ann").read_text("utf-8"))
    rows = [r for r in read_csv(astral_run / names.FINDINGS_CSV) if r["quote"]]
    assert len(entities) == len(rows)
    for (rule, pieces, covered), row in zip(entities, rows, strict=True):
        assert rule == row["rule"]
        assert " ".join(text[s:e] for s, e in pieces) == covered
        assert "".join(text[s:e] for s, e in pieces) == "".join(row["quote"].split("\n"))


def test_utf16_offsets():
    text = f"a{ASTRAL}b😀c"
    to16 = utf16_offsets(text)
    for i in range(len(text) + 1):
        assert to16(i) == len(text[:i].encode("utf-16-le")) // 2
    assert utf16_offsets("无补充平面字符")(3) == 3


@pytest.mark.parametrize(("text", "start", "end", "expected"), [
    ("ab\ncd", 0, 5, [(0, 2), (3, 5)]),
    ("ab\r\ncd", 1, 6, [(1, 2), (4, 6)]),
    ("ab\n\ncd", 2, 4, []),
    ("abcd", 1, 3, [(1, 3)]),
])
def test_brat_fragments_leave_line_breaks_out(text, start, end, expected):
    assert fragments(text, start, end) == expected


def test_spans_across_lines_and_after_astral_characters_in_every_format():
    text = f"{ASTRAL}合计\r\n100万元，其中\n𠀀基本支出60万元"
    quote_a = "合计\r\n100万元"
    quote_b = "其中\n𠀀基本"
    findings = []
    for rule, quote in (("sum.narrative", quote_a), ("value.mismatch", quote_b)):
        start = text.index(quote)
        findings.append({"rule": rule, "severity": "error", "kind": "arithmetic",
                         "message_zh": "说明", "message_en": "note\nwith a line break",
                         "quote": quote, "start": start, "end": start + len(quote),
                         "evidence_count": 1})
    findings.append({**findings[0], "quote": None, "start": None, "end": None, "evidence_count": 0})
    doc = DocumentView("x.txt", "x.txt", "0" * 64, "单位", 2021, text, findings, b"{}")
    entities = brat_entities(ann(doc))
    assert [e[1] for e in entities] == [[(2, 4), (6, 11)], [(12, 14), (15, 18)]]
    for (_, pieces, covered), f in zip(entities, findings, strict=False):
        assert covered == " ".join(text[s:e] for s, e in pieces)
        assert "".join(text[s:e] for s, e in pieces) == "".join(f["quote"].split())
    assert "AnnotatorNotes T1\t[error] 说明 / note with a line break" in ann(doc)
    result = task(doc, "hecha")["predictions"][0]["result"]
    labels = [r["value"] for r in result if r["type"] == "labels"]
    assert [utf16_slice(text, v["start"], v["end"]) for v in labels] == [quote_a, quote_b]
    assert result[-1]["from_name"] == "document_note"  # the finding without a span
