"""Replay in bounded memory: the export read in batches and folded into weighted calls.

`read_calls` (calls.py) keeps every call's columns, ~130 bytes a call, so a statewide year needs
gigabytes. The classification figures do not need calls one by one: `plan` reads the call type,
priority, zone, the areas holding the point, the minute of the week up to the policy's opening
and closing minutes, and the date up to its programs' start and end dates; the summary adds the
hour of the week, the zone as written and whether the call has coordinates. Calls equal in all of
these are one *weighted call*: one row of a CallTable with a `weight`, the first such call standing
for the others (any of them would get the same plan: the grouping classify.py uses, and tests,
is coarser than this one). pyarrow's CSV reader pulls the file a block at a time (arrowcsv.py),
each batch runs through the scan plan (scan.shaped) in file order and is folded into the
weighted rows, which are merged whenever they grow, so memory follows the variety of the calls
(call types x zones x hours ...), not their number. Rows dropped or excluded, unread priorities,
missing coordinates, the period and the dates are counted per batch.

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
from service.replay.arrowcsv import RaggedRows, text_batches
from service.replay.calls import CallTable
from service.replay.classify import area_bits, date_states, open_segments
from service.replay.mapping import Mapping, MappingError
from service.replay.scan import NO_TIME, check_read_share, finish, planned, shaped, source_for

__all__ = ["BATCH_ROWS", "streamable", "weighted_calls"]

BATCH_ROWS = 50_000  # rows a batch: 50,000 peaked 351 MB at 1M calls, 200,000 434 MB (1 MB blocks)
_MERGE_AT = 100_000  # weighted rows gathered before they are merged (~10 MB)

# The key of a weighted call, then what its first call carries.
_KEY = ("code", "priority", "zone", "how", "segment", "areas", "xy", "dated")


def streamable(mapping: Mapping) -> bool:
    """Whether the export can be folded into weighted calls (see the module's docstring)."""
    return not mapping.dedupe and mapping.columns.narrative is None


class _Labels:
    """Labels in order of first appearance over the whole stream (as calls.py's `_dense` gives
    for the whole file), each passed through `rename`; `first` is label 0. Only a batch's distinct
    labels are read as text: its categorical ids are not comparable with another batch's (each
    batch is collected on its own)."""

    def __init__(self, first: str | None = None, rename: dict[str, str] | None = None) -> None:
        self.index: dict[str, int] = {} if first is None else {first: 0}
        self.rename = rename or {}

    def codes(self, series: pl.Series) -> npt.NDArray[np.int32]:
        physical = series.to_physical().to_numpy().astype(np.int64)
        if not len(physical):
            return np.zeros(0, dtype=np.int32)
        _, first, inverse = np.unique(physical, return_index=True, return_inverse=True)
        order = np.argsort(first, kind="stable")  # in order of appearance in the batch
        texts = series.gather(first[order]).cast(pl.String).fill_null("").to_list()
        table = np.empty(len(first), dtype=np.int32)
        for k, text in zip(order.tolist(), texts, strict=True):
            table[k] = self.index.setdefault(self.rename.get(text, text), len(self.index))
        dense: npt.NDArray[np.int32] = table[inverse.reshape(-1)]
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
    with source_for(path, mapping) as source:
        try:
            fold = _fold(source, path, mapping, policy, source_tz.key, progress, batch_rows, pulled=True)
        except RaggedRows:
            # pyarrow cannot keep a row with too few or too many fields; polars pads or cuts it
            # (as read_calls does): the file is read again with polars' streaming engine.
            fold = _fold(source, path, mapping, policy, source_tz.key, progress, batch_rows, pulled=False)
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


def _fold(
    source: Path, path: Path, mapping: Mapping, policy: CompiledPolicy, source_tz: str,
    progress: Callable[[int], None] | None, batch_rows: int, pulled: bool,
) -> _Fold:
    fold = _Fold(policy, mapping)

    def take(batch: pl.DataFrame) -> None:
        fold.add(batch, mapping)
        if progress is not None:
            progress(batch.height)

    if pulled:
        # pyarrow's reader hands over the file a block at a time; each batch of text runs through
        # the same plan (scan.shaped) as the whole file does in read_calls.
        for batch in text_batches(source, list(mapping.header) if mapping.header else None, batch_rows):
            take(shaped(batch.lazy(), path, mapping, source_tz, policy.tz.key).drop("id").collect())
        return fold
    # Incident ids are not needed once calls are folded (dedupe is not streamed): not made at all.
    lazy = planned(source, path, mapping, source_tz, policy.tz.key).drop("id")
    # A sink that calls back per batch: the engine waits for each call, so batches do not
    # pile up ahead of the fold (collect_batches ran ahead: its peak grew with the file).
    lazy.sink_batches(take, chunk_size=batch_rows, engine="streaming")
    return fold


def _check_share(path: Path, mapping: Mapping, fold: _Fold, count: int) -> None:
    """As read_calls: too few calls is an error naming the file and why."""
    check_read_share(path, mapping, fold.rows, count, dict(fold.dropped), dict(fold.excluded), fold.examples)
