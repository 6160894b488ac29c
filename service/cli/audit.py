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
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any

import msgspec

from service.settings import get_settings

if TYPE_CHECKING:  # redis is imported when an export runs: `dispatch-assist --help` stays fast
    from redis.asyncio import Redis

__all__ = ["add_parser", "parse_since", "run_export"]

_encode = msgspec.json.Encoder().encode


def parse_since(text: str, now: datetime | None = None) -> int:
    """`--since`: an RFC 3339 time or date, ms since the epoch, or a duration back from now (90m, 24h, 7d)."""
    now = now or datetime.now(UTC)
    text = text.strip()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    if text[-1:] in units and text[:-1].isdigit():
        return int((now.timestamp() - int(text[:-1]) * units[text[-1]]) * 1000)
    if text.isdigit():
        return int(text)
    when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return int(when.timestamp() * 1000)


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
    from service.state.audit import export  # noqa: PLC0415 - see the imports above

    count = 0
    async for entry in export(redis, jurisdiction, since_ms, until_ms):
        out.write(_encode(entry) + b"\n")
        count += 1
    return count


def _cmd_export(args: argparse.Namespace) -> int:
    from redis.exceptions import RedisError  # noqa: PLC0415 - see the imports above

    from service import bootstrap  # noqa: PLC0415

    try:
        since = parse_since(args.since)
        until = parse_since(args.until) if args.until else None
    except ValueError as exc:
        print(f"--since/--until: {exc}", file=sys.stderr)
        return 2

    async def go(out: IO[bytes]) -> int:
        redis = bootstrap.cli_redis(get_settings(), socket_timeout=30)
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
