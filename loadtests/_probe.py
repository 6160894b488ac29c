"""The overload benchmark's second caller (loadtests/overload.py): jurisdiction B's steady calls,
sent and timed open-loop from a process of its own while jurisdiction A floods the service."""

from __future__ import annotations

import http.client
import multiprocessing
import time
from typing import Any

__all__ = ["Probe"]


class Probe:
    """Jurisdiction B: calls at a steady rate on one keep-alive connection, open-loop timed, from
    its own process (a thread would wait for the generator's GIL and time that instead)."""

    def __init__(self, port: int, key: str, bodies: list[bytes]) -> None:
        self.port, self.key, self.bodies = port, key, bodies
        ctx = multiprocessing.get_context("fork")
        self._rate = ctx.Value("d", 20.0)
        self._stop = ctx.Value("d", float("inf"))
        self._queue: Any = ctx.SimpleQueue()
        self._proc = ctx.Process(target=self._run, daemon=True)
        self.samples: list[tuple[float, float, int, bool]] = []  # intended, latency s, status, degraded

    @property
    def rate(self) -> float:
        return float(self._rate.value)

    @rate.setter
    def rate(self, value: float) -> None:
        self._rate.value = value

    def start(self) -> None:
        self._proc.start()

    def stop(self) -> None:
        self._stop.value = time.perf_counter()
        self._proc.join(10)
        self.collect()

    def collect(self) -> None:
        while not self._queue.empty():
            self.samples.append(self._queue.get())

    def _run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        headers = {"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"}
        due = time.perf_counter()
        i = 0
        while due < self._stop.value:
            now = time.perf_counter()
            if due > now:
                time.sleep(due - now)
            try:
                conn.request("POST", "/v1/calls", self.bodies[i % len(self.bodies)], headers)
                response = conn.getresponse()
                body = response.read()
                status = response.status
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                status, body = 0, b""
            done = time.perf_counter()
            self._queue.put((due, done - due, status, b'"degraded":true' in body))
            i += 1
            due += 1.0 / self._rate.value
        conn.close()

    def window(self, start: float, end: float) -> dict[str, Any]:
        self.collect()
        part = [s for s in self.samples if start <= s[0] < end]
        lat = sorted(s[1] for s in part)
        return {
            "calls": len(part),
            "ok": sum(s[2] == 200 for s in part),
            "degraded": sum(s[3] for s in part),
            "p50_ms": round(lat[len(lat) // 2] * 1000, 2) if lat else None,
            "p99_ms": round(lat[max(int(len(lat) * 0.99) - 1, 0)] * 1000, 2) if lat else None,
        }
