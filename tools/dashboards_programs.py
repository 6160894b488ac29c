# ruff: noqa: E501  (PromQL is kept on one line per query, to read as PromQL)
"""The "Programs" dashboard: GPL essential metrics the service knows live (docs/program-metrics.md).

Built by tools/dashboards_build.py with the helpers of tools/dashboards_panels.py; counters are summed across replicas. The
monthly report (`dispatch-assist report`) is the figure of record; this is the live view.
"""

from __future__ import annotations

from grafana_foundation_sdk.builders import dashboard as dash

from tools.dashboards_panels import RI, J, base, big, grid, q, ts

__all__ = ["programs"]

RANGE = "$__range"
# Backups and incidents together, by call type and finding (a sum of the two would drop the pairs
# that have only one of them).
MISS_SERIES = "dispatch_program_backup_requests_total|dispatch_program_safety_incidents_total"


def programs() -> dash.Dashboard:
    eligible = f"sum(increase(dispatch_program_eligible_calls_total{{{J}}}[{RANGE}]))"
    served = f"sum(increase(dispatch_program_recommended_total{{{J}}}[{RANGE}]))"
    overridden = f'sum(increase(dispatch_program_not_served_total{{{J},reason="override"}}[{RANGE}]))'
    diverted = f"sum(increase(dispatch_program_diverted_calls_total{{{J}}}[{RANGE}]))"
    return (
        base("dispatch-programs", "dispatch-assist / Programs",
             "Alternative-response programs: eligible calls, who took them, why the rest were not served, "
             "times, field outcomes and transfers (GPL essential metrics; docs/program-metrics.md).",
             jurisdiction=True)
        .with_row(dash.Row("Eligible calls"))
        .with_panel(big("Eligible calls", "short", q(eligible),
                        description="Calls whose policy rule lists an alternative response (team or transfer)."))
        .with_panel(big("Share of eligible calls served", "percentunit",
                        q(f"clamp_min({served} - {overridden}, 0) / {eligible}"),
                        description="Recommended to an alternative response and not overridden away, over eligible calls."))
        .with_panel(big("Police backup per diverted call", "percentunit",
                        q(f'sum(increase(dispatch_program_field_misses_total{{{J},kind="backup"}}[{RANGE}])) / {diverted}'),
                        description="Calls with a backup request over calls sent to a field team that have a field record (by call type and finding below)."))
        .with_panel(big("Transfers completed", "percentunit",
                        q(f'sum(increase(dispatch_program_transfers_total{{{J},result="completed"}}[{RANGE}])) / sum(increase(dispatch_program_transfers_total{{{J}}}[{RANGE}]))'),
                        description="Transfers to 988, 311 or a nurse line whose result was recorded as completed."))
        .with_panel(ts("Eligible calls served, by alternative response", "reqps",
                       q(f"sum by (team) (rate(dispatch_program_recommended_total{{{J}}}[{RI}]))", "{{team}}"), stack=True))
        .with_panel(ts("Eligible calls not served, by reason", "reqps",
                       q(f"sum by (reason) (rate(dispatch_program_not_served_total{{{J}}}[{RI}]))", "{{reason}}"), stack=True,
                       description="Disqualifier, question not asked, outside area, out of hours, no unit in time, "
                                   "availability unreadable, policy preferred another response, dispatcher override."))
        .with_panel(grid("Reasons not served in the time range",
                         q(f"sum by (jurisdiction, reason) (increase(dispatch_program_not_served_total{{{J}}}[{RANGE}]))")))
        .with_panel(grid("Dispatcher overrides on eligible calls, by direction and reason",
                         q(f"sum by (jurisdiction, direction, reason) (increase(dispatch_program_overrides_total{{{J}}}[{RANGE}]))")))
        .with_row(dash.Row("Time"))
        .with_panel(ts("Call received to recommendation (p50, p90)", "s",
                       q(f"histogram_quantile(0.5, sum by (le) (rate(dispatch_program_call_to_recommendation_seconds_bucket{{{J}}}[{RI}])))", "p50", "A"),
                       q(f"histogram_quantile(0.9, sum by (le) (rate(dispatch_program_call_to_recommendation_seconds_bucket{{{J}}}[{RI}])))", "p90", "B"),
                       description="From the received_at the CAD sends with the call.", w=8))
        .with_panel(ts("Recommendation to dispatcher decision (p50, p90)", "s",
                       q(f"histogram_quantile(0.5, sum by (le) (rate(dispatch_program_recommendation_to_decision_seconds_bucket{{{J}}}[{RI}])))", "p50", "A"),
                       q(f"histogram_quantile(0.9, sum by (le) (rate(dispatch_program_recommendation_to_decision_seconds_bucket{{{J}}}[{RI}])))", "p90", "B"), w=8))
        .with_panel(ts("Recommendation to assignment and to arrival, by team (p50)", "s",
                       q(f"histogram_quantile(0.5, sum by (le, team) (rate(dispatch_program_recommendation_to_assignment_seconds_bucket{{{J}}}[{RI}])))", "assigned {{team}}", "A"),
                       q(f"histogram_quantile(0.5, sum by (le, team) (rate(dispatch_program_recommendation_to_arrival_seconds_bucket{{{J}}}[{RI}])))", "arrived {{team}}", "B"),
                       description="From field records with assigned_at (the CAD's assignment) and arrived_at.", w=8))
        .with_row(dash.Row("Field outcomes and transfers"))
        .with_panel(grid("Miss rate: backups and safety incidents per diverted call, by call type and finding",
                         q(f'sum by (call_type, finding) (increase({{__name__=~"{MISS_SERIES}",{J}}}[{RANGE}])) / on (call_type) group_left sum by (call_type) (increase(dispatch_program_diverted_calls_total{{{J}}}[{RANGE}]))'),
                         description="Backup requests plus safety incidents over diverted calls with a field record. CAHOOTS reported ~150 backups in ~24,000 calls (0.6 %); Denver STAR none in its first 748."))
        .with_panel(grid("Backups and safety incidents in the time range",
                         q(f"sum by (jurisdiction, call_type, finding) (increase(dispatch_program_backup_requests_total{{{J}}}[{RANGE}]))", ref="A")))
        .with_panel(ts("Field records / s, and connected to care", "reqps",
                       q(f"sum by (team) (rate(dispatch_program_field_records_total{{{J}}}[{RI}]))", "records {{team}}", "A"),
                       q(f"sum by (team) (rate(dispatch_program_connected_to_care_total{{{J}}}[{RI}]))", "connected {{team}}", "B")))
        .with_panel(grid("Transfers by line and result",
                         q(f"sum by (jurisdiction, to, result) (increase(dispatch_program_transfers_total{{{J}}}[{RANGE}]))")))
    )
