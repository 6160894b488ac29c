"""`dispatch-assist`: the operator's command line (serve, demo, keys, policy)."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from service.settings import get_settings
from service.state.apikeys import SCOPES

if TYPE_CHECKING:
    from redis.asyncio import Redis

    from service.domain.model import CallEvent
    from service.policy.compile import PolicyInvalid

# The commands import what they use when they run: building the parser (and `--help`) must not
# load Redis, the decision core or the screening vocabulary (issue 19: `keys --help` took 1.2 s).

__all__ = ["EXTENSIONS", "main"]

# Modules that add sub-commands: each defines add_parser(subparsers) and sets `func` on its parser.
EXTENSIONS: list[str] = [
    "service.replay.cli", "service.cli.audit", "service.cli.report", "service.cli.incidents",
]


def _redis() -> Redis:
    from service import bootstrap  # noqa: PLC0415 - see the imports above

    return bootstrap.cli_redis(get_settings())


def _print_errors(path: str, exc: PolicyInvalid) -> None:
    for error in exc.errors:
        print(f"{path}: {error.field or '(document)'}: {error.message}", file=sys.stderr)
    print(f"{path}: {len(exc.errors)} error(s); not valid", file=sys.stderr)


def cmd_policy_validate(args: argparse.Namespace) -> int:
    from service.policy.compile import PolicyInvalid, load_policy  # noqa: PLC0415

    status = 0
    for path in args.files:
        try:
            policy = load_policy(Path(path).read_bytes())
        except PolicyInvalid as exc:
            _print_errors(path, exc)
            status = 1
        except OSError as exc:
            print(f"{path}: {exc.strerror}", file=sys.stderr)
            status = 1
        else:
            print(
                f"{path}: valid policy for {policy.jurisdiction} "
                f"({len(policy.responses)} responses, {len(policy.document.call_types)} call types)"
            )
            from service.policy.questions import question_warnings  # noqa: PLC0415

            for warning in question_warnings(policy.document):
                print(f"{path}: warning: {warning.field}: {warning.message}")
    return status


async def _activate(path: str) -> int:
    from service.policy.compile import PolicyInvalid  # noqa: PLC0415
    from service.state.policies import activate  # noqa: PLC0415

    redis = _redis()
    try:
        policy = await activate(redis, Path(path).read_bytes(), actor=f"cli:{Path(path).name}")
    except PolicyInvalid as exc:
        _print_errors(path, exc)
        return 1
    finally:
        await redis.aclose()
    print(f"activated {policy.version}")
    return 0


def _read_calls(path: str) -> list[CallEvent]:
    import msgspec  # noqa: PLC0415

    from service.domain.model import CallEvent  # noqa: PLC0415

    text = Path(path).read_bytes().strip()
    if text.startswith(b"["):
        return msgspec.json.decode(text, type=list[CallEvent])
    decode = msgspec.json.Decoder(CallEvent).decode
    return [decode(line) for line in text.splitlines() if line.strip()]


async def _dry_run(args: argparse.Namespace) -> int:
    import msgspec  # noqa: PLC0415

    from service.policy.compile import PolicyInvalid, load_policy  # noqa: PLC0415
    from service.policy.dryrun import compare  # noqa: PLC0415
    from service.state.policies import active_document  # noqa: PLC0415

    try:
        candidate = load_policy(Path(args.candidate).read_bytes(), "candidate")
        if args.against:
            active = load_policy(Path(args.against).read_bytes(), Path(args.against).stem)
        else:
            redis = _redis()
            try:
                found = await active_document(redis, candidate.jurisdiction)
            finally:
                await redis.aclose()
            if found is None:
                print(f"{candidate.jurisdiction} has no active policy; use --against FILE", file=sys.stderr)
                return 1
            active = load_policy(found[1], f"{candidate.jurisdiction}@{found[0]}")
        calls = _read_calls(args.calls)
    except PolicyInvalid as exc:
        _print_errors(args.candidate, exc)
        return 1
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        print(f"{args.calls}: {exc}", file=sys.stderr)
        return 1
    print(msgspec.json.format(msgspec.json.encode(compare(calls, active, candidate)), indent=2).decode())
    return 0


async def _keys(args: argparse.Namespace) -> int:
    from service.state.apikeys import create_key, list_keys, revoke_key, rotate_key  # noqa: PLC0415

    redis = _redis()
    try:
        if args.keys_command == "create":
            scopes = [s.strip() for s in args.scopes.split(",") if s.strip()]
            try:
                key = await create_key(redis, args.jurisdiction, scopes, args.label)
            except ValueError as exc:
                print(str(exc), file=sys.stderr)
                return 2
            print(key)
        elif args.keys_command == "revoke":
            if not await revoke_key(redis, args.key_id):
                print(f"no key with id {args.key_id}", file=sys.stderr)
                return 1
            print(f"revoked {args.key_id}")
        elif args.keys_command == "rotate":
            rotated = await rotate_key(redis, args.key_id)
            if rotated is None:
                print(f"no key with id {args.key_id}", file=sys.stderr)
                return 1
            key, principal = rotated
            print(
                f"rotated {args.key_id} -> {principal.key_id}; {args.key_id} no longer works", file=sys.stderr
            )
            print(key)
        else:
            for p in await list_keys(redis):
                print(f"{p.key_id}\t{p.jurisdiction}\t{','.join(sorted(p.scopes))}\t{p.label}")
        return 0
    finally:
        await redis.aclose()


def server_command(host: str, port: int) -> list[str]:
    """One uvicorn worker on uvloop and httptools (api/serve.py: the server and settings measured in
    docs/performance.md; on one core it answered POST /v1/calls at about a third of granian's p50)."""
    return [sys.executable, "-m", "api.serve", "--host", host, "--port", str(port)]


def _raise_open_files() -> None:
    """Open-file limit up to the hard limit: each connection is a descriptor, and running out of
    them fails every call (issue 19: 20,000 slow clients exhausted the default)."""
    import resource  # noqa: PLC0415

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def cmd_serve(args: argparse.Namespace) -> int:
    settings = get_settings()
    command = server_command(args.host or settings.host, args.port or settings.port)
    _raise_open_files()
    os.execvp(command[0], command)
    return 0  # not reached


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dispatch-assist", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    demo = sub.add_parser("demo", help="load the example policies, a demo roster and demo keys")
    demo.add_argument("--serve", action="store_true", help="then run the service and a live AVL feed")
    demo.add_argument("--host")
    demo.add_argument("--port", type=int)
    demo.add_argument("--seed", type=int, default=7)
    keys_cmd = sub.add_parser("keys", help="manage API keys")
    keys_sub = keys_cmd.add_subparsers(dest="keys_command", required=True)
    create = keys_sub.add_parser("create", help="create a key; prints the key alone, once")
    create.add_argument("--jurisdiction", required=True)
    create.add_argument("--scopes", required=True, help="comma-separated: " + ",".join(SCOPES))
    create.add_argument("--label", default="")
    revoke = keys_sub.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("key_id")
    rotate = keys_sub.add_parser(
        "rotate",
        help="replace a key by a new one (same jurisdiction and scopes); "
        "revokes the old one and prints the new key alone, once",
    )
    rotate.add_argument("key_id")
    keys_sub.add_parser("list", help="list key ids, jurisdictions and scopes (never the keys)")
    policy = sub.add_parser("policy", help="validate or activate a policy file")
    policy_sub = policy.add_subparsers(dest="policy_command", required=True)
    validate = policy_sub.add_parser("validate", help="check files; every error with its path; exit 1 if any")
    validate.add_argument("files", nargs="+")
    act = policy_sub.add_parser("activate", help="validate, version and activate a policy")
    act.add_argument("file")
    dry = policy_sub.add_parser(
        "dry-run", help="compare a candidate policy with the active one over a file of calls"
    )
    dry.add_argument("candidate")
    dry.add_argument("--calls", required=True, help="call events: JSON lines, or one JSON array")
    dry.add_argument("--against", help="compare with this policy file instead of the active one in Redis")
    for name in EXTENSIONS:
        # Each extension module adds its own sub-command and sets `func` on its parser.
        importlib.import_module(name).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from service.state.connect import RedisUrlError  # noqa: PLC0415 - after parsing: `--help` stays fast

    try:
        get_settings()
    except RedisUrlError as exc:  # says which part of DISPATCH_REDIS_URL is wrong, without a traceback
        print(exc, file=sys.stderr)
        return 2
    if getattr(args, "func", None) is not None:
        return int(args.func(args))
    if args.command == "serve":
        return cmd_serve(args)
    if args.command == "demo":
        from service.cli.demo import run_demo  # noqa: PLC0415 - the demo pulls in httpx; other commands need not

        return run_demo(args)
    if args.command == "keys":
        return asyncio.run(_keys(args))
    if args.policy_command == "validate":
        return cmd_policy_validate(args)
    if args.policy_command == "dry-run":
        return asyncio.run(_dry_run(args))
    return asyncio.run(_activate(args.file))


if __name__ == "__main__":
    raise SystemExit(main())
