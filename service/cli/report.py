"""`dispatch-assist report --jurisdiction J --since T [--until T] [--out DIR]`: the program report.

Reads one jurisdiction's audit stream (recommendations, dispatcher outcomes, field records) and
writes the program's figures by month (GPL essential metrics the service can know; definitions in
docs/program-metrics.md) as HTML and CSV, with counts from 1 to 10 shown as "<11" so the files can
be published. Calls are those recommended in [since, until); their outcomes and field records are
read up to now, since they arrive later. Each recommendation is classified under the policy
version it was given with, read from Redis (or `--policy FILE` for all of them).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from service.cli.audit import parse_since
from service.settings import get_settings

__all__ = ["add_parser"]


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser("report", help="monthly program report (HTML + CSV) from the audit stream",
                              description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--jurisdiction", required=True)
    p.add_argument("--since", required=True,
                   help="RFC 3339 time or date (2026-11-01), ms since the epoch, or a duration back (30d)")
    p.add_argument("--until", help="same forms as --since; calls before it (default: now)")
    p.add_argument("--out", default=".", help="directory for the .html and .csv files (default: here)")
    p.add_argument("--policy",
                   help="classify every call under this policy file instead of the stored versions")
    p.set_defaults(func=_cmd_report)


def _cmd_report(args: argparse.Namespace) -> int:
    # Imported here: building the CLI's parser (and `--help`) must not load Redis or the policy core.
    from redis.exceptions import RedisError  # noqa: PLC0415

    from service import bootstrap  # noqa: PLC0415
    from service.policy.compile import PolicyInvalid, load_policy  # noqa: PLC0415
    from service.programs.render import to_csv, to_html  # noqa: PLC0415
    from service.programs.report import build_report  # noqa: PLC0415
    from service.programs.tally import Tally, merged  # noqa: PLC0415

    try:
        since = parse_since(args.since)
        until = parse_since(args.until) if args.until else None
    except ValueError as exc:
        print(f"--since/--until: {exc}", file=sys.stderr)
        return 2
    fixed = None
    if args.policy:
        try:
            fixed = Path(args.policy).read_bytes()
            load_policy(fixed)
        except (OSError, PolicyInvalid) as exc:
            print(f"--policy {args.policy}: {exc}", file=sys.stderr)
            return 2

    async def go() -> Tally | None:
        redis = bootstrap.cli_redis(get_settings(), socket_timeout=30)
        try:
            return await build_report(redis, args.jurisdiction, since, until, fixed)
        except (RedisError, OSError) as exc:
            print(f"report failed: {exc}", file=sys.stderr)
            return None
        finally:
            await redis.aclose()

    t = asyncio.run(go())
    if t is None:
        return 1
    start = datetime.fromtimestamp(since / 1000, UTC).date().isoformat()
    end_ms = until if until is not None else datetime.now(UTC).timestamp() * 1000
    end = datetime.fromtimestamp(end_ms / 1000, UTC).date().isoformat()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"program-report-{args.jurisdiction}-{start}-{end}"
    notes = [
        f"Calls recommended from {start} to {end} (UTC bounds; months in the jurisdiction's local time).",
             "Counts from 1 to 10 are shown as <11; shares and rates need 11 or more on both sides. "
             "Definitions: docs/program-metrics.md (GPL essential metrics).",
             "Generated " + datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC") + " by dispatch-assist."]
    if args.policy:
        notes.append(f"Every call classified under the policy file {Path(args.policy).name}.")
    if t.unknown_versions:
        notes.append("Policy versions not found (their calls are not classified): "
                     + ", ".join(sorted(t.unknown_versions)))
    stem.with_suffix(".html").write_text(to_html(t, f"Program report: {args.jurisdiction}", notes))
    stem.with_suffix(".csv").write_text(to_csv(t))
    total = merged(t.months.values())
    print(f"{total.calls} calls, {total.eligible} eligible, {sum(total.served.values())} served by an "
          f"alternative response; wrote {stem}.html and {stem}.csv", file=sys.stderr)
    return 0
