"""How the event loop's thread spent a stretch of time: on a CPU, waiting for one, or idle.

Admission (api/admission.py) counts a late loop turn as saturation only if the loop was busy:
working whenever it could run. The time it waited for a CPU (runnable while other processes had
it) is set apart, so that what is left is either work (busy) or sleep in the selector (idle:
waiting on Redis or the network). CPU time alone cannot tell: on a shared machine a saturated loop
gets only part of a core, and measured (docs/performance.md) it then never looked busy and a 4x
flood went unshed.
"""

from __future__ import annotations

import os
import time

__all__ = ["ThreadClock"]


class ThreadClock:
    """The opening thread's CPU time (time.thread_time(), exact) and the time it spent runnable but
    waiting for a CPU (the second field of Linux's /proc/thread-self/schedstat, read with one pread
    of a few µs; it grows when the thread gets a CPU back, so the thread itself sees it whole).
    Elsewhere, or if the file cannot be read, the wait is taken as 0."""

    def __init__(self) -> None:
        try:
            self._fd: int | None = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
        except OSError:
            self._fd = None

    def read(self) -> tuple[float, float]:
        """(CPU seconds, seconds waited for a CPU), both since the thread started."""
        if self._fd is not None:
            try:
                return time.thread_time(), int(os.pread(self._fd, 64, 0).split()[1]) / 1e9
            except (OSError, ValueError, IndexError):
                self.close()
        return time.thread_time(), 0.0

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    @staticmethod
    def busy(cpu_s: float, waited_s: float, wall_s: float, share: float) -> bool:
        """Over a stretch of `wall_s`: did the thread spend at least `share` of the time it could
        run (the wall time less its wait for a CPU) on the CPU?"""
        return cpu_s >= share * (wall_s - waited_s)
