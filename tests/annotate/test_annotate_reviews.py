"""`hecha annotate --reviews FILE`: reviewers' verdicts (as GET /v1/reviews answers) reach
the finding rows, matched by the document's bytes and the finding's stable id."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pyarrow.parquet as pq
from annotate_helpers import SEED_PATHS, SMALL_SEED, read_csv, run

from service.annotate import names
from service.cli import main


def test_verdicts_reach_the_rows_of_a_later_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.txt").write_bytes(SMALL_SEED.read_bytes())
    run([folder], tmp_path / "first", formats=["csv"])
    rows = read_csv(tmp_path / "first" / "findings.csv")
    assert rows and {r["review_status"] for r in rows} == {"open"}
    assert all(r["finding_id"] for r in rows)
    chosen = rows[0]
    reviews = {"data": [{"document_id": "0b7c4f7e-0000-4000-8000-000000000000",
                         "document_name": "report.txt", "sha256": chosen["document_id"],
                         "review": {"finding_id": chosen["finding_id"], "status": "false_positive",
                                    "note": "合并单元格读错"}}]}
    (tmp_path / "reviews.json").write_text(json.dumps(reviews, ensure_ascii=False), encoding="utf-8")

    # a later run, the file under another name: the same bytes, the same finding ids
    (folder / "report.txt").rename(folder / "renamed.txt")
    run([folder], tmp_path / "second", formats=["csv", "parquet"],
        reviews_path=str(tmp_path / "reviews.json"))
    again = read_csv(tmp_path / "second" / "findings.csv")
    marked = [r for r in again if r["review_status"] != "open"]
    assert [(r["finding_id"], r["review_status"], r["review_note"]) for r in marked] == [
        (chosen["finding_id"], "false_positive", "合并单元格读错")]
    assert len(again) == len(rows)
    table = pq.read_table(tmp_path / "second" / "findings.parquet")
    assert table.column("review_status").to_pylist().count("false_positive") == 1
    assert tuple(table.schema.names) == names.FINDING_COLUMNS


def test_the_run_exports_a_workbook_and_a_memo_with_the_verdicts(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEED_PATHS[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    run([folder], tmp_path / "first", formats=["csv"])
    rows = read_csv(tmp_path / "first" / "findings.csv")
    chosen = rows[-1]
    reviews = {"data": [{"sha256": chosen["document_id"],
                         "review": {"finding_id": chosen["finding_id"], "status": "confirmed",
                                    "note": "已核实"}}]}
    (tmp_path / "reviews.json").write_text(json.dumps(reviews, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "second"
    run([folder], out, formats=["xlsx", "docx"], reviews_path=str(tmp_path / "reviews.json"))
    assert not (out / names.FINDINGS_CSV).exists()  # only what was asked for

    sheet = openpyxl.load_workbook(out / names.FINDINGS_XLSX)["核查发现"]
    header = [c.value for c in sheet[1]]
    book = [dict(zip(header, (c.value for c in line), strict=True)) for line in sheet.iter_rows(min_row=2)]
    assert len(book) == len(rows)
    assert {Path(r["文档"]).name for r in book} == {seed.name for seed in SEED_PATHS[:2]}
    assert [(r["核查状态"], r["备注"]) for r in book if r["核查状态"] != "待核查"] == [("确认", "已核实")]

    memo = docx.Document(str(out / names.MEMO_DOCX))
    headings = [p.text for p in memo.paragraphs if p.style.name == "Heading 1"]
    assert [Path(h).name for h in headings] == sorted(seed.name for seed in SEED_PATHS[:2])
    assert any("确认" in p.text and "已核实" in p.text for p in memo.paragraphs)


def test_a_bad_reviews_file_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    (tmp_path / "reviews.json").write_text('{"data": [{"sha256": "x", "review": {"status": "maybe"}}]}')
    status = main(["annotate", str(SMALL_SEED), "--out", str(tmp_path / "out"),
                   "--reviews", str(tmp_path / "reviews.json")])
    err = capsys.readouterr().err
    assert status == 2
    assert "评审文件无法使用" in err and "reviews file cannot be used" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
