"""`dispatch-assist audit export --jurisdiction J --since T`: the audit stream as JSON lines.

One line per entry, oldest first: recommendations, outcomes and policy changes, each with the
stream id, the jurisdiction, the kind, the id it is about, when it happened (RFC 3339, UTC) and
the document as it was given. The narrative appears only for jurisdictions whose policy keeps it
(`audit.keep_narrative`). For oversight boards and researchers; see docs/security.md.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import IO, Any

import msgspec
from redis.asyncio import Redis
from redis.exceptions import RedisError

from service.settings import get_settings
from service.state.audit import export, parse_since
from service.state.connect import redis_client

__all__ = ["add_parser", "run_export"]

_encode = msgspec.json.Encoder().encode


def add_parser(subparsers: Any) -> None:
    audit = subparsers.add_parser("audit", help="export the audit stream (JSON lines)", description=__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    exp = audit_sub.add_parser("export", help="write one jurisdiction's audit entries as JSON lines")
    exp.add_argument("--jurisdiction", required=True)
    exp.add_argument("--since", required=True,
                     help="RFC 3339 time or date (2026-11-01, 2026-11-24T08:00:00-07:00), ms since the "
                          "epoch, or a duration back from now (90m, 24h, 7d)")
    exp.add_argument("--until", help="same forms as --since; entries before it (default: now)")
    exp.add_argument("--output", "-o", help="file to write (default: standard output)")
    exp.set_defaults(func=_cmd_export)


async def run_export(redis: Redis, jurisdiction: str, since_ms: int, until_ms: int | None,
                     out: IO[bytes]) -> int:
    count = 0
    async for entry in export(redis, jurisdiction, since_ms, until_ms):
        out.write(_encode(entry) + b"\n")
        count += 1
    return count


def _cmd_export(args: argparse.Namespace) -> int:
    try:
        since = parse_since(args.since)
        until = parse_since(args.until) if args.until else None
    except ValueError as exc:
        print(f"--since/--until: {exc}", file=sys.stderr)
        return 2

    async def go(out: IO[bytes]) -> int:
        redis = redis_client(get_settings().redis_url, socket_connect_timeout=2, socket_timeout=30)
        try:
            count = await run_export(redis, args.jurisdiction, since, until, out)
        except (RedisError, OSError) as exc:
            print(f"audit export failed: {exc}", file=sys.stderr)
            return 1
        finally:
            await redis.aclose()
            out.flush()
        print(f"{count} entries of {args.jurisdiction}", file=sys.stderr)
        return 0

    if not args.output:
        return asyncio.run(go(sys.stdout.buffer))
    with open(args.output, "wb") as f:
        return asyncio.run(go(f))
