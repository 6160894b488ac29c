"""The consoles of tools/sse_fanout_bench.py, in a process of their own: N SSE connections on one
jurisdiction's GET /v1/stream, counting the recommendation events each receives.

    python -m tools.sse_consoles PORT KEY N

Prints "ready" once every connection is open; on SIGTERM prints one JSON line: the fewest and most
events a console received, and the delivery delay (arrival minus the recommendation's decided_at)
measured by the first few consoles. Loopback only.
"""

from __future__ import annotations

import asyncio
import json
import re
import signal
import sys
import time
from datetime import datetime

import uvloop

__all__ = ["Tally", "consoles_main"]

_DECIDED = re.compile(rb'"decided_at":"([^"]+)"')


class Tally:
    def __init__(self, total: int) -> None:
        self.total = total
        self.opened = 0
        self.ready = asyncio.Event()
        self.counts: list[int] = []
        self.delays: list[float] = []


async def _console(port: int, key: str, sample: bool, tally: Tally) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET /v1/stream?backlog=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {key}\r\n"
        "Accept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    if b" 200 " not in head.split(b"\r\n", 1)[0]:
        raise SystemExit(f"stream refused: {head[:80]!r}")
    tally.opened += 1
    if tally.opened == tally.total:
        tally.ready.set()
    counts, delays = tally.counts, tally.delays
    index = len(counts)
    counts.append(0)
    tail = b""
    while True:
        chunk = await reader.read(65536)
        if not chunk:
            return
        data = tail + chunk
        counts[index] += data.count(b"event: recommendation")
        if sample:
            now = time.time()
            for m in _DECIDED.finditer(chunk):
                decided = datetime.fromisoformat(m.group(1).decode().replace("Z", "+00:00")).timestamp()
                delays.append(now - decided)
        tail = data[-20:]  # shorter than the marker: a marker split across chunks is counted once


async def consoles_main(port: int, key: str, n: int, samples: int) -> None:
    tally = Tally(n)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    tasks = [asyncio.create_task(_console(port, key, i < samples, tally)) for i in range(n)]
    await asyncio.wait_for(tally.ready.wait(), 30)
    print("ready", flush=True)
    await stop.wait()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    counts, delays = tally.counts, sorted(tally.delays)

    def pct(p: float) -> float | None:
        return round(delays[min(int(p * len(delays)), len(delays) - 1)] * 1000, 1) if delays else None

    print(
        json.dumps(
            {
                "events_per_console_min": min(counts),
                "events_per_console_max": max(counts),
                "delivery_ms": {"p50": pct(0.5), "p99": pct(0.99), "max": pct(1.0), "n": len(delays)},
            }
        ),
        flush=True,
    )


def main(argv: list[str]) -> int:
    port, key, n = int(argv[0]), argv[1], int(argv[2])
    uvloop.run(consoles_main(port, key, n, samples=min(5, n)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
