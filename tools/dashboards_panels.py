"""The dashboards' building blocks: a query, a time series, a stat, a table, a board with its variables.

Shared by tools/dashboards_build.py and tools/dashboards_programs.py, so every board reads its data
source from the `$datasource` variable and filters by `$jurisdiction` the same way.
"""

from __future__ import annotations

from grafana_foundation_sdk.builders import common as common_b
from grafana_foundation_sdk.builders import dashboard as dash
from grafana_foundation_sdk.builders import prometheus, stat, table, timeseries
from grafana_foundation_sdk.models import common
from grafana_foundation_sdk.models.dashboard import (
    DashboardCursorSync,
    DataSourceRef,
    Threshold,
    ThresholdsMode,
    VariableRefresh,
    VariableSort,
)

__all__ = ["CALLS", "CIVILIAN", "DS", "RI", "J", "base", "big", "grid", "q", "ts"]

DS = DataSourceRef(type_val="prometheus", uid="${datasource}")
J = 'jurisdiction=~"$jurisdiction"'
RI = "$__rate_interval"
CIVILIAN = "crisis_team|community_responder|phone_line|non_emergency"
CALLS = 'route="/v1/calls",method="POST"'


def q(expr: str, legend: str = "", ref: str = "A") -> prometheus.Dataquery:
    query = prometheus.Dataquery().expr(expr).ref_id(ref).datasource(DS)
    if legend:
        query = query.legend_format(legend)
    return query


def ts(title: str, unit: str, *queries: prometheus.Dataquery, description: str = "", w: int = 12,
       h: int = 8, stack: bool = False) -> timeseries.Panel:
    panel = (timeseries.Panel().title(title).unit(unit).datasource(DS).span(w).height(h)
             .legend(common_b.VizLegendOptions().display_mode(common.LegendDisplayMode.TABLE)
                     .placement(common.LegendPlacement.BOTTOM).show_legend(True)))
    if description:
        panel = panel.description(description)
    if stack:
        panel = panel.stacking(common_b.StackingConfig().mode(common.StackingMode.NORMAL)).fill_opacity(30)
    for query in queries:
        panel = panel.with_target(query)
    return panel


def big(title: str, unit: str, query: prometheus.Dataquery, *, description: str = "",
        steps: list[tuple[float | None, str]] | None = None, w: int = 6) -> stat.Panel:
    panel = (stat.Panel().title(title).unit(unit).datasource(DS).span(w).height(4).with_target(query)
             .graph_mode(common.BigValueGraphMode.AREA)
             .reduce_options(common_b.ReduceDataOptions().calcs(["lastNotNull"])))
    if description:
        panel = panel.description(description)
    if steps:
        panel = panel.thresholds(dash.ThresholdsConfig().mode(ThresholdsMode.ABSOLUTE)
                                 .steps([Threshold(value=v, color=c) for v, c in steps]))
    return panel


def grid(title: str, query: prometheus.Dataquery, description: str = "", w: int = 12) -> table.Panel:
    panel = table.Panel().title(title).datasource(DS).span(w).height(8).with_target(query)
    return panel.description(description) if description else panel


def base(uid: str, title: str, description: str, jurisdiction: bool = False) -> dash.Dashboard:
    board = (dash.Dashboard(title).uid(uid).description(description)
             .tags(["dispatch-assist"]).refresh("30s").time("now-3h", "now").timezone("browser")
             .tooltip(DashboardCursorSync.CROSSHAIR).readonly()
             .with_variable(dash.DatasourceVariable("datasource").label("Data source").type("prometheus")))
    if jurisdiction:
        board = board.with_variable(
            dash.QueryVariable("jurisdiction").label("Jurisdiction").datasource(DS)
            .query("label_values(dispatch_policy_info, jurisdiction)")
            .refresh(VariableRefresh.ON_TIME_RANGE_CHANGED).sort(VariableSort.ALPHABETICAL_ASC)
            .multi(True).include_all(True).all_value(".*"))
    return board.link(dash.DashboardLink("dispatch-assist").type("dashboards").tags(["dispatch-assist"])
                      .as_dropdown(True).include_vars(True).keep_time(True))
