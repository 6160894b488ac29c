"""The monthly program report as rows, then as CSV and HTML, with small counts suppressed.

Suppression (docs/program-metrics.md): a count from 1 to 10 is shown as "<11", the CMS cell-size
rule many public-safety and health agencies publish under; a share or a rate is shown only when its
numerator and denominator are both 11 or more (or the numerator is 0); a time is shown only over 11
calls or more. Where one count of a group that adds up to a shown total is suppressed, the smallest
other count of that group is suppressed too, so the hidden one cannot be worked out by subtraction.
Nothing here approximates a figure the service does not have: such a row says "not available" and
what it needs.
"""

from __future__ import annotations

import csv
import html
import io
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from service.programs.classify import NOT_SERVED
from service.programs.field import BACKUP_REASONS, DISPOSITIONS, TRANSFER_RESULTS, TRANSFER_TARGETS
from service.programs.tally import Month, Tally, merged
from service.state.outcomes import OVERRIDE_REASONS

__all__ = ["MIN_CELL", "Row", "count_cells", "group_cells", "miss_rows", "rows", "share", "timing", "to_csv",
           "to_html"]

MIN_CELL = 11
SMALL = f"<{MIN_CELL}"
HIDDEN_SHARE = f"suppressed ({SMALL})"


@dataclass(frozen=True, slots=True)
class Row:
    section: str
    metric: str
    cells: tuple[str, ...]  # one per month, then the period


def count_cells(values: Sequence[int]) -> list[str]:
    return [str(v) if v == 0 or v >= MIN_CELL else SMALL for v in values]


def group_cells(groups: Sequence[Sequence[int]], last_is_total: bool = False) -> list[list[str]]:
    """Counts whose hidden values must not come back by subtraction.

    `groups[c]` is column c's counts, which add up to a total shown elsewhere: where exactly one
    count of a column is hidden, its smallest shown count is hidden too. With `last_is_total`, each
    row's last column is the sum of its other columns (the period of the months), and the same
    holds along the row. Both rules are applied until neither hides anything more."""
    hidden = [[0 < v < MIN_CELL for v in col] for col in groups]
    extra: set[tuple[int, int]] = set()

    def cover(cells: list[tuple[int, int]]) -> bool:
        if sum(1 for c, r in cells if hidden[c][r] and groups[c][r]) != 1:
            return False
        shown = [(groups[c][r], c, r) for c, r in cells if not hidden[c][r] and groups[c][r]]
        if not shown:
            return False
        _, c, r = min(shown)
        hidden[c][r] = True
        extra.add((c, r))
        return True

    changed = True
    while changed:
        changed = False
        for c, col in enumerate(groups):
            changed |= cover([(c, r) for r in range(len(col))])
        if last_is_total and len(groups) > 1:
            for r in range(len(groups[0])):
                changed |= cover([(c, r) for c in range(len(groups))])
    def text(c: int, r: int, v: int) -> str:
        return ("suppressed" if (c, r) in extra else SMALL) if hidden[c][r] else str(v)

    return [[text(c, r, v) for r, v in enumerate(col)] for c, col in enumerate(groups)]


def share(num: int, den: int, per: int = 100) -> str:
    if den == 0:
        return "–"
    if den < MIN_CELL or 0 < num < MIN_CELL:
        return HIDDEN_SHARE
    value = num * per / den
    return f"{value:.1f} %" if per == 100 else f"{value:.1f} per {per:,}"


def _clock(seconds: float) -> str:
    minutes, sec = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{sec:02d}" if hours else f"{minutes}:{sec:02d}"


def timing(values: Sequence[float], needs: str) -> str:
    if not values:
        return f"not available: needs {needs}"
    if len(values) < MIN_CELL:
        return f"suppressed ({SMALL} calls)"
    p90 = statistics.quantiles(values, n=10, method="inclusive")[-1]
    return f"median {_clock(statistics.median(values))}, 90th pct {_clock(p90)} (n={len(values)})"


def rows(t: Tally) -> tuple[list[str], list[Row]]:
    """(column heads, rows): one column per month, then the whole period."""
    keys = sorted(t.months)
    cols = [t.months[k] for k in keys] + [merged(t.months.values())]
    heads = [*keys, "period"]
    out: list[Row] = []

    def counts(section: str, metric: str, values: list[int]) -> None:
        out.append(Row(section, metric, tuple(c[0] for c in group_cells([[v] for v in values], True))))

    def each(section: str, metric: str, fn: Callable[[Month], str]) -> None:
        out.append(Row(section, metric, tuple(fn(m) for m in cols)))

    def grouped(section: str, labels: dict[str, str], get: Callable[[Month, str], int],
                share_section: str | None = None) -> list[list[str]]:
        """Counts of a group, and optionally their shares of eligible calls: a share is never shown
        for a count the group hides (it would give the count back)."""
        per_col = [[get(m, key) for key in labels] for m in cols]
        cells = group_cells(per_col, True)
        for i, label in enumerate(labels.values()):
            out.append(Row(section, label, tuple(c[i] for c in cells)))
        if share_section is not None:
            for i, label in enumerate(labels.values()):
                out.append(Row(share_section, label, tuple(
                    HIDDEN_SHARE if cells[n][i] in (SMALL, "suppressed") else share(per_col[n][i], m.eligible)
                    for n, m in enumerate(cols))))
        return cells

    s = "Eligible calls"
    counts(s, "Calls recommended (one per incident)", [m.calls for m in cols])
    counts(s, "Calls whose policy version could not be read (not classified)",
           [m.unknown_policy for m in cols])
    counts(s, "Eligible calls", [m.eligible for m in cols])
    served = {team: team for team in sorted(t.teams)}
    counts(s, "Eligible calls served by an alternative response", [sum(m.served.values()) for m in cols])
    each(s, "Share of eligible calls served", lambda m: share(sum(m.served.values()), m.eligible))
    counts(s, "Served because the dispatcher sent a team against the recommendation",
           [m.by_dispatcher for m in cols])
    counts(s, "Served as recommended, no dispatcher outcome recorded yet", [m.no_outcome for m in cols])
    grouped("Served, by alternative response", served, lambda m, k: m.served[k],
            "Share of eligible calls, by alternative response")

    grouped("Eligible calls not served, by reason", NOT_SERVED, lambda m, k: m.not_served[k],
            "Share of eligible calls not served, by reason")
    grouped("Dispatcher overrides away from an alternative response, by reason", OVERRIDE_REASONS,
            lambda m, k: m.override_reasons[k])

    s = "Time"
    each(s, "Call received to recommendation",
         lambda m: timing(m.call_to_recommendation, "the CAD to send received_at with each call"))
    each(s, "Recommendation to the dispatcher's decision (eligible calls)",
         lambda m: timing(m.to_decision, "dispatcher outcomes (POST .../outcome)"))
    each(s, "Call received to assignment (served calls)",
         lambda m: timing(m.to_assignment, "field records with assigned_at (POST .../field)"))
    each(s, "Call received to arrival (served calls)",
         lambda m: timing(m.to_arrival, "field records with arrived_at (POST .../field)"))

    s = "Field outcomes of calls sent to an alternative field team"
    counts(s, "Calls sent to an alternative field team", [m.diverted for m in cols])
    counts(s, "... with a field record", [m.diverted_with_record for m in cols])
    counts(s, "Police backup requested", [m.backups for m in cols])
    counts(s, "Safety incidents", [m.incidents for m in cols])
    each(s, "Backup requests per 1,000 calls with a field record",
         lambda m: share(m.backups, m.diverted_with_record, 1000) if m.diverted_with_record
         else "not available: needs field records (POST .../field)")
    each(s, "Safety incidents per 1,000 calls with a field record",
         lambda m: share(m.incidents, m.diverted_with_record, 1000) if m.diverted_with_record
         else "not available: needs field records (POST .../field)")
    each(s, "Share connected to care", lambda m: share(m.connected, m.diverted_with_record))
    grouped("Backup requests, by reason", BACKUP_REASONS, lambda m, k: m.backup_reasons[k])
    grouped("Dispositions", DISPOSITIONS, lambda m, k: m.dispositions[k])

    s = "Transfers (988, 311, nurse line)"
    counts(s, "Calls transferred", [sum(m.transfers.values()) for m in cols])
    results = {f"{to}|{res}": f"{TRANSFER_TARGETS[to]}: {TRANSFER_RESULTS[res]}"
               for to in TRANSFER_TARGETS for res in TRANSFER_RESULTS}

    def result(m: Month, k: str) -> int:
        to, _, res = k.partition("|")
        return m.transfer_unrecorded if k == "unrecorded" else m.transfer_results[(to, res)]

    keys = [*results, "unrecorded"]
    cells = grouped("Transfer results", {**results, "unrecorded": "Result not recorded"}, result)

    def completed(n: int, m: Month) -> str:
        if not m.transfer_results:
            return "not available: needs transfer results in field records"
        if any(cells[n][i] in (SMALL, "suppressed") for i, k in enumerate(keys) if k.endswith("|completed")):
            return HIDDEN_SHARE  # a hidden count of completions would come back from the share
        done = sum(v for (_, r), v in m.transfer_results.items() if r == "completed")
        return share(done, sum(m.transfer_results.values()))

    out.append(Row(s, "Share of transfers completed", tuple(completed(n, m) for n, m in enumerate(cols))))
    return heads, out


def miss_rows(t: Tally) -> list[tuple[str, str, str, str, str, str]]:
    """The period's miss rate by call type and finding.

    Rows: (call type, finding, calls, backups, incidents, (backups + incidents) per 1,000 calls)."""
    total = merged(t.months.values())
    out = []
    for (call_type, finding), (n, backups, incidents) in sorted(total.misses.items()):
        calls, b, i = count_cells([n, backups, incidents])
        rate = share(backups + incidents, n, 1000)
        out.append((call_type, finding, calls, b, i, rate))
    return out


def to_csv(t: Tally) -> str:
    heads, table = rows(t)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["section", "metric", *heads])
    for r in table:
        w.writerow([r.section, r.metric, *r.cells])
    for row in miss_rows(t):
        text = f"calls {row[2]}; backups {row[3]}; incidents {row[4]}; {row[5]}"
        w.writerow(["Miss rate by call type and finding (period)", f"{row[0]} / {row[1]}",
                    *([""] * (len(heads) - 1)), text])
    return buf.getvalue()


_STYLE = ("body{font:14px system-ui,sans-serif;margin:2em;color:#111}"
          "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.3em .6em;"
          "text-align:right}td:first-child,th:first-child"
          "{text-align:left}h2{margin-top:2em}.na{color:#666;font-style:italic}")


def to_html(t: Tally, title: str, notes: Sequence[str]) -> str:
    heads, table = rows(t)
    e = html.escape
    parts = [f"<!doctype html><html lang=en><meta charset=utf-8><title>{e(title)}</title>",
             f"<style>{_STYLE}</style><h1>{e(title)}</h1>"]
    parts += [f"<p>{e(n)}</p>" for n in notes]
    section = None
    for r in table:
        if r.section != section:
            if section is not None:
                parts.append("</table>")
            section = r.section
            parts.append(f"<h2>{e(section)}</h2><table><tr><th>Metric</th>"
                         + "".join(f"<th>{e(h)}</th>" for h in heads) + "</tr>")
        cells = "".join(f"<td class=na>{e(c)}</td>" if c.startswith("not available") else f"<td>{e(c)}</td>"
                        for c in r.cells)
        parts.append(f"<tr><td>{e(r.metric)}</td>{cells}</tr>")
    parts.append("</table><h2>Miss rate by call type and finding (whole period)</h2>"
                 "<table><tr><th>Call type</th><th>Finding</th><th>Calls with a field record</th>"
                 "<th>Backups</th><th>Safety incidents</th>"
                 "<th>Backups + incidents</th></tr>")
    for row in miss_rows(t):
        parts.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>")
    parts.append("</table></html>\n")
    return "\n".join(parts)
