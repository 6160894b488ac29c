"""Read a real calls-for-service export through a small column mapping.

A city's CAD export is a CSV whose column names differ from city to city; a mapping file (YAML,
see deploy/replay/san-diego.yaml) or `--column role=NAME` flags say which column holds what. The
reader keeps the calls as columns (numpy arrays plus code tables) so that a year of calls costs a
few tens of megabytes and the classification pass can group them without Python objects per call.

Times: a received time with an offset is taken as written; a naive one is read in the mapping's
time zone (default: the policy's). Every call then carries its instant (`ts`, epoch seconds) and
the wall-clock minute of the week and date in the *policy's* time zone, exactly as the decision
core sees them (`local_time(ts)`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt
import polars as pl

from service.replay.mapping import Mapping, MappingError
from service.replay.scan import NO_TIME, check_read_share, scan

__all__ = ["CallTable", "read_calls"]

_EPOCH_ORDINAL = datetime(1970, 1, 1).toordinal()


@dataclass
class CallTable:
    """Calls as columns, in the order read (sort with `take(order())`)."""

    ids: Sequence[str] | pl.Series  # a Series when read (Arrow strings: no Python object per call)
    ts: npt.NDArray[np.float64]  # instant, epoch seconds
    mow: npt.NDArray[np.int32]  # policy-local minute of the week, Monday 00:00 = 0
    day: npt.NDArray[np.int32]  # policy-local date, proleptic ordinal
    code: npt.NDArray[np.int32]  # index into codes
    codes: list[str]  # CAD call-type codes as written (stripped)
    priority: npt.NDArray[np.int8]  # -1 when missing
    zone: npt.NDArray[np.int32]  # index into zones
    zones: list[str]
    tz: ZoneInfo
    lat: npt.NDArray[np.float64] | None = None
    lon: npt.NDArray[np.float64] | None = None
    narrative: list[str] | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # Weighted calls (service/replay/stream.py): each row stands for `weight` calls; then `span` is
    # the first and last instant and `dates` the distinct local dates of all of them.
    weight: npt.NDArray[np.int64] | None = None
    span: tuple[float, float] | None = None
    dates: npt.NDArray[np.int32] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def calls(self) -> int:
        """How many calls the rows stand for."""
        return len(self) if self.weight is None else int(self.weight.sum())

    def weights(self) -> npt.NDArray[np.int64]:
        return np.ones(len(self), dtype=np.int64) if self.weight is None else self.weight

    def first_last(self) -> tuple[float, float] | None:
        if self.span is not None:
            return self.span
        return (float(self.ts.min()), float(self.ts.max())) if len(self) else None

    def all_dates(self) -> npt.NDArray[np.int32]:
        return self.dates if self.dates is not None else np.unique(self.day)

    def order(self) -> npt.NDArray[np.intp]:
        return np.argsort(self.ts, kind="stable")

    def take(self, idx: npt.NDArray[np.intp]) -> CallTable:
        pick = idx.tolist()
        ids = self.ids.gather(idx) if isinstance(self.ids, pl.Series) else [self.ids[i] for i in pick]
        return CallTable(
            ids,
            self.ts[idx],
            self.mow[idx],
            self.day[idx],
            self.code[idx],
            self.codes,
            self.priority[idx],
            self.zone[idx],
            self.zones,
            self.tz,
            None if self.lat is None else self.lat[idx],
            None if self.lon is None else self.lon[idx],
            None if self.narrative is None else [self.narrative[i] for i in pick],
            dict(self.meta),
            None if self.weight is None else self.weight[idx],
            self.span,
            self.dates,
        )

    def local_time(self, i: int) -> datetime:
        """The call's time as the decision core is given it: an aware datetime in the policy zone."""
        return datetime.fromtimestamp(float(self.ts[i]), self.tz)


class _Clock:
    """Naive wall-clock times -> (epoch seconds, policy-local minute of week, local date).

    zoneinfo is exact but costs microseconds per call; a wall-clock hour with one UTC offset and
    no gap or fold is cached once, and only hours around a DST change take the slow path.
    """

    def __init__(self, source: ZoneInfo, policy: ZoneInfo) -> None:
        self.source, self.policy = source, policy
        self.same = source.key == policy.key
        self.hours: dict[int, int | None] = {}

    def _regular_offset(self, day: int, hour: int) -> int | None:
        start = datetime.fromordinal(day) + timedelta(hours=hour)
        offsets = set()
        for wall in (start, start + timedelta(minutes=59, seconds=59)):
            aware = wall.replace(tzinfo=self.source)
            back = datetime.fromtimestamp(aware.timestamp(), self.source).replace(tzinfo=None)
            if back != wall:
                return None
            offsets.add(aware.utcoffset())
        return int(offsets.pop().total_seconds()) if len(offsets) == 1 else None  # type: ignore[union-attr]

    def convert(self, d: datetime) -> tuple[float, int, int]:
        if d.tzinfo is None and self.same:
            day = d.toordinal()
            key = day * 24 + d.hour
            try:
                offset = self.hours[key]
            except KeyError:
                offset = self.hours[key] = self._regular_offset(day, d.hour)
            if offset is not None:
                wall = (day - _EPOCH_ORDINAL) * 86400 + d.hour * 3600 + d.minute * 60 + d.second
                ts = wall - offset + d.microsecond / 1e6
                return ts, d.weekday() * 1440 + d.hour * 60 + d.minute, day
            d = d.replace(tzinfo=self.source)
        elif d.tzinfo is None:
            d = d.replace(tzinfo=self.source)
        ts = d.timestamp()
        local = datetime.fromtimestamp(ts, self.policy)
        return ts, local.weekday() * 1440 + local.hour * 60 + local.minute, local.toordinal()


def read_calls(
    path: str | Path, mapping: Mapping, policy_tz: ZoneInfo, progress: Callable[[int], None] | None = None
) -> CallTable:
    """Read and convert every row (service/replay/scan.py); a row that cannot be a call is counted
    by reason, and too few calls (mapping.min_read_share) is an error naming the file and why."""
    path = Path(path)
    try:
        source_tz = ZoneInfo(mapping.timezone) if mapping.timezone else policy_tz
    except (ValueError, KeyError) as exc:
        raise MappingError(f"timezone {mapping.timezone!r} is not an IANA time zone") from exc
    got = scan(path, mapping, source_tz.key, policy_tz.key)
    frame = got.frame
    count = frame.height
    if progress is not None:
        progress(got.rows)
    check_read_share(path, mapping, got.rows, count, got.dropped, got.excluded, got.time_examples)
    code, codes = _dense(frame.drop_in_place("call_type"), rename=mapping.call_types)
    zone, zones = _dense(frame.drop_in_place("zone"), first="")
    has_xy = "lat" in frame.columns
    meta = {
        "source": str(path),
        "rows": got.rows,
        "calls": count,
        "excluded": got.excluded,
        "dropped": got.dropped,
        "bad_time": got.dropped.get(NO_TIME, 0),
        "priority_unread": got.priority_unread,
        "no_coordinates": got.no_coordinates if has_xy else None,
        "encoding": mapping.encoding or "utf-8",
        "mapping": mapping.name,
    }
    del got  # the frame's columns are moved out one at a time below, each freed once converted

    def move(name: str, dtype: type[np.generic]) -> npt.NDArray[Any]:
        return _column(frame.drop_in_place(name), dtype)

    ids = frame.drop_in_place("id")
    ts, mow, day = move("ts", np.float64), move("mow", np.int32), move("day", np.int32)
    priority = move("priority", np.int8) if "priority" in frame.columns else np.full(count, -1, np.int8)
    lat = move("lat", np.float64) if has_xy else None
    lon = move("lon", np.float64) if has_xy else None
    narrative = frame.drop_in_place("narrative").to_list() if "narrative" in frame.columns else None
    return CallTable(
        ids, ts, mow, day, code, codes, priority, zone, zones, policy_tz, lat, lon, narrative, meta
    )


def _dense(
    series: pl.Series, first: str | None = None, rename: dict[str, str] | None = None
) -> tuple[npt.NDArray[np.int32], list[str]]:
    """Categorical column -> (0..k-1 per row in order of first appearance, the k labels), each
    label passed through `rename` (the mapping's call_types); `first`, if given, is label 0."""
    seen = series.unique(maintain_order=True)
    written = seen.cast(pl.String).to_list()
    named = [(rename or {}).get(label, label) for label in written]
    labels = list(dict.fromkeys([first] if first is not None else []) | dict.fromkeys(named))
    dense = {label: i for i, label in enumerate(labels)}
    physical = seen.to_physical().to_numpy().astype(np.int64)
    lut = np.zeros(int(physical.max()) + 1 if len(physical) else 1, dtype=np.int32)
    lut[physical] = [dense[label] for label in named]
    return lut[series.to_physical().to_numpy()], labels


def _column(series: pl.Series, dtype: type[np.generic]) -> npt.NDArray[Any]:
    """The column as a writable numpy array (callers and what-ifs may change a column in place)."""
    return np.asarray(series.to_numpy(writable=True), dtype=dtype)
