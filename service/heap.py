"""Garbage-collector settings for the processes that check documents.

Checking one report allocates a few hundred thousand objects, nearly all of them freed by
reference counting as soon as the document is done. With CPython's default thresholds the
cyclic collector still runs about 14 young collections per document and a full one every
seven documents or so, and every full one walks the whole heap, including the ~50,000
objects the imports left behind (spaCy, jieba, the pydantic models), which never die.
Measured with gc.callbacks over 100 generated reports, three rounds: collections took
5.0–6.8 ms of a 52–68 ms document; with those objects frozen (`gc.freeze`: never scanned
again) 2.6–3.3 ms; with the young generation also collected every 10,000 instead of every
700 allocations, 1.8–2.3 ms. Cyclic garbage is still collected, in larger batches.

Only processes that do nothing but check documents get this: the local pool of `hecha
annotate`, the API's checking processes and the Dask workers an annotate run is sent to
(started for hecha, see the README; a Dask worker's own heap is larger still, and settling
it took a LocalCluster run of 1,000 documents from 58.7 to 43.7 s). Never the server or
the `hecha annotate` process itself.
"""

from __future__ import annotations

import gc

#: Allocations (net of deallocations) between two young collections; CPython's is 700.
YOUNG_THRESHOLD = 10_000


def settle() -> None:
    """Freeze what exists now (imports, loaded resources) and space out young collections.

    Call once, when the process has imported what it needs and before its first document.
    """
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
