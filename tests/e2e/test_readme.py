"""The README's first command, run as written, answers the README's curl with a real recommendation."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from service.settings import _ENV
from tests.support import ROOT, RedisServer, free_port

README = (ROOT / "README.md").read_text()


def readme_command(label: str) -> str:
    match = re.search(rf"<!-- {label} -->\s*```(?:bash|sh)?\n(.+?)\n```", README, re.S)
    assert match, f"README has no {label} block"
    return match.group(1).strip()


def test_readme_commands_are_the_scripts() -> None:
    assert readme_command("run") == "./scripts/demo.sh"
    assert readme_command("test") == "./scripts/test.sh"
    assert "./scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_readme_lists_every_setting() -> None:
    assert [var for var in _ENV.values() if f"`{var}`" not in README] == []


@pytest.mark.slow
def test_readme_demo_answers_curl_for_every_city(redis_server: RedisServer, tmp_path: Path) -> None:
    # The test session's own Redis stands in for the one demo.sh would start, flushed first.
    from redis import Redis

    Redis.from_url(redis_server.url).flushdb()
    port = free_port()
    env = {**os.environ, "DISPATCH_REDIS_URL": redis_server.url, "DISPATCH_PORT": str(port)}
    log = (tmp_path / "demo.log").open("w+")
    proc = subprocess.Popen(
        [str(ROOT / readme_command("run"))],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240
        text = ""
        while time.monotonic() < deadline and "Service ready" not in text:
            assert proc.poll() is None, text
            time.sleep(0.5)
            log.seek(0)
            text = log.read()
        assert "Service ready" in text, text
        curls = [line for line in text.splitlines() if line.startswith("curl ")]
        keys = dict(re.findall(r"^\s+([a-z-]+)\s+(da_\S+)$", text, re.M))
        assert {"minneapolis", "san-francisco", "tucson", "denver", "chicago"} <= set(keys)
        assert len(curls) == len(keys) and keys["denver"] in curls[0]
        for curl in curls:
            city = next(c for c, k in keys.items() if k in curl)
            out = subprocess.run(["bash", "-c", curl], capture_output=True, text=True, timeout=10)
            rec = json.loads(out.stdout)
            assert rec["policy_version"].startswith(f"{city}@"), rec
            assert rec["units"] and rec["units"][0]["eta_s"] > 0 and rec["reasons"], rec
            assert rec["degraded"] is False and rec["category"]
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
