"""The small options of `hecha` a new user reaches for first: --version, a folder to
check, --annotate's target, --select / --ignore, rule names, the no-figures note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
