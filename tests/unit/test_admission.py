"""Admission control (api/admission.py): slots, the deadline, and each jurisdiction's share."""

from __future__ import annotations

import asyncio
import time

import pytest

from api.admission import Admission, Overloaded


async def test_a_call_gets_a_slot_until_the_limit_then_waits_its_deadline_and_is_shed() -> None:
    gate = Admission(limit=4, wait_s=0.02, reserve=0)
    for _ in range(4):
        await gate.enter("a")
    started = time.perf_counter()
    with pytest.raises(Overloaded):
        await gate.enter("a")
    waited = time.perf_counter() - started
    assert 0.015 <= waited < 0.5  # shed at its deadline, not later
    assert gate.shed_total == 1 and gate.in_flight == 4 and gate.waiting == 0


async def test_a_freed_slot_goes_to_the_waiting_call() -> None:
    gate = Admission(limit=1, wait_s=1.0, reserve=0)
    await gate.enter("a")
    waiter = asyncio.create_task(gate.enter("a"))
    await asyncio.sleep(0.01)
    assert not waiter.done()
    gate.leave("a")
    await asyncio.wait_for(waiter, 0.5)
    assert gate.in_flight == 1 and gate.by_jurisdiction["a"] == 1


async def test_a_call_cancelled_as_its_slot_is_granted_hands_the_slot_on() -> None:
    gate = Admission(limit=1, wait_s=1.0, reserve=0)
    await gate.enter("a")
    waiter = asyncio.create_task(gate.enter("a"))
    await asyncio.sleep(0.01)
    waiter.cancel()  # its task is cancelled (shutdown) ...
    gate.leave("a")  # ... and, before it runs again, the freed slot is handed to it
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert gate.in_flight == 0 and not gate.by_jurisdiction and gate.waiting == 0
    await asyncio.wait_for(gate.enter("a"), 0.1)  # the slot is free, not leaked


async def test_a_flooding_jurisdiction_leaves_room_for_another() -> None:
    gate = Admission(limit=8, wait_s=0.01)  # reserve: 1 slot
    admitted = 0
    for _ in range(20):
        try:
            await gate.enter("flood")
            admitted += 1
        except Overloaded:
            pass
    assert admitted == 7  # all but the reserve
    await asyncio.wait_for(gate.enter("quiet"), 0.001)  # at once: no wait for the other jurisdiction
    assert gate.by_jurisdiction == {"flood": 7, "quiet": 1}


async def test_freed_slots_go_first_to_the_jurisdiction_with_fewer_in_flight() -> None:
    gate = Admission(limit=2, wait_s=1.0, reserve=0)
    await gate.enter("flood")
    await gate.enter("flood")
    flood_waiter = asyncio.create_task(gate.enter("flood"))
    await asyncio.sleep(0)
    quiet_waiter = asyncio.create_task(gate.enter("quiet"))
    await asyncio.sleep(0.01)
    gate.leave("flood")
    await asyncio.wait_for(quiet_waiter, 0.5)  # queued later, but its jurisdiction has none in flight
    assert not flood_waiter.done()
    gate.leave("flood")
    await asyncio.wait_for(flood_waiter, 0.5)
    assert gate.by_jurisdiction == {"flood": 1, "quiet": 1}


async def test_a_late_call_is_shed_under_overload_unless_its_jurisdiction_is_quiet() -> None:
    gate = Admission(limit=8, wait_s=0.005)
    await gate.enter("flood")
    await gate.enter("flood", late=True)  # a pause of the machine, not overload: answered
    await gate.enter("flood")
    await gate.enter("flood")
    with pytest.raises(Overloaded):  # half the slots taken: late calls of the flood are shed
        await gate.enter("flood", late=True)  # it already waited its deadline in the server's queue
    await gate.enter("quiet", late=True)  # nothing of its own in flight: caught behind another's flood
    assert gate.shed["flood"] == 1 and gate.by_jurisdiction == {"flood": 4, "quiet": 1}


async def test_shed_calls_are_logged_as_one_line_per_interval(caplog: pytest.LogCaptureFixture) -> None:
    gate = Admission(limit=1, wait_s=0.0, reserve=0, log_every_s=3600)
    await gate.enter("a")
    for _ in range(500):
        with pytest.raises(Overloaded):
            await gate.enter("a")
    assert not [r for r in caplog.records if r.name == "dispatch.admission"]  # not one line each
    gate.shed_log.flush()
    lines = [r for r in caplog.records if r.name == "dispatch.admission"]
    assert len(lines) == 1 and "shed 500 call(s)" in lines[0].getMessage()
    assert "0 with the loop saturated, 500 with no slot within 0 ms" in lines[0].getMessage()


async def test_the_shed_summary_is_logged_by_the_poll_after_a_flood_ends(
    caplog: pytest.LogCaptureFixture,
) -> None:
    gate = Admission(limit=1, wait_s=0.0, reserve=0, log_every_s=0.05)
    await gate.enter("a")
    with pytest.raises(Overloaded):
        await gate.enter("a")  # shed; the interval has not passed, so nothing is logged yet
    gate.shed_log.flush_due()
    assert not [r for r in caplog.records if r.name == "dispatch.admission"]
    await asyncio.sleep(0.06)  # the flood is over: no further shed call would log it
    gate.shed_log.flush_due()
    lines = [r for r in caplog.records if r.name == "dispatch.admission"]
    assert len(lines) == 1 and "shed 1 call(s)" in lines[0].getMessage()
    gate.shed_log.flush_due()  # nothing new: no second line
    assert len([r for r in caplog.records if r.name == "dispatch.admission"]) == 1
