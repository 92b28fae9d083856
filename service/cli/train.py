"""`hecha train-causes`: the models of reason.conflict's model.v1 (training/causes.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from models import HechaError

from .common import EXIT_OK, EXIT_UNREADABLE, positive, say


def cmd_train_causes(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """0 trained, 2 when --base-model is not a model directory."""
    from training.causes import train_causes

    try:
        train_causes(Path(args.out), base=Path(args.base_model) if args.base_model else None,
                     epochs=args.epochs, seed=args.seed, size=args.size, limit=args.limit, lr=args.lr,
                     log=lambda line: print(line, file=out, flush=True))
    except HechaError as exc:
        say(err, exc.msg)
        return EXIT_UNREADABLE
    return EXIT_OK


def add_commands(sub: Any) -> None:
    """The `train-causes` parser."""
    count = positive(int, "whole number")
    p = sub.add_parser("train-causes",
                       help="train the cause and explanation models (reason.conflict model.v1)")
    p.add_argument("--out", required=True, metavar="DIR", help="the model directory to write")
    p.add_argument("--base-model", metavar="DIR",
                   help="fine-tune this local model directory (default: a small BERT from scratch)")
    p.add_argument("--epochs", type=count, default=8, metavar="N", help="passes over the data (default 8)")
    p.add_argument("--seed", type=int, default=0, metavar="S",
                   help="data, initialisation and batch order (default 0)")
    p.add_argument("--size", choices=["small", "tiny"], default="small",
                   help="from scratch: small (hidden 128, 2 layers) or tiny (hidden 64, 1 layer: tests)")
    p.add_argument("--lr", type=float, metavar="RATE",
                   help="learning rate (default: 1e-3 from scratch, 5e-4 for the pair head, "
                        "5e-5 from a base model)")
    p.add_argument("--limit", type=count, metavar="N",
                   help="train on the first N generated clauses and pairs only (quick runs)")
    p.set_defaults(run=cmd_train_causes)
