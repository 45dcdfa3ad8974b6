"""The corpus tables' types, and their Parquet files (docs/corpus.md's data dictionary).

A table's columns are typed by name, from the text of its CSV: text as pandas' "string" (empty
cells <NA>, the apostrophe the CSV puts before a formula taken off again), counts as nullable
"Int64", scores and rates as float64 (NaN: not judged), `balance_judged` and `principal` as
nullable "boolean", `date` as datetime64[us]. framing.corpus reads the CSV tables so; with
`framing corpus --parquet` each worker writes its part's rows so (parquet_part), and the main
process concatenates the parts into TABLE.parquet (concatenate). pandas and pyarrow (the extra
'research') are imported only when a function is called.
"""

from __future__ import annotations

import io
from pathlib import Path

from framing.errors import InputError
from framing.outputs.files import atomic_path

PANDAS_MISSING = "reading a corpus into DataFrames needs pandas: pip install 'framing[research]'"
PARQUET_MISSING = "writing Parquet needs pandas and pyarrow: pip install 'framing[research]'"
PARQUET_ROWS = 100_000  # rows a row group of TABLE.parquet: what the main process holds at a time, at any size
_COUNTS = ("words", "start", "end", "quoted_words", "paraphrased_words", "mentions")
_BOOLEANS = ("balance_judged", "principal")
_FLOATS = ("score", "balance_index", "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog")
_FORMULA = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def pandas_module():
    try:
        import pandas  # an optional dependency: imported only when a table is read or written
    except ImportError:
        raise InputError(PANDAS_MISSING) from None
    return pandas


def _parquet_modules():
    try:
        import pandas
        import pyarrow
        import pyarrow.compute
        import pyarrow.parquet
    except ImportError:
        raise InputError(PARQUET_MISSING) from None
    return pandas, pyarrow


def typed_frame(pandas, frame):
    """`frame` (a table's cells as text) with each column typed by its name."""
    for column in frame.columns:
        frame[column] = _typed(pandas, column, frame[column])
    return frame


def _typed(pandas, column: str, values):
    if column == "date":  # one type whatever the values (pandas picks the unit and time zone from them, and a
        # part's values are not the table's): microseconds, a date with an offset in UTC, the offset dropped
        dates = pandas.to_datetime(values, errors="coerce", format="ISO8601", utc=True)
        return dates.dt.tz_localize(None).dt.as_unit("us")
    if column in _BOOLEANS:
        return values.map({"True": True, "False": False}).astype("boolean")
    blank = values.replace("", None)
    if column in _COUNTS or column.startswith("sources_"):
        return pandas.to_numeric(blank).astype("Int64")
    if column in _FLOATS or column.startswith(("score_", "per1000_")):
        return pandas.to_numeric(blank).astype("float64")
    return blank.map(plain).astype("string")


def plain(value):
    """A text cell as it was before the CSV put an apostrophe before a formula ('=..., '+..., '@...)."""
    return value[1:] if isinstance(value, str) and value.startswith(_FORMULA) else value


def parquet_part(text: str) -> bytes:
    """A part's rows of a table (the text of its CSV file) as a typed Parquet file: what a worker
    writes beside its CSV with `framing corpus --parquet`."""
    pandas, pyarrow = _parquet_modules()
    frame = typed_frame(pandas, pandas.read_csv(io.StringIO(text), dtype=str, keep_default_na=False))
    sink = pyarrow.BufferOutputStream()
    pyarrow.parquet.write_table(pyarrow.Table.from_pandas(frame, preserve_index=False), sink)
    return sink.getvalue().to_pybytes()


def concatenate(target: Path, paths: list[Path], columns: list[str] | None, rows: int = PARQUET_ROWS,
                actors: dict[str, str] | None = None) -> None:
    """TARGET.parquet from the parts' Parquet files `paths`, read one at a time in order, as the
    table's `columns` (None: no part; a part without a column gets nulls there), in row groups
    of `rows`; with `actors` (name -> actor, as the typed tables hold them) the `actor` column is
    filled in from `name`. Written whole, then moved into place; a row group's rows are held at a time."""
    pandas, pyarrow = _parquet_modules()
    empty = pandas.DataFrame(columns=[]) if columns is None else pandas.DataFrame(columns=columns, dtype=str)
    schema = pyarrow.Schema.from_pandas(typed_frame(pandas, empty), preserve_index=False)
    if actors is not None:
        names, named = (pyarrow.array(values, pyarrow.string()) for values in (list(actors), list(actors.values())))
    held, count = [schema.empty_table()], 0

    def write(upto: int) -> None:  # the first `upto` rows held, in row groups of `rows`; the rest kept
        nonlocal held, count
        whole = pyarrow.concat_tables(held)
        if actors is not None:
            column = named.take(pyarrow.compute.index_in(whole["name"], value_set=names))
            whole = whole.set_column(schema.get_field_index("actor"), schema.field("actor"),
                                     column.cast(schema.field("actor").type))
        writer.write_table(whole.slice(0, upto), row_group_size=rows)
        held, count = [whole.slice(upto)], count - upto

    with atomic_path(target) as temporary, pyarrow.parquet.ParquetWriter(temporary, schema) as writer:
        for path in paths:  # not as one pyarrow dataset: its scanner held 0.5 GB reading 5,775 parts
            part = pyarrow.parquet.ParquetFile(path).read(use_threads=False)  # threads cost more than a part
            if not part.schema.equals(schema):  # a part without some meta_ column
                part = pyarrow.Table.from_arrays([part[c] if c in part.column_names else pyarrow.nulls(len(part), f.type)
                                                  for c, f in zip(schema.names, schema)], schema.names).cast(schema)
            held.append(part.replace_schema_metadata(schema.metadata))
            count += len(part)
            if count >= rows:
                write(count - count % rows)
        if count or not paths:
            write(count)
