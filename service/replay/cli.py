"""`dispatch-assist replay CALLS.csv`: run a calls-for-service export through the decision core.

Writes OUT/report.html (self-contained), OUT/summary.json and OUT/charts/*.png, and prints the
headline figures. No HTTP, no Redis: the same pure `plan`/`decide` the service runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from service.replay.headline import headline
from service.replay.mapping import MappingError

if TYPE_CHECKING:
    from service.policy.compile import CompiledPolicy
    from service.replay.calls import CallTable

__all__ = ["add_parser", "area_warning", "main"]


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "replay",
        help="replay a calls-for-service export through the policy; simulate rosters",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("calls", help="calls-for-service CSV export")
    p.add_argument("--mapping", help="column mapping YAML (e.g. deploy/replay/san-diego.yaml)")
    p.add_argument("--policy", help="policy file (default: the one the mapping names)")
    p.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="ROLE=COLUMN",
        help="map a column: incident_id, received, call_type, priority, zone, lat, lon, narrative",
    )
    p.add_argument(
        "--tz", help="time zone of naive received times (default: the mapping's, else the policy's)"
    )
    p.add_argument("--roster", help="roster YAML with shifts per unit type and what-if scenarios")
    p.add_argument("--service-log", help="crisis-team log CSV for service times (default: the roster's)")
    p.add_argument(
        "--what-if",
        action="append",
        default=[],
        metavar="TEXT",
        help="extra scenario: 'add 2 crisis_van daily 10:00-22:00' or 'hold 15'",
    )
    p.add_argument("--hold-minutes", type=float, help="wait this long for the preferred team (all scenarios)")
    p.add_argument("--seed", type=int, help="random seed for service times (default: the roster's)")
    p.add_argument(
        "--seeds", type=int, default=5, help="run each scenario with this many seeds and report the range"
    )
    p.add_argument(
        "--encoding", help="text encoding of the calls file (default: UTF-8, checked), e.g. cp1252"
    )
    p.add_argument(
        "--min-read-share",
        type=float,
        help="fail when fewer than this share of rows become calls (default: the mapping's, else 0.5)",
    )
    p.add_argument("--min-zone-calls", type=int, default=30, help="zones with fewer calls are not flagged")
    p.add_argument("--equity-ratio", type=float, default=0.8, help="flag zones below this x the city share")
    p.add_argument("--out", default="replay-out", help="output folder (default: replay-out)")
    p.add_argument(
        "--answers",
        choices=["blank", "implied", "no"],
        default="implied",
        help="what to assume about screening answers, which exports never hold: blank (nothing asked, "
        "no implications), implied (only what call types / determinants imply; default), no (every "
        "required question answered no: an upper bound). The report states it.",
    )
    p.add_argument("--no-cache", action="store_true", help="call plan() once per call (the slow reference)")
    progress = p.add_mutually_exclusive_group()
    progress.add_argument("--progress", action="store_true", default=None, help="show progress bars")
    progress.add_argument("--no-progress", dest="progress", action="store_false", help="no progress bars")
    p.set_defaults(func=main)


def _overrides(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        role, sep, column = pair.partition("=")
        if not sep or not column:
            raise MappingError(f"--column {pair!r}: write ROLE=COLUMN, e.g. call_type=CallType")
        out[role.strip()] = column.strip()
    return out


def _count_rows(path: Path) -> int:
    with path.open("rb") as fh:
        return max(0, sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) - 1)


def main(args: argparse.Namespace) -> int:
    from service.policy.compile import PolicyInvalid  # noqa: PLC0415 - keeps `dispatch-assist --help` fast

    try:
        return _main(args)
    except (MappingError, ValueError, OSError) as exc:
        print(f"replay: {exc}", file=sys.stderr)
        return 2
    except PolicyInvalid as exc:
        for error in exc.errors:
            print(f"policy: {error.field or '(document)'}: {error.message}", file=sys.stderr)
        return 2


def _main(args: argparse.Namespace) -> int:
    # Imported here, not at the top: building the CLI's parser must not load the decision core.
    import numpy as np  # noqa: PLC0415

    from service.policy.compile import load_policy  # noqa: PLC0415
    from service.replay.calls import read_calls  # noqa: PLC0415
    from service.replay.mapping import load_mapping, read_lookup, resolve  # noqa: PLC0415
    from service.replay.progress import Progress  # noqa: PLC0415
    from service.replay.roster import load_roster, parse_what_if, resolve_log  # noqa: PLC0415
    from service.replay.runner import Options, run  # noqa: PLC0415

    calls = Path(args.calls)
    mapping = load_mapping(args.mapping, _overrides(args.column))
    if args.tz:
        mapping.timezone = args.tz
    if args.encoding:
        mapping.encoding = args.encoding
    if args.min_read_share is not None:
        if not 0.0 <= args.min_read_share <= 1.0:
            raise MappingError("--min-read-share is a share between 0 and 1")
        mapping.min_read_share = args.min_read_share
    policy_path = (
        Path(args.policy)
        if args.policy
        else (Path(mapping.base) / mapping.policy if mapping.policy else None)
    )
    if policy_path is None:
        raise MappingError("no policy: give --policy FILE or name one in the mapping")
    policy = load_policy(policy_path.read_bytes(), version=policy_path.stem)
    roster = load_roster(args.roster) if args.roster else None
    options = Options(
        roster=roster,
        hold_minutes=args.hold_minutes,
        seed=args.seed,
        seeds=max(1, args.seeds),
        min_zone_calls=args.min_zone_calls,
        equity_ratio=args.equity_ratio,
        cache=not args.no_cache,
        what_ifs=[parse_what_if(text) for text in args.what_if],
        answers=args.answers,
    )
    if options.what_ifs and roster is None:
        raise MappingError("--what-if needs a --roster to vary")
    if roster is not None:
        options.service_log = resolve_log(roster, args.service_log)
    if mapping.tables.call_types is not None:
        options.descriptions = read_lookup(
            resolve(mapping, mapping.tables.call_types.file, calls.parent), mapping.tables.call_types
        )
    if mapping.tables.zones is not None:
        options.zone_names = read_lookup(
            resolve(mapping, mapping.tables.zones.file, calls.parent), mapping.tables.zones
        )
    show = sys.stderr.isatty() if args.progress is None else args.progress
    started = time.perf_counter()
    with Progress(show) as progress:
        with progress.task("reading calls", _count_rows(calls) if show else 0) as advance:
            table = read_calls(calls, mapping, policy.tz, progress=advance)
        read_s = time.perf_counter() - started
        if len(table) > 1 and bool((np.diff(table.ts) < 0).any()):
            table = table.take(table.order())  # a copy of every column: only when not in order
        warning = area_warning(policy, table)
        if warning:
            table.meta.setdefault("warnings", []).append(warning)
        report = run(table, policy, options, progress)
    report["speed"]["read_seconds"] = round(read_s, 3)
    report["speed"]["total_seconds"] = round(time.perf_counter() - started, 3)
    # matplotlib loads in a few hundred ms: only when a report is written, not for every CLI start.
    from service.replay.charts import render_all  # noqa: PLC0415
    from service.replay.report import render_html  # noqa: PLC0415

    out = Path(args.out)
    (out / "charts").mkdir(parents=True, exist_ok=True)
    charts = render_all(
        report["classification"],
        (report.get("simulation") or {}).get("scenarios") or [],
        report.get("equity") or [],
        report.get("access_by_hour"),
    )
    for name, png in charts.items():
        (out / "charts" / f"{name}.png").write_bytes(png)
    title = f"Replay: {mapping.name or calls.name} under {policy.jurisdiction}"
    (out / "report.html").write_text(render_html(report, charts, title), encoding="utf-8")
    (out / "summary.json").write_text(json.dumps(report, default=str), encoding="utf-8")
    print("\n".join(headline(report, out)))
    return 0


def area_warning(policy: CompiledPolicy, table: CallTable) -> str | None:
    """A policy that limits responses to areas, replayed on calls without coordinates: say so."""
    limited = sorted(n for n, r in policy.responses.items() if getattr(r, "area", None) is not None)
    if not limited:
        return None
    import numpy as np  # noqa: PLC0415 - see _main

    missing = (
        len(table)
        if table.lat is None or table.lon is None
        else int((np.isnan(table.lat) | np.isnan(table.lon)).sum())
    )
    if not missing:
        return None
    return (
        f"the policy serves {', '.join(limited)} only inside an area, and {missing:,} calls have no "
        "coordinates: those responses are left out for them, counted as 'area unknown' (not as hours)"
    )
