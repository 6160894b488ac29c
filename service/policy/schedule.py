"""Weekly operating hours of a response, evaluated in the jurisdiction's own time zone.

Programs publish hours like "M-F 10:00-18:00" or "7 days 06:00-22:00"; a policy writes them as
strings of that shape. They compile to minute-of-week intervals, and those to a table with a byte
per minute of the week, so that checking a call time is one lookup at its local minute (DST
handled by zoneinfo, which gives the local time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

__all__ = ["Schedule", "parse_hours"]

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEK = 7 * 24 * 60
_SPEC = re.compile(
    r"^\s*(?:(?P<days>[a-z0-9,\- ]+?)\s+)?(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})\s*$",
    re.IGNORECASE,
)
ALWAYS = ("24/7", "always")


def _minutes(hhmm: str) -> int:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    if not (0 <= hours <= 24 and 0 <= minutes < 60) or (hours == 24 and minutes):
        raise ValueError(f"{hhmm!r} is not a time of day (00:00-24:00)")
    return hours * 60 + minutes


def _days(text: str) -> list[int]:
    text = text.strip().lower()
    if text in ("daily", "every day", "all", "7 days"):
        return list(range(7))
    if text == "weekdays":
        return list(range(5))
    if text == "weekends":
        return [5, 6]
    picked: list[int] = []
    for part in (p.strip() for p in text.split(",")):
        if "-" in part:
            first, last = (p.strip()[:3] for p in part.split("-", 1))
            if first not in DAYS or last not in DAYS:
                raise ValueError(f"{part!r} is not a day range like mon-fri")
            i, j = DAYS.index(first), DAYS.index(last)
            picked.extend(DAYS.index(DAYS[(i + k) % 7]) for k in range((j - i) % 7 + 1))
        elif part[:3] in DAYS:
            picked.append(DAYS.index(part[:3]))
        else:
            raise ValueError(f"{part!r} is not a day (mon..sun, weekdays, weekends, daily)")
    return picked


def parse_hours(spec: str) -> list[tuple[int, int]]:
    """Turn "mon-fri 10:00-18:00" into minute-of-week intervals; "22:00-02:00" runs past midnight.

    Without days the hours apply every day; "00:00-24:00" is the whole day.
    """
    if spec.strip().lower() in ALWAYS:
        return [(0, _WEEK)]
    match = _SPEC.match(spec)
    if not match:
        raise ValueError(f"{spec!r} is not hours like 'mon-fri 10:00-18:00' or '24/7'")
    start, end = _minutes(match["start"]), _minutes(match["end"])
    if start == end:
        raise ValueError(f"{spec!r} opens and closes at the same minute")
    length = end - start if end > start else end - start + 24 * 60
    if length >= 24 * 60 and not match["days"]:
        return [(0, _WEEK)]
    intervals = []
    for day in _days(match["days"] or "daily"):
        begin = day * 24 * 60 + start
        intervals.append((begin, begin + length))
    return intervals


@dataclass(frozen=True, slots=True)
class Schedule:
    """When a response operates: weekly intervals plus optional program start and end dates."""

    intervals: tuple[tuple[int, int], ...] = ((0, _WEEK),)
    active_from: date | None = None
    active_until: date | None = None
    # Open at any time: a field, not a property, because every plan asks it of every candidate.
    always: bool = field(init=False, repr=False, compare=False)
    # One byte per minute of the week, 1 where some interval is open: a plan looks its minute up
    # instead of walking the intervals.
    week: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        always = self.weekly_always and self.active_from is None and self.active_until is None
        object.__setattr__(self, "always", always)
        week = bytearray(_WEEK)
        for begin, end in self.intervals:
            # An interval that runs past Sunday midnight wraps to the start of the week.
            week[begin : min(end, _WEEK)] = b"\x01" * (min(end, _WEEK) - begin)
            if end > _WEEK:
                week[: end - _WEEK] = b"\x01" * (end - _WEEK)
        object.__setattr__(self, "week", bytes(week))

    @property
    def weekly_always(self) -> bool:
        return self.intervals == ((0, _WEEK),)

    def closed_reason(self, when: datetime, tz: ZoneInfo) -> str:
        """Why the response is not operating at `when`, for the explanation."""
        return self.closed_reason_at(when.astimezone(tz))

    def closed_reason_at(self, local: datetime) -> str:
        """`closed_reason` for a time already in the jurisdiction's zone."""
        if self.active_from and local.date() < self.active_from:
            return f"starts on {self.active_from.isoformat()}"
        if self.active_until and local.date() > self.active_until:
            return f"ended on {self.active_until.isoformat()}"
        return f"is not operating at {local.strftime('%a %H:%M')}"

    def is_open(self, when: datetime, tz: ZoneInfo) -> bool:
        return self.always or self.open_at(when.astimezone(tz))

    def open_at(self, local: datetime) -> bool:
        """`is_open` for a time already in the jurisdiction's zone (a plan converts it once)."""
        if self.active_from and local.date() < self.active_from:
            return False
        if self.active_until and local.date() > self.active_until:
            return False
        return self.week[local.weekday() * (24 * 60) + local.hour * 60 + local.minute] == 1
