"""HTML building blocks of the replay report: its style sheet, number formats, tables, figures and
key figures. Kept apart from service/replay/report.py, which decides what the report says."""

from __future__ import annotations

import base64
from html import escape
from typing import Any

__all__ = ["CSS", "img", "kpi", "num", "pct", "table"]

CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2733;max-width:1100px;
margin:2em auto;padding:0 1em}h1{font-size:1.6em;margin-bottom:.2em}
h2{border-bottom:2px solid #e3e8ee;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.6em 0 1em;font-size:13px}
th,td{border-bottom:1px solid #e3e8ee;padding:3px 8px;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.kpis{display:flex;flex-wrap:wrap;gap:10px}
.kpi{background:#f4f7fa;border-radius:6px;padding:8px 14px;min-width:150px}
.kpi b{display:block;font-size:1.5em}
.notice{background:#fff7e0;border-left:4px solid #e0a030;padding:6px 12px}.flag{color:#c0392b;font-weight:600}
img{max-width:100%;margin:.4em 0}details summary{cursor:pointer;color:#3b5b92}.muted{color:#67727e}
"""


def pct(x: float | None) -> str:
    return "–" if x is None else f"{x * 100:.1f}%"


def num(x: Any) -> str:
    return "–" if x is None else (f"{x:,}" if isinstance(x, int) else f"{x:g}")


def img(charts: dict[str, bytes], name: str, alt: str) -> str:
    if name not in charts:
        return ""
    data = base64.b64encode(charts[name]).decode("ascii")
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{data}">'


def table(head: list[str], rows: list[list[Any]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    th = "".join(f"<th{' class=n' if i in numeric else ''}>{escape(h)}</th>" for i, h in enumerate(head))
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=n' if i in numeric else ''}>{c}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def kpi(value: str, label: str) -> str:
    return f'<div class="kpi"><b>{escape(value)}</b>{escape(label)}</div>'
