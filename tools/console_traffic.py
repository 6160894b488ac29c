"""Live demo traffic for the console: realistic calls posted to a running service, one every few seconds.

    python -m tools.console_traffic --key <a demo key> [--url http://127.0.0.1:8000] [--jurisdiction denver]
                                    [--every 6] [--count 40]

Run it beside `./scripts/demo.sh` (or `dispatch-assist demo --serve`) with the key the demo printed
for the jurisdiction, and watch /console fill up. The calls are written for this tool in the style of
CAD narratives (APCO call types, call-taker screening); they are not real incidents. Bounded by
--count; loopback or any URL you give it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent
ROSTER = ROOT / "deploy" / "demo" / "roster.yaml"

# (call type, priority, offset north km, offset east km, address, narrative, screening)
# fmt: off
CALLS: list[tuple[str, int, float, float, str, str, dict[str, bool]]] = [
    ("TRESPASS", 4, 0.6, -0.4, "1550 Champa St (doorway, closed bank)",
     "man sleeping in the doorway of the closed bank, business owner wants him moved along, "
     "no weapons seen", {"weapon": False, "violence": False}),
    ("INTOX", 3, -1.2, 0.8, "E Colfax Ave & N Logan St",
     "intoxicated male stumbling near the curb on Colfax, falling into the bike lane, conscious and "
     "talking", {"weapon": False, "violence": False, "medical": False}),
    ("WELFARE", 3, 1.1, 1.6, "Civic Center Park, north lawn",
     "caller says a woman has been sitting on the bench in the rain for hours, not answering questions",
     {"weapon": False, "violence": False}),
    ("SUICTHRT", 2, -2.4, -1.9, "2900 block W 26th Ave",
     "caller's roommate texted that he wants to end it, he is home alone, caller says there are no guns "
     "in the house", {"weapon": False, "suicidal": True}),
    ("WELFARE", 1, 2.8, -0.9, "Union Station, bus concourse",
     "man pacing by the gates talking to himself, caller saw a knife in his waistband", {"violence": False}),
    ("CARDIAC", 1, -0.8, 2.7, "1000 block E 17th Ave",
     "58 year old male, chest pain and sweating, conscious and breathing", {"medical": True}),
    ("DISORD", 3, 0.3, 3.4, "Broadway & E 13th Ave",
     "two men arguing loudly outside the bar, no one hurt, no weapons seen", {"weapon": False}),
    ("MTLV", 1, -3.1, 0.5, "S Broadway & W Alameda Ave (grocery)",
     "woman screaming at customers and throwing bottles, she has hit a staff member", {"violence": True}),
]
# fmt: on


def call_body(
    j: str, i: int, centre: dict[str, float], spec: tuple[Any, ...], when: datetime
) -> dict[str, Any]:
    call_type, priority, north, east, address, narrative, screening = spec
    lat = centre["lat"] + north / 111.32
    lon = centre["lon"] + east / 85.0
    return {
        "incident_id": f"{when:%Y}-{j[:3].upper()}{41870 + i * 7}",
        "seq": 1,
        "event": "created",
        "call_type": call_type,
        "priority": priority,
        "received_at": when.isoformat(),
        "location": {"lat": round(lat, 5), "lon": round(lon, 5), "address": address},
        "narrative": narrative,
        "screening": screening,
        "caller": {"relation": "third_party"},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument(
        "--key", required=True, help="a key with cad:write (the demo's keys have every scope)"
    )
    parser.add_argument("--jurisdiction", default="denver")
    parser.add_argument("--every", type=float, default=6.0, help="seconds between calls")
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    centre = yaml.safe_load(ROSTER.read_text())["jurisdictions"][args.jurisdiction]["center"]
    rng = random.Random(args.seed)
    run = int(time.time()) % 100_000
    with httpx.Client(base_url=args.url, headers={"Authorization": f"Bearer {args.key}"}, timeout=10) as c:
        for i in range(args.count):
            spec = rng.choice(CALLS)
            body = call_body(args.jurisdiction, run * 1000 + i, centre, spec, datetime.now(UTC))
            if args.jurisdiction != "denver":
                body["location"].pop("address", None)  # the addresses above are Denver's
            r = c.post("/v1/calls", json=body)
            if r.status_code != 200:
                print(f"{r.status_code}: {r.text}", file=sys.stderr)
                return 1
            rec = r.json()
            print(
                f"{body['incident_id']} {body['call_type']:9s} -> {rec['response']} "
                f"{', '.join(u['unit_id'] for u in rec['units'][:2])}",
                flush=True,
            )
            time.sleep(args.every)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
