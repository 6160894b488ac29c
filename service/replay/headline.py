"""What `dispatch-assist replay` prints when it is done: the headline figures of the report, and what
the reader did with every row of the export (the files themselves: service/replay/report.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["headline", "read_lines"]


def read_lines(meta: dict[str, Any]) -> list[str]:
    """What the reader did with every row: calls, and the rows dropped or left out, by reason."""
    lines = [
        f"read {meta['rows']:,} rows from {meta['source']}: {meta['calls']:,} calls"
        + "".join(f"; dropped {n:,}: {why}" for why, n in meta.get("dropped", {}).items())
        + "".join(f"; excluded {n:,}: {what}" for what, n in meta.get("excluded", {}).items())
    ]
    unread = meta.get("priority_unread") or {}
    if unread:
        top = sorted(unread.items(), key=lambda kv: -kv[1])[:5]
        lines.append(
            f"priority not read on {sum(unread.values()):,} calls (kept, as no priority): "
            + ", ".join(f"{k!r} {v:,}" for k, v in top)
            + " - map them under `priorities:` in the mapping"
        )
    if meta.get("no_coordinates"):
        lines.append(f"no coordinates on {meta['no_coordinates']:,} calls")
    for warning in meta.get("warnings", []):
        lines.append(f"warning: {warning}")
    return lines


def headline(report: dict[str, Any], out: Path) -> list[str]:
    """The figures a program manager reads first, one line each, and where the report was written."""
    s = report["classification"]
    civ = s["civilian"]
    assumed = report["answers"]
    lines = [
        *read_lines(s["read"]),
        f"{s['calls']:,} calls, {s['period']['first']} .. {s['period']['last']}",
        f"screening answers: {assumed['assumption']} ({assumed['text']})",
        "civilian team share of eligible calls by assumption: "
        + ", ".join(f"{k} {v['share'] * 100:.1f}%" for k, v in report["diversion_by_assumption"].items())
        + f" (eligible: {assumed['diversion']['eligible']:,})",
        "preferred response (units unlimited): "
        + ", ".join(
            f"{k} {v['share'] * 100:.1f}%"
            for k, v in sorted(s["by_category"].items(), key=lambda kv: -kv[1]["calls"])
        ),
        f"civilian response preferred: {civ['preferred_share'] * 100:.1f}% "
        f"(a civilian team: {civ['team_share'] * 100:.1f}%; civilian by type but outside team hours: "
        f"{civ['closed_hours_share'] * 100:.1f}%"
        + (
            f"; outside the team's area: {civ['outside_area_share'] * 100:.1f}%"
            if civ.get("outside_area")
            else ""
        )
        + (
            f"; area unknown (no coordinates): {civ['area_unknown_share'] * 100:.1f}%"
            if civ.get("area_unknown")
            else ""
        )
        + (
            f"; left out by screening: {civ['other_reason_share'] * 100:.1f}%"
            if civ.get("other_reason")
            else ""
        )
        + "); "
        f"of mapped calls: {civ['preferred_share_of_mapped'] * 100:.1f}%",
        f"no mapping: {s['unmapped']['calls']:,} calls ({s['unmapped']['share'] * 100:.1f}%) "
        f"in {s['unmapped']['codes']} codes",
    ]
    for sim in (report.get("simulation") or {}).get("scenarios") or []:
        wait = sim["wait_minutes"]
        lines.append(
            f"[{sim['name']}] eligible {sim['eligible']:,}: "
            f"civilian team {sim['served_civilian']:,} ({sim['served_civilian_share'] * 100:.1f}%"
            + (
                f"; {r['min'] * 100:.1f}-{r['max'] * 100:.1f}% over {len(sim['seeds']['seeds'])} seeds)"
                if (r := (sim.get("seeds") or {}).get("served_civilian_share"))
                and len(sim["seeds"]["seeds"]) > 1
                else ")"
            )
            + (
                f", held {sim['held']:,} (wait p50 {wait['p50']} / p90 {wait['p90']} min)"
                if sim["held"]
                else ""
            )
            + "; utilisation "
            + ", ".join(f"{t} {u['utilisation'] * 100:.0f}%" for t, u in sim["utilisation"].items())
        )
    for eq in report.get("equity") or []:
        if eq["flagged"]:
            lines.append(
                f"[{eq['scenario']}] zones flagged: "
                + ", ".join(f"{f['zone']} {f['name']}".strip() for f in eq["flagged"][:12])
                + (" ..." if len(eq["flagged"]) > 12 else "")
            )
    speed = report["speed"]
    lines.append(
        f"classification: {speed['classify_calls_per_s']:,} calls/s; total {speed['total_seconds']} s"
    )
    lines.append(f"report: {out / 'report.html'}  summary: {out / 'summary.json'}")
    return lines
