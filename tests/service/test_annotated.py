"""Annotated copies, opened with independent readers: every evidence span of every finding
is shaded (DOCX) or highlighted (PDF) on exactly its text, and each finding has one comment
or note, on its main evidence."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from pypdf import PdfReader

import extractor
import rules
from corpora import make_fixtures
from models import Report
from service.cli import main
from service.output.annotated import annotated_copy, annotated_name

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def fixtures():
    return make_fixtures.build(ROOT / "build" / "fixtures")


def _check(path: Path) -> tuple[bytes, Report]:
    data = path.read_bytes()
    extraction = extractor.extract(data, name=path.name)
    report = rules.check(extraction.document, extraction.claims, rules.load_profile(None))
    assert report.findings
    return data, report


def _expected(report: Report) -> list[tuple[str, str]]:
    """(comment/note text, evidence text) of every evidence span."""
    return sorted((f"{f.message_zh}\n{f.message_en}", e.span.text.strip())
                  for f in report.findings for e in f.evidence)


def _comments(data: bytes) -> list[tuple[str, str]]:
    """(comment text, anchored text) of every comment, read from the package with lxml."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        comments = etree.fromstring(z.read("word/comments.xml"))
    notes = {c.get(f"{W}id"): "".join(t.text or "" for t in c.iter(f"{W}t"))
             for c in comments.iter(f"{W}comment")}
    open_: dict[str, list[str]] = {}
    anchored: dict[str, str] = {}
    for el in body.iter():
        if el.tag == f"{W}commentRangeStart":
            open_[el.get(f"{W}id")] = []
        elif el.tag == f"{W}commentRangeEnd":
            anchored[el.get(f"{W}id")] = "".join(open_.pop(el.get(f"{W}id")))
        elif el.tag == f"{W}t":
            for parts in open_.values():
                parts.append(el.text or "")
    return [(notes[i], anchored[i]) for i in notes]


def _shaded(data: bytes) -> str:
    """The text of every shaded run of a DOCX, joined."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return "".join("".join(t.text or "" for t in r.iter(f"{W}t"))
                   for r in root.iter(f"{W}r") if r.find(f"{W}rPr/{W}shd") is not None)


def test_docx_has_one_comment_per_finding_and_every_span_shaded(fixtures) -> None:
    data, report = _check(fixtures.docx)
    copy = annotated_copy(data, report, "003.docx")
    assert copy.suffix == ".docx" and copy.media_type.endswith("wordprocessingml.document")
    comments = _comments(copy.data)
    assert len(comments) == len([f for f in report.findings if f.evidence]) > 0
    shaded = _shaded(copy.data)
    for finding in report.findings:
        main = next((e for e in finding.evidence if e.role == "stated"), finding.evidence[0])
        notes = [n for n, t in comments if finding.message_en in n and finding.message_zh in n
                 and t == main.span.text.strip()]
        assert notes, (finding.rule, main.span.text)  # anchored on its main evidence
        assert all(finding.rule in n and finding.severity.value in n for n in notes)
        if getattr(finding, "formula", ""):
            assert any(finding.formula in n for n in notes)
        for evidence in finding.evidence:
            assert evidence.span.text.strip() in shaded, (finding.rule, evidence.span.text)
    # the text is unchanged: reading the copy gives the same document
    again = extractor.extract(copy.data, name="copy.docx").document
    assert again.original == report.document.original


def test_pdf_has_a_highlight_on_each_evidence_span_and_one_note_per_finding(fixtures) -> None:
    if fixtures.pdf is None:
        pytest.skip("no CJK font: no PDF fixture")
    data, report = _check(fixtures.pdf)
    copy = annotated_copy(data, report, "003.pdf")
    assert copy.suffix == ".pdf" and copy.media_type == "application/pdf"
    found: list[tuple[str, str]] = []
    with pdfplumber.open(io.BytesIO(copy.data)) as pdf:
        for number, page in enumerate(PdfReader(io.BytesIO(copy.data)).pages):
            height = float(pdf.pages[number].height)
            for ref in page.get("/Annots") or []:
                note = ref.get_object()
                if note["/Subtype"] != "/Highlight":
                    continue
                x0, y0, x1, y1 = (float(v) for v in note["/Rect"])
                rect = (x0 - 1, height - y1 - 1, x1 + 1, height - y0 + 1)
                under = pdf.pages[number].crop(rect).extract_text()
                found.append((str(note.get("/Contents", "")), under))
    for finding in report.findings:
        alike = sum(f.message_zh == finding.message_zh for f in report.findings)
        notes = [under for note, under in found if finding.message_zh in note]
        assert len(notes) == alike, (finding.rule, len(notes))  # once per finding, not per span
        for evidence in finding.evidence:
            # the text under a highlight may wrap (132.7\n%): compared without white space
            figure = "".join(evidence.span.text.split()).replace("万元", "")
            assert any(figure in "".join(under.split()) for _, under in found), (finding.rule, figure)


def test_text_copy_is_the_html_report(fixtures) -> None:
    data, report = _check(fixtures.text)
    copy = annotated_copy(data, report, "003.txt")
    assert copy.suffix == ".html" and copy.media_type.startswith("text/html")
    assert b"<html" in copy.data[:500].lower()
    assert report.findings[0].message_zh.encode() in copy.data
    assert annotated_name("报告.txt", copy.suffix) == "报告.annotated.html"


def test_cli_check_annotate_writes_the_copy(fixtures, tmp_path: Path) -> None:
    out = tmp_path / "copy.docx"
    status = main(["check", str(fixtures.docx), "--annotate", str(out), "--format", "json"])
    assert status in (0, 1)
    assert _comments(out.read_bytes())
    folder = tmp_path / "many"
    main(["check", str(fixtures.docx), str(fixtures.text), "--annotate", str(folder), "--format", "json"])
    assert sorted(p.name for p in folder.iterdir()) == ["003.annotated.docx", "003.annotated.html"]


def test_cli_annotate_says_what_it_wrote_and_a_target_without_extension_is_a_folder(
        fixtures, tmp_path: Path, capsys) -> None:
    out = tmp_path / "copy.docx"
    assert main(["check", str(fixtures.docx), "--annotate", str(out), "--format", "json"]) in (0, 1)
    err = capsys.readouterr().err
    assert err == f"hecha: 已写入标注副本：{out} / wrote the annotated copy: {out}\n"
    folder = tmp_path / "copies"
    main(["check", str(fixtures.docx), "--annotate", str(folder), "--format", "json"])
    written = folder / "003.annotated.docx"
    assert written.exists() and f"wrote the annotated copy: {written}" in capsys.readouterr().err


def test_cli_annotate_refuses_a_target_of_another_extension(fixtures, tmp_path: Path, capsys) -> None:
    # a text report's copy is the HTML page: a .docx target is refused, nothing written
    out = tmp_path / "copy.docx"
    assert main(["check", str(fixtures.text), "--annotate", str(out), "--format", "json"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "标注副本是 .html 文件" in line and f"use {tmp_path / 'copy.html'}" in line
    assert not out.exists()
    # a name no annotated copy can have is refused before anything is checked
    assert main(["check", str(fixtures.text), "--annotate", str(tmp_path / "copy.txt")]) == 2
    out_text, err = capsys.readouterr()
    assert out_text == "" and ".docx, .pdf or .html" in err and len(err.splitlines()) == 1
