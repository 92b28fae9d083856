"""Budget completion, execution and control rates."""

from . import control, rate, zero_budget  # noqa: F401
