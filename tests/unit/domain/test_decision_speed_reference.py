"""The decision core's fast paths against a plain reference, over many varied calls.

`plan` looks up tables the compiled policy works out in advance (routes, de-duplicated orders,
reason texts, unit searches), converts the call time once and tests a shared area once. The
reference below is `plan` as it was before those tables: it reads only the policy's plain fields
and recomputes everything per call. Both must give the same plan, reason for reason.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml

from service.domain.answers import known
from service.domain.answers import why as why_raised
from service.domain.decision import _units_for, plan
from service.domain.model import CallEvent, Location, Reason, Screening, UnitOffer
from service.policy.compile import CompiledPolicy, CompiledResponse, load_policy
from service.screening.readable import readable
from tests.support import DATA, ROOT
from tests.support.properties import examples

POLICIES = [*sorted((ROOT / "deploy" / "policies").glob("*.yaml")), DATA / "testville.yaml"]
NARRATIVES = [entry["text"] for entry in yaml.safe_load((DATA / "narratives.yaml").read_text())]
ANSWERS = list(Screening.__struct_fields__)
encode = msgspec.json.Encoder().encode
EXPLICIT = ("caller", "dispatcher")
# Reasons whose wording is compared by code only (the reference does not restate their sentence).
VARIABLE_TEXT = ("screen.narrative.unreadable", "unasked.fallback")


def reference_plan(call: CallEvent, policy: CompiledPolicy, now: datetime) -> tuple[Any, ...]:
    reasons: list[Reason] = []
    rule = policy.call_types.get(call.call_type.upper())
    if rule is None:
        call_type, base = call.call_type, policy.default
        text = f"call type {call.call_type} is not in the policy; using the policy's default"
        reasons.append(Reason("calltype.default", text))
    else:
        call_type, base = rule
        label = policy.labels.get(call_type, call_type)
        mapped = f" (CAD code {call.call_type})" if call_type.upper() != call.call_type.upper() else ""
        reasons.append(Reason(f"calltype.{call_type}", f"{label}{mapped}: policy order " + " > ".join(base)))
        given = (call.location.zone or "").upper()
        for zone, (area, rules) in policy.zones.items():
            if call_type.upper() in rules and (
                zone == given or (area is not None and area.contains(call.location.lat, call.location.lon))
            ):
                base = rules[call_type.upper()][1]
                reasons.append(Reason(f"zone.{zone}", f"zone {zone} rule: " + " > ".join(base)))
                break
    answers = known(call, policy.questions, policy.terms, (), reasons)
    raised = {flag: why_raised(a) for flag, a in answers.items() if a.value}
    order = list(base)
    fired = [flag for flag in policy.disqualifiers if flag in raised]
    if fired:
        escalation = [name for flag in fired for name in policy.disqualifiers[flag]]
        why = ", ".join(f"{flag} ({raised[flag]})" for flag in fired)
        for name in order:
            if policy.responses[name].civilian:
                text = f"{policy.responses[name].label} not allowed: {why}"
                reasons.append(Reason(f"disq.{fired[0]}", text))
        order = [n for n in escalation + order if not policy.responses[n].civilian]
    candidates: list[CompiledResponse] = []
    for name in dict.fromkeys(order):
        response = policy.responses[name]
        if response.area is not None and not response.area.contains(call.location.lat, call.location.lon):
            reasons.append(Reason(f"area.{name}", f"{response.label} does not serve this location"))
        elif response.schedule.is_open(now, policy.tz):
            candidates.append(response)
        else:
            why = response.schedule.closed_reason(now, policy.tz)
            reasons.append(Reason(f"hours.{name}", f"{response.label} {why}"))
    if not candidates:
        candidates = [
            policy.responses[n]
            for n in policy.default
            if not policy.responses[n].civilian and policy.responses[n].schedule.always
        ]
        text = "no allowed response is operating now; using the policy's default"
        reasons.append(Reason("hours.none", text))
    civilian = [c for c in candidates if c.civilian]
    if civilian:  # not asked is not no
        legible = not call.narrative or readable(call.narrative)
        missing = [
            flag for flag in policy.questions.required
            if flag not in answers
            or (not answers[flag].value and answers[flag].source not in EXPLICIT and not legible)
        ]
        if missing:
            if not legible and any(flag in answers for flag in missing):
                reasons.append(Reason("screen.narrative.unreadable", "x"))
            labels = ", ".join(c.label for c in civilian)
            for flag in missing:
                text = f"{flag} not answered: {labels} needs a no first"
                reasons.append(Reason(f"screen.{flag}.unasked", text))
            candidates = [c for c in candidates if not c.civilian]
            if not candidates:
                reasons.append(Reason("unasked.fallback", "x"))
                candidates = [
                    policy.responses[n]
                    for n in policy.default
                    if not policy.responses[n].civilian and policy.responses[n].schedule.always
                ]
    radius: dict[str, float] = {}
    for response in candidates:
        for unit_type in response.unit_types:
            radius[unit_type] = max(radius.get(unit_type, 0.0), response.radius_m)
    names = tuple(c.name for c in candidates)
    texts = [Reason(r.code, "x", r.phrase) if r.code in VARIABLE_TEXT else r for r in reasons]
    return call_type, names, tuple(sorted(raised)), encode(texts), tuple(radius.items()), call.priority


def reference_units(response: CompiledResponse, availability: dict[str, Any]) -> list[UnitOffer] | None:
    picked: list[UnitOffer] = []
    used: set[str] = set()
    for unit_type in response.unit_types:
        offer = None
        for unit_id, distance in availability.get(unit_type, ()):
            if distance > response.radius_m:
                break
            if unit_id not in used:
                used.add(unit_id)
                speed_mps = response.eta.speed_kmh / 3.6
                eta = int(response.eta.turnout_s + distance * response.eta.road_factor / speed_mps)
                offer = UnitOffer(unit_id, unit_type, response.category, eta, int(distance))
                break
        if offer is None:
            return None
        picked.append(offer)
    return picked


def _location(policy: CompiledPolicy, rng: random.Random) -> Location:
    areas = [r.area for r in policy.responses.values() if r.area is not None]
    areas += [area for area, _ in policy.zones.values() if area is not None]
    zone = rng.choice([None, None, "", "nowhere", *policy.zones, *(z.lower() for z in policy.zones)])
    if not areas or rng.random() < 0.2:
        return Location(rng.uniform(-85, 85), rng.uniform(-180, 180), zone=zone)
    minx, miny, maxx, maxy = rng.choice(areas).geometry.bounds
    lon = rng.uniform(minx - 0.1 * (maxx - minx), maxx + 0.1 * (maxx - minx))
    lat = rng.uniform(miny - 0.1 * (maxy - miny), maxy + 0.1 * (maxy - miny))
    return Location(lat, lon, zone=zone)


def _call(policy: CompiledPolicy, rng: random.Random, i: int) -> CallEvent:
    code = rng.choice([*policy.call_types, *policy.document.local_codes, "UNLISTED"])
    screening = Screening(**{a: rng.choice([None, None, None, False, True]) for a in ANSWERS})
    narrative = rng.choice(NARRATIVES) if rng.random() < 0.2 else ""
    return CallEvent(
        f"inc-{i}", 1, rng.choice([code, code.lower()]), _location(policy, rng),
        priority=rng.choice([None, *range(10)]), narrative=narrative, screening=screening,
    )


def _when(policy: CompiledPolicy, rng: random.Random) -> datetime:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    when = start + timedelta(seconds=rng.randrange(3 * 365 * 24 * 3600))
    return when.astimezone(policy.tz) if rng.random() < 0.3 else when


@pytest.mark.parametrize("path", POLICIES, ids=lambda p: p.stem)
def test_plan_matches_the_reference(path: Path) -> None:
    policy = load_policy(path.read_bytes(), f"{path.stem}@test")
    rng = random.Random(path.stem)
    for i in range(examples(1500)):
        call, now = _call(policy, rng, i), _when(policy, rng)
        p = plan(call, policy, now)
        names = tuple(c.name for c in p.candidates)
        texts = [Reason(r.code, "x", r.phrase) if r.code in VARIABLE_TEXT else r for r in p.reasons]
        got = (p.call_type, names, p.flags, encode(texts), p.searches, p.priority)
        assert got == reference_plan(call, policy, now), (call, now)


@pytest.mark.parametrize("path", POLICIES, ids=lambda p: p.stem)
def test_units_match_the_reference(path: Path) -> None:
    policy = load_policy(path.read_bytes(), f"{path.stem}@test")
    rng = random.Random(path.stem)
    types = sorted({t for r in policy.responses.values() for t in r.unit_types})
    for _ in range(examples(300)):
        # Unit ids shared between types too: a unit is offered for one type only.
        units = {t: [(rng.choice(["A", "B", f"{t}-1", f"{t}-2"]), rng.uniform(0, 20_000)) for _ in range(3)]
                 for t in types if rng.random() < 0.8}
        availability = {t: sorted(found, key=lambda unit: unit[1]) for t, found in units.items()}
        for response in policy.responses.values():
            got = _units_for(response, availability)
            want = reference_units(response, availability)
            assert (encode(got) if got is not None else None) == (encode(want) if want is not None else None)
