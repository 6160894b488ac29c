"""The column mapping of a calls-for-service export: which column holds what, rows to leave out,
look-up tables (zone names, code descriptions), and the policy to use (see
deploy/replay/san-diego.yaml)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import msgspec
import yaml

__all__ = [
    "ROLES",
    "ColumnMap",
    "LookupTable",
    "Mapping",
    "MappingError",
    "Tables",
    "load_mapping",
    "read_lookup",
    "resolve",
]

ROLES = (
    "incident_id",
    "received",
    "received_time",
    "call_type",
    "priority",
    "zone",
    "lat",
    "lon",
    "latlon",
    "narrative",
)


class MappingError(ValueError):
    """A mapping or a CSV that does not fit it, said in one sentence."""


class ColumnMap(msgspec.Struct, forbid_unknown_fields=True):
    received: str
    call_type: str
    incident_id: str | None = None
    # The time of day when the export splits it from the date (`received` then holds the date):
    # the two are joined with a space before the formats are tried.
    received_time: str | None = None
    priority: str | None = None
    zone: str | None = None
    lat: str | None = None
    lon: str | None = None
    # One column holding "(lat, lon)" (Socrata's location text), instead of lat and lon.
    latlon: str | None = None
    narrative: str | None = None


class LookupTable(msgspec.Struct, forbid_unknown_fields=True):
    """A code -> name table (beat -> neighbourhood, CAD code -> description) in a CSV file."""

    file: str
    code: str
    name: str


class Tables(msgspec.Struct, forbid_unknown_fields=True):
    zones: LookupTable | None = None
    call_types: LookupTable | None = None


class Mapping(msgspec.Struct, forbid_unknown_fields=True):
    columns: ColumnMap
    name: str = ""
    # Policy file, relative to the mapping file; --policy overrides it.
    policy: str | None = None
    # IANA zone of naive received times; default: the policy's.
    timezone: str | None = None
    # strptime format of the received column when it is not ISO 8601 (kept for old mappings).
    received_format: str | None = None
    # Formats tried in order, per row (a column may mix two); empty: the common ones (calls.py).
    received_formats: list[str] = []
    # The export has no header row (its first line is a call): the names of its columns, in order,
    # which `columns` then uses. Without it the first line is read as the names.
    header: list[str] = []
    # Text encoding of the export (e.g. cp1252, latin-1); default UTF-8, checked.
    encoding: str | None = None
    # One row per responding unit: keep the first-received row of each incident_id.
    dedupe: bool = False
    # CAD priority as written -> 0..9 (letters, words: "A": 1, "High": 1); digits are read as is.
    priorities: dict[str, int] = {}
    # Call type as written (any text, quote it in YAML) -> the code the policy knows.
    call_types: dict[str, str] = {}
    # Fail (exit 2) when fewer than this share of the data rows become calls.
    min_read_share: float = 0.5
    # column -> values: rows whose column holds one of the values are left out (e.g. duplicates).
    exclude: dict[str, list[str]] = {}
    tables: Tables = msgspec.field(default_factory=Tables)
    # Where the mapping came from, to resolve relative paths.
    base: str = ""


def load_mapping(path: str | Path | None, overrides: dict[str, str] | None = None) -> Mapping:
    """The mapping file (if any) with `role=column` overrides applied; raises MappingError."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise MappingError(f"{path}: cannot read the mapping: {exc}") from exc
        if not isinstance(loaded, dict):
            raise MappingError(f"{path}: a mapping is a YAML mapping with columns: ...")
        data = loaded
    columns = dict(data.get("columns") or {})
    for role, column in (overrides or {}).items():
        if role not in ROLES:
            raise MappingError(f"--column {role}=...: the role is one of {', '.join(ROLES)}")
        columns[role] = column
    data["columns"] = columns
    data["base"] = str(Path(path).resolve().parent) if path is not None else ""
    for table in ("priorities", "call_types"):
        # YAML reads `1: 2` or `911: WELFARE` with int keys; the export's text is what they mean.
        if isinstance(data.get(table), dict):
            data[table] = {str(k).strip(): v for k, v in data[table].items()}
    try:
        mapping = msgspec.convert(data, Mapping, strict=True)
    except msgspec.ValidationError as exc:
        raise MappingError(f"{path or 'column flags'}: {exc}") from exc
    _check(mapping, str(path or "column flags"))
    return mapping


def _check(mapping: Mapping, where: str) -> None:
    cols = mapping.columns
    if cols.latlon is not None and (cols.lat is not None or cols.lon is not None):
        raise MappingError(f"{where}: map either latlon or lat and lon, not both")
    if (cols.lat is None) != (cols.lon is None):
        raise MappingError(f"{where}: lat and lon go together; map both or neither")
    bad = {k: v for k, v in mapping.priorities.items() if not 0 <= v <= 9}
    if bad:
        raise MappingError(f"{where}: priorities map to 0..9 (CAD priority), not {bad}")
    if not 0.0 <= mapping.min_read_share <= 1.0:
        raise MappingError(f"{where}: min_read_share is a share between 0 and 1")
    if mapping.dedupe and cols.incident_id is None:
        raise MappingError(f"{where}: dedupe keeps one row per incident, so it needs an incident_id column")
    if len(set(mapping.header)) < len(mapping.header) or not all(h.strip() for h in mapping.header):
        raise MappingError(f"{where}: header names every column once, none empty")


def resolve(mapping: Mapping, name: str, *near: Path) -> Path:
    """A file named in the mapping: as given if absolute, else beside the calls, the mapping, or here."""
    given = Path(name)
    if given.is_absolute():
        return given
    for folder in (*near, Path(mapping.base) if mapping.base else None, Path.cwd()):
        if folder is not None and (folder / given).exists():
            return folder / given
    raise MappingError(f"{name}: not found beside the calls file, the mapping file or the working directory")


def read_lookup(path: Path, table: LookupTable) -> dict[str, str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = [h.strip() for h in next(reader, [])]
        if table.code not in header or table.name not in header:
            raise MappingError(f"{path}: needs columns {table.code!r} and {table.name!r}")
        ci, ni = header.index(table.code), header.index(table.name)
        return {row[ci].strip().upper(): row[ni].strip() for row in reader if len(row) > max(ci, ni)}
