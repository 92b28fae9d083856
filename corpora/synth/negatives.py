"""True negatives: statements a rendering makes that look wrong and are right.

Printed parts rounded one by one do not always add up to their printed total, a share
recomputed from printed figures may round the other way, a growth rate recomputed from a
printed figure and its printed change may differ in the last digit: all within rounding.
A code such as 201 in a code column is not an amount, the 三公 合计 does not add its 其中
rows twice, and 较2021年 in a 2022 report is a comparison, not a period error. Any of these
an error-level finding points at is a false alarm. Statements a plant touched are left out.
"""

from __future__ import annotations

import random
from decimal import Decimal

from .doc import Doc, Slot
from .gold import Entry
from .money import percent, round_to

LIMIT = 8


def _untouched(slot: Slot, used: set[int], keys: set[str]) -> bool:
    return slot.group not in used and slot.key not in keys


def _rounding(doc: Doc, used: set[int], keys: set[str]) -> list[Entry]:
    out: list[Entry] = []
    for slot in doc.slots():
        if not _untouched(slot, used, keys) or slot.printer is None:
            continue
        if slot.kind == "share" and slot.value is not None:
            part, whole = slot.info["part_slot"], slot.info["whole_slot"]
            if part.value is None or not whole.value or not _untouched(part, used, keys):
                continue
            again = round_to(percent(part.value, whole.value), slot.printer.decimals)
            if again != slot.value:
                out.append(
                    Entry(
                        "share-rounding",
                        slot,
                        f"{part.text} / {whole.text} = "
                        f"{percent(part.value, whole.value):.4f}%; {slot.text} is the share of the "
                        "unrounded figures, inside the rounding of the printed ones",
                    )
                )
        elif slot.kind == "rate" and slot.value is not None and slot.info.get("change_slot") is not None:
            current, change = slot.info["current_slot"], slot.info["change_slot"]
            if current.value is None or change.value is None:
                continue
            rose = slot.info["current"] > slot.info["prior"]
            prior = current.value - change.value if rose else current.value + change.value
            if not prior:
                continue
            again = round_to(percent(change.value, prior), slot.printer.decimals)
            if again != slot.value:
                out.append(
                    Entry(
                        "rate-rounding",
                        slot,
                        f"{change.text} / {prior} = {percent(change.value, prior):.4f}%; "
                        f"{slot.text} is the rate of the unrounded figures",
                    )
                )
        elif slot.kind == "amount" and (slot.info.get("parts") or slot.info.get("children")):
            parts: list[Slot] = slot.info.get("parts") or slot.info["children"]
            if not all(_untouched(p, used, keys) and p.value is not None for p in parts):
                continue
            total = sum((p.value for p in parts if p.value is not None), Decimal(0))
            if (
                slot.value is not None
                and total != slot.value
                and abs(total - slot.value) <= len(parts) * slot.printer.ulp / 2
            ):
                out.append(
                    Entry(
                        "sum-rounding",
                        slot,
                        f"the printed parts add up to {total}; {slot.text} is the "
                        "total of the unrounded parts, inside the rounding of the printed ones",
                    )
                )
    return out


def _looks_wrong(doc: Doc, used: set[int], keys: set[str]) -> list[Entry]:
    out: list[Entry] = []
    for slot in doc.slots():
        if not _untouched(slot, used, keys):
            continue
        if slot.kind == "code":
            out.append(
                Entry(
                    "code-cell", slot, f"{slot.text} is a classification code in a code column, not an amount"
                )
            )
        elif slot.kind == "amount" and slot.key == "sg.total.actual" and slot.table == "sangong":
            out.append(
                Entry(
                    "sangong-total",
                    slot,
                    "合计 = 因公出国（境）费 + 公务用车购置及运行费 小计 + 公务接待费; "
                    "购置费 and 运行费 are inside the 小计 and are not added again",
                )
            )
        elif slot.kind == "year_prior":
            out.append(
                Entry(
                    "prior-year",
                    slot,
                    f"{slot.text} is last year, named for a comparison, not a period error",
                )
            )
    return out


def true_negatives(doc: Doc, rng: random.Random, used: set[int], keys: set[str]) -> list[Entry]:
    rounding = _rounding(doc, used, keys)
    other = _looks_wrong(doc, used, keys)
    rng.shuffle(rounding)
    rng.shuffle(other)
    chosen = rounding[:5] + other[:3]
    seen: set[int] = set()
    out = []
    for n, entry in enumerate(chosen, start=1):
        if id(entry.slot) in seen:
            continue
        seen.add(id(entry.slot))
        entry.id = f"{entry.id}-{n}"
        out.append(entry)
    return out[:LIMIT]
