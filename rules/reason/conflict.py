"""reason.conflict: one change explained with different causes in different places."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from models import Claim, ConfigError, ConflictFinding, Evidence, Finding, Role, Severity, message

from ..index import ClaimIndex
from ..registry import Params, Rule, register
from .comparators import COMPARATORS, Comparison, Explanation, Verdict, category, get_comparator
from .semantic.directory import check_model_dir, resolve_model_dir


def known_comparator(name: str) -> str:
    if name not in COMPARATORS:
        raise ValueError(f"unknown comparator {name!r} (known: {', '.join(sorted(COMPARATORS))})")
    return name


class ReasonParams(Params):
    comparator: Annotated[str, AfterValidator(known_comparator)] = "taxonomy.v1"
    # model.v1 only: the model directory (else $HECHA_MODEL_DIR, else the shipped model),
    # the device (else CUDA when available), texts per batch, and the lowest probability at
    # which the pair model's verdict is taken (below it the cause labels decide).
    model_dir: str | None = None
    device: str | None = None
    batch_size: Annotated[int, Field(gt=0)] = 64
    min_score: Annotated[float, Field(ge=0, le=1)] = 0.5

    @model_validator(mode="after")
    def _model_dir_complete(self) -> ReasonParams:
        """A wrong model directory fails at start-up, naming the missing files."""
        if self.comparator == "model.v1":
            try:
                check_model_dir(resolve_model_dir(self.model_dir))
            except ConfigError as exc:
                raise ValueError(exc.msg.en) from exc
        return self

    def settings(self) -> dict[str, object]:
        return {"model_dir": self.model_dir, "device": self.device, "batch_size": self.batch_size,
                "min_score": self.min_score}


def _names(keys: frozenset[str], lang: str) -> str:
    return "、".join(getattr(category(k), lang) for k in sorted(keys)) or "—"


@register("reason.conflict")
class ReasonConflict(Rule[ReasonParams]):
    """The same change of the same subject must not be explained by different causes.

    Explanations are compared through a pluggable comparator: by the causes they name
    (rules/data/causes.yaml: epidemic, reorganisation or merger, staffing, austerity,
    projects, policy…) with "taxonomy.v1", or by a model with "model.v1"
    (`reason.conflict: {comparator: model.v1, model_dir: DIR}`), which also tells paraphrases
    apart and finds contradictions (a denied cause, one factor moving both ways). Disjoint
    causes and contradictions are conflicts; an added cause is compatible.

    **Anti-pattern**: 公务接待费…减少9.84万元，主要原因是受疫情影响 … and later 公务接待费比上年
    减少9.84万元（主要原因是县委、县政府接待处已与机关事务中心合并.

    **Correct**: 财政拨款收入…增加180.52万元，主要是因为职能增加，石峰区档案局合并 … and 财政
    拨款支出…增加180.52万元，主要是因为职能增加，石峰区档案局合并.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        params: ReasonParams = self.params  # type: ignore[assignment]
        compare = get_comparator(params.comparator, **params.settings())
        groups: dict[tuple, dict[int, Claim]] = defaultdict(dict)
        for claim in index.with_role(Role.CHANGE, Role.CHANGE_RATE):
            if claim.reason is not None and claim.direction is not None:
                key = (claim.subject, claim.period, claim.direction)
                groups[key].setdefault(claim.reason.span.start, claim)
        for (subject, _period, _direction), by_reason in groups.items():
            explained = list(by_reason.values())
            for i, a in enumerate(explained):
                for b in explained[i + 1:]:
                    assert a.reason is not None and b.reason is not None
                    result = compare(Explanation.of(a.reason), Explanation.of(b.reason))
                    if result.verdict.conflicting:
                        yield self._finding(subject, a, b, result)

    def _finding(self, subject: str, a: Claim, b: Claim, result: Comparison) -> ConflictFinding:
        assert a.reason is not None and b.reason is not None
        if result.score is None:
            code = "REASON_CONFLICT"
        elif result.verdict is Verdict.CONTRADICTORY:
            code = "REASON_CONTRADICTION"
        else:
            code = "REASON_CONFLICT_MODEL"
        msg = message(
            code, subject=subject, score=f"{result.score or 0:.2f}",
            a=a.reason.span.text[:40], b=b.reason.span.text[:40],
            cause_a=_names(result.causes_a, "zh"), cause_b=_names(result.causes_b, "zh"),
            cause_a_en=_names(result.causes_a, "en"), cause_b_en=_names(result.causes_b, "en"),
        )
        return ConflictFinding(
            rule=self.id,
            severity=Severity.WARNING,
            message_zh=msg.zh,
            message_en=msg.en,
            subject=subject,
            evidence=[
                Evidence(role="reason", span=a.reason.span, claim=a.id),
                Evidence(role="reason", span=b.reason.span, claim=b.id),
                Evidence(role="change", span=a.quantity.span, claim=a.id, value=a.quantity.value),
                Evidence(role="change", span=b.quantity.span, claim=b.id, value=b.quantity.value),
            ],
        )
