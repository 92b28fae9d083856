"""The base of every hecha model, and the span type every model points with."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, model_validator


class HechaModel(BaseModel):
    """Strict, immutable-by-convention base: unknown keys are typos, not data."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Span(HechaModel):
    """A range of the *original* text (code points, end exclusive) and the text it covers.

    Every span in hecha's models points into `Document.original`, never into the normalized
    text, so any consumer can highlight it without knowing how hecha normalized.
    """

    start: int
    end: int
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"span start {self.start} must be >= 0 and <= end {self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError("span text length must equal end - start")
        return self
