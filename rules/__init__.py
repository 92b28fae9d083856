"""The checks: one small documented rule per kind of inconsistency.

`check(document, claims)` runs every enabled rule and returns a Report. Rules read only
the models (they never import the extractor), so they can check claims from any source.
"""

from .config import RulesProfile, load_profile, read_profile
from .engine import check, rule_ids

__all__ = ["RulesProfile", "check", "load_profile", "read_profile", "rule_ids"]
