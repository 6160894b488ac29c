"""Bounded-memory replay (issue 21): the export folded batch by batch into weighted calls gives the
very figures of the calls read one by one: on the San Diego extract under a policy with a pilot
that starts mid-extract and hours opening and closing inside it, and on the Milwaukee export with
coordinates under a policy whose crisis team serves one area only. Small batches and a small
merge threshold make every batch boundary and merge count."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import polars as pl
import pytest
import yaml

from service.policy.compile import CompiledPolicy, load_policy
from service.replay import stream
from service.replay.arrowcsv import text_batches
from service.replay.assumptions import diversion, diversion_three_ways, learned_for
from service.replay.calls import CallTable, read_calls
from service.replay.classify import classify
from service.replay.console import area_warning
from service.replay.mapping import load_mapping
from service.replay.stream import streamable, weighted_calls
from service.replay.summary import summarise

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data" / "replay"
MILWAUKEE = DATA / "exports" / "milwaukee_mpd_calls_2018-05.csv"
# The west half of Milwaukee (lon/lat): the STAR van serves only calls inside it.
WEST = {"type": "Polygon", "coordinates": [[[-88.1, 42.9], [-87.95, 42.9], [-87.95, 43.2], [-88.1, 43.2],
                                            [-88.1, 42.9]]]}


def figures(table: CallTable, policy: CompiledPolicy) -> dict[str, Any]:
    result = classify(table, policy, learned=learned_for(policy, "no"))
    return {
        "summary": summarise(table, result),
        "diversion": diversion(table, result),
        "three_ways": diversion_three_ways(table, policy),
        "warning": area_warning(policy, table),
    }


def both(calls: Path, mapping_path: Path, policy: CompiledPolicy, monkeypatch: pytest.MonkeyPatch,
         batch_rows: int) -> tuple[dict[str, Any], dict[str, Any], CallTable]:
    mapping = load_mapping(mapping_path)
    assert streamable(mapping)
    one_by_one = read_calls(calls, mapping, policy.tz)
    one_by_one = one_by_one.take(one_by_one.order())
    monkeypatch.setattr(stream, "_MERGE_AT", 3 * batch_rows)
    weighted = weighted_calls(calls, mapping, policy, batch_rows=batch_rows)
    return figures(one_by_one, policy), figures(weighted, policy), weighted


def test_san_diego_extract_with_a_pilot_and_hours(monkeypatch: pytest.MonkeyPatch) -> None:
    policy = load_policy((DATA / "sd-test-policy.yaml").read_bytes(), "test")
    calls, mapping = DATA / "sd_calls_2023-01-10.csv", DATA / "sd-mapping.yaml"
    want, got, weighted = both(calls, mapping, policy, monkeypatch, 50)
    assert got == want
    assert weighted.calls == want["summary"]["calls"] > len(weighted)  # folded, not copied


def test_milwaukee_with_coordinates_and_an_area(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    doc = yaml.safe_load((ROOT / "deploy" / "replay" / "milwaukee-policy.yaml").read_text())
    doc["areas"] = {"west": WEST}
    doc["responses"]["star"]["area"] = "west"
    policy = load_policy(doc, "test-area")
    mapping = ROOT / "deploy" / "replay" / "milwaukee.yaml"
    want, got, weighted = both(MILWAUKEE, mapping, policy, monkeypatch, 997)
    assert got == want
    civilian = want["summary"]["civilian"]
    assert civilian["outside_area"] > 0  # the area's bits are part of what is folded
    assert want["warning"] and "2 calls have no" in want["warning"]
    assert weighted.calls == 17_000 and len(weighted) < 17_000


def test_what_cannot_be_folded_is_read_call_by_call() -> None:
    mapping = load_mapping(ROOT / "deploy" / "replay" / "milwaukee.yaml")
    assert streamable(mapping)
    assert not streamable(msgspec.structs.replace(mapping, dedupe=True))


def test_the_file_is_pulled_block_by_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """A well-formed export never reaches polars' streaming engine (its peak grew with the file)."""
    def engine(*_: object, **__: object) -> None:
        raise AssertionError("read with polars' streaming engine")

    monkeypatch.setattr(stream, "planned", engine)
    mapping = load_mapping(ROOT / "deploy" / "replay" / "milwaukee.yaml")
    policy = load_policy((ROOT / "deploy" / "replay" / "milwaukee-policy.yaml").read_bytes(), "test")
    assert weighted_calls(MILWAUKEE, mapping, policy, batch_rows=997).calls == 17_000


def test_ragged_rows_are_read_as_call_by_call(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Rows with a field missing or one too many: pyarrow's reader cannot keep them, so the file is
    read again by polars, which pads or cuts them as read_calls does: the same figures."""
    lines = MILWAUKEE.read_text(encoding="utf-8").splitlines()
    for k in range(1, len(lines), 400):
        lines[k] = lines[k].rsplit(",", 1)[0]  # no status
    for k in range(7, len(lines), 900):
        lines[k] += ",extra"
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("\n".join(lines) + "\n", encoding="utf-8")
    policy = load_policy((ROOT / "deploy" / "replay" / "milwaukee-policy.yaml").read_bytes(), "test")
    mapping = ROOT / "deploy" / "replay" / "milwaukee.yaml"
    want, got, weighted = both(ragged, mapping, policy, monkeypatch, 997)
    assert got == want
    assert weighted.calls == 17_000


@pytest.mark.parametrize("export", sorted(DATA.rglob("*.csv")), ids=lambda p: p.name)
def test_the_pull_reader_reads_the_text_polars_reads(export: Path) -> None:
    """Every CSV in the test data, batch by batch through pyarrow, is the very text polars' reader
    gives for the whole file: the same columns, nulls (an empty field) and empty strings (a quoted
    empty field), the same row numbers."""
    whole = pl.scan_csv(export, infer_schema=False, truncate_ragged_lines=True, encoding="utf8")
    want = whole.with_row_index("_row", offset=1).collect()
    got = pl.concat(list(text_batches(export, None, 97)))
    assert got.equals(want)
