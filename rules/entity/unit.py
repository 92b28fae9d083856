"""entity.unit: a report speaking of itself as another unit (我镇 in a 县委办 report)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from models import Evidence, Finding, Severity

from ..index import ClaimIndex
from ..registry import Params, Rule, register

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


#: township-level bodies
_TOWNSHIP = ("镇", "乡", "街道")
#: a sentence that names the report's own units: 所属事业单位, 纳入…决算编制范围的单位包括
_OWN_UNITS = regex.compile(r"所属|下属|二级单位|本级|编制范围|单位构成|包括")
#: where a sentence ends, for the sentence around a name
_CLAUSE_MARKS = ("。", "；", ";", "\n")


def _span(doc, start: int, end: int):
    """An original-text span for normalized offsets (the text read as simplified)."""
    return doc.span(doc.offsets.to_original(start), doc.offsets.to_original(end))


#: the word a body uses for itself, by how its name ends
_BODY_SELF = (("委员会", "委"), ("办公室", "办"), ("中心", "中心"), ("学校", "校"), ("街道办事处", "街道"),
              ("局", "局"), ("院", "院"), ("所", "所"), ("厅", "厅"), ("委", "委"), ("部", "部"))


def _self_words(kind: str, name: str) -> set[str]:
    """我局, 我委, 我单位…: what a body of this kind may call itself, and its place (我县)."""
    words = {"单位", "部", "县", "区", "市"} if not name.endswith(("镇", "乡")) else {"单位"}
    words |= {word for ending, word in _BODY_SELF if kind.endswith(ending)}
    if "镇" in name[-6:]:
        words.add("镇")
    if "乡" in name[-6:]:
        words.add("乡")
    return words


def _same_unit(named: str, unit: str) -> bool:
    """Whether a field's name is the unit's, in full or shortened (县文旅局 for 桃溪县文化旅游
    广电体育局, 县委办 for 中共桃溪县委员会办公室): one name's characters appear in the
    other's in order. Another department (县财政局) or another place (青溪县…) has a
    character the unit's name lacks."""
    short, full = sorted((named, unit), key=len)
    rest = iter(full)
    return all(char in rest for char in short)


def _listed(text: str, name: str) -> bool:
    """Whether the report lists `name` among its own units (所属事业单位 in a 部门决算 that
    consolidates them) somewhere other than in a field."""
    for m in regex.finditer(regex.escape(name), text):
        start = max(text.rfind(mark, 0, m.start()) for mark in _CLAUSE_MARKS) + 1
        end = min((i for mark in _CLAUSE_MARKS if (i := text.find(mark, m.end())) >= 0), default=len(text))
        if _OWN_UNITS.search(text, start, end):
            return True
    return False


@register("entity.unit")
class UnitReference(Rule[Params]):
    """A report names itself consistently: a 县委办 does not write 我镇, and does not say it
    handles what 县人民政府领导交办 (both copied from another unit's template).

    **Anti-pattern**: 县委办 report: 2020年我镇预算138.6万元.

    **Correct**: 我办严格按照规定编制了完整的目标绩效管理办法.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        doc = index.document
        kind = doc.meta.unit_kind
        if kind is None:
            return
        office = kind in _KIND_SELF
        allowed = _KIND_SELF[kind] if office else _self_words(kind, doc.meta.unit_name or "")
        unit = doc.meta.unit_name or kind
        # For any other body the words it may use for itself are a guess from its name; a
        # township's 我镇 in a county or city body's report is wrong whatever the body.
        for m in _SELF.finditer(doc.text):
            if m.group(1) not in allowed:
                township = m.group(1) in _TOWNSHIP and not any(t in unit for t in _TOWNSHIP)
                severity = Severity.ERROR if office or township else Severity.WARNING
                yield self._finding(_span(doc, m.start(), m.end()), unit, severity)
        if doc.meta.unit_name:
            for field in doc.meta.unit_fields:
                if not _same_unit(field.name, doc.meta.unit_name) and not _listed(doc.text, field.name):
                    yield self._finding(field.span, unit, Severity.WARNING)
        foreign = _FOREIGN.get(kind)
        if foreign is not None:
            for m in foreign.finditer(doc.original):
                yield self._finding(doc.span(m.start(), m.end()), unit, Severity.WARNING)

    def _finding(self, span, unit: str, severity: Severity) -> Finding:
        return self.structure("ENTITY_MISMATCH", [Evidence(role="stated", span=span)],
                              severity=severity, expected_text=unit, unit=unit, text=span.text)
