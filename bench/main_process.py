"""The main process's share of `framing corpus`: its own CPU per article and its memory as the corpus
grows, apart from the workers' (issue 27). Prints one JSON line per run.

    python bench/main_process.py ARTICLES [--engine local|dask] [--jobs 2] [--fast]

The corpus is synthetic (bench/run.py's 700-word article, varied, four outlets). Measured in this
process: CPU seconds and the largest RSS while auditing (the loop that receives results), then
while writing the tables and index.html; workers (forked processes or Dask workers) are not counted.
A LocalCluster's scheduler runs in this process and is counted.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import article_700_words, variants  # noqa: E402

from framing.runs import corpus  # noqa: E402


def rss_mb() -> float:
    """This process's current resident memory (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(articles: int, engine: str, jobs: int, contextual: bool = True) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "corpus.jsonl", Path(tmp) / "out"
        with src.open("w", encoding="utf-8") as handle:
            for i, variant in enumerate(variants(article_700_words(), articles)):
                handle.write(json.dumps({"id": f"a{i}", "text": variant, "outlet": f"Outlet {i % 4}",
                                         "date": f"2026-01-{i % 28 + 1:02d}"}) + "\n")
        marks = {}
        write_tables = corpus.write_tables

        def timed_tables(*args, **kwargs):
            marks["audit_cpu"], marks["audit_rss"] = time.process_time(), rss_mb()
            write_tables(*args, **kwargs)
            marks["tables_cpu"] = time.process_time() - marks["audit_cpu"]

        corpus.write_tables = timed_tables
        start_cpu, start_rss, start = time.process_time(), rss_mb(), time.perf_counter()
        summary = corpus.run(src, out, jobs=jobs, engine=engine, contextual=contextual)
        seconds = time.perf_counter() - start
        assert summary.audited == articles, summary
        audit_cpu = marks["audit_cpu"] - start_cpu
        return {"engine": engine, "jobs": jobs, "fast": not contextual, "articles": articles, "seconds": round(seconds, 1),
                "main_cpu_ms_per_article_auditing": round(1000 * audit_cpu / articles, 2),
                "main_cpu_ms_per_article_tables": round(1000 * marks["tables_cpu"] / articles, 2),
                "rss_start_mb": round(start_rss), "rss_after_auditing_mb": round(marks["audit_rss"]),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "index_kb": round((out / "index.html").stat().st_size / 1024)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("articles", type=int)
    parser.add_argument("--engine", default="local")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--fast", action="store_true", help="the linear models, as `framing corpus --fast`")
    args = parser.parse_args()
    print(json.dumps(measure(args.articles, args.engine, args.jobs, not args.fast)))
