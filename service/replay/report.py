"""The replay report: one self-contained HTML file (charts embedded as base64 PNG) and the JSON.

What each section says is here; the HTML building blocks are in service/replay/markup.py."""

from __future__ import annotations

from html import escape
from typing import Any

from service.replay import markup as m

__all__ = ["render_html"]


def _classification(s: dict[str, Any], charts: dict[str, bytes]) -> str:
    civ = s["civilian"]
    types = [
        [
            escape(t["code"]),
            escape(t["description"]),
            escape(t["apco"] or "–"),
            m.num(t["calls"]),
            m.pct(t["share"]),
            m.pct(t["civilian_share"]),
            escape(", ".join(f"{k} {v}" for k, v in sorted(t["responses"].items(), key=lambda kv: -kv[1]))),
        ]
        for t in s["by_call_type"][:40]
    ]
    unmapped = [
        [escape(t["code"]), escape(t["description"]), m.num(t["calls"]), m.pct(t["share"])]
        for t in s["unmapped"]["top"]
    ]
    return (
        "<h2>1. What the policy would do with every call (units unlimited)</h2>"
        "<p>Each call went through the decision core's <code>plan</code> at its own local time: the first "
        "allowed response is the policy's preference when every team has a unit free.</p>"
        '<div class="kpis">'
        + m.kpi(m.num(s["calls"]), f"calls over {s['days']} days")
        + m.kpi(m.pct(civ["preferred_share"]), "preferred a civilian response")
        + m.kpi(m.pct(civ["preferred_share_of_mapped"]), "of the calls the policy maps")
        + m.kpi(m.pct(civ["team_share"]), "preferred a civilian team on scene")
        + m.kpi(m.pct(civ["closed_hours_share"]), "civilian by type, outside team hours")
        + (
            m.kpi(m.pct(civ["outside_area_share"]), "civilian by type, outside the team's area")
            if civ.get("outside_area")
            else ""
        )
        + (
            m.kpi(m.pct(civ["area_unknown_share"]), "civilian by type, area unknown (no coordinates)")
            if civ.get("area_unknown")
            else ""
        )
        + (
            m.kpi(m.pct(civ["other_reason_share"]), "civilian by type, left out by screening")
            if civ.get("other_reason")
            else ""
        )
        + m.kpi(m.pct(s["unmapped"]["share"]), "had no mapping (policy default)")
        + "</div>"
        + m.img(charts, "categories", "share per category")
        + "<h3>By hour of day and day of week</h3>"
        + m.img(charts, "by_hour", "calls per hour by category")
        + m.img(charts, "by_weekday", "calls per weekday")
        + "<h3>By call type</h3>"
        + m.img(charts, "call_types", "top call types")
        + "<details><summary>Top 40 call types</summary>"
        + m.table(
            ["code", "description", "APCO", "calls", "share", "civilian", "preferred responses"],
            types,
            {3, 4, 5},
        )
        + "</details>"
        + f"<h3>Calls with no mapping ({m.num(s['unmapped']['calls'])}, {m.pct(s['unmapped']['share'])})</h3>"
        "<p>Their CAD code is not in the policy (nor its <code>local_codes</code>): they went to the "
        "policy's default response. Most are unit status, officer-initiated or desk traffic.</p>"
        + m.table(["code", "description", "calls", "share"], unmapped[:15], {2, 3})
        + (
            "<details><summary>More codes</summary>"
            + m.table(["code", "description", "calls", "share"], unmapped[15:], {2, 3})
            + "</details>"
            if len(unmapped) > 15
            else ""
        )
    )


def _simulation(sim: dict[str, Any], charts: dict[str, bytes]) -> str:
    scenarios = sim["scenarios"]
    types = sorted({t for s in scenarios for t in s["utilisation"]})
    rows = []
    for s in scenarios:
        fb = ", ".join(f"{k} {v}" for k, v in sorted(s["fallbacks"].items(), key=lambda kv: -kv[1])) or "–"
        rows.append(
            [
                escape(s["name"]),
                m.num(s["eligible"]),
                m.num(s["served_civilian"]),
                m.pct(s["served_civilian_share"]),
                m.pct(s["served_preferred_share"]),
                escape(fb),
                m.num(s["held"]),
                m.num(s["wait_minutes"]["p50"]),
                m.num(s["wait_minutes"]["p90"]),
            ]
            + [m.pct(s["utilisation"].get(t, {}).get("utilisation")) for t in types]
        )
    roster = "".join(
        f"<li><b>{escape(s['name'])}</b>: "
        + escape("; ".join(f"{t}: {', '.join(v)}" for t, v in s["roster"].items()))
        + escape(
            "".join(
                f"; policy hours of {r}: {', '.join(h)}" for r, h in (s.get("policy_hours") or {}).items()
            )
        )
        + (f"; wait up to {s['hold']['minutes']:g} min" if s["hold"].get("minutes") else "")
        + "</li>"
        for s in scenarios
    )
    log = sim.get("service_log") or {}
    service = (
        (
            f"<p>Service time (dispatch to leaving the scene) drawn from {escape(str(log.get('kept')))} real "
            f"dispatches of {escape(str(log.get('source', '')).split('/')[-1])}: median "
            f"{m.num(log.get('p50_minutes'))} min, mean {m.num(log.get('mean_minutes'))} min, "
            f"90th percentile "
            f"{m.num(log.get('p90_minutes'))} min.</p>"
        )
        if log
        else ""
    )
    return (
        "<h2>2. Availability: how many eligible calls find a free civilian team</h2>"
        "<p>Eligible: the policy's preference at the time of the call is a civilian team (crisis team or "
        "community responders). Discrete-event simulation over the calls in time order; the core's "
        "<code>decide</code> picks the first candidate with a free unit on shift, else falls back.</p>"
        f"<ul>{roster}</ul>{service}"
        + m.table(
            [
                "scenario",
                "eligible",
                "served",
                "civilian team",
                "preferred team",
                "fallbacks",
                "held",
                "wait p50 (min)",
                "wait p90 (min)",
            ]
            + [f"util. {t}" for t in types],
            rows,
            {1, 2, 3, 4, 6, 7, 8, *range(9, 9 + len(types))},
        )
        + m.img(charts, "scenarios", "scenarios")
        + m.img(charts, "team_hours", "civilian-typed calls by hour")
        + m.img(charts, "served_by_hour", "served share by hour")
        + "<h3>Utilisation by hour (first scenario)</h3>"
        "<p class=muted>Busy unit-time over staffed unit-time; a call that runs past a shift's end keeps its "
        "unit busy, so the hour after a shift change can pass 100%.</p>"
        + m.img(charts, "utilisation", "utilisation by hour")
    )


def _equity(equities: list[dict[str, Any]], charts: dict[str, bytes], zones: list[dict[str, Any]]) -> str:
    eq = equities[0]
    calls = {z["zone"]: z for z in zones}
    city = eq["city"]
    by_zone = {z["zone"]: z for z in eq["zones"]}

    def cell(measure: dict[str, Any] | None) -> str:
        if not measure:
            return "–"
        text = f"{m.pct(measure['share'])} of {measure['calls']}"
        return f'<span class="flag">{text}</span>' if measure["flagged"] else text

    flagged = [
        [
            escape(f["zone"]),
            escape(f["name"]),
            cell(by_zone[f["zone"]]["availability"]),
            cell(by_zone[f["zone"]]["access"]),
            "yes" if f["significant"] else "no",
        ]
        for f in eq["flagged"]
    ]
    allz = [
        [
            escape(z["zone"]),
            escape(z["name"]),
            m.num(calls.get(z["zone"], {}).get("calls")),
            m.pct(calls.get(z["zone"], {}).get("civilian_share")),
            cell(z["availability"]),
            cell(z["access"]),
        ]
        for z in eq["zones"]
    ]
    summary = "".join(
        f"<li>{escape(e['scenario'])}: {len(e['flagged'])} zone(s) flagged</li>" for e in equities
    )
    return (
        f"<h2>3. Equity by zone ({escape(eq['scenario'])})</h2>"
        "<p><b>Availability</b>: eligible calls that got a civilian team — city "
        f"{m.pct(city['availability']['share'])}. <b>Access</b>: calls whose type the policy sends to a "
        f"civilian team first, at any hour, that got one — city {m.pct(city['access']['share'])}. "
        "A zone with "
        f"at least {eq['min_calls']} such calls is flagged below {eq['ratio']:g} x the city share; "
        "'significant' is a one-sided two-proportion z-test against the rest of the city at 5% with a "
        "Bonferroni bound over the zones tested. The simulation has no geography: zones differ through the "
        "hours and types of their calls.</p>"
        + (
            m.table(["zone", "name", "availability", "access", "significant"], flagged)
            if flagged
            else "<p>No zone flagged.</p>"
        )
        + f"<ul>{summary}</ul>"
        + m.img(charts, "zones_access", "access by zone")
        + m.img(charts, "zones_availability", "availability by zone")
        + "<details><summary>All zones: calls, civilian response preferred, availability, access</summary>"
        + m.table(["zone", "name", "calls", "civilian preferred", "availability", "access"], allz, {2, 3})
        + "</details>"
    )


def _read_facts(meta: dict[str, Any]) -> str:
    """Every row that did not become a call, by reason, and the reader's warnings."""
    rows = [[escape(k), m.num(v)] for k, v in meta.get("dropped", {}).items()]
    rows += [[escape(f"excluded by the mapping: {k}"), m.num(v)] for k, v in meta.get("excluded", {}).items()]
    unread = meta.get("priority_unread") or {}
    if unread:
        rows.append(
            [
                escape("priority not read (kept as no priority): " + ", ".join(sorted(unread)[:8])),
                m.num(sum(unread.values())),
            ]
        )
    if meta.get("no_coordinates"):
        rows.append(["no coordinates (kept)", m.num(meta["no_coordinates"])])
    warn = "".join(f'<p class="notice">Warning: {escape(w)}</p>' for w in meta.get("warnings", []))
    table = (
        "<h3>Rows read</h3>" + m.table(["rows not read as calls, or read with a gap", "rows"], rows, {1})
        if rows
        else "<p class=muted>Every row was read as a call.</p>"
    )
    return warn + table


def _answers(assumed: dict[str, Any], three: dict[str, Any]) -> str:
    """The screening-answer premise of every figure below, and what the other premises give."""
    rows = "".join(
        f"<tr><td>{escape(k)}{' (this report)' if k == assumed['assumption'] else ''}</td>"
        f"<td>{escape(v['assumption'])}</td><td>{m.num(v['eligible'])}</td><td>{m.num(v['civilian'])}</td>"
        f"<td>{v['share'] * 100:.1f}%</td></tr>"
        for k, v in three.items()
    )
    return (
        f'<p class="notice">Screening answers assumed: <b>{escape(assumed["assumption"])}</b> - '
        f"{escape(assumed['text'])}. Historical exports hold no answers; every figure below "
        "depends on this.</p>"
        "<h2>Diversion by answer assumption</h2><table><tr><th>assumption</th><th>meaning</th>"
        "<th>eligible calls</th><th>civilian-only recommended</th><th>share</th></tr>" + rows + "</table>"
    )


def render_html(report: dict[str, Any], charts: dict[str, bytes], title: str = "Replay report") -> str:
    s = report["classification"]
    pol = report["policy"]
    speed = report["speed"]
    parts = [
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{escape(title)}</title>"
        f"<style>{m.CSS}</style></head><body><h1>{escape(title)}</h1>",
        f"<p class=muted>Policy <b>{escape(pol['jurisdiction'])}</b> ({escape(pol['version'])}, "
        f"{escape(pol['timezone'])}) · calls from "
        f"{escape(str(s['read'].get('source', '')).split('/')[-1])} · "
        f"{escape(str(s['period']['first']))} to {escape(str(s['period']['last']))} · "
        f"{m.num(s['read'].get('rows'))} rows read, "
        f"{m.num(sum(s['read'].get('excluded', {}).values()))} excluded "
        f"({escape(', '.join(f'{k}: {v}' for k, v in s['read'].get('excluded', {}).items()) or 'none')}), "
        f"{m.num(s['read'].get('bad_time'))} with an unreadable time.</p>",
        _read_facts(s["read"]),
    ]
    if pol.get("notice"):
        parts.append(f'<p class="notice">{escape(pol["notice"])}</p>')
    if report.get("answers"):
        parts.append(_answers(report["answers"], report.get("diversion_by_assumption") or {}))
    parts.append(_classification(s, charts))
    if report.get("simulation"):
        parts.append(_simulation(report["simulation"], charts))
    if report.get("equity"):
        parts.append(_equity(report["equity"], charts, s["by_zone"]))
    sims = ", ".join(f"{k} {v:g} s" for k, v in speed.get("simulate_seconds", {}).items())
    parts.append(
        "<h2>Run</h2>"
        f"<p class=muted>Classification of {m.num(speed['calls'])} calls in {speed['classify_seconds']:g} s "
        f"({m.num(speed['classify_calls_per_s'])} calls/s, "
        f"{m.num(speed['plan_groups'])} distinct plan inputs)"
        + (f"; simulation {escape(sims)}" if sims else "")
        + ".</p></body></html>"
    )
    return "".join(parts)
