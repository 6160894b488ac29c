"""Issue 16 in the dispatcher console, in Debian's chromium driven by Playwright: the questions that
stand in the way come first, answering them re-decides the call as a revision, and a CAD retry
with changed facts is shown as refused."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from service.state.apikeys import create_key
from service.state.policies import activate
from tests.support import DATA, LiveServer, RedisServer
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, Browser, Page, expect, sync_playwright

pytestmark = [pytest.mark.slow]

J = "testville"


def _run(coro: Any) -> Any:
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def _provision(url: str) -> str:
    r = Redis.from_url(url)
    try:
        await activate(r, (DATA / "testville.yaml").read_bytes(), actor="test")
        return await create_key(r, J, ["cad:write", "units:write", "console:read", "console:write"])
    finally:
        await r.aclose()


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, str]]:
    redis = RedisServer().start()
    try:
        key = _run(_provision(redis.url))
        server = LiveServer(redis.url, tmp_path_factory.mktemp("advice") / "server.log").start()
        try:
            for _ in range(100):
                if httpx.get(f"{server.base}/v1/console/config", headers=_auth(key)).status_code == 200:
                    break
                asyncio.run(asyncio.sleep(0.05))
            now = datetime.now(UTC).isoformat()
            units = [
                {
                    "unit_id": uid,
                    "type": kind,
                    "status": "available",
                    "lat": 39.741,
                    "lon": -104.99,
                    "reported_at": now,
                }
                for uid, kind in [("AP-1", "police"), ("AO-1", "outreach")]
            ]
            httpx.post(
                f"{server.base}/v1/units", json={"units": units}, headers=_auth(key)
            ).raise_for_status()
            yield server, key
        finally:
            server.stop()
    finally:
        redis.stop()
        shutil.rmtree(redis.dir, ignore_errors=True)


@pytest.fixture
def page(service: tuple[LiveServer, str]) -> Iterator[Page]:
    server, key = service
    with sync_playwright() as pw:
        browser: Browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        p = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        errors: list[str] = []
        p.on("pageerror", lambda exc: errors.append(str(exc)))
        p.goto(f"{server.base}/console")
        p.fill("#signin-key", key)
        p.press("#signin-key", "Enter")
        p.wait_for_selector("#conn[data-state=live]", timeout=5000)
        yield p
        assert not errors, errors
        browser.close()


def _call(server: LiveServer, key: str, incident: str, **extra: Any) -> httpx.Response:
    # TRESPASS downtown: the outreach team (civilian, no hours) first, then police.
    body = {
        "incident_id": incident,
        "seq": 1,
        "call_type": "TRESPASS",
        "priority": 2,
        "location": {"lat": 39.7392, "lon": -104.9903, "address": "12 Market St"},
        "narrative": "man sleeping in the doorway of the store",
    }
    body.update(extra)
    return httpx.post(f"{server.base}/v1/calls", json=body, headers=_auth(key))


def test_ask_first_then_answers_unlock_the_civilian_team(page: Page, service: tuple[LiveServer, str]) -> None:
    server, key = service
    incident = f"ask-{os.getpid()}"
    rec = _call(server, key, incident).json()
    assert rec["response"] == "police" and [q["question"] for q in rec["ask"]] == [
        "weapon",
        "violence",
        "medical",
    ]
    card = page.locator(f'#queue .card[data-id="{rec["recommendation_id"]}"]')
    card.wait_for()
    # The questions come first on the card, before the recommendation itself.
    first_section = card.locator(":scope > *:nth-child(2)")
    expect(first_section).to_have_class("ask")
    expect(card.locator(".ask-item")).to_have_count(3)
    assert "Is there a weapon, or access to one?" in card.locator(".ask").inner_text()
    for question in ("weapon", "violence", "medical"):
        page.locator(f'#queue .ask-item[data-question="{question}"] button[data-value="no"]').first.click()
        page.wait_for_function(
            "q => ![...document.querySelectorAll('#queue .ask-item')].some(li => li.dataset.question === q)",
            arg=question,
            timeout=5000,
        )
    view = httpx.get(f"{server.base}/v1/incidents/{incident}", headers=_auth(key)).json()
    assert view["revision"] == 3 and view["recommendation"]["response"] == "outreach"
    revised = page.locator(f'#queue .card[data-id="{view["recommendation"]["recommendation_id"]}"]')
    expect(revised).to_contain_text("revised 3")
    expect(revised).to_contain_text("Outreach team")
    expect(revised.locator(".known")).to_contain_text("weapon no (dispatcher)")
    expect(page.locator(f'#queue .card[data-id="{rec["recommendation_id"]}"]')).to_have_count(0)


def test_changed_facts_for_the_same_update_are_shown_as_refused(
    page: Page, service: tuple[LiveServer, str]
) -> None:
    server, key = service
    incident = f"facts-{os.getpid()}"
    assert _call(server, key, incident).status_code == 200
    changed = _call(server, key, incident, narrative="man in the doorway now waving a knife")
    assert changed.status_code == 409 and changed.headers["content-type"].startswith(
        "application/problem+json"
    )
    expect(page.locator("#notice")).to_contain_text(f"Incident {incident} update 1")
    expect(page.locator("#notice")).to_contain_text("update 2")
