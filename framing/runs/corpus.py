"""`framing corpus`: audit a whole archive into one folder, resumably and with flat memory.

OUTDIR/audits.jsonl   one audit per line (schema framing.audit/1 plus "id" and "metadata")
OUTDIR/reports/       one HTML report per article (without charts: they cost more than the audit)
OUTDIR/articles.csv   one row per article: scores, findings per 1,000 words, sides, readability, metadata
OUTDIR/findings.csv   one row per finding, OUTDIR/sources.csv one row per source (framing.corpus reads all three)
OUTDIR/index.html     the corpus report: score distributions, outlets side by side, their loaded terms
OUTDIR/errors.jsonl   articles that could not be audited, with the reason
OUTDIR/manifest.json  the input (path, size, SHA-256) and mode the folder belongs to: another input,
                      the other mode or a folder of other files is refused unless --force; and
                      framing's version, model and lexicon hashes, options, start, end and counts

Articles are audited in input order by an engine (framing/runs/engines.py): worker processes
(`--jobs`) or a Dask cluster (`--engine dask`). An article's report is written first (by the
worker when the engine's workers share this disk, else by the main process), then the main
process appends its audit line: a line in audits.jsonl means the article is finished, and a
restarted run skips it.
"""

from __future__ import annotations

import csv
import hashlib
import heapq
import json
import re
import shutil
import sys
from array import array
from collections import Counter, defaultdict
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from framing import __version__
from framing import categories as registry
from framing.api import audit_text
from framing.audit import DIMENSIONS, HINTS
from framing.errors import InputError, printable
from framing.models.contextual import check_installed
from framing.outputs import charts
from framing.outputs.files import atomic_writer, write_atomic
from framing.outputs.formats import HTML, JSON
from framing.outputs.report import environment, script
from framing.resources import data_dir, file_sha256
from framing.runs.engines import ENGINES, Engine
from framing.runs.lines import LONE_SURROGATE, NOT_UTF8, has_lone_surrogate, refuse_utf16, utf8_lines
from framing.runs import research
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
    report_path: str | None = None  # set: the worker writes the report itself (its engine shares this disk)
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
        line = RECORD.record(audit, {"id": article.id, "metadata": article.metadata})
        report = REPORT.render(audit, article.id, charts=False)
        if article.report_path:  # written here, in parallel, before the main process records the audit
            write_atomic(article.report_path, report)
            report = None
        return Result(article.id, line, report)
    except InputError as exc:
        return Result(article.id, None, None, str(exc))
    except Exception as exc:  # a bad article must not stop a run of thousands
        return Result(article.id, None, None, f"internal error: {type(exc).__name__}: {exc}")


# ---- output -----------------------------------------------------------------------------------

def report_name(article_id: str) -> str:
    """A safe file name for an article's report; ids that had to change get a short hash."""
    safe = re.sub(r"[^\w.-]+", "_", article_id).strip("._")[:80] or "article"
    if safe != article_id:
        safe += "-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8]
    return safe + REPORT.suffix


def finished_ids(audits: Path) -> set[str]:
    """Ids already in audits.jsonl; a last line cut short by a kill is removed."""
    if not audits.exists():
        return set()
    done, good_bytes = set(), 0
    with audits.open("rb") as handle:
        for line in handle:
            try:
                done.add(json.loads(line)["id"])
            except (json.JSONDecodeError, KeyError, UnicodeDecodeError):
                break
            good_bytes += len(line)
    if good_bytes < audits.stat().st_size:
        with audits.open("r+b") as handle:
            handle.truncate(good_bytes)
    return done


MANIFEST = "manifest.json"
OUTPUTS = ("audits.jsonl", "errors.jsonl", "articles.csv", "findings.csv", "sources.csv", "index.html", "reports",
           MANIFEST)  # what corpus writes


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


def claim_folder(outdir: Path, source: Path, contextual: bool, force: bool = False, hints: bool = False) -> dict:
    """Make `outdir` this input's corpus folder, or refuse in one line: a folder holding another
    input's corpus (or this one's in another mode: --contextual, --hints) or files framing did not
    write is never mixed or overwritten unless `force`, which removes framing's outputs there and
    starts again. Returns the input's fingerprint."""
    wanted = {"input": input_fingerprint(source, skip=outdir), "contextual": contextual, "hints": hints,
              "framing": __version__}
    manifest = outdir / MANIFEST
    entries = sorted(p.name for p in outdir.iterdir()) if outdir.is_dir() else []
    if manifest.exists():
        try:
            earlier = json.loads(manifest.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            earlier = {}
        modes = [m for m in ("contextual", "hints") if bool(earlier.get(m)) != wanted[m]]
        if earlier.get("input") == wanted["input"] and not modes:
            return wanted["input"]  # the same input in the same mode: resume
        made = "with" if modes and earlier.get(modes[0]) else "without"
        problem = (f"holds the corpus of another input ({earlier.get('input', {}).get('path', '?')})"
                   if earlier.get("input") != wanted["input"] else f"holds audits made {made} --{modes[0]}")
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
                              "in_audits": len(finished_ids(outdir / "audits.jsonl"))}
    write_atomic(outdir / MANIFEST, json.dumps(manifest, indent=1) + "\n")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Summary:
    audited: int = 0
    skipped: int = 0  # already finished by an earlier run
    failed: int = 0  # each article is counted once, in one of the three


def run(source: Path, outdir: Path, jobs: int = 1, engine: str | Engine = "local", scheduler: str | None = None,
        progress: bool = False, contextual: bool = False, force: bool = False, by: str = "outlet",
        hints: bool = False) -> Summary:
    """Audit every article of `source` not yet in `outdir` (`contextual`: in the contextual mode;
    `hints`: keeping the word model's hints),
    then write the tables and index.html, which compares the groups of `by` (a metadata field). `engine`: a name in ENGINES, made with `jobs`,
    `contextual` and `scheduler`, or an Engine. `outdir` is claimed first (see claim_folder).
    Articles that failed are tried again: errors.jsonl holds this run's failures, each once."""
    fingerprint = claim_folder(outdir, source, contextual, force, hints)  # makes the folder too
    options = {"jobs": jobs, "engine": engine if isinstance(engine, str) else engine.name, "scheduler": scheduler,
               "contextual": contextual, "hints": hints, "by": by}
    started = _now()
    write_manifest(outdir, fingerprint, contextual, options, started, hints=hints)
    if isinstance(engine, str):
        engine = ENGINES[engine](jobs, contextual, scheduler)
    (outdir / "reports").mkdir(exist_ok=True)
    audits_path = outdir / "audits.jsonl"
    done = finished_ids(audits_path)  # the manifest has checked that they are this input's, in this mode
    if contextual:
        check_installed()  # a missing extra or model is one error here, not a failure per article
    summary = Summary()
    seen: dict[str, str] = {}  # id -> where it first is

    def pending() -> Iterator[Article]:
        for article in read_articles(source, skip=outdir, namespace=(fingerprint["sha256"] or "")[:8]):
            first = seen.setdefault(article.id, article.where)
            if first != article.where and not article.error:
                article = _failed(article.where, article.id, f"duplicate id, first at {first} (ids are text: "
                                                             "1 and \"1\" are one id): only the first is audited")
            article.contextual, article.hints = contextual, hints
            if article.id in done and not article.error:
                summary.skipped += 1
                continue
            if engine.writes_reports:
                article.report_path = str(outdir / "reports" / report_name(article.id))
            elif article.path and not article.error:  # the worker may not share this disk
                try:
                    article.data = read_bytes(article.path)
                except InputError as exc:
                    article.error = str(exc)
            yield article

    total = _count(source) if progress else None
    meter = Progress(progress, total - len(done) if total else None)
    results = engine.map(audit_article, pending())
    with (closing(results), audits_path.open("a", encoding="utf-8") as audits,
          (outdir / "errors.jsonl").open("w", encoding="utf-8") as errors):  # failures are tried again
        for result in results:
            if result.audit_line is None:
                summary.failed += 1
                errors.write(json.dumps({"id": result.id, "error": result.error}, ensure_ascii=False) + "\n")
                print(printable(f"framing corpus: {result.id}: skipped: {result.error}"), file=sys.stderr)
            else:
                if result.report is not None:  # from a worker that may not share this disk
                    write_atomic(outdir / "reports" / report_name(result.id), result.report)
                audits.write(result.audit_line + "\n")
                audits.flush()
                summary.audited += 1
            meter.step()
    meter.close()
    write_tables(outdir, by)
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


def _audits(outdir: Path) -> Iterator[dict]:
    with (outdir / "audits.jsonl").open(encoding="utf-8") as handle:
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
ARTICLE_KEYS = ("id", "outlet", "date", "genre")  # with the meta_* columns, at the start of findings.csv and sources.csv


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


def _csv_writer(handle, columns: list[str]) -> csv.DictWriter:
    writer = csv.DictWriter(handle, columns, extrasaction="ignore", lineterminator="\r\n")  # RFC 4180: a field
    writer.writeheader()  # holding a bare \r or \n is then quoted, so it never splits a row
    return writer


def _write_row(writer: csv.DictWriter, row: dict) -> None:
    writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})


def write_tables(outdir: Path, by: str = "outlet") -> None:
    """articles.csv, findings.csv, sources.csv and index.html (the groups of `by` compared) from audits.jsonl, read as a stream (twice: the first pass finds the metadata
    columns). All are made anew from audits.jsonl, so a resumed run's tables have each article once."""

    labels = registry.labels()
    categories = sorted(labels)
    extra = sorted({f"meta_{k}" for data in _audits(outdir) for k in data.get("metadata", {})
                    if k not in ("outlet", "date", "url")})
    keys = [*ARTICLE_KEYS, *extra]
    stats = CorpusStats(by)
    with (atomic_writer(outdir / "articles.csv") as articles, atomic_writer(outdir / "findings.csv") as findings,
          atomic_writer(outdir / "sources.csv") as sources):
        articles_writer = None
        findings_writer = _csv_writer(findings, [*keys, *FINDING_COLUMNS])
        sources_writer = _csv_writer(sources, [*keys, *SOURCE_COLUMNS])
        for data in _audits(outdir):
            row = row_of(data, categories)
            if articles_writer is None:
                articles_writer = _csv_writer(articles, [c for c in row if not c.startswith("meta_")] + extra)
            _write_row(articles_writer, row)
            article = {k: row.get(k) for k in keys}
            for finding in finding_rows(data):
                _write_row(findings_writer, article | finding)
            for source in source_rows(data):
                _write_row(sources_writer, article | source)
            stats.add(row, data["findings"])
    write_atomic(outdir / "index.html", render_index(stats, labels))


LIST_SIZE = 300  # articles listed in index.html, highest overall score first (articles.csv has them all)
DOTS = 150  # articles drawn as dots per group in the box plots (an even sample past it)
GENRES = ("news", "mixed", "opinion")  # the genre model's labels, straight news first
_ROW_KEYS = ("outlet", "date", "url", "genre")  # what `by` can name besides a metadata field
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _values() -> dict:
    return {k: array("d") for k in SCORES}


@dataclass
class CorpusStats:
    """What the corpus report shows, gathered one article at a time into a few numbers each (no
    row per article is kept past LIST_SIZE); `by` is what groups the articles: "outlet", "genre"
    or another metadata field."""

    by: str = "outlet"
    articles: int = 0
    values: dict = field(default_factory=lambda: defaultdict(_values))  # (group, genre) -> score -> judged values
    months: dict = field(default_factory=lambda: defaultdict(_values))  # (group, 'YYYY-MM') -> score -> values
    counts: Counter = field(default_factory=Counter)  # (group, genre) -> articles
    words: Counter = field(default_factory=Counter)  # group -> words
    listed: list = field(default_factory=list)  # a heap of the LIST_SIZE highest overall scores
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
        (heapq.heappush if len(self.listed) < LIST_SIZE else heapq.heappushpop)(self.listed, entry)
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


def _number(value) -> float | None:
    """A score from a row: None or an empty cell is not judged."""
    return None if value is None or value == "" else float(value)


def group_of(row: dict, by: str) -> str:
    """The article's group: its value of `by` (outlet, date, url, genre or a metadata field, with or
    without meta_), or "(no BY)"."""
    value = row.get(by) if by in _ROW_KEYS else row.get(f"meta_{by.removeprefix('meta_')}")
    return value or f"(no {by})"


def render_index(stats: CorpusStats, labels: dict) -> str:
    """index.html: plain numbers from `stats` and research, HTML from templates/corpus.html.j2."""
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
    listed = [entry[2] for entry in sorted(stats.listed, key=lambda e: (-e[0], -e[1]))]
    code, digest = script("corpus.js")
    return environment().get_template("corpus.html.j2").render(
        distinguishing=distinguishing, with_hints=with_hints, z_min=1.96, over_time=over_time,
        chart_time=charts.scores_over_time({names[k]: {g: [(m, e.mean, e.low, e.high) for m, e in per_month.items()
                                                           if e.mean is not None]
                                                       for g, per_month in over_time[k].items()} for k in SCORES})
        if over_time else "",
        month_rows=[{"month": m, "group": g, **{k: over_time[k].get(g, {}).get(m) for k in SCORES}}
                    for m, g in sorted({(m, g) for (g, m) in stats.months})] if over_time else [],
        articles=stats.articles, listed=listed, list_size=LIST_SIZE, groups=rows, group_names=list(groups),
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
