"""The checks: one small documented rule per kind of inconsistency.

`check(document, claims)` runs every enabled rule and returns a Report. Rules read only
the models (they never import the extractor), so they can check claims from any source.
"""

from .config import RulesConfig, load_config, read_profile
from .engine import check, rule_ids

__all__ = ["RulesConfig", "check", "load_config", "read_profile", "rule_ids"]
