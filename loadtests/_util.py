"""Small helpers shared by the generator and the runner: target safety, CPU pinning, histograms."""

from __future__ import annotations

import ipaddress
import os

from hdrh.histogram import HdrHistogram

__all__ = [
    "HIST_MAX_US",
    "HIST_MIN_US",
    "default_generator_core",
    "ensure_loopback",
    "latency_summary",
    "new_histogram",
    "pin_to_core",
]

HIST_MIN_US, HIST_MAX_US, HIST_DIGITS = 1, 60_000_000, 3  # 1 µs .. 60 s at 3 significant digits
PERCENTILES = (50.0, 75.0, 90.0, 99.0, 99.9, 99.99)


def ensure_loopback(host: str) -> str:
    """Return the address to connect to; refuse anything that is not this machine (no accidental DoS)."""
    if host.lower() == "localhost":
        return "127.0.0.1"  # not resolved: /etc/hosts could point "localhost" elsewhere
    try:
        addr = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise ValueError(f"refusing non-loopback target host {host!r}") from None
    if not addr.is_loopback:  # 127.0.0.0/8 or ::1 only
        raise ValueError(f"refusing non-loopback target host {host!r}")
    return str(addr)


def pin_to_core(core: int | None) -> int | None:
    """Pin this process to one core (the server gets core 0); returns the core actually used."""
    if core is None or not hasattr(os, "sched_setaffinity") or core >= (os.cpu_count() or 1):
        return None
    os.sched_setaffinity(0, {core})
    return core


def default_generator_core() -> int | None:
    # Core 0 is the server's (servers.SERVER_CORE); on a 1-core machine nothing can be separated.
    return 1 if (os.cpu_count() or 1) >= 2 else None


def new_histogram() -> HdrHistogram:
    return HdrHistogram(HIST_MIN_US, HIST_MAX_US, HIST_DIGITS)


def latency_summary(hist: HdrHistogram) -> dict[str, float]:
    out = {f"p{p:g}": float(hist.get_value_at_percentile(p)) for p in PERCENTILES}
    out |= {"max": float(hist.get_max_value()), "mean": round(hist.get_mean_value(), 1)}
    return out | {"count": float(hist.get_total_count())}
