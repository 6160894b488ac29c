"""The export read as text batches by pyarrow's streaming CSV reader (`pyarrow.csv.open_csv`).

A plain pull reader: pyarrow parses one block of the file at a time (`block_size` bytes) and the
caller asks for the next only when it is done with the last one, so what the read holds is a block
and its batch whatever the size of the file. polars' own streaming engine (`sink_batches`) grew
with the file in the polars of December 2026 (docs/performance.md, "Replay at scale").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv

__all__ = ["BLOCK_BYTES", "RaggedRows", "text_batches"]

# Bytes of the file parsed at a time. The reader parses blocks ahead of the caller on its own
# threads, and with larger blocks more of them piled up the longer the file: at 10M calls its pool
# peaked at 42 MB with 1 MB blocks (as at 1M), 169 MB with 4 MB and 474-659 MB with 16 MB.
BLOCK_BYTES = 1 << 20


class RaggedRows(Exception):
    """A row with more or fewer fields than the header (pyarrow can only fail or skip it)."""


def text_batches(source: Path, header: list[str] | None, rows: int, block_bytes: int = BLOCK_BYTES
                 ) -> Iterator[pl.DataFrame]:
    """The file's rows, every column as text (null when empty), `_row` their number from 1, in
    frames of at most `rows` rows; `header` names the columns of a file without a header line."""
    names = header or pl.scan_csv(source, infer_schema=False, encoding="utf8").collect_schema().names()
    seen: list[int] = []

    def ragged(row: pacsv.InvalidRow) -> str:
        seen.append(row.actual_columns)
        return "error"

    try:  # open_csv reads the first block: bad bytes may fail there or in any later block
        reader = pacsv.open_csv(
            source,
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=0 if header else 1,
                                           block_size=block_bytes),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=ragged),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=True,
                quoted_strings_can_be_null=False, null_values=[""],  # as polars: "" stays text
            ),
        )
        yield from _frames(reader, rows, names)
    except pa.ArrowInvalid as exc:  # named with the file by scan.source_for
        if seen:
            raise RaggedRows(f"a row does not have the {len(names)} fields of the header") from exc
        raise pl.exceptions.ComputeError(str(exc)) from exc


def _frames(reader: pacsv.CSVStreamingReader, rows: int, names: list[str]) -> Iterator[pl.DataFrame]:
    """Blocks gathered (or cut) into frames of `rows` rows: polars plans each frame once, so a
    frame per small block would cost more planning than parsing."""
    first, held, size = 1, [], 0
    for record in reader:
        start = 0
        while start < record.num_rows:
            part = record.slice(start, rows - size)
            held.append(part)
            size += part.num_rows
            start += part.num_rows
            if size == rows:
                yield _frame(held, first, names)
                first, held, size = first + size, [], 0
    if size:
        yield _frame(held, first, names)


def _frame(parts: list[pa.RecordBatch], first: int, names: list[str]) -> pl.DataFrame:
    frame = pl.from_arrow(pa.Table.from_batches(parts))
    assert isinstance(frame, pl.DataFrame)
    frame.columns = names  # from_arrow names an empty header "column_N"; polars' reader keeps ""
    return frame.with_row_index("_row", offset=first)
