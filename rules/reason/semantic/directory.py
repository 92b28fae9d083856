"""Where a cause model lives and what its directory must hold (no torch needed).

    <model_dir>/hecha.json       labels, verdicts, and how the model was trained (command,
                                 seed, held-out figures and the floors the tests hold)
    <model_dir>/causes/          cause clause → label (config.json, model.safetensors,
                                 tokenizer.json, tokenizer_config.json)
    <model_dir>/pairs/           explanation pair → verdict (the same four files)

The directory is, in order: the rule parameter `model_dir`, the environment variable
HECHA_MODEL_DIR, or the model shipped in this package (model/).
"""

from __future__ import annotations

import os
from pathlib import Path

from models import ConfigError

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "model"
ENV = "HECHA_MODEL_DIR"
MANIFEST = "hecha.json"
HEADS = ("causes", "pairs")
HEAD_FILES = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json")
REQUIRED_FILES = (MANIFEST, *(f"{head}/{name}" for head in HEADS for name in HEAD_FILES))
#: what the pair model says of two explanations, in the order it numbers them
VERDICTS = ("same", "compatible", "different", "contradictory")


def resolve_model_dir(model_dir: str | os.PathLike[str] | None = None) -> Path:
    """`model_dir`, else $HECHA_MODEL_DIR, else the shipped model."""
    if model_dir:
        return Path(model_dir).expanduser()
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    return DEFAULT_MODEL_DIR


def check_model_dir(path: Path) -> Path:
    """`path` when it holds every required file.

    Raises:
        ConfigError: E_MODEL_DIR naming the missing files (a missing head directory as
            `causes/`, so a wrong path reads "missing hecha.json, causes/, pairs/").
    """
    missing = [] if (path / MANIFEST).is_file() else [MANIFEST]
    for head in HEADS:
        if not (path / head).is_dir():
            missing.append(f"{head}/")
            continue
        missing.extend(f"{head}/{name}" for name in HEAD_FILES if not (path / head / name).is_file())
    if missing:
        raise ConfigError("E_MODEL_DIR", path=path, missing=", ".join(missing))
    return path
