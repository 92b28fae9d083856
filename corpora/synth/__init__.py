"""The report synthesizer of the accuracy bench: consistent accounts, rendered, planted.

`build(out, n, seed)` writes `n` documents `sNNN_<family>_<clean|planted>.<ext>` with their
gold `NAME.gold.yaml` (corpora/gold/README.md, "Bench documents"). A document of another
format than text has its text rendering in `out/text/NAME.txt`: the gold's `line` refers to
that rendering, and its `near` finds the figure in the file itself.

    python -m corpora.synth OUT_DIR -n 340 --seed 1
"""

from .build import build

__all__ = ["build"]
