"""The dispatcher console in a real headless browser (Debian's chromium driven by Playwright).

The service runs under uvicorn against a private redis-server; the test signs in through the page,
posts calls and unit changes through the API as a CAD would, and works the queue with the keyboard.
./scripts/test.sh installs chromium (scripts/system-deps.sh) and playwright (pyproject's test extra);
without them these tests fail, naming what is missing, rather than being skipped.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.support import LiveServer, RedisServer, provision, wait_for_key
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, Browser, Page, expect, sync_playwright

pytestmark = [pytest.mark.slow]

START = datetime.now(UTC)


def _run(coro: Any) -> Any:
    """asyncio.run in a worker thread: an earlier test may have left an event loop set on this one."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, dict[str, str]]]:
    redis = RedisServer().start()
    try:
        keys = _run(provision(redis.url))
        server = LiveServer(redis.url, tmp_path_factory.mktemp("browser") / "server.log").start()
        try:
            _run(wait_for_key(server.base, keys["all"]))
            roster = [
                _unit("BP-1", "police", "available", START),
                _unit("BP-2", "police", "available", START),
                _unit("BM-1", "ems", "available", START),
                _unit("BCV-1", "crisis_van", "on_scene", START),
            ]
            httpx.post(
                f"{server.base}/v1/units", json={"units": roster}, headers=_auth(keys["all"])
            ).raise_for_status()
            yield server, keys
        finally:
            server.stop()
    finally:
        redis.stop()
        shutil.rmtree(redis.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser, service: tuple[LiveServer, dict[str, str]]) -> Iterator[Page]:
    server, keys = service
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    p = context.new_page()
    urls: list[str] = []
    p.on("request", lambda req: urls.append(req.url))
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.goto(f"{server.base}/console")
    p.fill("#signin-key", keys["all"])
    p.press("#signin-key", "Enter")
    p.wait_for_selector("#conn[data-state=live]", timeout=5000)
    yield p
    # The key never travels in a URL (query, path or fragment), whatever the page requested.
    # The secret is the whole rest of the key: token_urlsafe may itself contain "_" (a plain split
    # then gave a fragment, even an empty one that every URL "contains").
    secret = keys["all"].split("_", 2)[2]
    assert not [u for u in urls if keys["all"] in u or secret in u]
    assert keys["all"] not in p.url
    assert not errors, errors
    context.close()


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _unit(unit_id: str, unit_type: str, status: str, at: datetime) -> dict[str, Any]:
    return {
        "unit_id": unit_id,
        "type": unit_type,
        "status": status,
        "lat": 39.741,
        "lon": -104.99,
        "reported_at": at.isoformat(),
    }


_counter = iter(range(1, 1_000_000))


def _post_call(server: LiveServer, key: str, call_type: str = "WELFARE", **extra: Any) -> dict[str, Any]:
    n = next(_counter)
    body = {
        "incident_id": f"b-{os.getpid()}-{n}",
        "seq": 1,
        "call_type": call_type,
        "priority": 3,
        "location": {"lat": 39.7392, "lon": -104.9903, "address": f"{100 + n} Test Ave"},
        "narrative": "caller says a man is yelling at traffic, no weapons seen",
    }
    body.update(extra)
    r = httpx.post(f"{server.base}/v1/calls", json=body, headers=_auth(key))
    r.raise_for_status()
    return r.json()  # type: ignore[no-any-return]


def _outcome(server: LiveServer, key: str, rec_id: str) -> dict[str, Any] | None:
    r = httpx.get(f"{server.base}/v1/recommendations/{rec_id}/outcome", headers=_auth(key))
    return r.json() if r.status_code == 200 else None


def _card(rec_id: str) -> str:
    return f'#queue .card[data-id="{rec_id}"]'


def test_sign_in_keeps_the_key_out_of_urls_and_storage_is_per_tab(
    page: Page, service: tuple[LiveServer, dict[str, str]]
) -> None:
    server, keys = service
    assert page.url == f"{server.base}/console"
    assert page.evaluate("sessionStorage.getItem('dispatch-assist.console-key')") == keys["all"]
    assert page.evaluate("localStorage.length") == 0 and page.evaluate("document.cookie") == ""
    assert "testville" in page.inner_text("#jurisdiction")
    # A wrong key is refused with a readable message, and nothing is stored.
    page.click("#signout")
    page.fill("#signin-key", "da_nope_nope")
    page.press("#signin-key", "Enter")
    expect(page.locator("#signin-error")).to_contain_text("not recognised")
    assert page.evaluate("sessionStorage.length") == 0


def test_call_appears_within_one_second(page: Page, service: tuple[LiveServer, dict[str, str]]) -> None:
    server, keys = service
    started = time.monotonic()
    rec = _post_call(
        server,
        keys["all"],
        narrative="man with a knife yelling outside the store",
        screening={"violence": False},
    )
    page.wait_for_selector(_card(rec["recommendation_id"]), timeout=1000)
    took = time.monotonic() - started
    assert took < 1.0, took
    card = page.locator(_card(rec["recommendation_id"]))
    text = card.inner_text()
    assert rec["call_type"] in text and "Test Ave" in text
    assert "WEAPON" in text and "HIGH" in text  # flags and urgency as text, not colour alone
    if any(r["code"].startswith(("disq.", "hours.", "eta.")) for r in rec["reasons"]):
        assert card.locator(".whynot").count() == 1
    assert "suggestion" in page.inner_text("#announce-urgent") + page.inner_text("#announce")


def test_accept_with_the_keyboard_records_the_outcome(
    page: Page, service: tuple[LiveServer, dict[str, str]]
) -> None:
    server, keys = service
    rec = _post_call(server, keys["all"], priority=1)  # priority 1: first in the queue
    rid = rec["recommendation_id"]
    page.wait_for_selector(_card(rid))
    page.keyboard.press("Home")  # the most urgent card; the selection never jumps by itself
    assert page.evaluate("document.activeElement.dataset.id") == rid
    page.keyboard.press("a")
    page.wait_for_selector(f'#decided .card[data-id="{rid}"]')
    out = _outcome(server, keys["all"], rid)
    assert out is not None and out["outcome"] == "accepted" and out["response"] == rec["response"]
    assert "ACCEPTED" in page.inner_text(f'#decided .card[data-id="{rid}"]')


def test_override_with_the_keyboard_records_what_and_why(
    page: Page, service: tuple[LiveServer, dict[str, str]]
) -> None:
    server, keys = service
    rec = _post_call(server, keys["all"], priority=0)
    rid = rec["recommendation_id"]
    page.wait_for_selector(_card(rid))
    page.keyboard.press("Home")
    assert page.evaluate("document.activeElement.dataset.id") == rid
    # Escape cancels without recording anything.
    page.keyboard.press("o")
    page.wait_for_selector("#override[open]")
    page.keyboard.press("Escape")
    page.wait_for_selector("#override", state="hidden")
    assert _outcome(server, keys["all"], rid) is None
    assert page.evaluate("document.activeElement.dataset.id") == rid  # focus returns to the card
    page.keyboard.press("o")
    page.wait_for_selector("#override[open]")
    other = "ems" if rec["response"] != "ems" else "police"
    page.select_option("#override-response", other)
    page.keyboard.press("2")  # the second reason: caller_request
    page.focus("#override-units")
    page.keyboard.type("BM-1")
    page.focus("#override-note")
    page.keyboard.type("caller asked for an ambulance")
    page.keyboard.press("Enter")
    page.wait_for_selector(f'#decided .card[data-id="{rid}"]')
    out = _outcome(server, keys["all"], rid)
    assert out is not None
    assert (out["outcome"], out["response"], out["units"], out["reason"]) == (
        "overridden",
        other,
        ["BM-1"],
        "caller_request",
    )
    assert out["note"] == "caller asked for an ambulance"
    assert "OVERRIDDEN" in page.inner_text(f'#decided .card[data-id="{rid}"]')


def test_override_form_explains_a_missing_reason(
    page: Page, service: tuple[LiveServer, dict[str, str]]
) -> None:
    server, keys = service
    rid = _post_call(server, keys["all"], priority=0)["recommendation_id"]
    page.wait_for_selector(_card(rid))
    page.keyboard.press("Home")
    page.keyboard.press("o")
    page.wait_for_selector("#override[open]")
    page.keyboard.press("Enter")
    assert "reason" in page.inner_text("#override-error").lower()
    assert _outcome(server, keys["all"], rid) is None
    page.keyboard.press("Escape")


def test_unit_board_updates_on_a_status_change(
    page: Page, service: tuple[LiveServer, dict[str, str]]
) -> None:
    server, keys = service
    row = '#board li[data-unit="BP-2"]'
    page.wait_for_selector(row)
    assert page.get_attribute(row, "data-status") == "available"
    httpx.post(
        f"{server.base}/v1/units",
        headers=_auth(keys["all"]),
        json={"units": [_unit("BP-2", "police", "en_route", datetime.now(UTC) + timedelta(seconds=1))]},
    ).raise_for_status()
    page.wait_for_selector(f'{row}[data-status="en_route"]', timeout=2000)
    text = page.inner_text(row)
    assert "ENR" in text and "NEW" in text  # status as text, change marked with a word, not colour only
    assert "En route" in page.inner_text('#board section[data-type="police"] .counts')
