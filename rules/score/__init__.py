"""Self-evaluation score tables: totals, weights, 得分 ≤ 分值, and the grade."""

from . import execution, grade, over_weight, total  # noqa: F401
