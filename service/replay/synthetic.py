"""A longer call stream resampled from real calls, for benchmarks and planning over a longer horizon.

Each synthetic call is a real call (type, priority, zone, narrative, local time of the week) moved
by a random whole number of weeks, so the weekly pattern and the call mix are the real ones and the
stream covers as many weeks as its size needs at the real daily volume.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import numpy as np

from service.replay.calls import CallTable, _Clock

__all__ = ["resample"]


def resample(table: CallTable, n: int, seed: int = 1) -> CallTable:
    """n calls drawn with replacement from `table`, spread over the weeks n calls need; sorted by time."""
    if not len(table):
        raise ValueError("no calls to resample")
    rng = np.random.default_rng(seed)
    days = max(1, len(np.unique(table.day)))
    weeks = max(1, math.ceil(n / (len(table) / days) / 7))
    pick = rng.integers(0, len(table), size=n)
    shift = rng.integers(0, weeks, size=n)
    out = table.take(pick)
    clock = _Clock(table.tz, table.tz)
    ts, mow, day = out.ts.copy(), out.mow.copy(), out.day.copy()
    for i, (t, k) in enumerate(zip(out.ts.tolist(), shift.tolist(), strict=True)):
        wall = datetime.fromtimestamp(t, table.tz).replace(tzinfo=None) + timedelta(weeks=k)
        ts[i], mow[i], day[i] = clock.convert(wall)
    out.ts, out.mow, out.day = ts, mow, day
    out.ids = [f"{table.ids[p]}~{k}" for p, k in zip(pick.tolist(), shift.tolist(), strict=True)]
    out.meta = {**table.meta, "synthetic": {"calls": n, "weeks": weeks, "seed": seed, "from": len(table)}}
    return out.take(out.order())
