"""The rule of certainty: a finding is an error only where every figure it rests on is sure.

Rules decide whether the printed figures disagree; this module decides how loudly to say
so. A figure read from a table no known form matched, or given its subject or role from
context rather than from its own words (models.Reading), may be misread: arithmetic that
rests on it beside sure figures is shown as a warning that asks for review (请核对), never as
an error, and arithmetic on nothing but such figures is not shown. The same place lists the
tables hecha read but could not check, so silence is never mistaken for a clean bill.
"""

from __future__ import annotations

from itertools import combinations

from models import Claim, Finding, MismatchFinding, Reading, Severity, Unchecked, message

from .arith import in_wan
from .index import ClaimIndex

#: why a reading is unsure, in both languages, for the review note
_WHY: dict[Reading, tuple[str, str]] = {
    Reading.HEADER: ("所在表格未能识别为标准格式", "its table matched no known form"),
    Reading.CONTEXT: ("主语或口径由上下文推断", "its subject or role was inferred from context"),
    Reading.GUESS: ("主语或口径无法确定", "its subject or role could not be determined"),
    Reading.NAMESAKE: ("所述的项未注明所属款，可能是同名的另一项",
                       "its 项 is named without its 款 and may be a namesake"),
    Reading.TOPIC: ("主语由上下文推断", "its subject was inferred from context"),
    Reading.PHRASE: ("主语为原文措辞，未能对应到标准科目",
                     "its subject is the text's own words, no known term"),
}


def settle(finding: Finding, index: ClaimIndex) -> Finding | None:
    """`finding` as it may be reported: an error on an unsure reading becomes a review
    warning, and a finding on nothing but unsure readings is not reported at all (its
    tables are listed as not checked): an auditor reads a warning, not a guess."""
    claims = [c for c in (index.by_id.get(e.claim) for e in finding.evidence if e.claim) if c]
    # arithmetic inside one sentence does not depend on which of its namesakes a 项 is, nor
    # on what term the sentence's own words for a subject stand for
    within = not isinstance(finding, MismatchFinding) and len({c.sentence for c in claims}) == 1 \
        and claims[0].sentence is not None
    unsure = [c for c in claims if not c.reading.certain
              and not (within and c.reading.sure_within_sentence)]
    if claims and len(unsure) == len(claims):
        return None
    if isinstance(finding, MismatchFinding) and unsure and not _disagree(
            [c for c in claims if c.reading.certain]):
        return None  # "the same figure" is only a guess when no two sure mentions differ
    if finding.severity is not Severity.ERROR:
        return finding
    if not unsure or isinstance(finding, MismatchFinding):
        return finding
    zh, en = _WHY[unsure[0].reading]
    printed = unsure[0].quantity.span.text
    note = message("NEEDS_REVIEW", why=f"“{printed}”{zh}", why_en=f"'{printed}': {en}")
    return finding.model_copy(update={
        "severity": Severity.WARNING,
        "review": True,
        "message_zh": finding.message_zh + note.zh,
        "message_en": finding.message_en + note.en,
    })


def _disagree(mentions: list[Claim]) -> bool:
    """Whether two of these mentions of one figure cannot be the same value."""
    return any(not in_wan(a.quantity).meets(in_wan(b.quantity)) for a, b in combinations(mentions, 2))


def unchecked_tables(index: ClaimIndex) -> list[Unchecked]:
    """Tables with figures that no known form matched, or whose header does not fit them."""
    out = []
    document = index.document
    for table in document.tables:
        if (table.form is not None and not table.unsure) or not index.by_table.get(table.id):
            continue
        end = document.original.find("\n", table.start)
        end = table.end if end < 0 or end > table.end else end
        title = table.title or document.original[table.start:end].strip()[:30]
        msg = message("TABLE_UNRECOGNISED", title=title)
        out.append(Unchecked(kind="table", span=document.span(table.start, end),
                             reason_zh=msg.zh, reason_en=msg.en))
    return out
