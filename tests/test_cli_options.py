"""The small options of `hecha` a new user reaches for first: --version, a folder to
check, --annotate's target, --select / --ignore, rule names, the no-figures note."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import corpora
import service
from service.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "corpora" / "seeds"
SEED = sorted(SEEDS.glob("*.txt"))[0]


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.strip() == f"hecha {service.__version__}"
    assert service.__version__[0].isdigit()


# --- a folder -------------------------------------------------------------------------


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    (folder / "b" / ".git").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    data = SEED.read_bytes()
    for name in ("b/2.TXT", "a.txt", "b/.~lock.txt", ".hidden/x.txt", "b/.git/y.txt", "notes.md",
                 "b/1.txt"):
        (folder / name).write_bytes(data)
    return folder


def test_check_walks_a_folder_sorted_skipping_hidden_and_other_files(capsys, tmp_path):
    folder = _folder(tmp_path)
    status, out, err = run(capsys, "check", "--format", "json", "--fail-on", "never", folder)
    assert (status, err) == (0, "")
    names = [_json(x)["document"]["name"] for x in out.splitlines()]
    assert names == [str(folder / "a.txt"), str(folder / "b" / "1.txt"), str(folder / "b" / "2.TXT")]


def test_extract_walks_a_folder_too(capsys, tmp_path):
    status, out, _ = run(capsys, "extract", _folder(tmp_path))
    assert status == 0 and len(out.splitlines()) == 3


def test_a_folder_without_reports_is_one_line_and_the_other_files_are_checked(capsys, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "readme.md").write_text("x", "utf-8")
    status, out, err = run(capsys, "check", "--format", "json", "--fail-on", "never", empty, SEED)
    assert status == 2
    [line] = err.splitlines()
    assert line.startswith(f"hecha: 无法读取文件：{empty}") and "no report files in the folder" in line
    assert [_json(x)["document"]["name"] for x in out.splitlines()] == [str(SEED)]


def _json(line: str) -> dict:
    return json.loads(line)


# --- a bad --rules file -----------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "annotate"])
def test_a_bad_rules_file_is_one_line_in_both_languages_and_exit_2(capsys, tmp_path, command):
    config = tmp_path / "rules.yaml"
    config.write_text("sum.table: {tolerance: 0.5}\n", "utf-8")
    extra = ["--out", str(tmp_path / "out")] if command == "annotate" else []
    status, out, err = run(capsys, command, "--rules", config, *extra, SEED)
    assert (status, out) == (2, "")
    [line] = err.splitlines()
    zh, _, en = line.removeprefix("hecha: ").partition(" / ")
    assert zh == ("规则配置错误：sum.table：未知参数 tolerance"
                  "（可用：enabled, report_rounding, severity, warning_ulps）")
    assert en == ("invalid rules configuration: sum.table: unknown parameter tolerance "
                  "(known: enabled, report_rounding, severity, warning_ulps)")


# --- --select / --ignore ------------------------------------------------------------------


def _rules_found(capsys, *options: str) -> set[str]:
    status, out, err = run(capsys, "check", "--format", "json", "--fail-on", "never", *options, SEED)
    assert (status, err) == (0, "")
    return {f["rule"] for f in _json(out)["findings"]}


def test_select_and_ignore_rule_ids_and_prefixes(capsys):
    every = _rules_found(capsys)
    assert len(every) >= 3
    one = sorted(every)[0]
    family = sorted(every)[-1].split(".")[0]  # the family of another rule: a prefix
    assert one.split(".")[0] != family
    assert _rules_found(capsys, "--select", one) == {one}
    assert _rules_found(capsys, "--select", family + ".") == {r for r in every if r.startswith(family + ".")}
    assert _rules_found(capsys, "--ignore", f"{family},{one}") == {
        r for r in every if not r.startswith(family + ".") and r != one}
    # repeated options add up; --ignore wins over --select
    both = sorted(every)[:2]
    assert _rules_found(capsys, "--select", both[0], "--select", both[1], "--ignore", both[1]) == {both[0]}


def test_select_lays_over_a_rules_file(capsys, tmp_path):
    every = _rules_found(capsys)
    one = sorted(every)[0]
    config = tmp_path / "rules.yaml"
    config.write_text(f"{one}: {{severity: info}}\n", "utf-8")
    status, out, _ = run(capsys, "check", "--format", "json", "--fail-on", "never", "--rules", config,
                         "--select", one, SEED)
    findings = _json(out)["findings"]
    assert status == 0 and findings and {(f["rule"], f["severity"]) for f in findings} == {(one, "info")}


@pytest.mark.parametrize("command", ["check", "annotate"])
def test_unknown_rule_ids_are_one_line_naming_them(capsys, tmp_path, command):
    extra = ["--out", str(tmp_path / "out")] if command == "annotate" else []
    status, out, err = run(capsys, command, "--select", "sum.table,nope", "--ignore", "bogus.", *extra, SEED)
    assert (status, out) == (2, "")
    [line] = err.splitlines()
    assert "没有这样的规则：nope, bogus." in line and "no such rule: nope, bogus. (hecha rules" in line
    assert not (tmp_path / "out").exists()


def test_annotate_select(capsys, tmp_path):
    out = tmp_path / "out"
    one = sorted(_rules_found(capsys))[0]
    status, _, _ = run(capsys, "annotate", "--select", one, "--formats", "jsonl", "--jobs", "1",
                       "--out", out, SEED)
    assert status == 0
    [doc] = [json.loads(line) for line in (out / "documents.jsonl").read_text("utf-8").splitlines()]
    assert doc["findings"] and {f["rule"] for f in doc["findings"]} == {one}


def test_rules_shows_the_chinese_name_of_each_rule(capsys):
    status, out, _ = run(capsys, "rules")
    assert status == 0
    line = next(x for x in out.splitlines() if x.startswith("sum.table "))
    assert line.split()[:2] == ["sum.table", "表内合计不符"] and "Inside one table" in line


# --- a file with no figures ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "extract"])
def test_a_file_without_figures_asks_whether_it_is_a_budget_report(capsys, tmp_path, command):
    letter = tmp_path / "letter.txt"
    letter.write_text("这是一封普通的信，没有任何金额。\n祝好。\n", "utf-8")
    options = ["--fail-on", "never"] if command == "check" else []
    status, _, err = run(capsys, command, *options, letter, SEED)
    assert status == 0
    assert err.splitlines() == [f"hecha: 未找到任何数字：{letter}；这是部门决算或绩效报告吗？ / "
                                f"no figures found: {letter}; is this a budget report?"]


def test_the_report_page_of_a_file_without_figures_says_so(tmp_path):
    import extractor
    import rules
    from service.output.report import render_report

    extraction = extractor.extract("这是一封普通的信。".encode(), name="letter.txt")
    report = rules.check(extraction.document, extraction.claims, rules.load_profile(None))
    assert "no figures found: letter.txt; is this a budget report?" in render_report(report)


# --- where a finding stands ----------------------------------------------------------


def test_findings_say_their_sheet_table_and_row(capsys, tmp_path):
    from corpora import make_fixtures

    book = tmp_path / "003.xlsx"
    make_fixtures.make_xlsx(make_fixtures.blocks(make_fixtures.seed_lines()), book)
    _, out, _ = run(capsys, "check", "--fail-on", "never", book)
    places = [line.strip() for line in out.splitlines() if line.startswith("    @ ")]
    assert places, out
    assert any(p.startswith("@ 工作表“") and "行 / sheet " in p and ", row " in p for p in places)
    _, text_out, _ = run(capsys, "check", "--fail-on", "never", corpora.seed("003"))
    # a text report has no pages or sheets: table and row, under its line and column
    text_places = [line for line in text_out.splitlines() if line.startswith("    @ ")]
    assert text_places and not any(re.search(r"第\d+页|工作表", line) for line in text_places)
