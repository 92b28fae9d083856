"""The base of every hecha model, and the span type every model points with."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, Self

from pydantic import BaseModel, ConfigDict, model_validator


class _Fields(NamedTuple):
    """What `trusted` needs of a model class, computed once per class."""

    optional_names: frozenset[str]
    optional: list[tuple[str, Any, Callable[[], Any] | None]]  # name, default, factory
    every: set[str]  # all fields' names: the fields set of an instance given them all


_FIELDS: dict[type, _Fields] = {}

# The slots every pydantic model has, set directly: `BaseModel.__setattr__` validates, and
# `object.__setattr__` looks the slot up by name on every call.
_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def _fields(cls: type[BaseModel]) -> _Fields:
    optional = [(name, field.default, field.default_factory)
                for name, field in cls.model_fields.items() if not field.is_required()]
    return _Fields(frozenset(name for name, _, _ in optional), optional,  # type: ignore[arg-type]
                   set(cls.model_fields))


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
        fields = _FIELDS.get(cls)
        if fields is None:
            fields = _FIELDS[cls] = _fields(cls)
        if not fields.optional_names <= values.keys():  # in field order, as pydantic dumps them
            for name, default, factory in fields.optional:
                if name not in values:
                    values[name] = factory() if factory is not None else default
        obj = _new(cls)
        _set_dict(obj, values)
        # Every field is set, so every instance can share one set: pydantic only ever adds
        # to it (on assignment), and adds names it already holds.
        every = fields.every
        _set_fields_set(obj, every if len(values) == len(every) else set(values))
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
