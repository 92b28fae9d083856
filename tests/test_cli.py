"""The `hecha` command line (service.cli), run in-process on the seed reports.

Bad input of every kind must end in exit status 2 and one `hecha: 中文 / English` line on
stderr, never a traceback, while the other files of the call are still processed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import corpora
import rules
from models import (
    Report,
    Severity,
)
from service import cli
from service.cli import main
from service.output.text import display_width, quote

SEEDS = corpora.SEEDS
SEED_PATHS = sorted(SEEDS.glob("*.txt"))
SEED = SEED_PATHS[0]
#: the small seed, for the multi-copy encoding tests
SMALL = min(SEED_PATHS, key=lambda p: p.stat().st_size)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"IHDR" + bytes(range(256))
CJK = re.compile(r"[\u4e00-\u9fff]")
LIMIT = "10000000"
#: the seed the memory-ceiling tests measured (checking 64 copies of it needs over 100 MB)
SEED_BY_NAME = SEEDS / "000_cc852cee10621712.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def reports(out: str) -> list[Report]:
    return [Report.model_validate_json(line) for line in out.splitlines() if line.strip()]


def assert_one_error_line(err: str, name: str | Path, code_text: str = "") -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    zh, _, en = lines[0].removeprefix("hecha: ").partition(" / ")
    assert lines[0].startswith("hecha: ") and zh and en
    assert str(name) in zh and str(name) in en
    assert CJK.search(zh)
    assert code_text in en


# --- extract ------------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name)
def test_extract_json_round_trips(capsys, path):
    status, out, err = run(capsys, "extract", path)
    assert (status, err) == (0, "")
    [report] = reports(out)
    assert report.document.name == str(path)
    assert report.document.original == path.read_text("utf-8")
    assert report.claims and report.findings == []


def test_extract_table_prints_a_line_per_claim(capsys):
    _, out, _ = run(capsys, "extract", SEED)
    [report] = reports(out)
    status, out, err = run(capsys, "extract", "--format", "table", SEED)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == len(report.claims)
    first = report.claims[0]
    assert lines[0].startswith(f"{SEED}:")
    assert first.subject in lines[0] and first.role.value in lines[0]
    assert all(re.match(rf"{re.escape(str(SEED))}:\d+:\d+ ", line) for line in lines)


def test_extract_several_files_prints_one_object_each(capsys):
    status, out, _ = run(capsys, "extract", *SEED_PATHS[:2])
    assert status == 0
    assert [r.document.name for r in reports(out)] == [str(p) for p in SEED_PATHS[:2]]


# --- unreadable input -----------------------------------------------------------


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "不存在.txt"


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    return path


def _binary(tmp_path: Path) -> Path:
    path = tmp_path / "image.txt"
    path.write_bytes(PNG)
    return path


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "reports"
    path.mkdir()
    return path


BAD_INPUTS = {
    "missing": (_missing, "cannot read file"),
    "empty": (_empty, "empty file"),
    "binary": (_binary, "not a text file"),
    "directory": (_directory, "no report files in the folder"),  # a folder without reports
}


@pytest.mark.parametrize("command", ["extract", "check"])
@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_unreadable_input_is_one_line_and_exit_2(capsys, tmp_path, command, kind):
    make, english = BAD_INPUTS[kind]
    path = make(tmp_path)
    status, out, err = run(capsys, command, path)
    assert status == 2
    assert_one_error_line(err, path, english)
    assert "Traceback" not in out


def test_missing_file_names_the_reason(capsys, tmp_path):
    path = _missing(tmp_path)
    _, _, err = run(capsys, "extract", path)
    assert "文件不存在" in err and "no such file" in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_permission(capsys, tmp_path):
    path = tmp_path / "secret.txt"
    path.write_bytes(SEED.read_bytes())
    path.chmod(0)
    status, _, err = run(capsys, "extract", path)
    assert status == 2
    assert_one_error_line(err, path, "permission denied")


@pytest.mark.parametrize(("error", "zh", "en"), [
    (PermissionError(13, "Permission denied"), "没有读取权限", "permission denied"),
    (OSError(5, "Input/output error"), "Input/output error", "Input/output error"),
])
def test_os_errors_while_reading(capsys, monkeypatch, error, zh, en):
    def fail(path: str, max_bytes: int) -> bytes:
        raise error

    monkeypatch.setattr(cli.check, "read_bytes", fail)
    status, _, err = run(capsys, "extract", SEED)
    assert status == 2
    assert_one_error_line(err, SEED, en)
    assert zh in err.partition(" / ")[0]


@pytest.mark.parametrize("command", ["extract", "check"])
def test_one_bad_file_does_not_stop_the_others(capsys, tmp_path, command):
    bad = _binary(tmp_path)
    status, out, err = run(capsys, command, "--format", "json", bad, SEED)
    assert status == 2
    assert_one_error_line(err, bad, "not a text file")
    assert [r.document.name for r in reports(out)] == [str(SEED)]


# --- encodings ------------------------------------------------------------------


def test_truncated_utf8_is_read_up_to_the_cut(capsys, tmp_path):
    data = SMALL.read_bytes()
    lead = next(i for i in range(len(data) // 2, len(data)) if 0xE0 <= data[i] < 0xF0)
    path = tmp_path / "cut.txt"
    path.write_bytes(data[: lead + 1])  # one byte of a three-byte character
    status, out, err = run(capsys, "extract", path)
    assert (status, err) == (0, "")
    [report] = reports(out)
    assert report.document.encoding == "utf-8 (truncated)"
    assert report.document.original == data[:lead].decode("utf-8")


def test_gb18030_copy_reads_like_the_utf8_original(capsys, tmp_path):
    text = SMALL.read_text("utf-8")
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gb18030"))
    _, out, _ = run(capsys, "extract", SMALL, path)
    utf8, gb = reports(out)
    assert gb.document.encoding == "gb18030"
    assert gb.document.original == utf8.document.original
    assert len(gb.claims) == len(utf8.claims)


def test_utf8_with_bom(capsys, tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL.read_bytes())
    status, out, _ = run(capsys, "extract", SMALL, path)
    assert status == 0
    plain, bom = reports(out)
    assert bom.document.encoding == "utf-8-sig"
    assert bom.document.original == plain.document.original
    assert len(bom.claims) == len(plain.claims)


# --- size -----------------------------------------------------------------------


def _seeds_up_to(size: int) -> bytes:
    data = b"".join(p.read_bytes() for p in SEED_PATHS)
    return (data * (size // len(data) + 1))[:size]


def test_50_mb_is_refused_quickly(capsys, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(_seeds_up_to(50_000_000))
    status, _, err = run(capsys, "check", "--max-bytes", LIMIT, path)
    assert status in (0, 2)
    if status == 2:
        assert_one_error_line(err, path, "file too large")
        assert "50000000" in err and LIMIT in err


def test_max_bytes_is_inclusive(capsys, tmp_path):
    size = SMALL.stat().st_size
    status, _, err = run(capsys, "extract", "--max-bytes", str(size), SMALL)
    assert (status, err) == (0, "")
    status, _, err = run(capsys, "extract", "--max-bytes", str(size - 1), SMALL)
    assert status == 2
    assert_one_error_line(err, SMALL, "file too large")


def test_3_mb_file_is_processed(capsys, tmp_path):
    # A seed padded with blank-ish lines, as PDF-to-text converters leave them; the
    # extractor's speed on 3 MB of dense report text is the next test's business.
    seed = SMALL.read_bytes()
    path = tmp_path / "padded.txt"
    path.write_bytes(seed + (b" " * 99 + b"\n") * ((3_000_000 - len(seed)) // 100 + 1))
    assert path.stat().st_size > 3_000_000
    status, out, err = run(capsys, "extract", "--max-bytes", LIMIT, path)
    assert (status, err) == (0, "")
    [report] = reports(out)
    assert report.claims


def test_3_mb_of_report_text_is_processed(capsys, tmp_path):
    path = tmp_path / "dense.txt"
    path.write_bytes(_seeds_up_to(3_000_000).rsplit(b"\n", 1)[0])
    status, out, err = run(capsys, "extract", "--max-bytes", LIMIT, path)
    assert (status, err) == (0, "")
    assert reports(out)[0].claims


# --- check ----------------------------------------------------------------------


def test_check_json_and_exit_status(capsys):
    status, out, err = run(capsys, "check", "--format", "json", "--fail-on", "never",
                           *SEED_PATHS)
    assert (status, err) == (0, "")
    found = reports(out)
    assert len(found) == len(SEED_PATHS)
    severities = {f.severity for r in found for f in r.findings}
    status, _, _ = run(capsys, "check", "--format", "json", *SEED_PATHS)
    assert status == (1 if Severity.ERROR in severities else 0)
    status, _, _ = run(capsys, "check", "--format", "json", "--fail-on", "warning", *SEED_PATHS)
    assert status == (1 if severities & {Severity.ERROR, Severity.WARNING} else 0)


def test_check_text_is_linter_style(capsys):
    _, out, _ = run(capsys, "check", "--format", "json", SEED)
    [report] = reports(out)
    status, out, err = run(capsys, "check", "--fail-on", "never", SEED)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    heads = [line for line in lines if line.startswith(f"{SEED}:")]
    assert len(heads) == len(report.findings)
    for head, finding in zip(heads, report.findings, strict=True):
        assert f" {finding.severity.value} {finding.rule} {finding.message_zh}" in head
        if finding.evidence:
            line, col = report.document.line_col(finding.evidence[0].span.start)
            assert head.startswith(f"{SEED}:{line}:{col}: ")
    assert "1" in lines[-1] and " / checked 1 file" in lines[-1]


def test_check_bad_rules_config(capsys, tmp_path):
    config = tmp_path / "rules.yaml"
    config.write_text("no.such.rule: {enabled: false}\n", "utf-8")
    status, out, err = run(capsys, "check", "--rules", config, SEED)
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1 and "invalid rules configuration" in err


def test_check_html_escapes_and_marks(capsys, tmp_path):
    path = tmp_path / "tags.txt"
    path.write_bytes(b"<script>alert(1)</script>\n" + SEED.read_bytes())
    _, out, _ = run(capsys, "check", "--format", "json", path)
    [report] = reports(out)
    status, out, err = run(capsys, "check", "--format", "html", "--fail-on", "never", path)
    assert (status, err) == (0, "")
    assert out.startswith("<!DOCTYPE html>")
    assert "<script>alert(1)" not in out and "&lt;script&gt;alert(1)" in out
    assert out.count('<li class="finding') == len(report.findings)
    lit = {int(i) for m in re.findall(r'data-f="([^"]+)"', out) for i in m.split()}
    assert lit == set(range(len(report.findings)))  # every finding is highlighted


def test_check_applies_a_rules_file_in_the_checking_process(capsys, tmp_path):
    _, out, _ = run(capsys, "check", "--format", "json", "--fail-on", "never", SEED)
    [full] = reports(out)
    rule = full.findings[0].rule
    config = tmp_path / "rules.yaml"
    config.write_text(f"{rule}: {{enabled: false}}\n", "utf-8")
    _, out, _ = run(capsys, "check", "--format", "json", "--fail-on", "never", "--rules", config, SEED)
    [fewer] = reports(out)
    assert rule not in {f.rule for f in fewer.findings}


# --- limits: the API's deadline and memory ceiling -------------------------------------


def test_check_past_the_deadline_is_a_catalogued_error_and_the_next_file_is_checked(capsys):
    status, out, err = run(capsys, "check", "--format", "json", "--timeout", "0.001", SEED)
    assert (status, out) == (2, "")
    assert_one_error_line(err, SEED, "checking took too long (over 0.001 s)")
    assert "核查超时" in err


def test_check_past_the_memory_ceiling_is_a_catalogued_error_and_the_next_file_is_checked(tmp_path):
    heavy = tmp_path / "heavy.txt"
    heavy.write_bytes(SEED_BY_NAME.read_bytes() * 64)  # over 100 MB to check, the seed under 16
    # A command of its own, as users run it: the checking process is forked from the CLI,
    # and forked from this test process (its heap grown by the tests before) the ceiling
    # would be measured above memory the child can reuse without growing.
    done = subprocess.run([sys.executable, "-m", "service.cli", "check", "--format", "json",
                           "--memory-mb", "24", str(heavy), str(SEED_BY_NAME)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert_one_error_line(done.stderr, heavy, "checking needs more memory than allowed")
    [report] = reports(done.stdout)
    assert report.document.name == str(SEED_BY_NAME)


def test_check_limits_default_to_the_api_settings(capsys, monkeypatch):
    from service.config import get_settings

    monkeypatch.setenv("HECHA_JOB_TIMEOUT_S", "0.001")
    get_settings.cache_clear()
    try:
        status, _, err = run(capsys, "check", SEED)
        assert status == 2 and "over 0.001 s" in err
        monkeypatch.setenv("HECHA_JOB_TIMEOUT_S", "soon")
        get_settings.cache_clear()
        status, out, err = run(capsys, "check", SEED)
        assert (status, out) == (2, "")
        assert len(err.splitlines()) == 1 and "invalid HECHA_* setting: HECHA_JOB_TIMEOUT_S" in err
    finally:
        get_settings.cache_clear()


@pytest.mark.parametrize("option", ["--timeout", "--memory-mb"])
def test_check_refuses_a_limit_that_is_not_positive(capsys, option):
    with pytest.raises(SystemExit) as exit_:
        main(["check", option, "0", str(SEED)])
    assert exit_.value.code == 2
    assert "not a positive" in capsys.readouterr().err


# --- schema and rules -------------------------------------------------------------


@pytest.mark.parametrize("model", ["Report", "Document", "Claim", "Finding"])
def test_schema(capsys, model):
    status, out, _ = run(capsys, "schema", model)
    assert status == 0
    schema = json.loads(out)
    assert "$defs" in schema
    assert "properties" in schema or "oneOf" in schema


def test_schema_defaults_to_report(capsys):
    _, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert {"document", "claims", "findings"} <= set(schema["properties"])


def test_rules_lists_every_rule(capsys):
    status, out, _ = run(capsys, "rules")
    assert status == 0
    assert [line.split()[0] for line in out.splitlines()] == rules.rule_ids()


def test_unknown_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "pdf", str(SEED)])
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


# --- rendering ------------------------------------------------------------------


def test_marker_counts_chinese_as_two_columns():
    text = "前言\n合计\t100万元，其中\n"
    start = text.index("100")
    line, marker = quote(text, start, start + len("100万元"))
    assert line == "合计    100万元，其中"  # the tab reaches column 8
    assert marker == " " * 8 + "^" * 7


def test_marker_of_a_span_past_the_line_end_stops_there():
    text = "收入1835.05\n万元"
    line, marker = quote(text, 2, len(text))
    assert (line, marker) == ("收入1835.05", "    " + "^" * 7)


def test_long_lines_are_cut_around_the_span():
    text = "甲" * 200 + "1.00万元" + "乙" * 200
    start = text.index("1.00")
    line, marker = quote(text, start, start + 6)
    assert line.startswith("…") and line.endswith("…")
    assert display_width(line) < 200
    assert marker.strip() == "^" * 8
    assert display_width(line[: line.index("1.00")]) == marker.index("^")


