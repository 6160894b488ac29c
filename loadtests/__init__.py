"""Load-test harness: an open-loop generator, stack-floor baselines and the runner that compares them.

See loadtests/README.md for how to run it and how to register the service as a target.
"""

from __future__ import annotations

__all__: list[str] = []
