"""entity.unit: a report speaking of itself as another unit (我镇 in a 县委办 report)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from models import Evidence, Finding, Severity, StructureFinding, message

from ..index import ClaimIndex
from ..registry import Rule, register

#: how a unit refers to itself, by the kind of unit it is
_SELF = regex.compile(r"我(镇|乡|街道|局|院|校|所|县|区|市|委|办|部|厅|中心|单位)")
_KIND_SELF = {"县委办": {"办", "委", "单位", "县"}, "区委办": {"办", "委", "单位", "区"},
              "市委办": {"办", "委", "单位", "市"}, "县政府办": {"办", "单位", "县"},
              "区政府办": {"办", "单位", "区"}}
#: template leftovers: a party office naming the government's leaders as its principals
_FOREIGN = {
    "县委办": regex.compile(r"县人民政府领导交办|县人民政府及办公室|县政府领导交办"),
    "区委办": regex.compile(r"区人民政府领导交办|区政府领导交办"),
    "县政府办": regex.compile(r"县委领导交办"),
}


@register("entity.unit")
class UnitReference(Rule):
    """A report names itself consistently: a 县委办 does not write 我镇, and does not say it
    handles what 县人民政府领导交办 (both copied from another unit's template).

    **Anti-pattern**: 县委办 report: 2020年我镇预算138.6万元.

    **Correct**: 我办严格按照规定编制了完整的目标绩效管理办法.
    """

    name = "entity.self_reference"

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        doc = index.document
        kind = doc.meta.unit_kind
        if kind is None:
            return
        allowed = _KIND_SELF.get(kind, set())
        unit = doc.meta.unit_name or kind
        for m in _SELF.finditer(doc.original):
            if m.group(1) not in allowed:
                yield self._finding(doc.span(m.start(), m.end()), unit, Severity.ERROR)
        foreign = _FOREIGN.get(kind)
        if foreign is not None:
            for m in foreign.finditer(doc.original):
                yield self._finding(doc.span(m.start(), m.end()), unit, Severity.WARNING)

    def _finding(self, span, unit: str, severity: Severity) -> Finding:
        msg = message("ENTITY_MISMATCH", unit=unit, text=span.text)
        return StructureFinding(rule=self.id, severity=severity, message_zh=msg.zh,
                                message_en=msg.en, expected_text=unit,
                                evidence=[Evidence(role="stated", span=span)])
