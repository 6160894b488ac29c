"""Rosters and what-if scenarios for the availability simulation.

A roster file (see deploy/replay/san-diego-roster.yaml) gives, per unit type of the policy, shifts
of `count` units working `hours` (the policy's hours syntax, in the policy's time zone); the
service-time model per unit type; and scenarios, each a variant of the base roster:

    units:
      crisis_van: [{count: 4, hours: "daily 08:00-20:00"}, {count: 2, hours: "daily 16:00-02:00"}]
    scenarios:
      - {name: "+2 crisis teams 10-22", add: {crisis_van: [{count: 2, hours: "daily 10:00-22:00"}]}}
      - {name: "hold 15 min", hold_minutes: 15}
      - {name: "community team to 23:00", hours: {community_team: ["daily 08:00-23:00"]},
         add: {community_van: [{count: 2, hours: "daily 20:00-23:00"}]}}

`hours` replaces a response's operating hours in the policy for that scenario (the calls are
planned again with it). Unit types the roster does not name (police, EMS ...) are treated as unlimited.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import msgspec
import numpy as np
import numpy.typing as npt
import yaml

from service.policy.schedule import parse_hours
from service.replay.servicetime import ServiceLog, ServiceModel, load_service_log

__all__ = [
    "Group",
    "RosterFile",
    "Scenario",
    "ServiceSpec",
    "Shift",
    "compile_groups",
    "load_roster",
    "parse_what_if",
    "service_models",
]

WEEK = 7 * 24 * 60
UnitType = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9_]+$")]


class Shift(msgspec.Struct, forbid_unknown_fields=True):
    count: Annotated[int, msgspec.Meta(ge=0, le=10000)]
    hours: str | list[str] = "24/7"

    def intervals(self) -> list[tuple[int, int]]:
        specs = [self.hours] if isinstance(self.hours, str) else self.hours
        return [iv for spec in specs for iv in parse_hours(spec)]

    def label(self) -> str:
        return f"{self.count} x {self.hours if isinstance(self.hours, str) else ', '.join(self.hours)}"


class ServiceSpec(msgspec.Struct, forbid_unknown_fields=True):
    """`{log: true, scale: 0.8}`, `{exponential_minutes: 45}` or `{fixed_minutes: 30}`."""

    log: bool = False
    scale: Annotated[float, msgspec.Meta(gt=0, le=10)] = 1.0
    exponential_minutes: Annotated[float, msgspec.Meta(gt=0)] | None = None
    fixed_minutes: Annotated[float, msgspec.Meta(gt=0)] | None = None


class Scenario(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    # Shifts added to the base roster, or (units) a roster replacing it.
    add: dict[UnitType, list[Shift]] = {}
    units: dict[UnitType, list[Shift]] | None = None
    # Minutes an eligible call waits for its preferred team when the policy sets no hold for it.
    hold_minutes: Annotated[float, msgspec.Meta(ge=0, le=240)] | None = None
    # Response name -> operating hours replacing the policy's (the calls are planned again).
    hours: dict[str, list[str]] = {}

    def roster(self, base: dict[str, list[Shift]]) -> dict[str, list[Shift]]:
        merged = {t: list(s) for t, s in (self.units if self.units is not None else base).items()}
        for unit_type, shifts in self.add.items():
            merged.setdefault(unit_type, []).extend(shifts)
        return merged


class RosterFile(msgspec.Struct, forbid_unknown_fields=True):
    units: dict[UnitType, list[Shift]]
    name: str = "baseline"
    # The crisis-team log to draw service times from, relative to the roster file.
    service_log: str | None = None
    service_times: dict[UnitType, ServiceSpec] = {}
    hold_minutes: Annotated[float, msgspec.Meta(ge=0, le=240)] = 0.0
    seed: int = 2023
    scenarios: list[Scenario] = []
    base: str = ""

    def all_scenarios(self) -> list[Scenario]:
        """The base roster first, then each what-if."""
        return [Scenario(self.name, units=self.units, hold_minutes=self.hold_minutes), *self.scenarios]


def load_roster(path: str | Path) -> RosterFile:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: cannot read the roster: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a roster is a mapping with units: ...")
    data["base"] = str(Path(path).resolve().parent)
    try:
        roster = msgspec.convert(data, RosterFile, strict=True)
    except msgspec.ValidationError as exc:
        raise ValueError(f"{path}: {exc}") from exc
    for scenario in roster.all_scenarios():
        for name, specs in scenario.hours.items():
            for spec in specs:
                try:
                    parse_hours(spec)
                except ValueError as exc:
                    raise ValueError(f"{path}: {scenario.name}: hours.{name}: {exc}") from exc
        for unit_type, shifts in scenario.roster(roster.units).items():
            for i, shift in enumerate(shifts):
                try:
                    shift.intervals()
                except ValueError as exc:
                    raise ValueError(f"{path}: {scenario.name}: {unit_type}[{i}].hours: {exc}") from exc
    return roster


_ADD = re.compile(r"^\s*add\s+(\d+)\s+([a-z0-9_]+)\s+(.+?)\s*$", re.IGNORECASE)
_HOLD = re.compile(r"^\s*hold\s+(\d+(?:\.\d+)?)\s*(?:min(?:utes)?)?\s*$", re.IGNORECASE)
_HOURS = re.compile(r"^\s*hours\s+([a-z0-9_]+)\s+(.+?)\s*$", re.IGNORECASE)


def parse_what_if(text: str) -> Scenario:
    """`add 2 crisis_van daily 10:00-22:00`, `hold 15` (minutes) or `hours community_team daily 08:00-23:00`
    (a response's hours in the policy) as a scenario named by the text."""
    if m := _ADD.match(text):
        shift = Shift(int(m[1]), m[3])
        shift.intervals()
        return Scenario(text.strip(), add={m[2].lower(): [shift]})
    if m := _HOLD.match(text):
        return Scenario(text.strip(), hold_minutes=float(m[1]))
    if m := _HOURS.match(text):
        specs = [part.strip() for part in m[2].split(";")]
        for spec in specs:
            parse_hours(spec)
        return Scenario(text.strip(), hours={m[1].lower(): specs})
    raise ValueError(
        f"{text!r}: a what-if is 'add N UNIT_TYPE HOURS' (e.g. add 2 crisis_van daily 10:00-22:00), "
        "'hold MINUTES' or 'hours RESPONSE HOURS' (e.g. hours community_team daily 08:00-23:00)"
    )


@dataclass
class Group:
    """`count` units of one type sharing a shift; `on[minute of week]` is 1 while on shift."""

    unit_type: str
    count: int
    on: npt.NDArray[np.bool_]
    label: str
    free: int = 0


def _on_shift(intervals: list[tuple[int, int]]) -> npt.NDArray[np.bool_]:
    on = np.zeros(WEEK, dtype=bool)
    for begin, end in intervals:
        on[begin : min(end, WEEK)] = True
        if end > WEEK:
            on[: end - WEEK] = True
    return on


def compile_groups(roster: dict[str, list[Shift]]) -> dict[str, list[Group]]:
    return {
        unit_type: [
            Group(unit_type, s.count, _on_shift(s.intervals()), s.label(), s.count)
            for s in shifts
            if s.count > 0
        ]
        for unit_type, shifts in roster.items()
    }


def service_models(
    roster: RosterFile, unit_types: list[str], log: ServiceLog | None
) -> dict[str, ServiceModel]:
    """Each simulated unit type's model; the log's distribution unless the roster says otherwise."""
    models: dict[str, ServiceModel] = {}
    for unit_type in unit_types:
        spec = roster.service_times.get(unit_type, ServiceSpec(log=True))
        if spec.fixed_minutes is not None:
            models[unit_type] = ServiceModel("fixed", spec.fixed_minutes)
        elif spec.exponential_minutes is not None:
            models[unit_type] = ServiceModel("exponential", spec.exponential_minutes)
        else:
            if log is None:
                raise ValueError(
                    f"{unit_type}: service times come from a crisis-team log; give --service-log"
                )
            models[unit_type] = ServiceModel("log", scale=spec.scale, log=log)
    return models


def resolve_log(roster: RosterFile, given: str | None) -> ServiceLog | None:
    """--service-log, else the roster's service_log (relative to the roster file), else none."""
    name = given or roster.service_log
    if not name:
        return None
    path = Path(name)
    if not path.is_absolute() and given is None and roster.base:
        path = Path(os.path.relpath(Path(roster.base) / path))
    return load_service_log(path)


def describe_roster(roster: dict[str, list[Shift]]) -> dict[str, Any]:
    return {t: [s.label() for s in shifts] for t, shifts in roster.items()}
