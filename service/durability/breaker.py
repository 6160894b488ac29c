"""The circuit breaker in front of Redis: after failures in a row, answer from policy alone for a while."""

from __future__ import annotations

import time

__all__ = ["Breaker"]


class Breaker:
    """Circuit breaker for Redis: after repeated failures, answer from policy alone for a while
    instead of making every call wait out a timeout.

    One slow read under load only degrades that call; it takes `threshold` failures in a row (or
    the health probe failing) to open, so a blip does not turn into a second of degraded answers."""

    def __init__(self, open_ms: int, threshold: int = 3) -> None:
        self.open_s = open_ms / 1000
        self.threshold = threshold
        self.open_until = 0.0
        self.failures = 0
        self.consecutive = 0

    @property
    def closed(self) -> bool:
        return time.monotonic() >= self.open_until

    def fail(self) -> None:
        self.failures += 1
        self.consecutive += 1
        if self.consecutive >= self.threshold:
            self.open_until = time.monotonic() + self.open_s

    def trip(self) -> None:
        """Open at once: the health probe found Redis unreachable."""
        self.failures += 1
        self.consecutive = self.threshold
        self.open_until = time.monotonic() + self.open_s

    def succeed(self) -> None:
        self.consecutive = 0
        self.open_until = 0.0
