"""Two more public exports replayed unedited through the CLI (issue 21, item 3), of the shapes the
first two lack: San Francisco Fire's calls for service (one row per responding unit, letter and
digit priorities, one "(lat, lon)" column) and a City of Reno CAD extract (no header row, the date
and the time in two columns as bare digits).

Every expectation is counted here with the csv module, datetime and the mapping's own YAML tables,
not with the reader; the files are checked to be the bytes their README names (as published).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from service.cli import main as cli
from service.replay.calls import read_calls
from service.replay.mapping import load_mapping
from tests.support import ROOT

EXPORTS = ROOT / "tests" / "data" / "replay" / "exports"
SFFD = EXPORTS / "sffd_fire_calls_2016-12-31_2017-01-02.csv"
SFFD_MAPPING = ROOT / "deploy" / "replay" / "sffd.yaml"
RENO = EXPORTS / "CAD100620111606.csv"
RENO_MAPPING = ROOT / "deploy" / "replay" / "reno.yaml"
LA = ZoneInfo("America/Los_Angeles")


def _replay(tmp_path: Path, *args: str) -> tuple[int, dict[str, Any] | None]:
    out = tmp_path / "out"
    code = cli.main(["replay", *args, "--out", str(out), "--no-progress"])
    summary = out / "summary.json"
    return code, json.loads(summary.read_text()) if code == 0 else None


@pytest.mark.parametrize("export", [SFFD, RENO], ids=["sffd", "reno"])
def test_the_files_are_the_published_bytes(export: Path) -> None:
    """The README gives each file's sha256 as taken from the publisher's copy: no row edited."""
    readme = (EXPORTS / "README.md").read_text()
    named = re.search(rf"{re.escape(export.name)}.*?sha256 `([0-9a-f]{{64}})`", readme, re.S)
    assert named, f"README.md gives no sha256 for {export.name}"
    assert hashlib.sha256(export.read_bytes()).hexdigest() == named.group(1)


def test_sffd_one_row_per_unit_letter_priorities_latlon(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with SFFD.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    tables = yaml.safe_load(SFFD_MAPPING.read_text())
    priorities = {str(k): v for k, v in tables["priorities"].items()}

    def received(row: dict[str, str]) -> datetime:
        return datetime.strptime(row["Received DtTm"], "%m/%d/%Y %I:%M:%S %p").replace(tzinfo=LA)

    # The first-received row of each incident is the call; the other unit rows are duplicates.
    first: dict[str, dict[str, str]] = {}
    for row in sorted(rows, key=received):
        first.setdefault(row["Incident Number"], row)
    assert len(rows) > 2 * len(first) - 300  # the export really is one row per unit (~2 a call)
    code, summary = _replay(tmp_path, str(SFFD), "--mapping", str(SFFD_MAPPING))
    assert code == 0 and summary is not None
    read = summary["classification"]["read"]
    assert (read["rows"], read["calls"]) == (len(rows), len(first))
    assert read["dropped"] == {"duplicate row of an incident": len(rows) - len(first)}
    assert read["priority_unread"] == {} and read["no_coordinates"] == 0
    period = summary["classification"]["period"]
    assert period["first"] == min(map(received, first.values())).isoformat()
    assert period["last"] == max(map(received, first.values())).isoformat()
    # Descriptive call types reach the policy's codes; the rest are counted as written.
    want = Counter(tables["call_types"].get(r["Call Type"], r["Call Type"]) for r in first.values())
    got = {t["code"]: t["calls"] for t in summary["classification"]["by_call_type"]}
    assert got == dict(want)
    zones = {z["zone"]: z["calls"] for z in summary["classification"]["by_zone"]}
    assert zones == dict(Counter(r["Neighborhood  District"] for r in first.values()))
    out = capsys.readouterr().out
    assert f"read {len(rows):,} rows" in out and f"dropped {len(rows) - len(first):,}" in out

    # Per call: the letter or digit priority through the mapping's table, and the "(lat, lon)" text.
    table = read_calls(SFFD, load_mapping(SFFD_MAPPING), LA)
    letters = Counter(r["Original Priority"] for r in first.values() if r["Original Priority"].isalpha())
    assert letters  # the sample has letter priorities (E, A)
    for k, incident in enumerate(table.ids):
        row = first[str(incident)]
        assert int(table.priority[k]) == priorities[row["Original Priority"]]
        lat, lon = (float(v) for v in row["Location"].strip("()").split(","))
        assert table.lat is not None and table.lon is not None
        assert (float(table.lat[k]), float(table.lon[k])) == (lat, lon)


def test_sffd_without_dedupe_counts_every_unit_as_a_call(tmp_path: Path) -> None:
    """What the issue found: a one-row-per-unit export read naively counts each call many times."""
    mapping = tmp_path / "sffd-no-dedupe.yaml"
    text = SFFD_MAPPING.read_text().replace("dedupe: true", "dedupe: false")
    mapping.write_text(text.replace("../policies/", f"{ROOT / 'deploy' / 'policies'}/"))
    with SFFD.open(newline="", encoding="utf-8") as fh:
        rows = sum(1 for _ in csv.DictReader(fh))
    code, summary = _replay(tmp_path, str(SFFD), "--mapping", str(mapping))
    assert code == 0 and summary is not None
    assert summary["classification"]["read"]["calls"] == rows


def test_reno_headerless_split_date_and_time(tmp_path: Path) -> None:
    with RENO.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    tables = yaml.safe_load(RENO_MAPPING.read_text())
    codes = {str(k): v for k, v in tables["call_types"].items()}
    # The README's column order: call number, CFS code, date MMDDYYYY, time HHMMSS, agency, ...
    when = [datetime.strptime(r[2] + r[3], "%m%d%Y%H%M%S").replace(tzinfo=LA) for r in rows]
    code, summary = _replay(tmp_path, str(RENO), "--mapping", str(RENO_MAPPING))
    assert code == 0 and summary is not None
    s = summary["classification"]
    assert (s["read"]["rows"], s["read"]["calls"], s["read"]["dropped"]) == (len(rows), len(rows), {})
    # The first line is a call, not a header; the time of day is kept, not midnight.
    assert s["period"] == {"first": min(when).isoformat(), "last": max(when).isoformat()}
    want = Counter(codes.get(r[1], r[1]) for r in rows)
    assert {t["code"]: t["calls"] for t in s["by_call_type"]} == dict(want)
    assert {z["zone"]: z["calls"] for z in s["by_zone"]} == dict(Counter(r[4] for r in rows))
    hours = [0] * 24
    for w in when:
        hours[w.hour] += 1
    assert s["by_hour"]["calls"] == hours


def test_reno_without_header_names_fails_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Read with its first call as a header, the file has no column the mapping names: exit 2."""
    mapping = tmp_path / "reno-no-header.yaml"
    text = re.sub(r"(?m)^header: .*\n", "", RENO_MAPPING.read_text())
    mapping.write_text(text.replace("seattle-policy.yaml", str(ROOT / "deploy/replay/seattle-policy.yaml")))
    code, _ = _replay(tmp_path, str(RENO), "--mapping", str(mapping))
    err = capsys.readouterr().err
    assert code == 2 and str(RENO) in err and "no column 'date' for received" in err
    assert "(columns: 112781463, ACCP, 10062011, 003837" in err  # the first call, read as names
