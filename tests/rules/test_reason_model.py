"""reason.conflict's model.v1: loading, batching, the plug-in path, training, the shipped model.

A tiny model (hidden 32, one layer) is trained once per run through `hecha train-causes`
on a slice of the generated data and the gold causes: seconds, yet enough to tell an
epidemic from a merger. The shipped model (rules/reason/semantic/model/) is held to the
held-out floors its manifest records.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

import rules
from extractor import extract_text
from models import ConfigError
from rules.reason.comparators import Explanation, Verdict, cause_labels, get_comparator
from rules.reason.semantic import DEFAULT_MODEL_DIR, REQUIRED_FILES, VERDICTS
from service.cli import main

ROOT = Path(__file__).resolve().parents[2]
HEADER = "2020年度部门决算\n"
#: seed 000 lines 65 and 183: the 9.84万元 drop in 公务接待费, blamed on the epidemic, then on a merger
SEED_000 = HEADER + (
    "1.公务接待费3.43万元，年初预算数12万元，预算执行率28.58%，与上年相比减少9.84万元，减少74.15%，"
    "主要原因是受疫情影响，本年度公务接待活动批次较上年减少。\n"
    "2020年，我办“三公”经费均控制在预算范围内，实际支出15.42万元，其中公务接待3.43万元，2020年公务接待费"
    "比上年减少9.84万元（主要原因是县委、县政府接待处已与机关事务中心合并，职能与人员已划出。\n"
)
#: seed 003 lines 394 and 398: the same cause twice, punctuated differently
SAME_CAUSE = HEADER + (
    "2020年度财政拨款收入500.57万元，与上年相比，增加180.52万元,增长36.1%，"
    "主要是因为职能增加，石峰区档案局合并到石峰区区委办。\n"
    "2020年度财政拨款收入500.57万元，与上年相比，增加180.52万元,增长36.1%, "
    "主要是因为职能增加, 石峰区档案局合并到石峰区区委办。\n"
)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("model") / "tiny"
    status = main(["train-causes", "--out", str(out), "--size", "tiny", "--epochs", "5", "--limit", "800",
                   "--lr", "0.003"])
    assert status == 0
    return out


def conflicts(text: str, **settings) -> list:
    x = extract_text(text, "case.txt", doc_id="case", encoding="utf-8")
    overrides = {r: {"enabled": r == "reason.conflict"} for r in rules.rule_ids()}
    overrides["reason.conflict"].update(settings)
    return rules.check(x.document, x.claims, rules.load_profile(overrides=overrides)).findings


def test_importing_rules_and_extractor_imports_no_torch():
    code = ("import sys, rules, extractor; rules.load_profile(); import rules.reason.semantic; "
            "assert 'torch' not in sys.modules and 'transformers' not in sys.modules, 'torch imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_training_writes_a_loadable_directory(tiny_model):
    for name in REQUIRED_FILES:
        assert (tiny_model / name).is_file(), name
    manifest = json.loads((tiny_model / "hecha.json").read_text("utf-8"))
    assert manifest["labels"] == list(cause_labels())
    assert manifest["verdicts"] == list(VERDICTS)
    assert manifest["command"].startswith("hecha train-causes --out ")
    assert {"causes/generated", "causes/gold", "pairs/generated"} <= set(manifest["heldout"])


def test_loading_and_batching(tiny_model):
    from rules.reason.semantic.backend import CauseModel, load_model

    model = CauseModel(tiny_model, device="cpu")
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert model.labels == list(cause_labels())
    texts = ["受疫情影响，接待批次减少", "厉行节约", "档案局合并到区委办", "新进人员3名", "公车改革"] * 13
    one = model.classify(texts, batch_size=1)
    many = model.classify(texts, batch_size=64)
    assert len(one) == len(many) == len(texts)
    assert [p.label for p in one] == [p.label for p in many]
    assert all(abs(a.score - b.score) < 1e-4 for a, b in zip(one, many, strict=True))
    assert all(0.0 <= p.score <= 1.0 and p.label in model.labels for p in many)
    verdicts = model.compare([("受疫情影响", "厉行节约")] * 3, batch_size=2)
    assert len(verdicts) == 3 and all(v.label in VERDICTS for v in verdicts)
    assert load_model(str(tiny_model), "cpu") is load_model(str(tiny_model), "cpu")


def test_model_comparator_names_causes_of_each_clause(tiny_model):
    compare = get_comparator("model.v1", model_dir=str(tiny_model), device="cpu", batch_size=8, min_score=0.5)
    result = compare(Explanation("受疫情影响，本年度公务接待活动批次较上年减少"),
                     Explanation("县委、县政府接待处已与机关事务中心合并，职能与人员已划出"))
    assert result.score is not None and 0.0 <= result.score <= 1.0
    assert "epidemic" in result.causes_a and "reorganisation" in result.causes_b
    assert result.verdict in (Verdict.DIFFERENT, Verdict.CONTRADICTORY) and result.verdict.conflicting
    same = compare(Explanation("职能增加，石峰区档案局合并到石峰区区委办"),
                   Explanation("职能增加, 石峰区档案局合并到石峰区区委办"))
    assert same.verdict is Verdict.SAME and same.causes_a == same.causes_b


def test_plug_in_finds_the_seed_000_conflict(tiny_model):
    findings = conflicts(SEED_000, comparator="model.v1", model_dir=str(tiny_model))
    assert len(findings) == 1, [f.message_en for f in findings]
    assert "受疫情影响" in findings[0].evidence[0].span.text
    assert "model verdict" in findings[0].message_en and "epidemic" in findings[0].message_en


def test_plug_in_same_cause_is_no_conflict(tiny_model):
    assert conflicts(SAME_CAUSE, comparator="model.v1", model_dir=str(tiny_model)) == []


def test_taxonomy_is_the_default():
    assert rules.load_profile().params["reason.conflict"].comparator == "taxonomy.v1"
    [finding] = conflicts(SEED_000)
    assert "model verdict" not in finding.message_en


def test_hecha_model_dir_is_used_when_no_model_dir_is_given(tiny_model, monkeypatch):
    monkeypatch.setenv("HECHA_MODEL_DIR", str(tiny_model))
    assert len(conflicts(SEED_000, comparator="model.v1")) == 1


def test_wrong_model_dir_names_the_missing_files(tiny_model, tmp_path):
    from rules.reason.semantic.backend import CauseModel

    with pytest.raises(ConfigError) as empty:
        CauseModel(tmp_path / "nowhere")
    assert empty.value.code == "E_MODEL_DIR"
    assert "missing hecha.json, causes/, pairs/" in empty.value.msg.en
    broken = tmp_path / "broken"
    shutil.copytree(tiny_model, broken)
    (broken / "pairs" / "tokenizer.json").unlink()
    with pytest.raises(ConfigError) as partial:
        CauseModel(broken)
    assert "pairs/tokenizer.json" in str(partial.value) and "causes/" not in str(partial.value)
    # in a rules file, the same is a configuration error at start-up, before torch loads
    with pytest.raises(ConfigError) as config:
        rules.load_profile(overrides={"reason.conflict": {"comparator": "model.v1",
                                                          "model_dir": str(broken)}})
    assert config.value.code == "E_RULES_CONFIG" and "pairs/tokenizer.json" in str(config.value)


def test_unknown_comparator_is_a_configuration_error():
    with pytest.raises(ConfigError) as exc:
        rules.load_profile(overrides={"reason.conflict": {"comparator": "model.v9"}})
    assert "model.v9" in str(exc.value)


def test_fine_tuning_a_base_model_directory(tiny_model, tmp_path, capsys):
    out = tmp_path / "tuned"
    status = main(["train-causes", "--out", str(out), "--base-model", str(tiny_model / "causes"),
                   "--epochs", "1", "--limit", "64"])
    assert status == 0
    printed = capsys.readouterr().out
    assert "accuracy" in printed and "macro-F1" in printed
    manifest = json.loads((out / "hecha.json").read_text("utf-8"))
    assert manifest["base_model"] == str(tiny_model / "causes")
    assert main(["train-causes", "--out", str(tmp_path / "x"), "--base-model", str(tmp_path / "none")]) == 2
    assert "config.json" in capsys.readouterr().err


def test_shipped_model_is_at_its_recorded_floors(figures):
    from rules.reason.semantic.backend import CauseModel
    from training.causes import datasets
    from training.model import predict, score

    manifest = json.loads((DEFAULT_MODEL_DIR / "hecha.json").read_text("utf-8"))
    assert manifest["labels"] == list(cause_labels()) and manifest["verdicts"] == list(VERDICTS)
    model = CauseModel(DEFAULT_MODEL_DIR, device="cpu")
    causes, pairs = datasets(manifest["seed"])
    for head, net in ((causes, model.causes), (pairs, model.pairs)):
        for name, examples in head.heldout.items():
            got = score(examples, predict(net.model, net.tokenizer, examples, max_length=net.max_length),
                        head.labels)
            recorded = manifest["heldout"][f"{head.name}/{name}"]
            figures.append(f"shipped cause model {head.name}/{name}: accuracy {got.accuracy:.3f} "
                           f"macro-F1 {got.macro_f1:.3f} (floor {recorded['floor']:.2f}, n={got.n})")
            assert got.n == recorded["n"]
            assert got.accuracy >= recorded["floor"], (head.name, name, got.accuracy)
