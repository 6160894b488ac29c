"""`dispatch-assist incident show|answer`: an incident's latest advice and learned answers, and
recording a dispatcher's answers from a terminal (the same use case as the console's
POST /v1/incidents/{id}/answers: a server-side revision, audited, shown on every console).

    dispatch-assist incident show --jurisdiction denver 2026-000123
    dispatch-assist incident answer --jurisdiction denver 2026-000123 weapon=no violence=no
    dispatch-assist incident answer --jurisdiction denver 2026-000123 weapon=no --correction \\
        --note "caller misheard: a phone, not a gun"
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from service.settings import get_settings

__all__ = ["add_parser", "parse_answers"]

_YES = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}


def add_parser(subparsers: Any) -> None:
    incident = subparsers.add_parser(
        "incident",
        help="show an incident, or record a dispatcher's answers",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = incident.add_subparsers(dest="incident_command", required=True)
    show = sub.add_parser("show", help="latest recommendation and learned answers, as JSON")
    answer = sub.add_parser("answer", help="record answers (question=yes|no ...) and re-decide the incident")
    for p in (show, answer):
        p.add_argument("--jurisdiction", required=True)
        p.add_argument("incident_id")
    answer.add_argument("answers", nargs="+", metavar="QUESTION=yes|no")
    answer.add_argument(
        "--correction", action="store_true", help="turn a recorded yes into no (needs --note)"
    )
    answer.add_argument("--note", default="", help="why (kept in the audit)")
    answer.add_argument("--by", default="cli", help="who answers, for the audit (default: cli)")
    incident.set_defaults(func=lambda args: asyncio.run(_run(args)))


def parse_answers(pairs: list[str]) -> dict[str, bool]:
    out: dict[str, bool] = {}
    for pair in pairs:
        question, _, value = pair.partition("=")
        if value.lower() not in _YES:
            raise ValueError(f"{pair!r}: write QUESTION=yes or QUESTION=no, e.g. weapon=no")
        out[question.strip()] = _YES[value.lower()]
    return out


async def _run(args: argparse.Namespace) -> int:
    # Imported here: building the CLI's parser (and `--help`) must not load Redis or the decision core.
    import msgspec  # noqa: PLC0415
    from redis.exceptions import RedisError  # noqa: PLC0415

    from service import bootstrap  # noqa: PLC0415
    from service.policy.compile import load_policy  # noqa: PLC0415
    from service.state.apikeys import Principal  # noqa: PLC0415
    from service.state.policies import active_document  # noqa: PLC0415
    from service.state.store import UnitStore  # noqa: PLC0415
    from service.usecases.record_answers import AnswerDesk, AnswersRequest  # noqa: PLC0415
    from service.usecases.refusals import Refused  # noqa: PLC0415

    settings = get_settings()
    redis = bootstrap.cli_redis(settings)  # one Redis or the master through its Sentinels
    try:
        j = args.jurisdiction
        active = await active_document(redis, j)
        policy = load_policy(active[1], f"{j}@v{active[0]}") if active else None
        desk = AnswerDesk(
            redis,
            UnitStore(redis, settings.units_per_type),
            lambda _: policy,
            remember=lambda *_: None,
            recommended=lambda *_: None,
            ttl_s=settings.recommendation_ttl_s,
            audit_maxlen=settings.audit_maxlen,
        )
        principal = Principal(
            key_id=args.by if args.incident_command == "answer" else "cli",
            jurisdiction=j,
            scopes=frozenset({"console:read", "console:write"}),
            label="command line",
        )
        if args.incident_command == "show":
            print(msgspec.json.encode(await desk.view(principal, args.incident_id)).decode())
            return 0
        req = msgspec.convert(
            {"answers": parse_answers(args.answers), "correction": args.correction, "note": args.note},
            AnswersRequest,
        )
        print((await desk.record(principal, args.incident_id, req)).decode())
        return 0
    except Refused as exc:
        print(f"incident: {exc.title}: {exc.detail}", file=sys.stderr)
        return 1
    except (ValueError, msgspec.ValidationError) as exc:
        print(f"incident: {exc}", file=sys.stderr)
        return 2
    except (RedisError, OSError) as exc:
        print(f"incident: cannot reach redis: {exc}", file=sys.stderr)
        return 3
    finally:
        await redis.aclose()
