"""heap.settle, run in a child process: it changes the collector of the whole process."""

import subprocess
import sys

CHILD = """
import gc
import service.annotate.worker  # what a checking process imports
from service.heap import YOUNG_THRESHOLD, settle

before = gc.get_threshold()
settle()
after = gc.get_threshold()
assert gc.get_freeze_count() > 10_000, gc.get_freeze_count()
assert after == (YOUNG_THRESHOLD, *before[1:]), (before, after)
cycle = []
cycle.append(cycle)
del cycle
assert gc.collect() >= 1  # cyclic garbage is still found, frozen objects aside
print("settled")
"""


def test_settle_freezes_the_imports_and_spaces_young_collections():
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "settled"
