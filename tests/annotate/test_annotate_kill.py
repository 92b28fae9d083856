"""A `hecha annotate` killed with SIGKILL takes its processes with it: the forkserver, the
workers and the resource tracker (they used to run on for minutes, orphaned)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads the process tree from /proc")


def _alive_descendants(root: int) -> set[int]:
    """Live (not zombie) processes below `root`, from /proc."""
    children: dict[int, list[int]] = {}
    states: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        states[int(entry.name)] = fields[0]
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), list(children.get(root, []))
    while todo:
        pid = todo.pop()
        found.add(pid)
        todo.extend(children.get(pid, []))
    return {pid for pid in found if states.get(pid) != "Z"}


def _still_alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def test_sigkill_of_annotate_leaves_no_process_behind(generated: list[Path], tmp_path: Path) -> None:
    command = [sys.executable, "-m", "service.cli", "annotate", *map(str, generated),
               "--out", str(tmp_path / "out"), "--jobs", "2"]
    parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        tree: set[int] = set()
        # forkserver and resource tracker below the parent, two workers below the forkserver
        while len(tree) < 4 and parent.poll() is None and time.monotonic() < deadline:
            tree |= _alive_descendants(parent.pid)
            time.sleep(0.02)
        assert len(tree) >= 4, f"the workers did not start: {tree}"
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while _still_alive(tree) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _still_alive(tree) == set()
    finally:
        for pid in _still_alive(tree):
            os.kill(pid, signal.SIGKILL)
        parent.kill()
