"""The base of every hecha model, and the span type every model points with."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, model_validator

#: per model class: the names of its optional fields, and each with its default value or factory
_DEFAULTS: dict[type, tuple[frozenset[str], list[tuple[str, Any, Callable[[], Any] | None]]]] = {}

# The slots every pydantic model has, set directly: `BaseModel.__setattr__` validates, and
# `object.__setattr__` looks the slot up by name on every call.
_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def _defaults(cls: type[BaseModel]) -> tuple[frozenset[str], list[tuple[str, Any, Callable[[], Any] | None]]]:
    optional = [(name, field.default, field.default_factory)
                for name, field in cls.model_fields.items() if not field.is_required()]
    return frozenset(name for name, _, _ in optional), optional  # type: ignore[misc]


class HechaModel(BaseModel):
    """Strict, immutable-by-convention base: unknown keys are typos, not data."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """Build an instance from values the caller has already checked, without validation.

        The extractor builds tens of thousands of spans, figures and claims per megabyte
        from offsets that are right by construction; validating each again (or pydantic's
        `model_construct`, which inspects every default factory on every call) costs more
        than the extraction itself. Everything read back from JSON is validated as usual.
        """
        defaults = _DEFAULTS.get(cls)
        if defaults is None:
            defaults = _DEFAULTS[cls] = _defaults(cls)
        names, optional = defaults
        if not names <= values.keys():  # in field order, as pydantic dumps them
            for name, default, factory in optional:
                if name not in values:
                    values[name] = factory() if factory is not None else default
        obj = _new(cls)
        _set_dict(obj, values)
        _set_fields_set(obj, set(values))
        _set_extra(obj, None)
        _set_private(obj, None)
        return obj


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
