"""Importing this module registers every rule: each family package lists its rules."""

from . import (  # noqa: F401
    code,
    completeness,
    completion,
    direction,
    entity,
    identity,
    period,
    rate,
    reason,
    score,
    share,
    sum,
    table,
    text,
    unit,
    value,
    wording,
)
