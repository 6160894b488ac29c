"""Charts of a replay as PNG bytes (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from service.replay.summary import CATEGORIES, DAYS

__all__ = ["render_all"]

COLOURS = {
    "police": "#3b5b92",
    "fire": "#c0392b",
    "ems": "#e67e22",
    "crisis_team": "#27ae60",
    "community_responder": "#8bc34a",
    "co_response": "#16a085",
    "phone_line": "#9b59b6",
    "non_emergency": "#b39ddb",
}
LABELS = {
    "police": "Police",
    "fire": "Fire",
    "ems": "EMS",
    "crisis_team": "Crisis team",
    "community_responder": "Community responder",
    "co_response": "Co-response",
    "phone_line": "Phone line (988)",
    "non_emergency": "311 / report",
}


def _title(ax: Any, text: str) -> None:
    ax.set_title(text, fontsize=9, loc="left")


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _stacked(ax: Any, labels: list[str], series: dict[str, list[int]]) -> None:
    bottom = np.zeros(len(labels))
    for cat in CATEGORIES:
        if cat in series:
            values = np.array(series[cat], dtype=float)
            ax.bar(labels, values, bottom=bottom, color=COLOURS[cat], label=LABELS[cat], width=0.8)
            bottom += values
    ax.spines[["top", "right"]].set_visible(False)


def categories(summary: dict[str, Any]) -> bytes:
    fig, ax = plt.subplots(figsize=(7, 3.2))
    cats = [c for c in CATEGORIES if c in summary["by_category"]]
    shares = [summary["by_category"][c]["share"] * 100 for c in cats]
    ax.barh([LABELS[c] for c in cats][::-1], shares[::-1], color=[COLOURS[c] for c in cats][::-1])
    for y, v in enumerate(shares[::-1]):
        ax.text(v + 0.5, y, f"{v:.1f}%", va="center", fontsize=8)
    ax.set_xlabel("share of calls (%) the policy would send first, units unlimited")
    ax.set_xlim(0, 100)
    _title(ax, "What the policy would send first, by category")
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def by_hour(summary: dict[str, Any]) -> bytes:
    fig, ax = plt.subplots(figsize=(9, 3.6))
    _stacked(ax, [f"{h:02d}" for h in range(24)], summary["by_hour"]["categories"])
    _title(ax, "Calls per hour of day, by the category the policy would send first")
    ax.set_xlabel("hour of day (local)")
    ax.set_ylabel("calls")
    ax.legend(fontsize=7, ncol=4, frameon=False, loc="upper left")
    return _png(fig)


def by_weekday(summary: dict[str, Any]) -> bytes:
    """Average calls per day of each weekday (the period need not hold whole weeks)."""
    fig, ax = plt.subplots(figsize=(7, 3.2))
    days = summary["by_weekday"].get("dates") or [1] * 7
    per_day = {
        c: [v / max(d, 1) for v, d in zip(vs, days, strict=True)]
        for c, vs in summary["by_weekday"]["categories"].items()
    }
    _stacked(ax, DAYS, per_day)
    _title(ax, "Average calls per day of the week, by category")
    ax.set_ylabel("calls per day (average)")
    ax.legend(fontsize=7, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return _png(fig)


def call_types(summary: dict[str, Any], top: int = 25) -> bytes:
    rows = summary["by_call_type"][:top][::-1]
    fig, ax = plt.subplots(figsize=(8, 0.28 * len(rows) + 1))
    labels = [f"{r['code']} {r['description'][:28]}".strip() for r in rows]
    civ = [r["calls"] * r["civilian_share"] for r in rows]
    rest = [r["calls"] - c for r, c in zip(rows, civ, strict=True)]
    ax.barh(labels, civ, color=COLOURS["crisis_team"], label="civilian response preferred")
    ax.barh(labels, rest, left=civ, color="#9aa5b1", label="other")
    ax.tick_params(axis="y", labelsize=7)
    ax.set_xlabel("calls")
    _title(ax, f"The {len(rows)} most frequent call types, and how many the policy would divert")
    ax.legend(fontsize=7, frameon=False, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def team_hours(access_by_hour: dict[str, list[int]]) -> bytes:
    """Calls typed for a civilian team, per hour: served by one, fell back, outside team hours."""
    fig, ax = plt.subplots(figsize=(9, 3.4))
    hours = [f"{h:02d}" for h in range(24)]
    bottom = np.zeros(24)
    for key, colour, label in (
        ("served", COLOURS["crisis_team"], "civilian team sent"),
        ("fell_back", "#e0a030", "no free unit: fallback"),
        ("closed", "#9aa5b1", "outside the team's hours"),
        ("outside_area", "#6d7a88", "outside the team's area"),
        ("area_unknown", "#c8b8e8", "area unknown (no coordinates)"),
        ("other", "#d0d0d0", "left out by screening"),
    ):
        values = np.array(access_by_hour.get(key) or [0] * 24, dtype=float)
        if not values.any() and key not in ("served", "fell_back", "closed"):
            continue
        ax.bar(hours, values, bottom=bottom, color=colour, label=label)
        bottom += values
    ax.set_xlabel("hour of day (local)")
    ax.set_ylabel("calls")
    _title(ax, "Calls typed for a civilian team, per hour: what became of them (first scenario)")
    ax.legend(fontsize=7, frameon=False, loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def scenarios(sims: list[dict[str, Any]]) -> bytes:
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(sims) + 1.2))
    names = [s["name"] for s in sims][::-1]
    shares = [s["served_civilian_share"] * 100 for s in sims][::-1]
    ax.barh(names, shares, color=COLOURS["crisis_team"])
    # The range over the seeds (service times drawn again), when several were run.
    for y, s in enumerate(sims[::-1]):
        rng = s.get("seeds", {}).get("served_civilian_share")
        if rng and rng["max"] > rng["min"]:
            ax.plot([rng["min"] * 100, rng["max"] * 100], [y, y], color="#333", lw=1.5)
    for y, (v, s) in enumerate(zip(shares, sims[::-1], strict=True)):
        wait = s["wait_minutes"]["p90"]
        ax.text(
            v + 0.5,
            y,
            f"{v:.1f}%  ({s['served_civilian']:,} of {s['eligible']:,})"
            + (
                f"  range {r['min'] * 100:.1f}-{r['max'] * 100:.1f}% over {len(s['seeds']['seeds'])} seeds"
                if (r := s.get("seeds", {}).get("served_civilian_share"))
                else ""
            )
            + (f"  p90 wait {wait:g} min" if wait is not None else ""),
            va="center",
            fontsize=8,
        )
    ax.set_xlim(0, 100)
    ax.set_xlabel("eligible calls that got a civilian team (%)")
    _title(ax, "Eligible calls served by a civilian team, per scenario (line: range over seeds)")
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def served_by_hour(sims: list[dict[str, Any]]) -> bytes:
    fig, ax = plt.subplots(figsize=(9, 3.4))
    for s in sims:
        ax.plot(
            range(24),
            [np.nan if v is None else v * 100 for v in s["by_hour"]["share"]],
            marker="o",
            markersize=3,
            label=s["name"],
        )
    ax.set_xticks(range(24))
    ax.set_xlabel("hour of day (local)")
    ax.set_ylabel("eligible calls served (%)")
    ax.set_ylim(0, 100)
    _title(ax, "Eligible calls served by a civilian team, per hour of day")
    ax.legend(fontsize=7, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def utilisation(sim: dict[str, Any]) -> bytes:
    fig, ax = plt.subplots(figsize=(9, 3.2))
    for unit_type, u in sim["utilisation"].items():
        ax.plot(
            range(24),
            [np.nan if v is None else v * 100 for v in u["by_hour"]],
            marker="o",
            markersize=3,
            label=f"{unit_type} ({u['utilisation'] * 100:.0f}% overall)",
        )
    ax.set_xticks(range(24))
    ax.set_xlabel("hour of day (local)")
    ax.set_ylabel("busy / staffed (%)")
    ax.set_ylim(0, 100)
    _title(ax, f"Unit utilisation per hour of day ({sim['name']})")
    ax.legend(fontsize=7, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def zones(eq: dict[str, Any], measure: str = "access") -> bytes:
    rows = [z for z in eq["zones"] if z[measure] and z[measure]["calls"] >= eq["min_calls"]]
    rows.sort(key=lambda z: z[measure]["share"])
    fig, ax = plt.subplots(figsize=(min(18.0, max(6.0, 0.16 * len(rows) + 2)), 4.2))
    colours = ["#c0392b" if z[measure]["flagged"] else COLOURS["crisis_team"] for z in rows]
    ax.bar(range(len(rows)), [z[measure]["share"] * 100 for z in rows], color=colours, width=0.85)
    city = eq["city"][measure]["share"] * 100
    ax.axhline(city, color="#333", lw=1, label=f"city {city:.1f}%")
    ax.axhline(city * eq["ratio"], color="#c0392b", lw=1, ls="--", label=f"{eq['ratio']:g} x city")
    # Zone labels: the zone code and, where the mapping has a table, its name; every k-th when many.
    step = max(1, len(rows) // 60)
    ax.set_xticks(range(0, len(rows), step))
    ax.set_xticklabels(
        [f"{z['zone']} {z.get('name', '')[:14]}".strip() for z in rows[::step]], rotation=90, fontsize=6
    )
    ax.set_ylim(0, 100)
    ax.set_xlabel(f"zones with at least {eq['min_calls']} calls, lowest share first (red: flagged)")
    ax.set_ylabel("civilian team sent (%)")
    ax.set_title(
        "Access: calls typed for a civilian team, any hour"
        if measure == "access"
        else "Availability: eligible calls at the time of the call",
        fontsize=9,
        loc="left",
    )
    ax.legend(fontsize=7, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def render_all(
    summary: dict[str, Any],
    sims: list[dict[str, Any]],
    equities: list[dict[str, Any]],
    access_by_hour: dict[str, list[int]] | None,
) -> dict[str, bytes]:
    """Chart name -> PNG bytes."""
    charts = {
        "categories": categories(summary),
        "by_hour": by_hour(summary),
        "by_weekday": by_weekday(summary),
        "call_types": call_types(summary),
    }
    if sims:
        if access_by_hour is not None:
            charts["team_hours"] = team_hours(access_by_hour)
        charts["scenarios"] = scenarios(sims)
        charts["served_by_hour"] = served_by_hour(sims)
        charts["utilisation"] = utilisation(sims[0])
    if equities:
        charts["zones_access"] = zones(equities[0], "access")
        charts["zones_availability"] = zones(equities[0], "availability")
    return charts
