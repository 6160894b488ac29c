"""How many examples a property test draws, by where it runs.

The unit tier run on its own (`pytest tests/unit`, the edit-test loop) draws a fifth of each test's
examples, so it stays well under 30 s; the whole suite (`./scripts/test.sh`, which CI runs) sets
PROPERTY_EXAMPLES=full and draws every one. The assertions are the same in both; only the count of
generated cases differs, so the bigger run still finds what a smaller one might miss.
"""

from __future__ import annotations

import os

__all__ = ["FULL", "examples"]

FULL = os.environ.get("PROPERTY_EXAMPLES") == "full"


def examples(full: int) -> int:
    """`full` in the whole suite; a fifth of it (at least 5) in a unit-tier run."""
    return full if FULL else max(5, full // 5)
