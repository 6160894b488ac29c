# ruff: noqa: E501  (PromQL is kept on one line per query, to read as PromQL)
"""Build the Grafana dashboards of deploy/grafana/dashboards/ from code (grafana-foundation-sdk).

    python -m tools.dashboards_build          # rewrite the JSON files
    python -m tools.dashboards_build --check  # exit 1 if a checked-in file differs (CI runs this as a test)

The JSON files are generated, never hand-edited: Grafana provisioning loads them read-only, and
tests/e2e/test_prometheus_e2e.py runs every query below against a real Prometheus scraping the
service. Queries use `$__rate_interval` and the `$jurisdiction` variable (regex, "All" = `.*`).
Metrics are per process: panels `sum` counters across replicas and `max` the census gauges, which
every replica reads from the same Redis.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from grafana_foundation_sdk.builders import dashboard as dash
from grafana_foundation_sdk.cog.encoder import JSONEncoder

from tools.dashboards_panels import CALLS, CIVILIAN, RI, J, base, big, grid, q, ts
from tools.dashboards_programs import programs

OUT = Path(__file__).resolve().parent.parent / "deploy" / "grafana" / "dashboards"


def health() -> dash.Dashboard:
    api = 'route=~"/v1/.*"'
    return (
        base("dispatch-health", "dispatch-assist / Service health (RED)",
             "Rate, errors and duration of the HTTP API, the latency SLO and the processes.")
        .with_row(dash.Row("Now"))
        .with_panel(big("API requests / s", "reqps", q(f"sum(rate(dispatch_http_requests_total{{{api}}}[{RI}]))")))
        .with_panel(big("5xx ratio", "percentunit",
                        q(f'sum(rate(dispatch_http_requests_total{{{api},status=~"5.."}}[{RI}]))'
                          f" / sum(rate(dispatch_http_requests_total{{{api}}}[{RI}]))"),
                        steps=[(None, "green"), (0.001, "orange"), (0.01, "red")]))
        .with_panel(big("p99 POST /v1/calls", "s",
                        q(f"histogram_quantile(0.99, sum by (le) "
                          f"(rate(dispatch_http_request_duration_seconds_bucket{{{CALLS}}}[{RI}])))"),
                        steps=[(None, "green"), (0.003, "orange"), (0.005, "red")],
                        description="Server-side; the SLO is 99 % of calls within 5 ms."))
        .with_panel(big("Instances up", "none", q('sum(up{job="dispatch-assist"})'),
                        steps=[(None, "red"), (1, "orange"), (2, "green")]))
        .with_row(dash.Row("Rate and errors"))
        .with_panel(ts("Requests / s by route and status", "reqps",
                       q(f"sum by (method, route, status) (rate(dispatch_http_requests_total[{RI}]))",
                         "{{method}} {{route}} {{status}}")))
        .with_panel(ts("Client and server errors / s", "reqps",
                       q(f'sum by (route, status) (rate(dispatch_http_requests_total{{status=~"[45].."}}[{RI}]))',
                         "{{route}} {{status}}"),
                       description="4xx are the integrator's (bad body, key, scope); 5xx are ours."))
        .with_row(dash.Row("Duration"))
        .with_panel(ts("POST /v1/calls latency", "s",
                       *[q(f"histogram_quantile({p}, sum by (le) "
                           f"(rate(dispatch_http_request_duration_seconds_bucket{{{CALLS}}}[{RI}])))",
                           f"p{round(p * 100)}", ref)
                         for p, ref in ((0.5, "A"), (0.9, "B"), (0.99, "C"))]))
        .with_panel(ts("p99 by route", "s",
                       q(f"histogram_quantile(0.99, sum by (le, method, route) "
                         f"(rate(dispatch_http_request_duration_seconds_bucket[{RI}])))",
                         "{{method}} {{route}}")))
        .with_panel(ts("SLO: calls answered within 5 ms", "percentunit",
                       q("1 - dispatch:slo_calls_slow:ratio_rate5m", "5m", "A"),
                       q("1 - dispatch:slo_calls_slow:ratio_rate1h", "1h", "B"),
                       description="Objective 99 % over 30 days (recording rules of deploy/prometheus)."))
        .with_panel(ts("Latency error-budget burn rate", "none",
                       q("dispatch:slo_calls_slow:ratio_rate1h / 0.01", "1h", "A"),
                       q("dispatch:slo_calls_slow:ratio_rate6h / 0.01", "6h", "B"),
                       description="1 = spending the 30-day budget exactly; the page fires at 14.4 (1h) or 6 (6h)."))
        .with_row(dash.Row("Processes"))
        .with_panel(ts("Requests in flight", "none",
                       q("sum by (instance) (dispatch_http_requests_in_flight)", "{{instance}}"), w=8))
        .with_panel(ts("CPU per instance", "percentunit",
                       q(f'rate(process_cpu_seconds_total{{job="dispatch-assist"}}[{RI}])', "{{instance}}"),
                       w=8, description="One worker per container: 100 % is one saturated core."))
        .with_panel(ts("Resident memory", "bytes",
                       q('process_resident_memory_bytes{job="dispatch-assist"}', "{{instance}}"), w=8))
        .with_panel(grid("Versions running", q("count by (version) (dispatch_build_info)"), w=24))
    )


def dispatch() -> dash.Dashboard:
    recs = f"dispatch_recommendations_total{{{J}}}"
    return (
        base("dispatch-decisions", "dispatch-assist / Dispatch",
             "What the service recommends, where calls go, how often it falls back and how often "
             "dispatchers override it.", jurisdiction=True)
        .with_row(dash.Row("Share of calls"))
        .with_panel(big("Calls sent to civilian responses", "percentunit",
                        q(f'sum(rate(dispatch_recommendations_total{{{J},category=~"{CIVILIAN}"}}[{RI}]))'
                          f" / sum(rate({recs}[{RI}]))"),
                        description="Crisis teams, community responders, crisis lines and 311 (not co-response)."))
        .with_panel(big("Fallback rate", "percentunit",
                        q(f'sum(rate(dispatch_recommendations_total{{{J},fallback="true"}}[{RI}]))'
                          f" / sum(rate({recs}[{RI}]))"),
                        description="The preferred response had no unit in time; a later one was chosen."))
        .with_panel(big("Override rate", "percentunit",
                        q(f'sum(rate(dispatch_outcomes_total{{{J},outcome="overridden"}}[{RI}]))'
                          f" / sum(rate(dispatch_outcomes_total{{{J}}}[{RI}]))"),
                        description="Of the outcomes dispatchers recorded, the share that sent something else."))
        .with_panel(big("Degraded answers", "percentunit",
                        q(f'sum(rate(dispatch_recommendations_total{{{J},degraded="true"}}[{RI}]))'
                          f" / sum(rate({recs}[{RI}]))"),
                        steps=[(None, "green"), (0.0001, "red")],
                        description="Answered from policy alone because Redis could not be read."))
        .with_row(dash.Row("Recommendations"))
        .with_panel(ts("Recommendations / s by response", "reqps",
                       q(f"sum by (response) (rate({recs}[{RI}]))", "{{response}}"), stack=True))
        .with_panel(ts("Recommendations / s by jurisdiction", "reqps",
                       q(f"sum by (jurisdiction) (rate({recs}[{RI}]))", "{{jurisdiction}}"), stack=True))
        .with_panel(ts("Share sent to civilian responses, by jurisdiction", "percentunit",
                       q(f'sum by (jurisdiction) (rate(dispatch_recommendations_total{{{J},category=~"{CIVILIAN}"}}'
                         f"[{RI}])) / sum by (jurisdiction) (rate({recs}[{RI}]))", "{{jurisdiction}}")))
        .with_panel(ts("Fallback and degraded rates, by jurisdiction", "percentunit",
                       q(f'sum by (jurisdiction) (rate(dispatch_recommendations_total{{{J},fallback="true"}}[{RI}]))'
                         f" / sum by (jurisdiction) (rate({recs}[{RI}]))", "fallback {{jurisdiction}}", "A"),
                       q(f'sum by (jurisdiction) (rate(dispatch_recommendations_total{{{J},degraded="true"}}[{RI}]))'
                         f" / sum by (jurisdiction) (rate({recs}[{RI}]))", "degraded {{jurisdiction}}", "B")))
        .with_panel(grid("Recommendations in the time range, by response",
                         q(f"sum by (jurisdiction, response, category) (increase({recs}[$__range]))")))
        .with_panel(ts("Screening flags raised / s", "reqps",
                       q(f"sum by (kind, source) (rate(dispatch_screening_triggers_total{{{J}}}[{RI}]))",
                         "{{kind}} ({{source}})"),
                       description="From the call-taker's answers or found in the narrative; each one excludes "
                                   "civilian-only responses for that call."))
        .with_row(dash.Row("Dispatcher outcomes"))
        .with_panel(ts("Outcomes / s by recommended response", "reqps",
                       q(f"sum by (response, outcome) (rate(dispatch_outcomes_total{{{J}}}[{RI}]))",
                         "{{response}} {{outcome}}"), stack=True))
        .with_panel(ts("Override rate by recommended response", "percentunit",
                       q(f'sum by (response) (rate(dispatch_outcomes_total{{{J},outcome="overridden"}}[{RI}]))'
                         f" / sum by (response) (rate(dispatch_outcomes_total{{{J}}}[{RI}]))", "{{response}}")))
        .with_panel(grid("Active policy versions", q("count by (jurisdiction, version) (dispatch_policy_info)"),
                         description="More than one version for a jurisdiction means replicas disagree.", w=24))
    )


def availability() -> dash.Dashboard:
    return (
        base("dispatch-availability", "dispatch-assist / Unit availability",
             "Units by type and status, responses without units, and the freshness of the AVL feed. "
             "Read from the unit census in Redis every ~10 s by each replica (identical values: max).",
             jurisdiction=True)
        .with_row(dash.Row("Units"))
        .with_panel(ts("Units by type and status", "none",
                       q(f"sum by (type, status) (max by (jurisdiction, type, status) (dispatch_units{{{J}}}))",
                         "{{type}} {{status}}"), stack=True))
        .with_panel(ts("Units that could be offered now, by type", "none",
                       q(f"sum by (type) (max by (jurisdiction, type) (dispatch_units_dispatchable{{{J}}}))",
                         "{{type}}"),
                       description="Available, positioned and still reporting (in the availability GEO sets)."))
        .with_panel(ts("Units available per response type", "none",
                       q(f"max by (jurisdiction, response) (dispatch_response_units_available{{{J}}})",
                         "{{jurisdiction}} {{response}}"),
                       description="The minimum over the unit types a response needs, jurisdiction-wide."))
        .with_panel(ts("Response types in service", "none",
                       q(f"max by (jurisdiction, response) (dispatch_response_in_service{{{J}}})",
                         "{{jurisdiction}} {{response}}"),
                       description="1 within the response's hours and program dates."))
        .with_row(dash.Row("AVL feed"))
        .with_panel(ts("Age of the newest unit report", "s",
                       q(f"time() - max by (jurisdiction) (dispatch_units_last_report_timestamp_seconds{{{J}}})",
                         "{{jurisdiction}}"),
                       description="The AVL feed alert fires past 300 s."))
        .with_panel(ts("Silent units", "none",
                       q(f"max by (jurisdiction) (dispatch_units_stale{{{J}}})", "{{jurisdiction}}"),
                       description="Units whose last report is older than the policy's units_stale_after_s."))
        .with_panel(ts("Unit reports / s", "reqps",
                       q(f'sum(rate(dispatch_http_requests_total{{route="/v1/units",method="POST"}}[{RI}]))',
                         "POST /v1/units batches")))
        .with_panel(ts("Age of each replica's census", "s",
                       q("time() - dispatch_census_timestamp_seconds", "{{instance}}"),
                       description="Refreshed every ~10 s; these gauges are only as fresh as this."))
    )


def redis() -> dash.Dashboard:
    op = "dispatch_redis_duration_seconds"
    return (
        base("dispatch-redis", "dispatch-assist / Redis",
             "Redis as the service sees it: round-trip latency and errors by operation, and degraded "
             "mode. Server-side Redis metrics need a redis_exporter (docs/operations.md).")
        .with_row(dash.Row("Round trips"))
        .with_panel(ts("p99 round trip by operation", "s",
                       q(f"histogram_quantile(0.99, sum by (le, operation) (rate({op}_bucket[{RI}])))",
                         "{{operation}}")))
        .with_panel(ts("Hot-path read (call_read)", "s",
                       q(f'histogram_quantile(0.5, sum by (le) (rate({op}_bucket{{operation="call_read"}}[{RI}])))',
                         "p50", "A"),
                       q(f'histogram_quantile(0.99, sum by (le) (rate({op}_bucket{{operation="call_read"}}[{RI}])))',
                         "p99", "B"),
                       q(f'sum(rate({op}_sum{{operation="call_read"}}[{RI}]))'
                         f' / sum(rate({op}_count{{operation="call_read"}}[{RI}]))', "mean", "C"),
                       description="One pipelined round trip per call; over DISPATCH_REDIS_TIMEOUT_MS (50 ms) "
                                   "the answer is degraded instead of late."))
        .with_panel(ts("Round trips / s by operation", "ops",
                       q(f"sum by (operation) (rate({op}_count[{RI}]))", "{{operation}}")))
        .with_panel(ts("Errors / s by operation", "ops",
                       q(f"sum by (operation, error) (rate(dispatch_redis_errors_total[{RI}]))",
                         "{{operation}} {{error}}")))
        .with_row(dash.Row("Degraded mode"))
        .with_panel(ts("Instances answering from policy alone", "none",
                       q("sum(dispatch_degraded)", "degraded instances")))
        .with_panel(ts("Degraded answers / s", "reqps",
                       q(f'sum by (jurisdiction) (rate(dispatch_recommendations_total{{degraded="true"}}[{RI}]))',
                         "{{jurisdiction}}")))
        .with_panel(ts("Audit writes not yet in Redis", "none",
                       q("sum by (instance) (dispatch_spool_pending)", "spool {{instance}}", "A"),
                       q("sum by (instance) (dispatch_write_behind_queued)", "queued {{instance}}", "B"),
                       description="Answers given but not yet in the audit stream: the local spool (during "
                                   "an outage, replayed when Redis is back) and the write-behind queue "
                                   "(a few at most when healthy).", w=24))
    )


BOARDS = {"service-health": health, "dispatch": dispatch, "availability": availability, "redis": redis,
          "programs": programs}


def render(name: str) -> str:
    built = BOARDS[name]().build()
    data: dict[str, Any] = json.loads(json.dumps(built, cls=JSONEncoder))
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a checked-in dashboard differs")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    stale = []
    for name in BOARDS:
        path = OUT / f"{name}.json"
        text = render(name)
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(str(path))
        else:
            path.write_text(text)
            print(f"wrote {path}")
    if stale:
        print("dashboards drifted from tools/dashboards_build.py; run `python -m tools.dashboards_build`:\n  "
              + "\n  ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
