"""The small options of `hecha` a new user reaches for first: --version, a folder to
check, --annotate's target, --select / --ignore, rule names, the no-figures note."""

from __future__ import annotations

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
