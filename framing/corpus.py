"""Read a `framing corpus` folder into pandas DataFrames, for research (data dictionary: docs/corpus.md).

    from framing import corpus
    articles = corpus.articles("out/")   # one row per article
    findings = corpus.findings("out/")   # one row per finding
    sources = corpus.sources("out/")     # one row per source
    actors = corpus.actors("out/")       # one row per article and main actor
    for audit in corpus.audits("out/"):  # every audit, as JSON data (no pandas needed)
        ...

pandas is imported only here, when a function is called: `pip install 'framing[research]'`.
Columns are typed by name: text as pandas' "string" (empty cells <NA>), counts as nullable "Int64",
scores and rates as float64 (NaN: not judged), `balance_judged` and `principal` as nullable "boolean", `date` as
datetime64 (NaT when empty or not an ISO 8601 date). The apostrophe the CSV files put before a text
cell that a spreadsheet would run as a formula ('=..., '+..., '@...) is taken off again.
"""

from __future__ import annotations

from pathlib import Path

from framing.errors import InputError

PANDAS_MISSING = "reading a corpus into DataFrames needs pandas: pip install 'framing[research]'"
PARQUET_MISSING = "writing Parquet needs pandas and pyarrow: pip install 'framing[research]'"
_COUNTS = ("words", "start", "end", "quoted_words", "paraphrased_words", "mentions")
_BOOLEANS = ("balance_judged", "principal")
_FLOATS = ("score", "balance_index", "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog")
_FORMULA = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def articles(folder: str | Path):
    """articles.csv: id, title, outlet, date, url, words, report, score_* (4), per1000_* (one per
    category), sources_* (per side), balance_index, balance_judged, principal_actor, readability,
    meta_* (the input's other fields)."""
    return _read(Path(folder) / "articles.csv")


def findings(folder: str | Path):
    """findings.csv: id, outlet, date, meta_*, then finding, detector, rule, category, dimension,
    voice, speaker, severity, score, start, end, text (offsets into the article's text in its audit)."""
    return _read(Path(folder) / "findings.csv")


def sources(folder: str | Path):
    """sources.csv: id, outlet, date, meta_*, then source, name, kind, role, side, quoted_words,
    paraphrased_words."""
    return _read(Path(folder) / "sources.csv")


def actors(folder: str | Path):
    """actors.csv: id, outlet, date, genre, meta_*, then actor (the canonical name across the corpus),
    name (as the article's actor is named), kind, principal, mentions, labels (';'-joined),
    sources_critical, sources_supportive, sources_neutral (its sources' sides toward this actor)."""
    return _read(Path(folder) / "actors.csv")


PARQUET_ROWS = 100_000  # rows read, typed and written at a time: what to_parquet holds, whatever a table's size


def to_parquet(folder: str | Path, rows: int = PARQUET_ROWS) -> list[Path]:
    """Each table of the folder as TABLE.parquet beside its CSV, typed as the functions above type it
    (`framing corpus --parquet` calls it at the end of a run): read from its CSV `rows` at a time,
    each a row group, written whole and then moved into place."""
    from framing.outputs.files import atomic_path
    from framing.runs.corpus import TABLES

    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise InputError(PARQUET_MISSING) from None
    written = []
    for table in TABLES:
        path = Path(folder) / f"{table}.parquet"
        with atomic_path(path) as temporary:
            writer = None
            for frame in _read(Path(folder) / f"{table}.csv", rows):
                if frame.empty and writer is None:  # a corpus with no article audited
                    frame.to_parquet(temporary, index=False)
                    break
                part = pyarrow.Table.from_pandas(frame, preserve_index=False)
                writer = writer or pyarrow.parquet.ParquetWriter(temporary, part.schema)
                writer.write_table(part.cast(writer.schema))  # a column's type is its name's, in every chunk
            if writer:
                writer.close()
        written.append(path)
    return written


def audits(folder: str | Path):
    """Every article's audit (the JSON of `framing audit --format json` plus "id" and "metadata"),
    one dict at a time, from the folder's parts/*.audits.jsonl in order."""
    from framing.runs.corpus import audits as read

    if not (Path(folder) / "parts").is_dir():
        raise InputError(f"{folder}: no parts/ folder; run `framing corpus INPUT -o {folder}` first (a folder "
                         "of an earlier version is moved into parts/ when that command resumes it)")
    return read(Path(folder))


def _read(path: Path, rows: int | None = None):
    """The table at `path` as one typed DataFrame, or with `rows` an iterator of typed DataFrames of
    that many rows (an empty table: one empty DataFrame)."""
    try:
        import pandas  # an optional dependency: imported only when a table is read
    except ImportError:
        raise InputError(PANDAS_MISSING) from None
    if not path.is_file():
        raise InputError(f"{path}: no such file; run `framing corpus INPUT -o {path.parent}` first")
    if path.stat().st_size == 0:  # a corpus with no article audited
        return iter([pandas.DataFrame()]) if rows else pandas.DataFrame()
    frames = pandas.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", chunksize=rows)
    return (_typed_frame(pandas, f) for f in frames) if rows else _typed_frame(pandas, frames)


def _typed_frame(pandas, frame):
    for column in frame.columns:
        frame[column] = _typed(pandas, column, frame[column])
    return frame


def _typed(pandas, column: str, values):
    if column == "date":
        return pandas.to_datetime(values, errors="coerce", format="ISO8601")
    if column in _BOOLEANS:
        return values.map({"True": True, "False": False}).astype("boolean")
    blank = values.replace("", None)
    if column in _COUNTS or column.startswith("sources_"):
        return pandas.to_numeric(blank).astype("Int64")
    if column in _FLOATS or column.startswith(("score_", "per1000_")):
        return pandas.to_numeric(blank).astype("float64")
    return blank.map(lambda v: v[1:] if isinstance(v, str) and v.startswith(_FORMULA) else v).astype("string")
