"""Calls refused for overload, counted per jurisdiction and logged as one line per interval.

A flood is refused thousands of times a second; one log line each would cost more than the refusal
itself and bury real faults (issue 19 counted 40,123 lines in one flood). The live count is the
`dispatch_shed_total` metric; this is the summary an operator reads in the log.
"""

from __future__ import annotations

import logging
import time
from collections import Counter

__all__ = ["ShedLog"]

log = logging.getLogger("dispatch.admission")


class ShedLog:
    def __init__(self, every_s: float, wait_s: float) -> None:
        self.counts: Counter[str] = Counter()  # since the last line
        # Of those, refused by the lag rule (the loop late and busy several turns in a row) rather
        # than for want of a slot: two causes an operator acts on differently (docs/performance.md:
        # in a Redis failover it was the lag rule, with 4 calls in flight, while the line said "slot").
        self.saturated = 0
        self.total = 0  # since start
        self.every_s = every_s
        self.wait_s = wait_s
        self.logged_at = time.monotonic()

    def count(self, jurisdiction: str, saturated: bool = False) -> None:
        self.counts[jurisdiction] += 1
        self.saturated += saturated
        self.total += 1
        now = time.monotonic()
        if now - self.logged_at >= self.every_s:
            self.flush(now)

    def flush_due(self) -> None:
        """Called by the background poll: the summary is logged after a flood ends too."""
        if self.counts and time.monotonic() - self.logged_at >= self.every_s:
            self.flush()

    def flush(self, now: float | None = None) -> None:
        """One line for every call shed since the last one."""
        now = time.monotonic() if now is None else now
        if self.counts:
            detail = ", ".join(f"{j}: {n}" for j, n in self.counts.most_common(5))
            total = sum(self.counts.values())
            log.warning(
                "shed %d call(s) over %.0f s: %d with the loop saturated, %d with no slot within %.0f ms"
                " (%s)",
                total,
                now - self.logged_at,
                self.saturated,
                total - self.saturated,
                self.wait_s * 1000,
                detail,
            )
            self.counts.clear()
            self.saturated = 0
        self.logged_at = now
