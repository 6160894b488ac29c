"""The screening-trigger counter reads raised flags as data (each "yes" answer and its source), not
by parsing reason codes (issue 18)."""

from __future__ import annotations

from datetime import UTC, datetime

from api.metrics import REGISTRY, record_recommendation
from service.domain.decision import recommend
from service.domain.model import CallEvent, Location, Screening
from service.policy.compile import load_policy
from tests.support import DATA


def _count(jurisdiction: str, kind: str, source: str) -> float:
    value = REGISTRY.get_sample_value(
        "dispatch_screening_triggers_total", {"jurisdiction": jurisdiction, "kind": kind, "source": source}
    )
    return value or 0.0


def test_each_raised_flag_is_counted_by_where_it_came_from() -> None:
    policy = load_policy((DATA / "testville.yaml").read_bytes(), "testville@1")
    j = "flags-as-data"
    call = CallEvent(
        incident_id="f-1", seq=1, call_type="MNTL", location=Location(39.7392, -104.9903),
        narrative="caller says he is bleeding from the head", determinant="25-A-1W",
        screening=Screening(medical=True),
    )
    rec = recommend(call, policy, {}, datetime(2026, 3, 4, 12, tzinfo=UTC), "r_f1")
    sources = {(a.question, a.source) for a in rec.answers if a.value}
    assert ("weapon", "determinant") in sources and ("medical", "caller") in sources
    before = {key: _count(j, *key) for key in [("weapon", "determinant"), ("medical", "answer")]}
    record_recommendation(j, rec)
    assert _count(j, "weapon", "determinant") == before["weapon", "determinant"] + 1
    assert _count(j, "medical", "answer") == before["medical", "answer"] + 1
    # A flag nobody raised is not counted, whatever the reasons say.
    assert _count(j, "suicidal", "narrative") == 0
