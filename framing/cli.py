"""The command line: argument parsing and exit codes around the library calls.

Exit codes: 0 success, 1 a finding reached --fail-on, 2 usage or input error, 3 an unexpected error
(a bug: one line, `--debug` shows the traceback), 130 stopped by Ctrl-C (SIGINT), 143 stopped by
SIGTERM.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from framing import __version__
from framing.errors import InputError, LexiconError, printable
from framing.outputs.formats import FORMATS, HTML, Format, for_output
from framing.runs.engines import ENGINES

# Each command imports what it runs inside its function (the audit stack, jinja2, torch):
# `framing --version`, `--help` and usage errors load little more than argparse.


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        self.exit(2, f"framing: error: {message}\n")


MIN_PAGE_WORDS = 80  # fewer words extracted from a web page: the extraction probably missed the article

AUDIT_EXAMPLES = """examples:
  framing audit draft.md                          findings, one per line (path:line:col)
  framing audit draft.md -o report.html           the annotated report
  framing audit article.txt -o lesson.html --class   a lesson: students mark, then check against the audit
  framing audit drafts/*.md --format github --fail-on high     annotations in a CI step
  framing audit draft.md --ignore emotive.slam --min-severity medium
  framing audit draft.md --list-suppressions      the suppressions written in the draft
house rules: .framing.toml or [tool.framing] in pyproject.toml, at or above the draft's folder"""


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="framing", description="Audit a news article for loaded language, "
                     "unattributed claims and one-sided sourcing.")
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    audit = commands.add_parser("audit", help="audit one or more articles (.txt, .md, .html, or - for stdin)",
                                epilog=AUDIT_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    audit.add_argument("files", nargs="+", metavar="FILE",
                       help="articles: .txt or .md drafts, .html pages (main text extracted), - for standard input")
    audit.add_argument("-o", "--output", help="output file (one input) or folder (several inputs; made if missing); "
                       "its suffix picks the format: .txt .json .html .sarif .github; default stdout")
    audit.add_argument("--format", choices=tuple(FORMATS), help="default: from the output suffix, else text")
    audit.add_argument("--fail-on", choices=("low", "medium", "high"),
                       help="exit 1 when a finding of this severity or higher is found")
    audit.add_argument("--title", help="the article's title, overriding the one found in the text")
    audit.add_argument("--hints", action=argparse.BooleanOptionalAction, default=False,
                       help="also show the word model's hints: words it rates as possibly loaded that no lexicon "
                            "entry covers (off by default: on held-out news fewer than one in ten is right; they "
                            "count toward no score)")
    audit.add_argument("--class", dest="lesson", action="store_true",
                       help="an HTML lesson page for a class (-o LESSON.html): the audit is hidden while students "
                            "mark loaded words, unattributed claims and one-sided sourcing, then 'Check' compares")
    audit.add_argument("--config", metavar="TOML", help="house rules from this file instead of the .framing.toml "
                       "or pyproject.toml [tool.framing] found at or above each input's folder")
    audit.add_argument("--select", type=_names, metavar="RULES",
                       help="only these rules or categories, comma-separated (emotive,doubt.scare-quotes)")
    audit.add_argument("--ignore", type=_names, metavar="RULES", help="leave out these rules or categories")
    audit.add_argument("--min-severity", choices=("low", "medium", "high"), help="leave out findings below this")
    audit.add_argument("--strict", action="store_true",
                       help=f"refuse a web page from which fewer than {MIN_PAGE_WORDS} words of article text were "
                            "extracted (without it, a warning)")
    audit.add_argument("--list-suppressions", action="store_true",
                       help="list the suppressions written in each input (rule, reason, how many they silenced)")
    _add_mode(audit)

    compare = commands.add_parser("compare", help="two or more articles on the same event compared, as one HTML page: "
                                  "whom each quotes, the words each uses for the same actor, what they share and "
                                  "what only one carries, the scores side by side",
                                  epilog="example:\n  framing compare fox.txt nyt.txt huffpost.txt -o compare.html",
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    compare.add_argument("files", nargs="+", metavar="FILE", help="two or more articles (.txt, .md, .html, or - once)")
    compare.add_argument("-o", "--output", required=True, metavar="OUT.html", help="the comparison page to write")
    _add_mode(compare)

    serve = commands.add_parser("serve", help="a live editor in the browser, and a JSON API (POST /api/audit)",
                                epilog="examples:\n  framing serve --open\n"
                                       "  curl -s localhost:8750/api/audit -H 'Content-Type: application/json' "
                                       "-d '{\"text\": \"...\"}'",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8750, help="port (default 8750)")
    serve.add_argument("--open", action="store_true", help="open the editor in the default browser")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                       help="a further Host name the server answers to (besides localhost and the address it "
                            "listens on); repeatable")

    corpus = commands.add_parser("corpus", help="audit an archive: a folder, a JSONL or a CSV file, into OUTDIR "
                                 "(parts/ of audits, articles.csv, index.html, reports/); resumable",
                                 epilog="examples:\n  framing corpus archive/ -o out/ --jobs 2\n"
                                        "  framing corpus articles.jsonl -o out/ --engine dask",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    corpus.add_argument("input", metavar="INPUT", help="a folder of articles (metadata from subfolders), a JSONL "
                        "file of {id, text[, title, outlet, date, ...]} lines, or a CSV with a text column")
    corpus.add_argument("-o", "--output", required=True, metavar="OUTDIR",
                        help="the folder for parts/ (the audits), articles.csv, index.html and reports/ (made if missing)")
    corpus.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    corpus.add_argument("--force", action="store_true", help="start OUTDIR again even if it holds another input's "
                        "corpus or files framing did not write (framing's own outputs there are removed)")
    corpus.add_argument("--engine", choices=tuple(ENGINES), default="local",
                        help="local processes, or a Dask cluster (needs 'framing[dask]')")
    corpus.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: an existing scheduler "
                        "(tcp://host:8786); default: a local cluster of --jobs workers")
    _add_mode(corpus, "; a folder keeps the mode it was started in")
    corpus.add_argument("--hints", action="store_true", help="keep the word model's hints (as audit --hints) in the "
                        "audits and findings.csv; index.html can then show its distinguishing terms with them")
    corpus.add_argument("--by", default="outlet", metavar="COLUMN", help="compare the groups of this metadata field "
                        "in index.html (default outlet); intervals and tests need 'framing[research]'")
    corpus.add_argument("--parquet", action="store_true", help="also write the four tables as typed Parquet files "
                        "(articles.parquet, ...; each part's by its worker); needs 'framing[research]'")

    batch = commands.add_parser("batch", help="audit a JSONL file of {id, text[, title]} lines",
                                epilog="example:\n  framing batch articles.jsonl -o audits.jsonl --jobs 2",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    batch.add_argument("input", metavar="IN.jsonl", help="input JSONL ('-' for stdin)")
    batch.add_argument("-o", "--output", required=True, metavar="OUT.jsonl",
                       help="one JSON audit per input line, in input order (put in place when the run completes)")
    batch.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    _add_mode(batch)

    commands.add_parser("lsp", help="a language server for editors: findings as diagnostics as you write "
                        "(needs 'framing[lsp]'; see README)")

    evaluate = commands.add_parser("evaluate", help="measure the detectors and models on labelled data")
    evaluate.add_argument("dataset", choices=("babe", "ptc", "polnear", "basil", "genre"),
                          help="which labelled data set to measure on (docs/EVALUATION.md)")
    evaluate.add_argument("--split", default="dev", choices=("train", "dev", "all"),
                          help="PolNeAR split (default dev; all: both, for --sourcing)")
    evaluate.add_argument("--data", default="../shared/data", help="folder holding babe/, ptc/, polnear/, basil/")
    evaluate.add_argument("--sourcing", action="store_true", help="for basil: the sourcing measures (principal "
                          "actor, speakers' stance, the writer's feeling, balance) instead of the loaded-language ones; "
                          "for polnear: sources and sides against hand labels of 122 articles")
    evaluate.add_argument("--contextual", action="store_true",
                          help="the contextual mode: for babe or ptc, fine-tune it under 5-fold CV (BABE and PTC "
                               "together; about 45 min); for polnear, audit with its attribution tagger")

    train = commands.add_parser("train", help="retrain the shipped models from labelled data")
    train.add_argument("--data", default="../shared/data", help="folder holding babe/, ptc/, polnear/, basil/")
    train.add_argument("--out", default="models", help="folder for the model files (default models/)")
    train.add_argument("--contextual", action="store_true",
                       help="only the contextual mode: its CV and fit on BABE and PTC, then its attribution "
                            "tagger on PolNeAR (about 1.5 h on two cores)")
    train.add_argument("--writer", action="store_true",
                       help="only the writer's-stance model: its CV by event and fit on BASIL (about a minute)")
    train.add_argument("--genre", action="store_true",
                       help="only the genre model (opinion or analysis against straight news): its CV and fit on "
                            "SemEval-2023, PolNeAR and BASIL (about a minute)")
    train.add_argument("--reference", action="store_true",
                       help="only the reference scores the report compares an article with: percentiles of "
                            "framing's scores over PolNeAR's wire and other news and SemEval's opinion pieces "
                            "(about two minutes)")
    return parser


def _add_mode(command, note: str = "") -> None:
    """--fast: the linear models only, without the transformer (the default is the accurate mode).
    --contextual, the old name of the default, is still accepted."""
    mode = command.add_mutually_exclusive_group()
    mode.add_argument("--fast", action="store_true", help="the fast mode: linear models only, about ten times "
                      "faster and less accurate (docs/EVALUATION.md); the default runs a small transformer" + note)
    mode.add_argument("--contextual", dest="fast", action="store_false", help=argparse.SUPPRESS)


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def _house_rules(args, path: str):
    """The house rules for one input: its config file's (or --config's), with the options given on top."""
    from framing.house_rules import rules_for

    draft = Path.cwd() / "-" if path == "-" else Path(path)
    rules = rules_for(draft, Path(args.config) if args.config else None)
    return rules.with_options(select=args.select, ignore=args.ignore, min_severity=args.min_severity,
                              fail_on=args.fail_on)


def _colour(fmt: Format, target: str | None) -> bool:
    """Colour for text findings on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    import os

    return fmt.name == "text" and target is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _render(fmt: Format, path: str, args, colour: bool = False) -> tuple[str, "object", "object"]:
    """One input audited, its house rules applied, rendered: (content, applied rules, their result);
    `colour`: the text format's severities in terminal colours."""
    from framing.api import audit_text
    from framing.house_rules import activate, apply
    from framing.outputs.serialize import to_text
    from framing.text.ingest import HTML_SUFFIXES, is_markdown, read_article

    rules = _house_rules(args, path)
    activate(rules)
    text = read_article(path)
    if Path(path).suffix.lower() in HTML_SUFFIXES and len(text.split()) < MIN_PAGE_WORDS:
        thin = (f"{path}: only {len(text.split())} words of article text were found in the page; the extraction "
                "may have missed the article")
        if args.strict:
            raise InputError(thin + " (--strict)")
        print(printable(f"framing: warning: {thin}"), file=sys.stderr)
    audit = audit_text(text, args.title, readability=fmt.readability, contextual=not args.fast,
                       hints=args.hints, markdown=is_markdown(path))
    applied = apply(audit, rules)
    if colour:
        return to_text(applied.audit, fmt.source_name(path), colour=True), rules, applied
    if args.lesson:
        from framing.outputs.report import render

        return render(applied.audit, fmt.source_name(path), lesson=True), rules, applied
    return fmt.render(applied.audit, fmt.source_name(path)), rules, applied


def _output_paths(output: str | None, paths: list[str], fmt: Format) -> list[str | None]:
    """Where each input's audit goes: stdout (None), the file -o names, or with several inputs a
    file in the folder -o names, named after the input; inputs with one stem (a/ok.txt, b/ok.txt,
    ok.md) get ok, ok-2, ok-3 in order, so that none overwrites another."""
    if output is None:
        return [None] * len(paths)
    if len(paths) == 1:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        return [output]
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{output}: with several inputs, -o must be a folder")
    folder.mkdir(parents=True, exist_ok=True)
    taken, targets = set(), []
    for path in paths:
        stem = "stdin" if path == "-" else Path(path).stem
        name, n = stem, 1
        while name in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name)
        targets.append(str(folder / f"{name}{fmt.suffix}"))
    return targets


@contextmanager
def _start_up():
    """Start-up (the lexicons, models and tables loading, the first audit and its report) allocates a
    great many objects that live as long as the process, and the collector's passes over them free
    nothing: about 7% of a cold JSON audit. So no collection runs inside this block until the first
    audit is rendered; the caller then calls the function it yields, which freezes what is loaded
    (never scanned again) and resumes collection for any further articles."""

    def loaded() -> None:
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield loaded
    finally:
        if enabled:
            gc.enable()


def _cmd_audit(args) -> int:
    from framing.findings import SEVERITY_RANK
    from framing.outputs.files import write_atomic

    if args.files.count("-") > 1:
        raise InputError("standard input ('-') can be given only once")
    fmt = for_output(args.output, args.format)
    if args.lesson and fmt is not FORMATS["html"]:
        raise InputError("--class writes an HTML lesson page: give -o LESSON.html")
    targets = _output_paths(args.output, args.files, fmt)
    if not fmt.to_terminal and not args.output and sys.stdout.isatty():
        raise InputError(f"{fmt.name.upper()} output needs -o FILE (or redirect standard output)")
    failed = False
    with _start_up() as loaded:
        for path, target in zip(args.files, targets):
            content, rules, applied = _render(fmt, path, args, _colour(fmt, target))
            loaded()
            if target is None:
                sys.stdout.write(content)
            else:
                write_atomic(target, content, tuple(args.files))
            for note in applied.notes():
                print(printable(f"{path}: {note}"), file=sys.stderr)
            if args.list_suppressions:
                for s in applied.suppressions:
                    print(printable(f"{path}:{s.line}: ignore {', '.join(s.rules) or '?'} -- {s.reason or '(no reason)'}"
                                    f" [silenced {s.used}]"), file=sys.stderr)
            fail_on = rules.fail_on
            if fail_on and any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in applied.audit.findings):
                failed = True
    return 1 if failed else 0


def _cmd_compare(args) -> int:
    from framing.api import audit_text
    from framing.text.ingest import is_markdown, read_article
    from framing.outputs.files import write_atomic
    from framing.outputs.report import render_compare

    if len(args.files) < 2:
        raise InputError("compare needs two or more articles")
    if args.files.count("-") > 1:
        raise InputError("standard input ('-') can be given only once")
    with _start_up():
        audits = [audit_text(read_article(path), contextual=not args.fast, markdown=is_markdown(path))
                  for path in args.files]
        names = [HTML.source_name(p) for p in args.files]
        write_atomic(args.output, render_compare(audits, names), tuple(args.files))
    return 0


def _cmd_serve(args) -> int:
    from framing.runs import serve

    if not 0 < args.port < 65536:
        raise InputError("--port must be between 1 and 65535")
    serve.run(args.host, args.port, args.open, tuple(args.allow_host))
    return 0


def _cmd_corpus(args) -> int:
    from framing.runs import corpus

    if args.jobs < 1:
        raise InputError("--jobs must be at least 1")
    if args.scheduler and not ENGINES[args.engine].takes_scheduler:
        raise InputError("--scheduler needs --engine dask")
    outdir = Path(args.output)
    if outdir.exists() and not outdir.is_dir():
        raise InputError(f"{args.output}: exists and is not a folder")
    source = Path(args.input)
    if source.resolve() == outdir.resolve():
        raise InputError("the output folder must not be the input folder")
    if args.parquet:
        from framing.corpus import PARQUET_MISSING

        if importlib.util.find_spec("pyarrow") is None or importlib.util.find_spec("pandas") is None:
            raise InputError(PARQUET_MISSING)  # before the audits, not after them
    summary = corpus.run(source, outdir, args.jobs, args.engine, args.scheduler, progress=sys.stderr.isatty(),
                         contextual=not args.fast, force=args.force, by=args.by, hints=args.hints,
                         parquet=args.parquet)
    print(f"framing corpus: {summary.audited} audited, {summary.skipped} already done, {summary.failed} failed "
          f"-> {outdir}/index.html", file=sys.stderr)
    return 0


def _cmd_batch(args) -> int:
    from framing.runs import batch
    from framing.outputs.files import atomic_writer

    if args.jobs < 1:
        raise InputError("--jobs must be at least 1")
    try:
        source = sys.stdin.buffer if args.input == "-" else open(args.input, "rb")  # decoded line by line
    except OSError as exc:
        raise InputError(f"{args.input}: cannot read: {exc.strerror}") from None
    with source, atomic_writer(args.output, (args.input,)) as out:
        audited, skipped = batch.run(source, out, args.jobs, progress=sys.stderr.isatty(), contextual=not args.fast)
    print(f"framing batch: {audited} audited, {skipped} skipped -> {args.output}", file=sys.stderr)
    return 0


def _prf_line(name: str, figures: dict) -> str:
    return (f"  {name:<16} precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  "
            f"F1 {figures['f1']:.3f}")


def _cmd_lsp(args) -> int:
    from framing.runs import lsp

    lsp.serve()
    return 0


def _require_fit_packages(command: str) -> None:
    """`framing train` and `evaluate` fit models: without the extra `fit`, one line and exit 2."""
    from framing.training import FIT_EXTRA, missing_fit_packages

    missing = missing_fit_packages()
    if missing:
        raise InputError(f"framing {command} needs the fitting packages ({', '.join(missing)} not installed): "
                         f"{FIT_EXTRA}")


def _cmd_evaluate(args) -> int:
    _require_fit_packages("evaluate")
    from framing.training import evaluate

    data = Path(args.data)
    if args.dataset == "basil":
        return _evaluate_basil(data, args.contextual) if args.sourcing else _evaluate_basil_words(data, args.contextual)
    if args.sourcing and args.dataset == "polnear":
        return _evaluate_polnear_sourcing(data, args.split, args.contextual)
    if args.sourcing:
        raise InputError("--sourcing is measured on basil and polnear")
    if args.dataset == "genre":
        return _evaluate_genre(data)
    if args.dataset == "polnear":
        if args.split == "all":
            raise InputError("--split all is for --sourcing (the attribution figures are per split)")
        return _evaluate_polnear(data, args.split, args.contextual)
    if args.contextual:
        return _evaluate_contextual(data)
    if args.dataset == "babe":
        cv = evaluate.babe_sentence_cv(data)
        print(f"{cv['task']}: macro-F1 {cv['macro_f1_mean']:.3f} ± {cv['macro_f1_std']:.3f} "
              f"({cv['folds']}-fold CV over {cv['sentences']} sentences; folds "
              + ", ".join(f"{x:.3f}" for x in cv["macro_f1_folds"]) + ")")
        result = evaluate.babe_words(data)
        print(f"{result['task']} ({result['folds']}-fold CV, model threshold {result['threshold']}):")
    else:
        result = evaluate.ptc_spans(data)
        print(f"{result['task']} ({result['folds']}-fold CV by article over {result['articles']} articles, "
              f"model threshold {result['threshold']}):")
    return _print_word_rows(result, ("lexicon", "lexicon+model", "gated"))


def _print_word_rows(result: dict, rows: tuple[str, ...]) -> int:
    """The P/R/F1 lines of flagged words or spans, one per system."""
    for name in rows:
        note = "   (model words only in sentences with bias_score >= 0.5: what audits use)" if name == "gated" else ""
        print(_prf_line(name, result[name]) + note)
    return 0


def _evaluate_genre(data: Path) -> int:
    """The genre model held out (5 folds, BASIL by event) and the shipped model on articles it never saw."""
    from framing.models.genre import shipped_model
    from framing.training import genre

    items = genre.examples(data)
    cv = genre.cross_validate(items)
    print(f"genre, held out over {cv['articles']}: AUC {cv['auc']}")
    for name, figure in cv["figures"].items():
        print(f"  {name}: {figure['value']} ± {figure['spread']}")
    print("shipped model on articles it was not trained on:")
    for name, counts in genre.checks(shipped_model(), items).items():
        print(f"  {name}: " + ", ".join(f"{key} {value}" for key, value in counts.items()))
    return 0


def _evaluate_contextual(data: Path) -> int:
    from framing.training import contextual as contextual_train

    _print_contextual(contextual_train.cross_validate(data, log=_progress))
    return 0


def _progress(message: str) -> None:
    print(f"framing: {message}", file=sys.stderr, flush=True)


def _print_contextual(summary: dict) -> None:
    """The joint CV of the fine-tuned contextual mode: BABE sentences and words, PTC spans."""
    from framing.training import contextual as contextual_train

    figures = contextual_train.headline(summary)
    folds = summary["folds"]
    print(f"Contextual mode, fine-tuned {folds} times on 4/5 of BABE and of PTC (by article), scored on the rest:")
    for name, cv in summary["sentence"].items():
        print(f"BABE sentence bias, {name}: macro-F1 {cv['mean']:.3f} ± {cv['std']:.3f} "
              "(folds " + ", ".join(f"{x:.3f}" for x in cv["folds"]) + ")")
    print(f"BABE biased words, BABE word head, threshold {summary['threshold']}:")
    _print_word_rows(figures["babe_words"], ("lexicon+model", "gated"))
    print(f"PTC loaded-language spans (partial overlap), BABE word head, threshold {summary['threshold']}:")
    _print_word_rows(figures["ptc"], ("lexicon+model", "gated"))
    print("Every head and threshold, gated F1 (BABE words / PTC):")
    for head in (*contextual_train.WORD_TASKS, "either"):
        _print_variant(summary, head, "gated")
    print("BABE word head: its words alone, and lexicon findings kept only where it rates their words at least a floor:")
    for variant in ("model alone", *contextual_train.LEXICON_FLOORS):
        _print_variant(summary, contextual_train.contextual.WORD_TASK, variant)


def _print_variant(summary: dict, head: str, variant) -> None:
    """Gated F1 (BABE words / PTC) of one head and variant at every threshold."""
    from framing.training import contextual as contextual_train

    name = f"{head}, {variant}" if isinstance(variant, str) else f"{head}, floor {variant}"
    print(f"  {name:20} " + "  ".join(f"{t}: {summary['babe_words'][(head, t, variant)]['f1']:.3f} / "
                                      f"{summary['ptc'][(head, t, variant)]['f1']:.3f}"
                                      for t in contextual_train.THRESHOLDS))


def _evaluate_basil_words(data: Path, contextual: bool = False) -> int:
    from framing.training import basil_words

    r = basil_words.evaluate_words(data, contextual)
    print(f"BASIL lexical-bias spans against loaded-language findings ({r['articles']} articles"
          f"{', contextual mode' if contextual else ''}; the word models never saw BASIL):")
    for group, m in r["groups"].items():
        spans, sentences = m["spans"], m["sentences"]
        print(f"  {group:13s} spans P {spans['precision']} R {spans['recall']} ({spans['predicted']} findings); "
              f"sentences P {sentences['precision']} R {sentences['recall']} F1 {sentences['f1']} "
              f"± {r['spread'][group]}; {m['per_1000_words']} per 1,000 words (annotators {m['gold_per_1000_words']})")
    print("  hints' precision by the model's probability: " + ", ".join(
        f"{t}: {p} ({n})" for t, (p, n) in r["hints_by_threshold"].items()))
    print("  sentence scores against 'holds a lexical-bias span' (AUC; share at the report's biased line with / "
          "without a span):")
    for voice, scores in r["sentence_scores"].items():
        if scores["auc"] is not None:
            print(f"    {voice:16s} AUC {scores['auc']}; at {scores['threshold']}: {scores['flagged_with_span']} / "
                  f"{scores['flagged_without']} ({scores['sentences']} sentences, {scores['with_span']} with a span)")
    return 0


def _evaluate_basil(data: Path, contextual: bool = False) -> int:
    from framing.training import basil

    r = basil.evaluate_sourcing(data, contextual)
    spread = r["spread"]

    def figure(key: str) -> str:
        value = r[key]
        return "n/a" if value is None else f"{value:.3f}" + (f" ± {spread[key]:.3f}" if key in spread else "")

    print(f"BASIL sourcing ({r['articles']} articles, {r['events']} events; ± is the spread over {r['folds']} "
          f"folds by event{', contextual mode' if contextual else ''}):")
    print(f"  principal actor is a main entity      {figure('principal_actor')}   "
          f"(baseline, most frequent capitalised word: {r['principal_actor_baseline']:.3f})")
    print(f"  quoted named speakers among sources   {figure('speaker_found')}   ({r['speakers']} speakers)")
    print(f"  speaker stance toward target, accuracy {figure('stance_accuracy')}   macro-F1 {figure('stance_macro_f1')}"
          f"   ({r['stance_items']} items; baseline 'all critical' {r['stance_baseline_all_critical']:.3f}, "
          f"macro-F1 {r['stance_baseline_macro_f1']:.3f})")
    print(f"  unnamed critics/supporters placed     {figure('unnamed_sides')}   ({r['unnamed_items']} spans)")
    print(f"  writer's feeling toward principal     {figure('writer_feeling')}   ({r['writer_items']} neg/pos; "
          f"baseline 'always negative' {r['writer_baseline_always_negative']:.3f}); neutral kept neutral "
          f"{figure('writer_neutral_kept')} ({r['writer_neutral_items']})")
    every = r["writer_all_entities"]
    print(f"    every main entity, held out         {_number(every['polar'])} ± {_number(every['spread']['polar'])}   "
          f"({every['polar_items']} neg/pos); neutral kept neutral {_number(every['neutral_kept'])} ± "
          f"{_number(every['spread']['neutral_kept'])} ({every['neutral_items']})")
    print("    reference, BASIL's own biased spans in the narration on the principal, negative from "
          + "; ".join(f"{least}: {_number(polar)} with neutral kept {_number(kept)}"
                      for least, (polar, kept) in r["writer_reference"].items()))
    print(f"  Spearman, sourcing score vs quoted attacks on the principal per 1,000 words "
          f"{figure('balance_spearman')}   ({r['balance_items']} articles)")
    print(f"    directional: critical share of the sided voices vs the same  {figure('lean_spearman')}   (the score "
          "is an imbalance either way; BASIL counts attacks one way: docs/EVALUATION.md)")
    print(f"  principal actors that are fragments: {len(r['fragments'])}" +
          (f" ({', '.join(r['fragments'][:10])})" if r["fragments"] else ""))
    return 0


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _evaluate_polnear(data: Path, split: str, contextual: bool = False) -> int:
    from framing.training import polnear

    result = polnear.evaluate(data, split, contextual)
    mode = ", contextual mode" if contextual else ""
    print(f"PolNeAR {split}{mode}: attribution cue, source and content ({result['files']} annotation files, "
          f"{result['articles']} articles):")
    for measure in ("exact", "overlap"):
        for role in polnear.ROLES:
            print(_prf_line(f"{role} {measure}", result[measure][role]))
    print(f"Unattributed-claim findings (over annotation files): {result['claims']}, of which "
          f"{result['claims_on_attributed_content']} lie on content an annotator attributed: "
          f"precision against PolNeAR {result['claim_precision']:.3f}")
    agreement = result["agreement"]
    print(f"Annotators against each other ({agreement['articles']} {split} articles with several annotators), F1: "
          + ", ".join(f"{role} exact {agreement['exact'][role]['f1']:.3f} / overlap {agreement['overlap'][role]['f1']:.3f}"
                      for role in polnear.ROLES))
    return 0


def _evaluate_polnear_sourcing(data: Path, split: str, contextual: bool = False) -> int:
    from framing.training import polnear_stance

    r = polnear_stance.evaluate(data, split, contextual)
    mode = ", contextual mode" if contextual else ", fast mode"
    print(f"PolNeAR {split}{mode}: sources and sides against hand labels ({r['articles']} articles, "
          f"{r['labelled_pairs']} labelled (source, actor) pairs, {r['unmatched_pairs']} whose source this audit does not find)")
    print(f"  sources that are no speaker (a poll, a document, a fragment): {r['not_speakers']} of {r['sources']}, "
          f"{r['not_speakers_as_data']} of them read as data (no side); speakers read as data: {r['speakers_as_data']}")
    for side, f in r["sides"].items():
        print(f"  {side:10s} precision {f['precision']} ({f['right']}/{f['decided']})  recall {f['recall']} ({f['right']}/{f['gold']})")
    print("  pairs, label -> framing: " + ", ".join(f"{k} {n}" for k, n in r["pairs"].items()))
    return 0


def _cmd_train(args) -> int:
    _require_fit_packages("train")
    from framing.training import polnear, train

    if args.contextual:
        from framing.training import contextual as contextual_train

        summary, card, tagger_card = contextual_train.train(Path(args.data), Path(args.out), log=_progress)
        _print_contextual(summary)
        print(f"framing train: contextual mode written to {args.out}/ ({card['sentences']} training sentences; "
              f"attribution tagger dev F1 {tagger_card['dev_f1']})")
        return 0
    if args.writer:
        _train_writer(args)
        return 0
    if args.genre:
        _train_genre(args)
        return 0
    if args.reference:
        from framing.training import reference

        counts = reference.build(Path(args.data), Path(args.out))
        print(f"framing train: reference scores written to {args.out}/ ("
              + ", ".join(f"{n} {group}" for group, n in counts.items()) + " articles)")
        return 0
    tagger = polnear.train_tagger(Path(args.data), Path(args.out))
    print(f"framing train: attribution tagger written to {args.out}/ (dev F1 {tagger['dev_f1']})")
    _train_writer(args)
    card = train.train_sentence_model(Path(args.data), Path(args.out))
    print(f"framing train: sentence bias model written to {args.out}/ (CV macro-F1 {card['cv_macro_f1']})")
    words = train.train_word_model(Path(args.data), Path(args.out))
    print(f"framing train: word model written to {args.out}/ ({words['words']} training words)")
    _train_genre(args)  # its signals read the sentence model's scores
    return 0


def _train_genre(args) -> None:
    from framing.training import train

    card = train.train_genre_model(Path(args.data), Path(args.out))
    figures = card["cv"]["figures"]
    print(f"framing train: genre model written to {args.out}/ (held out: AUC {card['cv']['auc']}, opinion read as "
          f"opinion {figures['opinion read as opinion']['value']}, wire read as opinion "
          f"{figures['wire read as opinion']['value']})")


def _train_writer(args) -> None:
    from framing.training import train

    card = train.train_writer_model(Path(args.data), Path(args.out))
    held = card["cv_principal"]
    print(f"framing train: writer's-stance model written to {args.out}/ (held out by event: neg/pos right "
          f"{held['polar']} ± {held['spread']['polar']}, neutral kept {held['neutral_kept']} ± "
          f"{held['spread']['neutral_kept']}, principal actors)")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the process is, so that it stops as Ctrl-C does: the worker pool
    stopped, temporary files removed, finished output kept."""


def _terminate(signum, frame) -> None:
    raise Terminated


UNEXPECTED = 3  # exit code of an error framing did not foresee (a bug): one line, --debug for the traceback


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:  # plain `framing`: what it can do
        parser.print_help(sys.stderr)
        return 2
    if args.command != "serve":  # the server has its own graceful shutdown
        signal.signal(signal.SIGTERM, _terminate)
    try:
        commands = {"audit": _cmd_audit, "compare": _cmd_compare, "serve": _cmd_serve, "corpus": _cmd_corpus,
                    "batch": _cmd_batch, "lsp": _cmd_lsp, "evaluate": _cmd_evaluate, "train": _cmd_train}
        return commands[args.command](args)
    except (InputError, LexiconError) as exc:
        print(printable(f"framing: error: {exc}"), file=sys.stderr)
        return 2
    except Terminated:
        print("framing: terminated", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last resort: never a traceback unless asked
        if args.debug:
            raise
        print(printable(f"framing: internal error: {type(exc).__name__}: {exc} (run again with --debug for the "
                        "traceback, and please report it)"), file=sys.stderr)
        return UNEXPECTED
