"""Screenshot of the dispatcher console with realistic demo traffic -> docs/console.png.

    python -m tools.console_screenshot [--out docs/console.png] [--jurisdiction denver]

Starts a private redis-server and the service (uvicorn) on free loopback ports, loads the demo
(`service.cli.demo.load_demo`: example policies, synthetic roster, keys), posts a shift's worth of
realistic calls, records one accepted and one overridden suggestion, moves a unit, then signs in
through the page in headless Chromium (Debian's /usr/bin/chromium via Playwright) and saves the
screenshot. The calls are written for this tool in the style of CAD narratives (APCO codes); they are
not real incidents.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.cli.demo import load_demo  # noqa: E402
from service.cli.main import server_command  # noqa: E402
from service.settings import from_env  # noqa: E402
from tools.console_traffic import CALLS, call_body  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{proc.args[0]} exited")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer")


async def traffic(base: str, key: str, j: str, centre: dict[str, float]) -> list[dict[str, Any]]:
    """Post the calls over a couple of seconds, then decide two of them as a dispatcher would."""
    headers = {"Authorization": f"Bearer {key}"}
    recs = []
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=10) as c:
        now = datetime.now(UTC)
        for i, spec in enumerate(CALLS):
            r = await c.post("/v1/calls", json=call_body(j, i, centre, spec, now - timedelta(minutes=9 - i)))
            r.raise_for_status()
            recs.append(r.json())
            await asyncio.sleep(0.15)
        await asyncio.sleep(0.3)
        by_type = {rec["call_type"]: rec for rec in recs}
        intox = by_type["INTOX"]
        (
            await c.post(
                f"/v1/recommendations/{intox['recommendation_id']}/outcome", json={"outcome": "accepted"}
            )
        ).raise_for_status()
        disord = by_type["DISORD"]
        (
            await c.post(
                f"/v1/recommendations/{disord['recommendation_id']}/outcome",
                json={
                    "outcome": "overridden",
                    "response": disord["response"],
                    "units": [u["unit_id"] for u in disord["alternatives"][0]["units"][:1]]
                    if disord["alternatives"] and disord["alternatives"][0]["units"]
                    else ["POLICE-7"],
                    "reason": "unit_closer",
                    "note": "officer already on foot at 13th",
                },
            )
        ).raise_for_status()
        # A unit goes en route: the board shows the change.
        first = next((u for rec in recs for u in rec["units"]), None)
        if first is not None:
            await c.post(
                "/v1/units",
                json={
                    "units": [
                        {
                            "unit_id": first["unit_id"],
                            "type": first["type"],
                            "status": "en_route",
                            "reported_at": datetime.now(UTC).isoformat(),
                        }
                    ]
                },
            )
    return recs


def screenshot(base: str, key: str, out: Path, width: int, height: int) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
        page.goto(f"{base}/console")
        page.fill("#signin-key", key)
        page.press("#signin-key", "Enter")
        page.wait_for_selector("#queue .card")
        page.wait_for_selector("#decided .card")
        page.wait_for_selector("#conn[data-state=live]")
        page.keyboard.press("Home")  # focus the most urgent card: the focus ring shows in the picture
        time.sleep(0.5)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), full_page=False)
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "console.png")
    parser.add_argument("--jurisdiction", default="denver")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1100)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="da-shot-"))
    redis_port, port = _free_port(), _free_port()
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    redis = subprocess.Popen(
        [
            shutil.which("redis-server") or "/usr/bin/redis-server",
            "--port",
            str(redis_port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server: subprocess.Popen[bytes] | None = None
    try:
        time.sleep(0.3)
        env = {k: v for k, v in os.environ.items() if not k.startswith("DISPATCH_")}
        env.update(
            DISPATCH_REDIS_URL=redis_url,
            DISPATCH_PORT=str(port),
            DISPATCH_POLICY_POLL_S="0.2",
            DISPATCH_SPOOL_DIR=str(workdir / "spool"),
        )
        settings = from_env(env)
        demo_keys, loaded = asyncio.run(load_demo(settings, 7))
        j = args.jurisdiction
        server = subprocess.Popen(
            server_command("127.0.0.1", port),
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        _wait(f"{base}/healthz", server)
        time.sleep(0.5)  # the keys the demo made reach the server's key ring
        centre = loaded["spec"]["jurisdictions"][j]["center"]
        asyncio.run(traffic(base, demo_keys[j], j, centre))
        screenshot(base, demo_keys[j], args.out, args.width, args.height)
        print(f"wrote {args.out}")
        return 0
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(15)
        redis.terminate()
        redis.wait(5)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
