"""Read an export as published with polars' streaming engine: one lazy plan from CSV to columns.

The plan reads every column as text (an export's types are not to be trusted), strips, maps and
parses with vectorised expressions, and labels each row it cannot use with a reason; the streaming
engine runs it in batches, so the memory the read needs is the columns kept (about 40 bytes a call),
not the file. No chunking of our own: polars streams, we only say what to compute.
"""

from __future__ import annotations

import codecs
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import polars as pl

from service.replay.mapping import Mapping, MappingError

__all__ = ["DEFAULT_FORMATS", "Scanned", "check_read_share", "finish", "planned", "scan", "shaped",
           "source_for"]

# Tried in order when the mapping names none. Month-first only: a day-first export must say so
# (03/04 is ambiguous, and guessing it silently moves calls by months).
DEFAULT_FORMATS = (
    "%Y-%m-%d %H:%M:%S%.f",  # %.f reads an optional fraction; a "T" separator is read as a space
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
)
_EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()
_LATLON = r"^\s*\(?\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)\s*\)?\s*$"
# A row without a call type stays a call (the policy's unmapped default decides it, and the report
# counts it under "no mapping"); a row without a readable time cannot be placed, so it is dropped.
NO_TIME, DUPLICATE = "received time not read", "duplicate row of an incident"


@dataclass
class Scanned:
    frame: pl.DataFrame  # id, ts, mow, day, call_type, priority, zone, lat, lon, narrative
    rows: int
    dropped: dict[str, int]  # reason -> rows
    excluded: dict[str, int]  # "column=value" -> rows
    priority_unread: dict[str, int]  # priority text that is neither a digit nor in the table
    no_coordinates: int
    time_examples: list[str]  # a few unreadable received times, to name in an error


def check_read_share(
    path: Path,
    mapping: Mapping,
    rows: int,
    calls: int,
    dropped: dict[str, int],
    excluded: dict[str, int],
    examples: list[str],
) -> None:
    """No call, or too small a share of the rows read (mapping.min_read_share), is an error naming
    the file and why. A unit row of an incident already counted and a row the mapping leaves out on
    purpose were read: a one-row-per-unit export (two or three rows a call) must not fail for it."""
    read = calls + dropped.get(DUPLICATE, 0) + sum(excluded.values())
    share = read / rows if rows else 0.0
    if calls and share >= mapping.min_read_share:
        return
    why = ", ".join(f"{k}: {v:,}" for k, v in sorted(dropped.items(), key=lambda kv: -kv[1])) or "no rows"
    left_out = sum(excluded.values())
    raise MappingError(
        f"{path}: {read:,} of {rows:,} rows could be read ({calls:,} calls; {share:.0%}, below the "
        f"{mapping.min_read_share:.0%} the mapping requires); dropped: {why}"
        + (f"; excluded by the mapping: {left_out:,}" if left_out else "")
        + (f" (e.g. {', '.join(repr(e) for e in examples)})" if NO_TIME in dropped and examples else "")
    )


def _utf8_copy(path: Path, encoding: str, into: Path) -> Path:
    """The export re-encoded as UTF-8 in a temporary file, 1 MiB at a time (polars reads UTF-8 only)."""
    try:
        decoder = codecs.getincrementaldecoder(encoding)()
    except LookupError as exc:
        raise MappingError(f"encoding {encoding!r} is not a known text encoding") from exc
    out = into / "utf8.csv"
    with path.open("rb") as src, out.open("w", encoding="utf-8", newline="") as dst:
        for chunk in iter(lambda: src.read(1 << 20), b""):
            dst.write(decoder.decode(chunk))
        dst.write(decoder.decode(b"", final=True))
    return out


def _parse_time(text: pl.Expr, formats: tuple[str, ...], source_tz: str) -> pl.Expr:
    """UTC instant from the first format that reads the text; null when none does.

    The naive formats are coalesced first and placed in the export's zone once (a zone lookup per
    format cost ten times the parsing); in the autumn fold the earlier instant is taken (as Python's
    fold=0), and a time in the spring gap is not a time (counted, not guessed).
    """
    naive = [text.str.strptime(pl.Datetime("us"), f, strict=False) for f in formats if "%z" not in f]
    aware = [text.str.strptime(pl.Datetime("us", "UTC"), f, strict=False) for f in formats if "%z" in f]
    tried = []
    if naive:
        wall = naive[0] if len(naive) == 1 else pl.coalesce(naive)
        tried.append(
            wall.dt.replace_time_zone(
                source_tz, ambiguous="earliest", non_existent="null"
            ).dt.convert_time_zone("UTC")
        )
    if aware:
        tried.append(pl.coalesce(aware).dt.convert_time_zone("UTC"))
    return tried[0] if len(tried) == 1 else pl.coalesce(tried)


def _plan(lf: pl.LazyFrame, mapping: Mapping, source_tz: str, policy_tz: str) -> pl.LazyFrame:
    cols = mapping.columns

    def text(column: str) -> pl.Expr:
        return pl.col(column).str.strip_chars()

    received = text(cols.received)
    if cols.received_time is not None:
        received = pl.concat_str([received, text(cols.received_time)], separator=" ")
    formats = tuple(mapping.received_formats) or (
        (mapping.received_format,) if mapping.received_format else DEFAULT_FORMATS
    )
    if formats == DEFAULT_FORMATS:
        # ISO 8601's "T" read as a space halves the formats to try (each one costs every row).
        received = received.str.replace(r"^(\d{4}-\d{2}-\d{2})T", "${1} ")
    # Parsed once into a column: expressions are not shared between outputs, and the derived
    # columns below each read the instant (a dozen formats parsed six times cost 8x the read).
    lf = lf.with_columns(received.alias("_received"))
    lf = lf.with_columns(_parse_time(pl.col("_received"), formats, source_tz).alias("_ts"))
    lf = lf.with_columns(pl.col("_ts").dt.convert_time_zone(policy_tz).alias("_local"))
    ts, local = pl.col("_ts"), pl.col("_local")
    # The mapping's call_types table is applied to the distinct labels after reading (calls.py):
    # replacing text row by row cost a gigabyte at 10M calls.
    call_type = text(cols.call_type)
    reason: Any = pl.lit(None, dtype=pl.String)
    for column, values in reversed(list(mapping.exclude.items())):
        hit = text(column).is_in([v.strip() for v in values])
        reason = (
            pl.when(hit).then(pl.format("excluded {}={}", pl.lit(column), text(column))).otherwise(reason)
        )
    out = [
        *([pl.col("_row")] if mapping.dedupe else []),
        pl.col("_received"),
        (text(cols.incident_id) if cols.incident_id else pl.lit(None, dtype=pl.String))
        .fill_null(pl.col("_row").cast(pl.String))
        .alias("id"),
        ts,
        (ts.dt.epoch("us").cast(pl.Float64) / 1e6).alias("ts"),
        (
            (local.dt.weekday().cast(pl.Int32) - 1) * 1440
            + local.dt.hour().cast(pl.Int32) * 60
            + local.dt.minute().cast(pl.Int32)
        ).alias("mow"),
        (local.dt.date().cast(pl.Int32) + _EPOCH_ORDINAL).alias("day"),
        # Categorical: a 4-byte id per call instead of the text (a tenth of the memory at 10M calls).
        call_type.fill_null("").cast(pl.Categorical).alias("call_type"),
        reason.alias("_excluded"),
    ]
    if cols.priority is not None:
        raw = text(cols.priority).fill_null("")
        digit: pl.Expr = pl.when(raw.str.contains(r"^\d$")).then(raw.cast(pl.Int8, strict=False))
        if mapping.priorities:
            table = {**mapping.priorities, **{k.upper(): v for k, v in mapping.priorities.items()}}
            named = raw.replace_strict(table, default=None, return_dtype=pl.Int8)
            named = pl.coalesce(
                [named, raw.str.to_uppercase().replace_strict(table, default=None, return_dtype=pl.Int8)]
            )
            digit = pl.coalesce([named, digit])
        out += [digit.fill_null(-1).cast(pl.Int8).alias("priority"), raw.alias("_priority")]
    zone = text(cols.zone).fill_null("") if cols.zone else pl.lit("")
    out.append(zone.cast(pl.Categorical).alias("zone"))
    if cols.latlon is not None:
        pair = pl.col(cols.latlon).str.extract_groups(_LATLON)
        out += [
            pair.struct.field("1").cast(pl.Float64, strict=False).alias("lat"),
            pair.struct.field("2").cast(pl.Float64, strict=False).alias("lon"),
        ]
    elif cols.lat is not None and cols.lon is not None:
        out += [
            text(cols.lat).cast(pl.Float64, strict=False).alias("lat"),
            text(cols.lon).cast(pl.Float64, strict=False).alias("lon"),
        ]
    if cols.narrative is not None:
        out.append(pl.col(cols.narrative).fill_null("").alias("narrative"))
    lf = lf.select(out)
    return lf.with_columns(
        pl.when(pl.col("_excluded").is_not_null())
        .then(pl.col("_excluded"))
        .when(pl.col("_ts").is_null())
        .then(pl.lit(NO_TIME))
        .otherwise(pl.lit(None, dtype=pl.String))
        .alias("_reason")
    )


def scan(path: Path, mapping: Mapping, source_tz: str, policy_tz: str) -> Scanned:
    """Every row of the export through the mapping; raises MappingError naming the file."""
    with source_for(path, mapping) as source:
        return _scan(source, path, mapping, source_tz, policy_tz)


@contextmanager
def source_for(path: Path, mapping: Mapping) -> Iterator[Path]:
    """The file polars reads (a UTF-8 copy for another encoding), with polars' read errors turned
    into MappingErrors naming the file."""
    with tempfile.TemporaryDirectory(prefix="replay-") as tmp:
        source = path
        if mapping.encoding and codecs.lookup(mapping.encoding).name not in ("utf-8", "utf-8-sig"):
            source = _utf8_copy(path, mapping.encoding, Path(tmp))
        try:
            yield source
        except pl.exceptions.ComputeError as exc:
            if "utf-8" in str(exc).lower() or "utf8" in str(exc).lower():
                raise MappingError(
                    f"{path}: not UTF-8 text; give the file's encoding (--encoding cp1252, or "
                    "`encoding:` in the mapping)"
                ) from exc
            raise MappingError(f"{path}: cannot be read as CSV: {exc}") from exc


def _scan(source: Path, path: Path, mapping: Mapping, source_tz: str, policy_tz: str) -> Scanned:
    everything = planned(source, path, mapping, source_tz, policy_tz).collect(engine="streaming")
    return finish(everything, mapping)


def planned(source: Path, path: Path, mapping: Mapping, source_tz: str, policy_tz: str) -> pl.LazyFrame:
    """The lazy plan from the file to the calls' columns, `_reason` naming why a row is not a call
    and `_received` its text on such rows."""
    # A headerless export: its first line is a call, and the mapping names the columns.
    named: dict[str, Any] = {}
    if mapping.header:
        named = {"has_header": False, "new_columns": list(mapping.header)}
    lf = pl.scan_csv(source, infer_schema=False, truncate_ragged_lines=True, encoding="utf8", **named)
    return shaped(lf.with_row_index("_row", offset=1), path, mapping, source_tz, policy_tz)


def shaped(lf: pl.LazyFrame, path: Path, mapping: Mapping, source_tz: str, policy_tz: str) -> pl.LazyFrame:
    """`lf` (the export's text columns as published and `_row`, the row's number in the file)
    through the mapping: the plan of `planned`, for a whole file or one batch of it
    (service/replay/stream.py)."""
    names = [n for n in lf.collect_schema().names() if n != "_row"]
    stripped = [n.strip().lstrip("\ufeff") for n in names]
    lf = lf.rename(dict(zip(names, stripped, strict=True)))
    for role, column in msgspec.structs.asdict(mapping.columns).items():
        if column is not None and column not in stripped:
            raise MappingError(f"{path}: no column {column!r} for {role} (columns: {', '.join(stripped)})")
    for column in mapping.exclude:
        if column not in stripped:
            raise MappingError(f"{path}: exclude names column {column!r}, which the file does not have")
    # One streaming pass: the received text is kept only on dropped rows (to quote a few in an
    # error), so what is collected is the calls' columns and a reason per dropped row.
    # Both are categoricals: a text column costs 16 bytes a row even when null.
    return _plan(lf, mapping, source_tz, policy_tz).with_columns(
        pl.col("_reason").cast(pl.Categorical),
        pl.when(pl.col("_reason").is_not_null())
        .then(pl.col("_received"))
        .cast(pl.Categorical)
        .alias("_received"),
    ).drop(["_excluded", "_ts", "_local"], strict=False)


def finish(everything: pl.DataFrame, mapping: Mapping) -> Scanned:
    """The collected rows (or one batch of them) -> the calls and what was dropped, by reason."""
    reasons = everything["_reason"]
    counts = {str(r): n for r, n in reasons.drop_nulls().cast(pl.String).value_counts().iter_rows()}
    rows = everything.height
    examples = (
        everything.filter(pl.col("_reason").cast(pl.String) == NO_TIME)["_received"]
        .cast(pl.String)
        .head(3)
        .to_list()
    )
    kept = everything.drop(["_reason", "_received"])
    del everything
    # Filtering copies every column: only when some row was dropped.
    frame = kept.filter(reasons.is_null()) if reasons.null_count() < rows else kept
    del kept
    dropped = {k: v for k, v in counts.items() if not k.startswith("excluded ")}
    excluded = {k.removeprefix("excluded "): v for k, v in counts.items() if k.startswith("excluded ")}
    unread: dict[str, int] = {}
    if "_priority" in frame.columns:
        bad = frame.filter((pl.col("priority") < 0) & (pl.col("_priority") != ""))["_priority"]
        unread = {str(p): int(n) for p, n in bad.value_counts().iter_rows()}
    if mapping.dedupe:
        before = frame.height
        frame = frame.sort(["ts", "_row"]).unique(subset="id", keep="first", maintain_order=True)
        if before > frame.height:
            dropped[DUPLICATE] = before - frame.height
    frame = frame.drop([c for c in ("_row", "_priority") if c in frame.columns])
    no_xy = 0
    if "lat" in frame.columns:
        no_xy = int(frame.select((pl.col("lat").is_null() | pl.col("lon").is_null()).sum()).item())
    return Scanned(frame, rows, dropped, excluded, unread, no_xy, [str(v) for v in examples])
