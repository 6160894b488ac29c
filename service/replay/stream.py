"""Replay in bounded memory: the export read in batches and folded into weighted calls.

`read_calls` (calls.py) keeps every call's columns, ~130 bytes a call, so a statewide year needs
gigabytes. The classification figures do not need calls one by one: `plan` reads the call type,
priority, zone, the areas holding the point, the minute of the week up to the policy's opening
and closing minutes, and the date up to its programs' start and end dates; the summary adds the
hour of the week, the zone as written and whether the call has coordinates. Calls equal in all of
these are one *weighted call*: one row of a CallTable with a `weight`, the first such call standing
for the others (any of them would get the same plan: the grouping classify.py uses, and tests,
is coarser than this one). polars' streaming engine runs the scan plan (scan.py) and hands over
batches in file order; each batch is folded into the weighted rows, which are merged whenever
they grow, so memory follows the variety of the calls (call types x zones x hours ...), not their
number. Rows dropped or excluded, unread priorities, missing coordinates, the period and the dates
are counted per batch.

Not streamed: a roster simulation (it needs the calls in time order), one-row-per-unit exports
(`dedupe` needs every incident id), narratives (screened call by call) and `--no-cache`; the CLI
reads those with `read_calls`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt
import polars as pl

from service.policy.compiled import CompiledPolicy
from service.replay.calls import CallTable
from service.replay.classify import area_bits, date_states, open_segments
from service.replay.mapping import Mapping, MappingError
from service.replay.scan import NO_TIME, check_read_share, finish, planned, source_for

__all__ = ["BATCH_ROWS", "streamable", "weighted_calls"]

BATCH_ROWS = 200_000
_MERGE_AT = 100_000  # weighted rows gathered before they are merged (~10 MB)

# The key of a weighted call, then what its first call carries.
_KEY = ("code", "priority", "zone", "how", "segment", "areas", "xy", "dated")


def streamable(mapping: Mapping) -> bool:
    """Whether the export can be folded into weighted calls (see the module's docstring)."""
    return not mapping.dedupe and mapping.columns.narrative is None


class _Labels:
    """Labels in order of first appearance over the whole stream (as calls.py's `_dense` gives
    for the whole file), each passed through `rename`; `first` is label 0. A batch's categorical
    ids are looked up in a table, so only a label not met before is read as text."""

    def __init__(self, first: str | None = None, rename: dict[str, str] | None = None) -> None:
        self.index: dict[str, int] = {} if first is None else {first: 0}
        self.rename = rename or {}
        self.lut = np.full(0, -1, dtype=np.int32)  # categorical id -> label index, -1 not met yet

    def codes(self, series: pl.Series) -> npt.NDArray[np.int32]:
        physical = series.to_physical().to_numpy().astype(np.int64)
        if not len(physical):
            return np.zeros(0, dtype=np.int32)
        top = int(physical.max()) + 1
        if top > len(self.lut):
            self.lut = np.concatenate([self.lut, np.full(top - len(self.lut), -1, dtype=np.int32)])
        unseen = self.lut[physical] < 0
        if unseen.any():
            ids, first = np.unique(physical[unseen], return_index=True)
            at = np.flatnonzero(unseen)[first]
            order = np.argsort(at, kind="stable")  # in order of appearance in the batch
            texts = series.gather(at[order]).cast(pl.String).fill_null("").to_list()
            for cat, text in zip(ids[order].tolist(), texts, strict=True):
                self.lut[cat] = self.index.setdefault(self.rename.get(text, text), len(self.index))
        dense: npt.NDArray[np.int32] = self.lut[physical]
        return dense

    @property
    def labels(self) -> list[str]:
        return list(self.index)


class _Fold:
    def __init__(self, policy: CompiledPolicy, mapping: Mapping) -> None:
        self.policy = policy
        self.segments = open_segments(policy)
        self.codes = _Labels(rename=mapping.call_types)
        self.zones = _Labels(first="")
        self.rows = 0
        self.dropped: Counter[str] = Counter()
        self.excluded: Counter[str] = Counter()
        self.unread: Counter[str] = Counter()
        self.no_xy = 0
        self.examples: list[str] = []
        self.days: set[int] = set()
        self.span = (np.inf, -np.inf)
        self.parts: list[dict[str, npt.NDArray[Any]]] = []
        self.held = 0
        self.has_xy = False
        self.states: dict[tuple[bool, ...], int] = {}

    def add(self, batch: pl.DataFrame, mapping: Mapping) -> None:
        got = finish(batch, mapping)
        self.rows += got.rows
        self.dropped.update(got.dropped)
        self.excluded.update(got.excluded)
        self.unread.update(got.priority_unread)
        self.no_xy += got.no_coordinates
        self.examples += got.time_examples[: 3 - len(self.examples)]
        frame = got.frame
        if not frame.height:
            return
        ts = frame["ts"].to_numpy()
        mow = frame["mow"].to_numpy().astype(np.int32)
        day = frame["day"].to_numpy().astype(np.int32)
        self.span = (min(self.span[0], float(ts.min())), max(self.span[1], float(ts.max())))
        self.days.update(np.unique(day).tolist())
        cols: dict[str, npt.NDArray[Any]] = {
            "code": self.codes.codes(frame["call_type"]),
            "priority": (frame["priority"].to_numpy().astype(np.int8) if "priority" in frame.columns
                         else np.full(frame.height, -1, np.int8)),
            "zone": self.zones.codes(frame["zone"]),
            "how": (mow // 60).astype(np.int32),
            "segment": self.segments[mow],
            "ts": ts.astype(np.float64),
            "mow": mow,
            "day": day,
        }
        if "lat" in frame.columns:
            self.has_xy = True
            lat = frame["lat"].to_numpy().astype(np.float64)
            lon = frame["lon"].to_numpy().astype(np.float64)
            cols.update(lat=lat, lon=lon, xy=~(np.isnan(lat) | np.isnan(lon)),
                        areas=area_bits(self.policy, lat, lon))
        else:
            cols.update(xy=np.zeros(frame.height, dtype=bool), areas=np.zeros(frame.height, dtype=np.int64))
        states = date_states(self.policy, day, self.states)
        cols["dated"] = states
        cols["weight"] = np.ones(frame.height, dtype=np.int64)
        self.parts.append(_merge([cols]))
        self.held += len(self.parts[-1]["weight"])
        if self.held > _MERGE_AT:
            self.parts = [_merge(self.parts)]
            self.held = len(self.parts[0]["weight"])


def _merge(parts: list[dict[str, npt.NDArray[Any]]]) -> dict[str, npt.NDArray[Any]]:
    """Rows with the same key become one: the earliest part's first row, the weights summed."""
    cols = {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}
    sizes = [int(cols[name].max()) + 2 if len(cols[name]) else 1 for name in _KEY]  # priority: -1
    if float(np.prod(np.array(sizes, dtype=np.float64))) < 2.0**62:
        key = np.zeros(len(cols["weight"]), dtype=np.int64)  # mixed radix: one int per row
        for name, size in zip(_KEY, sizes, strict=True):
            key *= size
            key += cols[name].astype(np.int64) + 1
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    else:
        rows = np.stack([cols[name].astype(np.int64) for name in _KEY], axis=1)
        _, first, inverse = np.unique(rows, axis=0, return_index=True, return_inverse=True)
    weight = np.bincount(inverse.reshape(-1), weights=cols["weight"], minlength=len(first))
    order = np.argsort(first, kind="stable")  # keep the rows in the order they were met
    out = {name: values[first[order]] for name, values in cols.items()}
    out["weight"] = weight[order].astype(np.int64)
    return out


def weighted_calls(
    path: str | Path, mapping: Mapping, policy: CompiledPolicy, progress: Callable[[int], None] | None = None,
    batch_rows: int = BATCH_ROWS,
) -> CallTable:
    """The export as weighted calls (a CallTable with `weight`), read in batches of `batch_rows`."""
    path = Path(path)
    policy_tz = policy.tz
    try:
        source_tz = ZoneInfo(mapping.timezone) if mapping.timezone else policy_tz
    except (ValueError, KeyError) as exc:
        raise MappingError(f"timezone {mapping.timezone!r} is not an IANA time zone") from exc
    fold = _Fold(policy, mapping)
    with source_for(path, mapping) as source:
        # Incident ids are not needed once calls are folded (dedupe is not streamed): not made at all.
        lazy = planned(source, path, mapping, source_tz.key, policy_tz.key).drop("id")

        def take(batch: pl.DataFrame) -> None:
            fold.add(batch, mapping)
            if progress is not None:
                progress(batch.height)

        # A sink that calls back per batch: the engine waits for each call, so batches do not
        # pile up ahead of the fold (collect_batches ran ahead: its peak grew with the file).
        lazy.sink_batches(take, chunk_size=batch_rows, engine="streaming")
    calls = sum(int(p["weight"].sum()) for p in fold.parts)
    _check_share(path, mapping, fold, calls)  # raises when no call was read: fold.parts has rows
    cols = _merge(fold.parts)
    meta = {
        "source": str(path),
        "rows": fold.rows,
        "calls": calls,
        "excluded": dict(fold.excluded),
        "dropped": dict(fold.dropped),
        "bad_time": fold.dropped.get(NO_TIME, 0),
        "priority_unread": dict(fold.unread),
        "no_coordinates": fold.no_xy if fold.has_xy else None,
        "encoding": mapping.encoding or "utf-8",
        "mapping": mapping.name,
    }
    n = len(cols["weight"])
    return CallTable(
        [f"w{k}" for k in range(n)], cols["ts"], cols["mow"], cols["day"], cols["code"], fold.codes.labels,
        cols["priority"], cols["zone"], fold.zones.labels, policy_tz,
        cols.get("lat"), cols.get("lon"), None, meta,
        weight=cols["weight"], span=fold.span, dates=np.array(sorted(fold.days), dtype=np.int32),
    )


def _check_share(path: Path, mapping: Mapping, fold: _Fold, count: int) -> None:
    """As read_calls: too few calls is an error naming the file and why."""
    check_read_share(path, mapping, fold.rows, count, dict(fold.dropped), dict(fold.excluded), fold.examples)
