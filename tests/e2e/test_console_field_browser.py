"""The console's field-outcome panel in a real headless Chromium (Debian's, driven by Playwright):
a decided call gets a Field button; the dialog records arrival, backup and why, disposition; the
API's problem details show in the dialog; a second visit starts from the stored record and saves
a correction. Everything goes through real HTTP to the service under uvicorn and a real Redis."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from tests.support import LiveServer, RedisServer
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, expect, sync_playwright
from tests.support.programs import DOWNTOWN, provision_testville

pytestmark = [pytest.mark.slow]


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, dict[str, str]]]:
    redis = RedisServer().start()
    try:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            keys = pool.submit(asyncio.run, provision_testville(redis.url)).result()
        server = LiveServer(redis.url, tmp_path_factory.mktemp("field-browser") / "server.log").start()
        try:
            deadline = time.monotonic() + 10
            while (
                httpx.get(f"{server.base}/v1/console/config", headers=_auth(keys["all"])).status_code != 200
            ):
                assert time.monotonic() < deadline, "the server never accepted the key"
                time.sleep(0.05)
            now = datetime.now(UTC).isoformat()
            units = [
                {
                    "unit_id": "FO-1",
                    "type": "outreach",
                    "status": "available",
                    "reported_at": now,
                    "lat": DOWNTOWN["lat"] + 0.001,
                    "lon": DOWNTOWN["lon"],
                }
            ]
            httpx.post(
                f"{server.base}/v1/units", json={"units": units}, headers=_auth(keys["all"])
            ).raise_for_status()
            yield server, keys
        finally:
            server.stop()
    finally:
        redis.stop()
        shutil.rmtree(redis.dir, ignore_errors=True)


def test_field_outcome_recorded_and_corrected_in_the_console(
    service: tuple[LiveServer, dict[str, str]],
) -> None:
    server, keys = service
    key = keys["all"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{server.base}/console")
        page.fill("#signin-key", key)
        page.press("#signin-key", "Enter")
        page.wait_for_selector("#conn[data-state=live]", timeout=5000)

        body: dict[str, Any] = {
            "incident_id": f"fb-{os.getpid()}",
            "seq": 1,
            "call_type": "TRESPASS",
            "priority": 3,
            "location": dict(DOWNTOWN),
            "narrative": "person sleeping in a doorway",
            "screening": {"weapon": False, "violence": False, "medical": False},  # asked (issue 16)
        }
        rec = httpx.post(f"{server.base}/v1/calls", json=body, headers=_auth(key)).json()
        assert rec["response"] == "outreach", rec
        rid = rec["recommendation_id"]
        card = page.locator(f'#queue li[data-id="{rid}"]')
        expect(card).to_be_visible(timeout=5000)
        card.locator("[data-action=accept]").click()  # the dispatcher accepts: the card moves to Decided
        button = page.locator(f'#decided li[data-id="{rid}"] button[data-field]')
        expect(button).to_be_visible(timeout=5000)
        button.click()
        dialog = page.locator("#field-dialog")
        expect(dialog).to_be_visible()
        page.click("#field-now")
        page.select_option("#field-backup", "yes")
        page.click("#field-save")
        # The API's 422 names the missing field; nothing is stored.
        expect(page.locator("#field-error")).to_contain_text("backup_reason")
        assert (
            httpx.get(f"{server.base}/v1/recommendations/{rid}/field", headers=_auth(key)).status_code == 404
        )
        page.select_option("#field-backup-reason", "violence")
        page.select_option("#field-disposition", "police_took_over")
        page.click("#field-save")
        expect(dialog).to_be_hidden()
        summary = page.locator(f'#decided li[data-id="{rid}"] .field-summary')
        expect(summary).to_contain_text("BACKUP (violence)")
        stored = httpx.get(f"{server.base}/v1/recommendations/{rid}/field", headers=_auth(key)).json()
        assert stored["backup_requested"] is True and stored["backup_reason"] == "violence"
        assert (
            stored["disposition"] == "police_took_over" and stored["arrived_at"] and stored["revision"] == 1
        )
        assert stored["safety_incident"] is None  # left "Not known": not sent as "no"

        # Hours later: the same dialog opens on the stored record; a correction adds care, keeps the rest.
        page.locator(f'#decided li[data-id="{rid}"] button[data-field]').click()
        expect(page.locator("#field-backup")).to_have_value("yes")
        expect(page.locator("#field-disposition")).to_have_value("police_took_over")
        page.select_option("#field-care", "yes")
        page.click("#field-save")
        expect(dialog).to_be_hidden()
        expect(summary).to_contain_text("revision 2")
        stored = httpx.get(f"{server.base}/v1/recommendations/{rid}/field", headers=_auth(key)).json()
        assert (
            stored["revision"] == 2
            and stored["connected_to_care"] is True
            and stored["backup_requested"] is True
        )
        assert stored["previous"]["revision"] == 1
        assert not errors, errors
        browser.close()
