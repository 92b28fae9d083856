"""Self-evaluation score tables: totals, weights, 得分 ≤ 分值, and the grade."""

from . import grade, over_weight, total  # noqa: F401
