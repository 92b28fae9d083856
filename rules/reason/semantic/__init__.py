"""The semantic layer of reason.conflict: cause labels and explanation verdicts from models.

A model directory (layout in directory.py) holds two transformers sequence-classification
models: `causes/` labels one cause clause with a category of rules/data/causes.yaml or
`other`; `pairs/` reads two explanations of one change and says `same`, `compatible`,
`different` or `contradictory`. The comparator "model.v1" (comparator.py) uses both.

Importing this package imports neither torch nor transformers: backend.py does, when a model
is first loaded. The default model ships in model/ (see model/README.md).
"""

from .directory import DEFAULT_MODEL_DIR, REQUIRED_FILES, VERDICTS, check_model_dir, resolve_model_dir

__all__ = ["DEFAULT_MODEL_DIR", "REQUIRED_FILES", "VERDICTS", "check_model_dir", "resolve_model_dir"]
