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

import csv
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
import numpy as np
import numpy.typing as npt

from service.replay.mapping import Mapping, MappingError

__all__ = ["CallTable", "read_calls"]

_EPOCH_ORDINAL = datetime(1970, 1, 1).toordinal()
_PROGRESS_EVERY = 16384


@dataclass
class CallTable:
    """Calls as columns, in the order read (sort with `take(order())`)."""

    ids: list[str]
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

    def __len__(self) -> int:
        return len(self.ids)

    def order(self) -> npt.NDArray[np.intp]:
        return np.argsort(self.ts, kind="stable")

    def take(self, idx: npt.NDArray[np.intp]) -> CallTable:
        pick = idx.tolist()
        return CallTable(
            [self.ids[i] for i in pick],
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


def _parser(fmt: str | None) -> Callable[[str], datetime]:
    if fmt:
        return lambda s: datetime.strptime(s, fmt)
    return datetime.fromisoformat


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.reader(fh)


def read_calls(
    path: str | Path, mapping: Mapping, policy_tz: ZoneInfo, progress: Callable[[int], None] | None = None
) -> CallTable:
    """Read and convert every row; rows with an unreadable time are counted, not fatal."""
    path = Path(path)
    rows = _rows(path)
    header = [h.strip() for h in next(rows, [])]
    cols = msgspec.structs.asdict(mapping.columns)
    index: dict[str, int] = {}
    for role, column in cols.items():
        if column is None:
            continue
        if column not in header:
            raise MappingError(f"{path}: no column {column!r} for {role} (columns: {', '.join(header)})")
        index[role] = header.index(column)
    excludes = []
    for column, values in mapping.exclude.items():
        if column not in header:
            raise MappingError(f"{path}: exclude names column {column!r}, which the file does not have")
        excludes.append((header.index(column), frozenset(v.strip() for v in values)))
    try:
        source_tz = ZoneInfo(mapping.timezone) if mapping.timezone else policy_tz
    except (ValueError, KeyError) as exc:
        raise MappingError(f"timezone {mapping.timezone!r} is not an IANA time zone") from exc
    clock, parse = _Clock(source_tz, policy_tz), _parser(mapping.received_format)
    i_recv, i_type = index["received"], index["call_type"]
    i_id, i_prio, i_zone = index.get("incident_id"), index.get("priority"), index.get("zone")
    i_lat, i_lon, i_narr = index.get("lat"), index.get("lon"), index.get("narrative")
    width = max(index.values()) + 1
    ids: list[str] = []
    ts: list[float] = []
    mow: list[int] = []
    day: list[int] = []
    code: list[int] = []
    prio: list[int] = []
    zone: list[int] = []
    lat: list[float] = []
    lon: list[float] = []
    narr: list[str] = []
    code_ix: dict[str, int] = {}
    zone_ix: dict[str, int] = {"": 0}
    excluded: Counter[str] = Counter()
    bad_time = short = n = 0
    for n, row in enumerate(rows, 1):
        if len(row) < width:
            short += 1
            continue
        if excludes:
            hit = next((i for i, values in excludes if row[i].strip() in values), None)
            if hit is not None:
                excluded[f"{header[hit]}={row[hit].strip()}"] += 1
                continue
        try:
            t, m, d = clock.convert(parse(row[i_recv].strip()))
        except ValueError:
            bad_time += 1
            continue
        ids.append(row[i_id] if i_id is not None else str(n))
        ts.append(t)
        mow.append(m)
        day.append(d)
        ct = row[i_type].strip()
        code.append(code_ix.setdefault(ct, len(code_ix)))
        if i_prio is not None:
            p = row[i_prio].strip()
            prio.append(int(p) if p.isdigit() and int(p) <= 9 else -1)
        if i_zone is not None:
            z = row[i_zone].strip()
            zone.append(zone_ix.setdefault(z, len(zone_ix)))
        if i_lat is not None and i_lon is not None:
            lat.append(_float(row[i_lat]))
            lon.append(_float(row[i_lon]))
        if i_narr is not None:
            narr.append(row[i_narr])
        if progress is not None and n % _PROGRESS_EVERY == 0:
            progress(_PROGRESS_EVERY)
    count = len(ids)
    meta = {
        "source": str(path),
        "rows": n,
        "calls": count,
        "excluded": dict(excluded),
        "bad_time": bad_time,
        "short_rows": short,
        "mapping": mapping.name,
    }
    return CallTable(
        ids,
        np.array(ts, dtype=np.float64),
        np.array(mow, dtype=np.int32),
        np.array(day, dtype=np.int32),
        np.array(code, dtype=np.int32),
        list(code_ix),
        np.array(prio or [-1] * count, dtype=np.int8),
        np.array(zone or [0] * count, dtype=np.int32),
        list(zone_ix),
        policy_tz,
        np.array(lat, dtype=np.float64) if lat else None,
        np.array(lon, dtype=np.float64) if lon else None,
        narr if i_narr is not None else None,
        meta,
    )


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")
