"""A progress bar on stderr for long replays: rich's when installed, else a plain one-line bar.

Callers advance it in chunks (thousands of calls), never per call, so it costs nothing measurable.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["Progress"]


class Progress:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._rich: Any = None
        if enabled:
            try:
                from rich.progress import (  # noqa: PLC0415 (only when a bar is shown)
                    BarColumn,
                    MofNCompleteColumn,
                    TextColumn,
                    TimeElapsedColumn,
                )
                from rich.progress import Progress as RichProgress  # noqa: PLC0415

                self._rich = RichProgress(
                    TextColumn("{task.description:<34}"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeElapsedColumn(),
                    transient=False,
                    redirect_stdout=False,
                )
            except ImportError:  # pragma: no cover - rich is a dependency; the plain bar is the fallback
                self._rich = None

    def __enter__(self) -> Progress:
        if self._rich is not None:
            self._rich.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._rich is not None:
            self._rich.stop()

    @contextmanager
    def task(self, label: str, total: int) -> Iterator[Callable[[int], None]]:
        """A bar for one phase; yields `advance(n)`; the bar is completed on exit."""
        if not self.enabled:
            yield lambda n: None
            return
        if self._rich is not None:
            task_id = self._rich.add_task(label, total=max(total, 1))
            yield lambda n: self._rich.advance(task_id, n)
            self._rich.update(task_id, completed=max(total, 1))
            return
        done = [0]
        started = time.monotonic()

        def advance(n: int) -> None:
            done[0] = min(total, done[0] + n)
            _plain(label, done[0], total, started)

        yield advance
        _plain(label, total, total, started)
        sys.stderr.write("\n")


def _plain(label: str, done: int, total: int, started: float) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    sys.stderr.write(
        f"\r{label:<34} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
        f"{time.monotonic() - started:5.1f}s"
    )
    sys.stderr.flush()
