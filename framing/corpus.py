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
from framing.runs.tables import PANDAS_MISSING, PARQUET_MISSING, PARQUET_ROWS, pandas_module, typed_frame  # noqa: F401


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


def to_parquet(folder: str | Path, rows: int = PARQUET_ROWS) -> list[Path]:
    """Each table of a finished folder as TABLE.parquet beside its CSV, the same rows with the types
    above (`framing corpus --parquet` writes them at the end of a run): from the parts' Parquet files,
    made here from a part's CSV where a run without --parquet wrote none (framing.runs.corpus.write_parquet)."""
    from framing.runs.corpus import write_parquet

    return write_parquet(Path(folder), rows=rows)


def audits(folder: str | Path):
    """Every article's audit (the JSON of `framing audit --format json` plus "id" and "metadata"),
    one dict at a time, from the folder's parts/*.audits.jsonl in order."""
    from framing.runs.corpus import audits as read

    if not (Path(folder) / "parts").is_dir():
        raise InputError(f"{folder}: no parts/ folder; run `framing corpus INPUT -o {folder}` first (a folder "
                         "of an earlier version is moved into parts/ when that command resumes it)")
    return read(Path(folder))


def _read(path: Path):
    """The table at `path` as one typed DataFrame."""
    pandas = pandas_module()
    if not path.is_file():
        raise InputError(f"{path}: no such file; run `framing corpus INPUT -o {path.parent}` first")
    if path.stat().st_size == 0:  # a corpus with no article audited
        return pandas.DataFrame(columns=[])  # as read from an empty Parquet table
    return typed_frame(pandas, pandas.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8"))
