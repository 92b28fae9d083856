"""`hecha annotate` over the seeds and files of every kind of trouble: outputs and schemas,
failures recorded with their reason, exit status, reuse of earlier results."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pyarrow.parquet as pq
import pytest
from annotate_helpers import SEED_PATHS, read_csv, read_jsonl, run, snapshot

from models import Report
from service import cli
from service.annotate import names
from service.annotate.formats.table import SCHEMA


def by_path(out: Path) -> dict[str, dict]:
    return {Path(r["path"]).name: r for r in read_jsonl(out / names.MANIFEST)}


def test_every_file_has_one_manifest_record(seeds_run):
    out, outcome, _, _ = seeds_run
    records = by_path(out)
    assert ".hidden.txt" not in records  # hidden files are not walked into
    assert set(records) == {p.name for p in SEED_PATHS} | {
        "empty.txt", "corrupt.txt", "scan.pdf", "backup.7z", "same.txt", "missing.txt"}
    paths = [r["path"] for r in read_jsonl(out / names.MANIFEST)]
    assert paths == sorted(paths)
    assert all(records[p.name]["status"] == names.OK for p in SEED_PATHS)
    assert records["same.txt"]["status"] == names.OK
    assert records["same.txt"]["duplicate_of"].endswith(min(SEED_PATHS, key=lambda p: p.stat().st_size).name)
    assert (outcome.ok, outcome.failed, outcome.skipped) == (5, 4, 1)


@pytest.mark.parametrize(("name", "status", "code", "reason"), [
    ("empty.txt", "failed", "E_EMPTY", "empty file"),
    ("corrupt.txt", "failed", "E_BINARY", "not a text file"),
    ("missing.txt", "failed", "E_UNREADABLE", "no such file"),
    # a damaged PDF is what `hecha check` says it is, not "unsupported"
    ("scan.pdf", "failed", "E_CORRUPT", "damaged file, cannot parse it (PDF)"),
    ("backup.7z", "skipped", "E_FORMAT", "unsupported file format (7z)"),
])
def test_bad_files_get_a_reason_and_the_run_goes_on(seeds_run, name, status, code, reason):
    out, _, _, _ = seeds_run
    record = by_path(out)[name]
    assert (record["status"], record["error_code"]) == (status, code)
    assert reason in record["error_en"] and name in record["error_en"] and name in record["error_zh"]


def test_exit_status_counts_failures(seeds_run):
    _, outcome, err, _ = seeds_run
    assert outcome.exit_status == 3
    assert "4 failed" in err and "1 skipped" in err


def test_documents_are_reports_one_per_document(seeds_run):
    out, _, _, _ = seeds_run
    reports = [Report.model_validate_json(line)
               for line in (out / names.DOCUMENTS).read_text("utf-8").splitlines()]
    ids = [r.document.id for r in reports]
    assert len(ids) == len(set(ids)) == len(SEED_PATHS)  # same.txt is the small seed again
    ok = {r["sha256"]: r for r in read_jsonl(out / names.MANIFEST) if r["status"] == "ok"}
    for report in reports:
        assert ok[report.document.id]["findings"] == len(report.findings)


def test_finding_tables_match_the_reports(seeds_run):
    out, _, _, _ = seeds_run
    table = pq.read_table(out / names.FINDINGS_PARQUET)
    assert table.schema.equals(SCHEMA)
    rows = table.to_pylist()
    csv_rows = read_csv(out / names.FINDINGS_CSV)
    assert list(csv_rows[0]) == list(names.FINDING_COLUMNS)
    assert len(rows) == len(csv_rows)
    expected = []
    for line in (out / names.DOCUMENTS).read_text("utf-8").splitlines():
        report = Report.model_validate_json(line)
        doc = report.document
        for f in report.findings:
            span = f.evidence[0].span if f.evidence else None
            expected.append((doc.id, doc.name, doc.meta.unit_name, doc.meta.fiscal_year, f.rule,
                             f.severity.value, f.message_zh, f.message_en,
                             span.text if span else None, span.start if span else None,
                             len(f.evidence)))
    got = [(r["document_id"], r["path"], r["unit"], r["year"], r["rule"], r["severity"],
            r["message_zh"], r["message_en"], r["quote"], r["start"], r["evidence_count"])
           for r in rows]
    assert got == expected
    for row, csv_row in zip(rows, csv_rows, strict=True):
        assert csv_row["quote"] == (row["quote"] or "") and csv_row["start"] == str(row["start"])


def test_summary_is_self_contained(seeds_run):
    out, _, _, _ = seeds_run
    page = (out / names.SUMMARY).read_text("utf-8")
    assert not re.search(r"<script[^>]+src=", page)  # plotly.js is inlined, no CDN
    assert not re.search(r"<link[^>]+href=", page)
    for chart in ("chart-rule", "chart-severity", "chart-unit", "chart-year"):
        assert f'id="{chart}"' in page
    assert "衡南县委办公室" in page and "E_EMPTY" in page


def test_review_formats_have_one_entry_per_document(seeds_run):
    out, _, _, _ = seeds_run
    tasks = json.loads((out / names.LABELSTUDIO).read_text("utf-8"))
    assert len(tasks) == len(SEED_PATHS)
    assert 'perRegion="true"' in (out / names.LABELSTUDIO_CONFIG).read_text("utf-8")
    assert len(read_jsonl(out / names.DOCCANO)) == len(SEED_PATHS)
    brat = sorted(p.name for p in (out / names.BRAT).iterdir())
    assert "annotation.conf" in brat and len(brat) == 1 + 2 * len(SEED_PATHS)


def test_a_second_run_reuses_everything_and_writes_the_same(seeds_run, tmp_path):
    out, _, _, args = seeds_run
    before = snapshot(out)
    again, err = run(args, out, jobs=1)
    assert "0 to process" not in err  # failed files are tried again …
    assert f"{len(SEED_PATHS)} already done" in err  # … finished documents are not
    assert again.reused == len(SEED_PATHS)
    assert snapshot(out) == before


def test_force_and_other_rules_redo_documents(tmp_path):
    paths = SEED_PATHS[:2]
    out = tmp_path / "out"
    run(paths, out, jobs=1)
    _, err = run(paths, out, jobs=1, force=True)
    assert "2 to process" in err
    rules_yaml = tmp_path / "rules.yaml"
    rules_yaml.write_text("value.mismatch:\n  enabled: false\n", "utf-8")
    _, err = run(paths, out, jobs=1, rules_path=str(rules_yaml))
    assert "2 to process" in err
    assert all(r["rule"] != "value.mismatch" for r in read_csv(out / names.FINDINGS_CSV))


def test_selected_formats_only(tmp_path):
    out = tmp_path / "out"
    run(SEED_PATHS[:1], out, jobs=1, formats=["csv", "doccano"])
    written = {p.name for p in out.iterdir()}
    assert {names.FINDINGS_CSV, names.DOCCANO, names.MANIFEST, names.SUMMARY} <= written
    assert not written & {names.DOCUMENTS, names.FINDINGS_PARQUET, names.LABELSTUDIO, names.BRAT}


def test_cli_exit_statuses(tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["annotate", str(SEED_PATHS[0]), "--out", str(out), "--jobs", "1"]) == 0
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert cli.main(["annotate", str(SEED_PATHS[0]), str(bad), "--out", str(out)]) == 3
    assert cli.main(["annotate", str(tmp_path / "nothing-*.txt"), "--out", str(out)]) == 2
    assert cli.main(["annotate", str(SEED_PATHS[0]), "--out", str(out), "--formats", "pdf"]) == 2
    err = capsys.readouterr().err
    assert "1 failed" in err and "nothing matches" in err and "unknown output format(s): pdf" in err
    assert "Traceback" not in err


def test_cli_formats_match_the_package():
    assert cli.ANNOTATE_FORMATS == names.FORMATS
    assert cli.bulk.DEFAULT_FORMATS == names.DEFAULT_FORMATS


def test_moved_file_is_reused_and_reported_under_its_new_path(tmp_path):
    out = tmp_path / "out"
    first = tmp_path / "a" / "report.txt"
    moved = tmp_path / "b" / "renamed.txt"
    for path in (first, moved):
        path.parent.mkdir()
        path.write_bytes(SEED_PATHS[0].read_bytes())
    run([first], out, jobs=1)
    outcome, _ = run([moved], out, jobs=1)
    assert outcome.reused == 1
    (report,) = [Report.model_validate_json(line)
                 for line in (out / names.DOCUMENTS).read_text("utf-8").splitlines()]
    assert report.document.name == str(moved)
    assert {r["path"] for r in read_csv(out / names.FINDINGS_CSV)} == {str(moved)}
    assert [r["path"] for r in read_jsonl(out / names.MANIFEST)] == [str(moved)]


def test_summary_lists_every_document_with_a_link_to_it(seeds_run):
    out, _, _, _ = seeds_run
    page = (out / names.SUMMARY).read_text("utf-8")
    table = page[page.index("逐个文档 / document by document"):]
    records = read_jsonl(out / names.MANIFEST)
    links = re.findall(r'<tr><td><a href="([^"]+)">([^<]+)</a>', table)
    assert [text for _, text in links] == [r["path"] for r in records]  # every one, in path order
    for href, text in links:
        assert not href.startswith(("/", "file:"))  # relative to the page: they move together
        assert (out / unquote(href)).resolve() == Path(text).resolve()
    report = Report.model_validate_json((out / names.DOCUMENTS).read_text("utf-8").splitlines()[0])
    [row] = [r for r in table.split("<tr>") if f">{report.document.name}</a>" in r]
    errors = sum(f.severity == "error" for f in report.findings)
    assert f'<td class="n error">{errors}</td>' in row and report.document.meta.unit_name in row
    assert "failed E_EMPTY" in table and "skipped E_FORMAT" in table and "same as" in table
