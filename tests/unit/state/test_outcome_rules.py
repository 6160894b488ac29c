"""The outcome rules every OutcomeRecords implementation applies (check_request, build_outcome), through
the in-memory fake of the port: accept, override, correction, refusals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec
import pytest

from service.state.outcomes import OutcomeInvalid, OutcomeRequest, RecommendationNotFound
from tests.support.fakes import FakeOutcomeRecords

J = "testville"
NOW = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)


def _records() -> FakeOutcomeRecords:
    fake = FakeOutcomeRecords()
    fake.recommendations[J, "r_1"] = msgspec.json.encode({
        "recommendation_id": "r_1", "incident_id": "i-1", "seq": 1, "response": "crisis",
        "units": [{"unit_id": "CV-1"}]})
    return fake


async def test_accept_takes_what_was_recommended() -> None:
    records = _records()
    out = await records.record(J, "r_1", OutcomeRequest("accepted"), "k_1", NOW)
    assert (out.response, out.units, out.revision) == ("crisis", ["CV-1"], 1)
    assert await records.get(J, "r_1") == out and len(records.audit) == 1


async def test_a_correction_names_the_outcome_it_replaces() -> None:
    records = _records()
    await records.record(J, "r_1", OutcomeRequest("accepted"), "k_1", NOW)
    req = OutcomeRequest("overridden", response="police", reason="more_info", note=" caller saw a knife ")
    later = NOW + timedelta(seconds=30)
    out = await records.record(J, "r_1", req, "k_2", later, responses={"crisis", "police"})
    assert out.revision == 2 and out.previous is not None and out.previous.recorded_by == "k_1"
    assert out.note == "caller saw a knife" and out.units == []


@pytest.mark.parametrize(
    ("req", "fields"),
    [
        (OutcomeRequest("accepted", response="police"), ["response"]),
        (OutcomeRequest("overridden", response="police"), ["reason"]),
        (OutcomeRequest("overridden", response="police", reason="other"), ["note"]),
        (OutcomeRequest("overridden", reason="unit_closer"), ["response"]),
        (OutcomeRequest("overridden", response="crisis", reason="unit_closer"), ["response"]),
        (OutcomeRequest("overridden", response="swat", reason="unit_closer"), ["response"]),
    ],
)
async def test_refusals_name_the_field(req: OutcomeRequest, fields: list[str]) -> None:
    records = _records()
    with pytest.raises(OutcomeInvalid) as info:
        await records.record(J, "r_1", req, "k_1", NOW, responses={"crisis", "police"})
    assert [f for f, _ in info.value.errors] == fields
    assert records.outcomes == {}


async def test_an_unknown_recommendation_is_not_found() -> None:
    with pytest.raises(RecommendationNotFound):
        await _records().record(J, "r_2", OutcomeRequest("accepted"), "k_1", NOW)
