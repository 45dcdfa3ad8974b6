"""`framing corpus`: audit a whole archive into one folder, resumably and with flat memory.

OUTDIR/parts/         the audits, in parts of BATCH articles, each written by the worker that made
                      it: NAME.audits.jsonl (one audit per line: schema framing.audit/1 plus "id",
                      "metadata" and "actor_labels") and NAME.articles.csv, .findings.csv, .sources.csv, .actors.csv (its rows
                      of the tables; with --parquet NAME.TABLE.parquet too, typed); NAME is the position of its first article in the input and
                      the run's serial, so sorted names are input order
OUTDIR/reports/       one HTML report per article (without charts: they cost more than the audit)
OUTDIR/articles.csv   one row per article: scores, findings per 1,000 words, sides, readability, metadata
OUTDIR/findings.csv   one row per finding, OUTDIR/sources.csv one row per source, OUTDIR/actors.csv one
                      row per article and main actor, under its name across the corpus (framing.corpus reads them)
OUTDIR/TABLE.parquet  with --parquet: each table typed, from the parts' Parquet files (framing/runs/tables.py)
OUTDIR/index.html     the corpus report: score distributions, outlets side by side, their loaded terms, the actors
OUTDIR/errors.jsonl   articles that could not be audited, with the reason
OUTDIR/manifest.json  the input (path, size, SHA-256) and mode the folder belongs to: another input,
                      another mode or a folder of other files is refused unless --force; and
                      framing's version, model and lexicon hashes, options, start, end and counts

Articles are audited in batches by an engine (framing/runs/engines.py): worker processes
(`--jobs`) or a Dask cluster (`--engine dask`). A worker writes its batch's reports, then its
part's tables, then its audits, which complete the part; a worker that does not see OUTDIR (a
machine without the shared disk) sends them back and the main process writes them. The main
process only hands out batches and collects ids and errors: an article in a complete part is
finished, and a restarted run skips it. At the end it merges the parts' rows into the three
tables and reads those as streams for index.html. A folder of an earlier version (one
audits.jsonl) is moved into parts when it is resumed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import heapq
import json
import re
import shutil
import sys
from array import array
from collections import Counter, defaultdict
from contextlib import closing
from dataclasses import dataclass, field
from functools import cache
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from framing import __version__
from framing import categories as registry
from framing.analysis.compare import labels_of
from framing.analysis.actors import corpus_names
from framing.api import audit_text
from framing.audit import DIMENSIONS, HINTS
from framing.errors import InputError, printable
from framing.models.contextual import check_installed
from framing.outputs import charts
from framing.outputs.files import atomic_path, atomic_writer, write_atomic
from framing.outputs.formats import HTML, JSON
from framing.outputs.report import environment, script
from framing.resources import data_dir, file_sha256
from framing.runs.engines import ENGINES, Engine
from framing.runs.lines import LONE_SURROGATE, NOT_UTF8, has_lone_surrogate, refuse_utf16, utf8_lines
from framing.runs import research, tables
from framing.runs.pool import Progress
from framing.text.ingest import check_size, is_markdown, read_bytes, text_from_bytes

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
KNOWN_FIELDS = ("id", "text", "title")
SCORES = ("loaded_language", "unattributed", "sourcing", "overall")
SIDES = ("critical", "supportive", "neutral", "unknown")
READABILITY = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog")
RECORD = JSON  # the format of audits.jsonl's lines
REPORT = HTML  # the format of reports/ (without charts)


@dataclass
class Article:
    id: str
    where: str = ""  # 'line 5', 'row 5' or the file's path in the input folder, for messages
    text: str | None = None  # None: from `data`, else read from `path`, in the worker
    path: str | None = None
    data: bytes | None = None  # a file's bytes, read by the main process for a worker that may not share this disk
    title: str | None = None
    metadata: dict = field(default_factory=dict)
    error: str = ""
    contextual: bool = False  # audit in the contextual mode
    hints: bool = False  # keep the word model's hints


@dataclass
class Result:
    id: str
    audit_line: str | None
    report: str | None
    error: str = ""


# ---- input ----------------------------------------------------------------------------------

def read_articles(source: Path, skip: Path | None = None, namespace: str = "") -> Iterator[Article]:
    """Articles from a folder of .txt/.md/.html files (leaving out the folder `skip`, the output),
    a JSONL file or a CSV file, in order. A line without an id gets one from its position,
    '#N@NAMESPACE' (run() gives the start of the input's SHA-256: another input's line N is
    another article)."""
    if source.is_dir():
        yield from _folder(source, skip)
    elif not source.exists():
        raise InputError(f"{source}: no such file or folder")
    elif source.suffix.lower() == ".csv":
        yield from _csv(source, namespace)
    elif source.suffix.lower() in (".jsonl", ".ndjson"):
        yield from _jsonl(source, namespace)
    else:
        raise InputError(f"{source}: give a folder, a .jsonl or a .csv file")


def _folder(root: Path, skip: Path | None = None) -> Iterator[Article]:
    skip = skip.resolve() if skip else None
    for path in sorted(p for p in root.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()):
        if skip and skip in path.resolve().parents:
            continue  # our own reports, when the output folder lies inside the input folder
        relative = path.relative_to(root)
        yield Article(id=relative.with_suffix("").as_posix(), path=str(path), where=relative.as_posix(),
                      metadata={"outlet": relative.parts[0]} if len(relative.parts) > 1 else {})


def _position_id(number: int, namespace: str) -> str:
    return f"#{number}@{namespace}" if namespace else f"#{number}"


def _failed(where: str, article_id: str, error: str) -> Article:
    return Article(id=article_id, where=where, error=f"{where}: {error}")


def _record(where: str, position_id: str, record) -> Article:
    """The article of one JSONL line or CSV row. Ids are text: 1 and "1" are the same id."""
    if not isinstance(record, dict):
        return _failed(where, position_id, "not an object with a 'text' field")
    given = record.get("id")
    article_id = position_id if given is None or given == "" else given if isinstance(given, str) else json.dumps(given, ensure_ascii=False)
    text, title = record.get("text"), record.get("title")
    if has_lone_surrogate(text, title, article_id):
        return _failed(where, position_id, LONE_SURROGATE)
    if not isinstance(text, str) or not text.strip():
        return _failed(where, article_id, "needs a non-empty string 'text'")
    try:
        check_size(text, "'text'")  # here, before it travels to a worker
    except InputError as exc:
        return _failed(where, article_id, str(exc))
    metadata = {k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)  # 5, [..], {..}: as text
                for k, v in record.items() if k not in KNOWN_FIELDS and v not in (None, "")}
    return Article(id=article_id, where=where, text=text, title=title if isinstance(title, str) and title else None,
                   metadata=metadata)


def _jsonl(path: Path, namespace: str = "") -> Iterator[Article]:
    with _open(path, binary=True) as handle:
        for number, line in utf8_lines(handle, str(path)):
            where, position_id = f"line {number}", _position_id(number, namespace)
            if line is None:
                yield _failed(where, position_id, NOT_UTF8)
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield _failed(where, position_id, f"not valid JSON ({exc.msg})")
                continue
            yield _record(where, position_id, record)


def _csv(path: Path, namespace: str = "") -> Iterator[Article]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article texts are long fields
    with _open(path, binary=True) as handle:
        refuse_utf16(handle.read(2), str(path))
    with _open(path, newline="", errors="surrogateescape") as handle:  # a byte that is not UTF-8: that row's error
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "text" not in reader.fieldnames:
            raise InputError(f"{path}: a CSV needs a 'text' column (and optionally id, title, outlet, date, url)")
        for number, row in enumerate(reader, 1):
            where, position_id = f"row {number}", _position_id(number, namespace)
            if has_lone_surrogate(*row.values()):
                yield _failed(where, position_id, NOT_UTF8)
            else:
                yield _record(where, position_id, row)


def _open(path: Path, binary: bool = False, **options):
    try:
        return path.open("rb") if binary else path.open(encoding="utf-8-sig", **options)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None


# ---- work (runs in worker processes) ---------------------------------------------------------

BATCH = 64  # articles per task and per part: a part's files are written by the worker that audited them (16 made
# the main process's Parquet step 3x slower than from the merged CSV: it reads each part's files, 1 to 2 ms a file)
IN_FLIGHT = 512  # articles in flight per worker: what the main process holds of a run's texts
PARTS = "parts"


@dataclass
class Batch:
    name: str  # the part's name: the position of its first article in the input, and the run's serial
    articles: list[Article]
    outdir: str  # the corpus folder, as the main process sees it
    started: str  # this run's start in OUTDIR/manifest.json: a worker that reads it there shares the disk
    parquet: bool = False  # write the part's rows of the tables as Parquet files too


@dataclass
class BatchResult:
    ids: list[str]  # audited
    errors: list[tuple[str, str]]  # (id, reason)
    files: dict[str, str | bytes] | None = None  # path in OUTDIR -> content, when the worker could not write them there


def audit_article(article: Article) -> Result:
    """Audit one article; every failure becomes an error result, never an exception."""
    if article.error:
        return Result(article.id, None, None, article.error)
    try:
        if article.text is not None:
            text = article.text
        else:
            text = text_from_bytes(article.data if article.data is not None else read_bytes(article.path), article.path)
        audit = audit_text(text, article.title, contextual=article.contextual, hints=article.hints,
                           markdown=article.text is None and is_markdown(article.path))  # with readability: articles.csv has it
        line = RECORD.record(audit, {"id": article.id, "metadata": article.metadata, "actor_labels": actor_labels(audit)})
        return Result(article.id, line, REPORT.render(audit, article.id, charts=False))
    except InputError as exc:
        return Result(article.id, None, None, str(exc))
    except Exception as exc:  # a bad article must not stop a run of thousands
        return Result(article.id, None, None, f"internal error: {type(exc).__name__}: {exc}")


_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.I)


def actor_labels(audit) -> dict[str, list[str]]:
    """Actor id -> the words the article uses for it (compare.labels_of: titles, descriptions,
    appositives, roles, loaded terms next to a mention), each once, without a leading article."""
    actors = audit.sourcing.actors if audit.sourcing else []
    return {a.id: list(dict.fromkeys(_ARTICLE.sub("", label.text) for label in labels_of(audit, a))) for a in actors}


def audit_batch(batch: Batch) -> BatchResult:
    """Audit a batch and write its part: each article's report, then the part's rows of the three
    tables, then its audits, last, which make the part complete. Written here when this worker
    sees OUTDIR (this run's manifest), else sent back for the main process to write."""
    results = [audit_article(article) for article in batch.articles]
    done = [r for r in results if r.audit_line is not None]
    files = {f"reports/{report_name(r.id)}": r.report for r in done}
    if done:
        files.update(part_files(batch.name, [r.audit_line for r in done], batch.parquet))
    errors = [(r.id, r.error) for r in results if r.audit_line is None]
    if not _sees(batch.outdir, batch.started):
        return BatchResult([r.id for r in done], errors, files)
    write_files(Path(batch.outdir), files)
    return BatchResult([r.id for r in done], errors)


@cache
def _sees(outdir: str, started: str) -> bool:
    """Whether this process sees the corpus folder of this run (once per worker and run)."""
    try:
        return json.loads((Path(outdir) / MANIFEST).read_text(encoding="utf-8")).get("started") == started
    except (OSError, ValueError):
        return False


def write_files(outdir: Path, files: dict[str, str | bytes]) -> None:
    """Each file (text or bytes) atomically, in order: a part's audits, its last file, make it complete."""
    for name, content in files.items():
        if isinstance(content, bytes):
            with atomic_path(outdir / name) as temporary:
                temporary.write_bytes(content)
        else:
            write_atomic(outdir / name, content)


def part_files(name: str, lines: list[str], parquet: bool = False) -> dict[str, str | bytes]:
    """A part's files (path in OUTDIR -> content) from its audits' lines: its rows of each table as
    CSV (and with `parquet` as Parquet, typed from that CSV: tables.parquet_part), then its
    audits."""
    categories = _categories()
    audits = [json.loads(line) for line in lines]
    rows = [row_of(data, categories) for data in audits]
    meta = sorted({k for row in rows for k in row if k.startswith("meta_")})
    article_keys = [*ARTICLE_KEYS, *meta]
    by_table = {"articles": ([c for c in rows[0] if not c.startswith("meta_")] + meta, rows),
              "findings": ([*article_keys, *FINDING_COLUMNS],
                           [{k: row.get(k) for k in article_keys} | f for row, data in zip(rows, audits)
                            for f in finding_rows(data)]),
              "sources": ([*article_keys, *SOURCE_COLUMNS],
                          [{k: row.get(k) for k in article_keys} | s for row, data in zip(rows, audits)
                           for s in source_rows(data)]),
              "actors": ([*article_keys, *ACTOR_COLUMNS],
                         [{k: row.get(k) for k in article_keys} | a for row, data in zip(rows, audits)
                          for a in actor_rows(data)])}
    files = {f"{PARTS}/{name}.{table}.csv": _csv_text(columns, table_rows) for table, (columns, table_rows) in by_table.items()}
    if parquet:
        files.update({f"{PARTS}/{name}.{table}.parquet": tables.parquet_part(files[f"{PARTS}/{name}.{table}.csv"])
                      for table in by_table})
    files[f"{PARTS}/{name}.audits.jsonl"] = "".join(line + "\n" for line in lines)
    return files


@cache
def _categories() -> list[str]:
    return sorted(registry.labels())


def _csv_text(columns: list[str], rows: list[dict]) -> str:
    handle = io.StringIO()
    writer = _csv_writer(handle, columns)
    for row in rows:
        _write_row(writer, row)
    return handle.getvalue()


# ---- output -----------------------------------------------------------------------------------

def report_name(article_id: str) -> str:
    """A safe file name for an article's report; ids that had to change get a short hash."""
    safe = re.sub(r"[^\w.-]+", "_", article_id).strip("._")[:80] or "article"
    if safe != article_id:
        safe += "-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8]
    return safe + REPORT.suffix


def parts(outdir: Path) -> list[str]:
    """The names of the complete parts (those whose audits are written), in order: input order
    within a run, a resumed run's parts among them by their first article's position."""
    return sorted(p.name.removesuffix(".audits.jsonl") for p in (outdir / PARTS).glob("*.audits.jsonl"))


def finished_ids(outdir: Path) -> set[str]:
    """Ids of the articles in complete parts (read from their rows of articles.csv); the files of
    a part left incomplete by a kill are removed, and its articles audited again."""
    complete = set(parts(outdir))
    for path in (outdir / PARTS).glob("*") if (outdir / PARTS).is_dir() else ():
        if path.name.split(".", 1)[0] not in complete:
            path.unlink()  # a part cut short, or a temporary file of one
    done = set()
    for name in complete:
        with (outdir / PARTS / f"{name}.articles.csv").open(encoding="utf-8", newline="") as handle:
            done.update(row["id"] for row in csv.DictReader(handle))
    return done


def migrate(outdir: Path) -> int:
    """A folder from before parts (one audits.jsonl): its audits become parts (and its line cut
    short by a kill, if any, is dropped); returns the audits moved."""
    old = outdir / "audits.jsonl"
    if not old.exists():
        return 0
    lines = []
    with old.open("rb") as handle:
        for line in handle:
            try:
                json.loads(line)["id"]
            except (json.JSONDecodeError, KeyError, UnicodeDecodeError):
                break
            lines.append(line.decode("utf-8").rstrip("\n"))
    for start in range(0, len(lines), BATCH):
        write_files(outdir, part_files(f"{start:09d}-00000", lines[start:start + BATCH]))
    old.unlink()
    return len(lines)


MANIFEST = "manifest.json"
TABLES = ("articles", "findings", "sources", "actors")
OUTPUTS = (PARTS, "audits.jsonl", "errors.jsonl", *(f"{t}.csv" for t in TABLES), *(f"{t}.parquet" for t in TABLES),
           "index.html", "reports", MANIFEST)  # what corpus writes (the .parquet files with --parquet)


def input_fingerprint(source: Path, skip: Path | None = None) -> dict:
    """What identifies an input: its path, and for a file its size and SHA-256, for a folder the
    names and sizes of its files (those under `skip`, the output folder, left out)."""
    if not source.is_dir():
        try:
            return {"path": str(source.resolve()), "size": source.stat().st_size, "sha256": file_sha256(source)}
        except OSError as exc:
            raise InputError(f"{source}: cannot read: {exc.strerror}") from None
    digest = hashlib.sha256()
    skipped = skip.resolve() if skip is not None else None
    for path in sorted(p for p in source.rglob("*") if p.is_file()
                       if skipped is None or not p.resolve().is_relative_to(skipped)):
        digest.update(f"{path.relative_to(source)}\0{path.stat().st_size}\n".encode("utf-8", "surrogateescape"))
    return {"path": str(source.resolve()), "size": None, "sha256": digest.hexdigest()}


def _mode_made(mode: str, manifest: dict) -> str:
    """How a folder's audits were made, as the option that makes them so: "with --fast", "without --hints"."""
    if mode == "contextual":
        return "without --fast" if manifest.get("contextual") else "with --fast"
    return f"with --{mode}" if manifest.get(mode) else f"without --{mode}"


def claim_folder(outdir: Path, source: Path, contextual: bool, force: bool = False, hints: bool = False) -> dict:
    """Make `outdir` this input's corpus folder, or refuse in one line: a folder holding another
    input's corpus (or this one's in another mode: --fast, --hints; or made by another framing
    version, other models or lexicons: its numbers would mix two tools) or files framing did not
    write is never mixed or overwritten unless `force`, which removes framing's outputs there and
    starts again. Returns the input's fingerprint."""
    wanted = {"input": input_fingerprint(source, skip=outdir), "contextual": contextual, "hints": hints,
              "framing": __version__, **provenance()}
    manifest = outdir / MANIFEST
    entries = sorted(p.name for p in outdir.iterdir()) if outdir.is_dir() else []
    if manifest.exists():
        try:
            earlier = json.loads(manifest.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            earlier = {}
        modes = [m for m in ("contextual", "hints") if bool(earlier.get(m)) != wanted[m]]
        tools = [name for key, name in (("framing", f"framing {earlier.get('framing')}"), ("models", "other models"),
                                        ("lexicons_sha256", "other lexicons"))
                 if key in earlier and earlier[key] != wanted[key]]  # (a manifest of an earlier version may lack them)
        if earlier.get("input") == wanted["input"] and not modes and not tools:
            return wanted["input"]  # the same input in the same mode, by the same tool: resume
        problem = (f"holds the corpus of another input ({earlier.get('input', {}).get('path', '?')})"
                   if earlier.get("input") != wanted["input"] else f"holds audits made {_mode_made(modes[0], earlier)}"
                   if modes else f"holds audits made with {' and '.join(tools)} (manifest.json)")
    elif entries:
        problem = f"is not empty and holds no framing corpus ({', '.join(entries[:3])}{', ...' if len(entries) > 3 else ''})"
    else:
        problem = None
    if problem and not force:
        raise InputError(f"{outdir}: {problem}; give another folder, or --force to start this one again")
    if problem:
        for name in OUTPUTS:
            target = outdir / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    outdir.mkdir(parents=True, exist_ok=True)
    write_atomic(manifest, json.dumps(wanted, indent=1) + "\n")
    return wanted["input"]


def provenance() -> dict:
    """What made the audits: the SHA-256 of each shipped model file and one over the lexicons (file
    names and bytes), so that a reader can tell whether two corpus folders were scored alike."""
    models = data_dir("models")
    lexicons = hashlib.sha256()
    for path in sorted(data_dir("lexicons").iterdir()):
        if path.is_file():
            lexicons.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return {"models": {p.name: file_sha256(p) for p in sorted(models.iterdir()) if p.is_file() and p.suffix != ".md"},
            "lexicons_sha256": lexicons.hexdigest()}


def write_manifest(outdir: Path, fingerprint: dict, contextual: bool, options: dict, started: str,
                   summary: "Summary | None" = None, hints: bool = False) -> None:
    """manifest.json: the input and mode (what claim_folder checks), framing's version, the models'
    and lexicons' hashes, the options and this run's start; at the end, its finish and counts."""
    manifest = {"input": fingerprint, "contextual": contextual, "hints": hints, "framing": __version__, **provenance(),
                "options": options, "started": started, "finished": None, "counts": None}
    if summary is not None:
        manifest["finished"] = _now()
        manifest["counts"] = {"audited": summary.audited, "already_done": summary.skipped, "failed": summary.failed,
                              "in_audits": summary.in_audits}
    write_atomic(outdir / MANIFEST, json.dumps(manifest, indent=1) + "\n")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Summary:
    audited: int = 0
    skipped: int = 0  # already finished by an earlier run
    failed: int = 0  # each article is counted once, in one of the three
    in_audits: int = 0  # articles in the folder's audits after the run


def run(source: Path, outdir: Path, jobs: int = 1, engine: str | Engine = "local", scheduler: str | None = None,
        progress: bool = False, contextual: bool = True, force: bool = False, by: str = "outlet",
        hints: bool = False, parquet: bool = False) -> Summary:
    """Audit every article of `source` not yet in `outdir` (`contextual`: in the contextual mode;
    `hints`: keeping the word model's hints),
    then write the tables and index.html, which compares the groups of `by` (a metadata field), and with
    `parquet` (or when the folder has them from an earlier run) the tables as Parquet files too, each
    part's written by its worker. `engine`: a name in ENGINES, made with `jobs`,
    `contextual` and `scheduler`, or an Engine. `outdir` is claimed first (see claim_folder).
    Articles that failed are tried again: errors.jsonl holds this run's failures, each once."""
    fingerprint = claim_folder(outdir, source, contextual, force, hints)  # makes the folder too
    parquet = parquet or (outdir / "articles.parquet").exists()  # kept in step with the CSV files
    options = {"jobs": jobs, "engine": engine if isinstance(engine, str) else engine.name, "scheduler": scheduler,
               "contextual": contextual, "hints": hints, "by": by, "parquet": parquet}
    started = _now()
    write_manifest(outdir, fingerprint, contextual, options, started, hints=hints)
    if isinstance(engine, str):
        engine = ENGINES[engine](jobs, contextual, scheduler)
    (outdir / "reports").mkdir(exist_ok=True)
    (outdir / PARTS).mkdir(exist_ok=True)
    moved = migrate(outdir)
    if moved:
        print(f"framing corpus: {outdir}: its {moved} audits moved from audits.jsonl into {PARTS}/ (the layout of "
              f"framing {__version__}: one file per batch of articles; docs/corpus.md)", file=sys.stderr)
    done = finished_ids(outdir)  # the manifest has checked that they are this input's, in this mode
    serial = len(parts(outdir))  # distinct for every run that wrote a part: a retried article's part is a new one
    if contextual:
        check_installed()  # a missing extra or model is one error here, not a failure per article
    summary = Summary()
    seen: dict[str, str] = {}  # id -> where it first is

    def pending() -> Iterator[tuple[int, Article]]:
        for position, article in enumerate(read_articles(source, skip=outdir,
                                                         namespace=(fingerprint["sha256"] or "")[:8])):
            first = seen.setdefault(article.id, article.where)
            if first != article.where and not article.error:
                article = _failed(article.where, article.id, f"duplicate id, first at {first} (ids are text: "
                                                             "1 and \"1\" are one id): only the first is audited")
            article.contextual, article.hints = contextual, hints
            if article.id in done and not article.error:
                summary.skipped += 1
                continue
            if article.path and not article.error and not engine.shares_disk:  # the worker may not see the file
                try:
                    article.data = read_bytes(article.path)
                except InputError as exc:
                    article.error = str(exc)
            yield position, article

    def batches() -> Iterator[Batch]:
        articles = pending()
        while chunk := list(itertools.islice(articles, BATCH)):
            yield Batch(f"{chunk[0][0]:09d}-{serial:05d}", [a for _, a in chunk], str(outdir), started, parquet)

    total = _count(source) if progress else None
    meter = Progress(progress, total - len(done) if total else None)
    results = engine.map(audit_batch, batches(), max(1, IN_FLIGHT // BATCH))
    with closing(results), (outdir / "errors.jsonl").open("w", encoding="utf-8") as errors:  # failures are tried again
        for result in results:
            if result.files:  # from a worker that does not see OUTDIR
                write_files(outdir, result.files)
            for article_id, error in result.errors:
                errors.write(json.dumps({"id": article_id, "error": error}, ensure_ascii=False) + "\n")
                print(printable(f"framing corpus: {article_id}: skipped: {error}"), file=sys.stderr)
            summary.audited += len(result.ids)
            summary.failed += len(result.errors)
            meter.step(len(result.ids) + len(result.errors))
    meter.close()
    summary.in_audits = len(done) + summary.audited
    write_tables(outdir, by, parquet)
    write_manifest(outdir, fingerprint, contextual, options, started, summary, hints)
    return summary


def _count(source: Path) -> int | None:
    """Number of articles, for the progress bar's ETA (folders and JSONL; None for CSV)."""
    if source.is_dir():
        return sum(1 for p in source.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES)
    if source.suffix.lower() in (".jsonl", ".ndjson"):
        with source.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    return None


# ---- tables and the corpus report -------------------------------------------------------------

def row_of(data: dict, categories: list[str]) -> dict:
    """The articles.csv row of one audit (JSON as in audits.jsonl)."""
    doc = data["document"]
    words = sum(len(doc["text"][b["start"]:b["end"]].split()) for b in doc["blocks"] if b["kind"] in ("title", "body"))
    per_1000 = 1000 / max(words, 1)
    counts = Counter(f["category"] for f in data["findings"])
    sourcing = data.get("sourcing") or {}
    actors = {a["id"]: a["name"] for a in sourcing.get("actors", [])}
    metadata = data.get("metadata", {})
    row = {"id": data["id"], "title": doc["title"], "outlet": metadata.get("outlet", ""),
           "date": metadata.get("date", ""), "url": metadata.get("url", ""),
           "genre": (data.get("genre") or {}).get("label", ""), "words": words,
           "report": f"reports/{report_name(data['id'])}"}
    row.update({f"score_{k}": data["scores"][k]["score"] for k in SCORES})  # None (a blank cell): not judged
    row.update({f"per1000_{c}": round(counts[c] * per_1000, 2) for c in categories})
    sides = sourcing.get("sides", {})
    row.update({f"sources_{s}": len(sides.get(s, {}).get("sources", [])) for s in SIDES})
    judged = sourcing.get("judged")
    row["balance_index"] = sourcing.get("balance_index") if judged else None  # None (a blank cell): not judged, never 0
    row["balance_judged"] = "" if judged is None else judged
    row["principal_actor"] = actors.get(sourcing.get("principal_actor"), "")
    readability = data.get("readability", {})
    row.update({k: readability.get(k) for k in READABILITY})
    row.update({f"meta_{k}": v for k, v in metadata.items() if k not in ("outlet", "date", "url")})
    return row


def audits(outdir: Path) -> Iterator[dict]:
    """Every audit of the folder (its parts in order), as JSON data."""
    for name in parts(outdir):
        with (outdir / PARTS / f"{name}.audits.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text cell a spreadsheet would run as a formula ('=HYPERLINK(...)', '+1', '@SUM') gets a
    leading apostrophe, as OWASP recommends against CSV injection; numbers and other cells pass."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


FINDING_COLUMNS = ("finding", "detector", "rule", "category", "dimension", "voice", "speaker", "severity", "score",
                   "start", "end", "text")
SOURCE_COLUMNS = ("source", "name", "kind", "role", "side", "quoted_words", "paraphrased_words")
ACTOR_COLUMNS = ("actor", "name", "kind", "principal", "mentions", "labels", "sources_critical", "sources_supportive",
                 "sources_neutral")
ACTOR_SIDES = ("critical", "supportive", "neutral")
ARTICLE_KEYS = ("id", "outlet", "date", "genre")  # with the meta_* columns, at the start of the other tables


def finding_rows(data: dict) -> Iterator[dict]:
    """The findings.csv rows of one audit: one per finding (its `finding` is the audit's id, f1...)."""
    for f in data["findings"]:
        yield {"finding": f["id"], **{k: f.get(k) for k in FINDING_COLUMNS[1:]}}


def source_rows(data: dict) -> Iterator[dict]:
    """The sources.csv rows of one audit: one per source. `side` is empty when the article has no
    main actor (its sources are then placed on no side)."""
    sourcing = data.get("sourcing") or {}
    sides = {s["source_id"]: s.get("side") for s in sourcing.get("sources", [])} if sourcing.get("principal_actor") else {}
    for s in data.get("sources", []):
        yield {"source": s["id"], "name": s["name"], "kind": s["kind"], "role": s["role"], "side": sides.get(s["id"]),
               "quoted_words": s["quoted_words"], "paraphrased_words": s["paraphrased_words"]}


def actor_rows(data: dict) -> Iterator[dict]:
    """The actors.csv rows of one audit: one per main actor, with the words the article uses for it
    and its sources' sides toward it. `actor`, the canonical name across the corpus, is filled in
    when the parts are merged."""
    sourcing = data.get("sourcing") or {}
    labels = data.get("actor_labels") or {}  # none in audits of an earlier version
    for actor in sourcing.get("actors", []):
        sides = Counter(s.get("stances", {}).get(actor["id"]) for s in sourcing.get("sources", []))
        yield {"actor": "", "name": actor["name"], "kind": actor.get("kind"),
               "principal": actor["id"] == sourcing.get("principal_actor") or bool(actor.get("principal")),
               "mentions": len(actor.get("mentions", [])), "labels": ";".join(labels.get(actor["id"], [])),
               **{f"sources_{side}": sides[side] for side in ACTOR_SIDES}}


def _csv_writer(handle, columns: list[str]) -> csv.DictWriter:
    writer = csv.DictWriter(handle, columns, extrasaction="ignore", lineterminator="\r\n")  # RFC 4180: a field
    writer.writeheader()  # holding a bare \r or \n is then quoted, so it never splits a row
    return writer


def _write_row(writer: csv.DictWriter, row: dict) -> None:
    writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})


def write_tables(outdir: Path, by: str = "outlet", parquet: bool = False) -> None:
    """articles.csv, findings.csv, sources.csv and actors.csv from the parts (each article once,
    however many runs made them; the actors under their names across the corpus), with `parquet`
    the same tables as Parquet from the parts' Parquet files (write_parquet), then
    index.html (the groups of `by` compared) from the CSV tables read as streams: this process keeps
    a few numbers per article, and per actor name, never an audit."""
    names = parts(outdir)
    for table in ("articles", "findings", "sources"):
        _merge(outdir, names, table)
    named = _actor_names(outdir, names)
    canonical = corpus_names(named)
    _merge(outdir, names, "actors", canonical)
    if parquet:
        write_parquet(outdir, names, canonical)
    totals = Counter()
    for name, n in named.items():
        totals[canonical[name]] += n
    actors = ActorStats(by, {a for a, _ in totals.most_common(ACTORS_LISTED)})
    with (outdir / "actors.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            actors.add(row)
    stats = CorpusStats(by)
    with ((outdir / "articles.csv").open(encoding="utf-8", newline="") as articles,
          (outdir / "findings.csv").open(encoding="utf-8", newline="") as findings):
        found = csv.DictReader(findings)
        finding = next(found, None)
        for row in csv.DictReader(articles):
            mine = []  # the article's findings: in both tables the articles come in the same order
            while finding is not None and finding["id"] == row["id"]:
                mine.append(finding | {"text": _unescaped(finding["text"])})
                finding = next(found, None)
            stats.add(row | {k: _unescaped(row.get(k) or "") for k in _TEXTS + (f"meta_{by.removeprefix('meta_')}",)},
                      mine)
    write_atomic(outdir / "index.html", render_index(stats, registry.labels(), actors))


def _actor_names(outdir: Path, names: list[str]) -> Counter:
    """Actor name as written in the parts' actors.csv -> its rows (articles naming an actor so)."""
    counts = Counter()
    for name in names:
        with (outdir / PARTS / f"{name}.actors.csv").open(encoding="utf-8", newline="") as handle:
            counts.update(row["name"] for row in csv.DictReader(handle))
    return counts


def write_parquet(outdir: Path, names: list[str] | None = None, canonical: dict[str, str] | None = None,
                  rows: int = tables.PARQUET_ROWS) -> list[Path]:
    """Each table as OUTDIR/TABLE.parquet from the Parquet files of the parts `names` (all complete
    parts when None), those a run without --parquet did not write made here from the part's CSV; the
    actors under their names across the corpus (`canonical`: actors.csv's name -> actor, counted
    again when not given). Returns the files written."""
    names = parts(outdir) if names is None else names
    canonical = corpus_names(_actor_names(outdir, names)) if canonical is None else canonical
    written = []
    for table in TABLES:
        paths = [outdir / PARTS / f"{name}.{table}.parquet" for name in names]
        for path in paths:
            if not path.exists():
                write_files(outdir, {f"{PARTS}/{path.name}": tables.parquet_part(
                    path.with_suffix(".csv").read_text(encoding="utf-8"))})
        written.append(outdir / f"{table}.parquet")
        columns = merged_columns(table, [_header(p.with_suffix(".csv")) for p in paths])  # a part's Parquet columns are its CSV's
        tables.concatenate(written[-1], paths, columns, rows,
                           {tables.plain(n): tables.plain(a) for n, a in canonical.items()} if table == "actors" else None)
    return written


def _header(path: Path) -> list[str]:
    """The columns of a part's CSV file (its first line)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


COLUMNS = {"findings": FINDING_COLUMNS, "sources": SOURCE_COLUMNS, "actors": ACTOR_COLUMNS}  # after ARTICLE_KEYS, meta_*


def merged_columns(table: str, headers: list[list[str]]) -> list[str] | None:
    """A table's columns from its parts' headers: their meta_* columns together, sorted, at the end
    of articles (None when there is no part) and after ARTICLE_KEYS in the others."""
    meta = sorted({c for header in headers for c in header if c.startswith("meta_")})
    if table in COLUMNS:
        return [*ARTICLE_KEYS, *meta, *COLUMNS[table]]
    return [c for c in headers[0] if not c.startswith("meta_")] + meta if headers else None


def _merge(outdir: Path, names: list[str], table: str, canonical: dict[str, str] | None = None) -> None:
    """OUTDIR/TABLE.csv from the parts' files, in order: one header (merged_columns), each part's
    rows copied, as text when the part has those columns and no `canonical` actor names (name ->
    actor) are to be filled in."""
    paths = [outdir / PARTS / f"{name}.{table}.csv" for name in names]
    headers = [_header(path) for path in paths]
    columns = merged_columns(table, headers)
    with atomic_writer(outdir / f"{table}.csv") as out:
        if columns is None:
            return  # no article audited: an empty articles.csv
        writer = _csv_writer(out, columns)
        head = len(_csv_text(columns, []))
        for path, header in zip(paths, headers):
            with path.open(encoding="utf-8", newline="") as handle:  # "\r" inside a cell stays
                text = handle.read()
            if header == columns and canonical is None:
                out.write(text[head:])
            else:  # cells already spreadsheet-safe
                writer.writerows(row | {"actor": canonical[row["name"]]} if canonical else row
                                 for row in csv.DictReader(io.StringIO(text, newline="")))


_TEXTS = ("id", "title", "outlet", "date", "url", "report", "principal_actor", "meta_topic")  # what index.html shows


def _unescaped(value: str) -> str:
    """A cell as it was before spreadsheet_safe() put an apostrophe before a formula."""
    return value[1:] if value[:1] == "'" and value[1:2] and value[1] in _FORMULA_START else value


LIST_SIZE = 300  # articles listed in index.html: each group's share of them, its highest overall scores
# (per_group(); articles.csv has them all)
DOTS = 150  # articles drawn as dots per group in the box plots (an even sample past it)
GENRES = ("news", "mixed", "opinion")  # the genre model's labels, straight news first
_ROW_KEYS = ("outlet", "date", "url", "genre")  # what `by` can name besides a metadata field
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _values() -> dict:
    return {k: array("d") for k in SCORES}


@dataclass
class CorpusStats:
    """What the corpus report shows, gathered one article at a time into a few numbers each (the
    rows kept are each group's share of LIST_SIZE); `by` is what groups the articles: "outlet",
    "genre" or another metadata field."""

    by: str = "outlet"
    articles: int = 0
    values: dict = field(default_factory=lambda: defaultdict(_values))  # (group, genre) -> score -> judged values
    months: dict = field(default_factory=lambda: defaultdict(_values))  # (group, 'YYYY-MM') -> score -> values
    counts: Counter = field(default_factory=Counter)  # (group, genre) -> articles
    words: Counter = field(default_factory=Counter)  # group -> words
    listed: dict = field(default_factory=dict)  # group -> a heap of its highest overall scores
    topics: set = field(default_factory=set)
    terms: dict = field(default_factory=lambda: defaultdict(Counter))  # group -> loaded term counts
    rules: dict = field(default_factory=lambda: defaultdict(Counter))  # group -> loaded-term rule counts
    hints: dict = field(default_factory=lambda: defaultdict(Counter))  # group -> the word model's hints (--hints)
    forms: dict = field(default_factory=lambda: defaultdict(Counter))  # rule -> the words found for it

    def add(self, row: dict, findings: Iterable[dict]) -> None:
        """One article: its articles.csv row (numbers or their text) and its findings."""
        group, genre = group_of(row, self.by), row.get("genre") or ""
        scores = {k: _number(row[f"score_{k}"]) for k in SCORES}
        month = _MONTH.match(row.get("date") or "")
        for key, value in scores.items():
            if value is not None:
                self.values[group, genre][key].append(value)
                if month:
                    self.months[group, month.group()][key].append(value)
        self.counts[group, genre] += 1
        self.words[group] += int(row["words"] or 0)
        topic = row.get("meta_topic") or ""
        self.topics.add(topic)
        keep = {k: row.get(k) or "" for k in ("id", "title", "outlet", "date", "report", "principal_actor")}
        listed = (keep | scores | {"group": group, "genre": genre, "topic": topic, "words": int(row["words"] or 0),
                                   "balance_index": _number(row["balance_index"])})
        entry = (-1.0 if scores["overall"] is None else scores["overall"], -self.articles, listed)
        heap = self.listed.setdefault(group, [])
        heapq.heappush(heap, entry)
        while len(heap) > self.per_group():  # the share only shrinks (more groups): what drops out stays out
            heapq.heappop(heap)
        self.articles += 1
        for f in findings:  # loaded terms in the reporter's voice: the lexicons', and apart the word model's hints
            if f["dimension"] != "loaded_language" or f["voice"] != "reporter":
                continue
            if f["detector"] == HINTS:
                self.hints[group][f"{HINTS}:{f['text'].lower()}"] += 1
            else:
                self.terms[group][f["text"].lower()] += 1
                self.rules[group][f["rule"]] += 1
                self.forms[f["rule"]][f["text"].lower()] += 1

    def per_group(self) -> int:
        """How many articles index.html lists per group: an even share of LIST_SIZE, at least one."""
        return max(LIST_SIZE // max(len(self.listed), 1), 1)

    def listed_rows(self) -> list[dict]:
        """The articles index.html lists: each group's per_group() highest overall scores (all its
        articles when it has fewer), highest first, then in input order."""
        share = self.per_group()
        entries = [e for heap in self.listed.values() for e in heapq.nlargest(share, heap)]
        return [e[2] for e in sorted(entries, key=lambda e: (-e[0], -e[1]))]

    def groups(self) -> dict[str, dict[str, dict[str, array]]]:
        """group -> slice ('all' or a genre present) -> score -> judged values."""
        result: dict = defaultdict(dict)
        for (group, genre), values in sorted(self.values.items()):
            every = result[group].setdefault("all", _values())
            for key in SCORES:
                every[key].extend(values[key])
            if genre:
                result[group][genre] = values
        return dict(sorted(result.items()))


ACTORS_LISTED = 20  # actors in index.html, those in the most articles first (actors.csv has them all)
LABELS_LISTED = 5  # an actor's most frequent labels shown per group


@dataclass
class ActorStats:
    """The corpus report's actors, gathered from actors.csv one row at a time: per group, how often
    each label is used for an actor (the distinguishing labels); for the `listed` actors, per group,
    the articles naming them, the labels used for them and the sides their sources take."""

    by: str
    listed: set[str]
    label_counts: dict = field(default_factory=lambda: defaultdict(Counter))  # group -> label -> articles
    for_actor: dict = field(default_factory=lambda: defaultdict(Counter))  # label -> listed actor -> articles
    articles: Counter = field(default_factory=Counter)  # (actor, group) -> articles
    labels: dict = field(default_factory=lambda: defaultdict(Counter))  # (actor, group) -> label -> articles
    sides: Counter = field(default_factory=Counter)  # (actor, group, side) -> sources
    kinds: dict = field(default_factory=lambda: defaultdict(Counter))  # actor -> kind -> articles
    _last: tuple = ("", "")

    def add(self, row: dict) -> None:
        """One actors.csv row (an article's actor)."""
        group, actor = group_of(row, self.by), _unescaped(row["actor"])
        labels = [_unescaped(label) for label in row["labels"].split(";") if label]
        self.label_counts[group].update(labels)
        if actor not in self.listed:
            return
        if self._last != (row["id"], actor):  # an article naming one actor twice (two names) counts once
            self.articles[actor, group] += 1
            self.kinds[actor][row["kind"]] += 1
        self._last = (row["id"], actor)
        self.labels[actor, group].update(labels)
        for label in labels:
            self.for_actor[label][actor] += 1
        for side in ACTOR_SIDES:
            self.sides[actor, group, side] += int(row[f"sources_{side}"] or 0)

    def rows(self, groups: list[str]) -> list[dict]:
        """The listed actors, in most articles first, each with a row per group that names it."""
        totals = Counter()
        for (actor, _), n in self.articles.items():
            totals[actor] += n
        return [{"actor": actor, "articles": n, "kind": self.kinds[actor].most_common(1)[0][0],
                 "groups": [{"group": g, "articles": self.articles[actor, g],
                             "labels": self.labels[actor, g].most_common(LABELS_LISTED),
                             **{side: self.sides[actor, g, side] for side in ACTOR_SIDES}}
                            for g in groups if self.articles[actor, g]]}
                for actor, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]

    def distinguishing(self) -> dict:
        """Per group, the labels it uses for actors more than the other groups together (Fightin'
        Words over the labels' counts, each group's labels as the multinomial), each shown with the
        listed actors it is most used for."""
        totals = {g: sum(c.values()) for g, c in self.label_counts.items()}
        names = {label: f"{label} ({', '.join(a for a, _ in actors.most_common(2))})"
                 for label, actors in self.for_actor.items()}
        return research.distinguishing(self.label_counts, totals, names)


def _number(value) -> float | None:
    """A score from a row: None or an empty cell is not judged."""
    return None if value is None or value == "" else float(value)


def group_of(row: dict, by: str) -> str:
    """The article's group: its value of `by` (outlet, date, url, genre or a metadata field, with or
    without meta_), or "(no BY)"."""
    value = row.get(by) if by in _ROW_KEYS else row.get(f"meta_{by.removeprefix('meta_')}")
    return value or f"(no {by})"


def render_index(stats: CorpusStats, labels: dict, actors: ActorStats | None = None) -> str:
    """index.html: plain numbers from `stats`, `actors` and research, HTML from templates/corpus.html.j2."""
    groups = stats.groups()
    names = {k: DIMENSIONS.get(k, "Overall") for k in SCORES}
    with_intervals = research.available()
    slices = [s for s in ("all", *GENRES) if any(s in per for per in groups.values())]
    summary, differences = [], {}
    for key in SCORES:
        values = {g: list(per["all"][key]) for g, per in groups.items()}
        if with_intervals:
            estimates, pairs = research.compare(values)
            differences[key] = {(d.a, d.b): d for d in pairs}
        else:
            estimates = {g: research.Estimate(len(v), _mean(v)) for g, v in values.items()}
        for g, per in groups.items():
            for name, cell in per.items():
                estimate = estimates[g] if name == "all" else _estimate(list(cell[key]), with_intervals)
                summary.append({"group": g, "slice": name, "key": key, "estimate": estimate})
    table = defaultdict(dict)  # (group, slice) -> score -> Estimate
    for cell in summary:
        table[cell["group"], cell["slice"]][cell["key"]] = cell["estimate"]
    rows = [{"group": g, "slice": s, "articles": sum(n for (group, genre), n in stats.counts.items()
                                                     if group == g and s in ("all", genre)),
             "terms": stats.terms[g].most_common(10) if s == "all" else [], **table[g, s]}
            for g in groups for s in slices if (g, s) in table]
    pairs = sorted({pair for per_score in differences.values() for pair in per_score})
    over_time = monthly(stats.months, with_intervals)
    shown = {rule: forms.most_common(1)[0][0] for rule, forms in stats.forms.items()}
    distinguishing = research.distinguishing(stats.rules, stats.words, shown) if len(groups) > 1 else {}
    with_hints = {}  # the same with the hints as terms of their own (one per word), when the corpus has them
    if stats.hints and len(groups) > 1:
        counts = {g: stats.rules[g] + stats.hints[g] for g in groups}
        words = {key: f"{key.split(':', 1)[1]} (hint)" for per_group in stats.hints.values() for key in per_group}
        with_hints = research.distinguishing(counts, stats.words, shown | words)
    every = {k: [v for per in groups.values() for v in per["all"][k]] for k in SCORES}
    listed = stats.listed_rows()
    code, digest = script("corpus.js")
    return environment().get_template("corpus.html.j2").render(
        distinguishing=distinguishing, with_hints=with_hints, actors=actors.rows(list(groups)) if actors else [],
        actor_labels=actors.distinguishing() if actors and len(groups) > 1 else {}, actors_listed=ACTORS_LISTED, z_min=1.96, over_time=over_time,
        chart_time=charts.scores_over_time({names[k]: {g: [(m, e.mean, e.low, e.high) for m, e in per_month.items()
                                                           if e.mean is not None]
                                                       for g, per_month in over_time[k].items()} for k in SCORES})
        if over_time else "",
        month_rows=[{"month": m, "group": g, **{k: over_time[k].get(g, {}).get(m) for k in SCORES}}
                    for m, g in sorted({(m, g) for (g, m) in stats.months})] if over_time else [],
        articles=stats.articles, listed=listed, per_group=stats.per_group(), groups=rows, group_names=list(groups),
        slices=slices, genre_names=GENRE_NAMES, topics=sorted(t for t in stats.topics if t),
        by=stats.by, names=names, scores=SCORES, version=__version__, script=code, script_hash=digest,
        with_intervals=with_intervals, install=research.INSTALL, level=research.LEVEL, resamples=research.RESAMPLES,
        permutations=research.PERMUTATIONS, max_groups=research.MAX_GROUPS, dots=DOTS,
        pairs=[{"a": a, "b": b, **{k: differences[k].get((a, b)) for k in SCORES}} for a, b in pairs],
        means={k: _mean(every[k]) for k in SCORES},
        chart_distributions=charts.score_histograms({names[k]: every[k] for k in SCORES}) if stats.articles else "",
        chart_outlets=charts.scores_by_outlet({names[k]: {g: list(per["all"][k]) for g, per in groups.items()}
                                               for k in SCORES}, DOTS) if len(groups) > 1 else "")


GENRE_NAMES = {"all": "all genres", "news": "straight news", "mixed": "news with signs of opinion",
               "opinion": "opinion or analysis"}


def _estimate(values: list[float], with_intervals: bool) -> research.Estimate:
    return research.estimate(values) if with_intervals else research.Estimate(len(values), _mean(values))


def monthly(months: dict, with_intervals: bool) -> dict:
    """score -> group -> month ('2016-03') -> Estimate of the month's mean, from `months` ((group,
    month) -> score -> values); {} when fewer than two months have any."""
    if len({month for _, month in months}) < 2:
        return {}
    result = {key: defaultdict(dict) for key in SCORES}
    for (group, month), values in sorted(months.items()):
        for key in SCORES:
            if values[key]:
                result[key][group][month] = _estimate(list(values[key]), with_intervals)
    return {key: dict(per_group) for key, per_group in result.items()}


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None
