"""The main process's last step of `framing corpus` at scale, timed alone (issue 27): from a corpus
folder's parts copied COPIES times (hard links, renamed so that the copies follow each other in
input order), the Parquet tables (`--step parquet`: framing.corpus.to_parquet) or the CSV tables
and index.html (`--step tables`: corpus.write_tables). Prints one JSON line.

    python bench/table_step.py OUT --copies 25 [--step parquet|tables] [--batch 16]

OUT is a finished `framing corpus ... --parquet` folder (its own files are not touched). With
--batch N its audits are first made into parts of N articles, as workers would write them
(corpus.part_files), so that one run measures any part size. The step runs in a fresh process: its
wall time, CPU (user + system) and peak RSS are that process's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STEPS = {"parquet": "from framing.corpus import to_parquet; to_parquet(OUT)",
         "tables": "from pathlib import Path; from framing.runs.corpus import write_tables; write_tables(Path(OUT))"}


def copy_parts(source: Path, target: Path, copies: int) -> int:
    """source's parts/ into target/parts/ `copies` times; returns the articles in the copy."""
    parts = sorted((source / "parts").iterdir())
    articles = sum(1 for p in parts if p.name.endswith(".articles.csv")
                   for _ in p.open(encoding="utf-8", newline="")) - sum(1 for p in parts if p.name.endswith(".articles.csv"))
    last = max(int(p.name[:9]) for p in parts) + 1
    (target / "parts").mkdir(parents=True)
    for k in range(copies):
        for path in parts:
            name = f"{int(path.name[:9]) + k * last:09d}{path.name[9:]}"
            os.link(path, target / "parts" / name)
    return articles * copies


def regroup(source: Path, target: Path, batch: int) -> None:
    """source's audits as parts of `batch` articles in target/parts/, with their tables' CSV and Parquet files."""
    from framing.runs import corpus

    (target / "parts").mkdir()
    lines = [line for name in corpus.parts(source)
             for line in (source / "parts" / f"{name}.audits.jsonl").read_text(encoding="utf-8").splitlines()]
    for start in range(0, len(lines), batch):
        corpus.write_files(target, corpus.part_files(f"{start:09d}-00000", lines[start:start + batch], parquet=True))


def measure(source: Path, copies: int, step: str, batch: int | None = None) -> dict:
    with tempfile.TemporaryDirectory(dir=source.parent) as tmp, tempfile.TemporaryDirectory(dir=source.parent) as parts:
        out = Path(tmp)
        if batch:
            regroup(source, Path(parts), batch)
            source = Path(parts)
        articles = copy_parts(source, out, copies)
        code = f"OUT = {str(out)!r}; {STEPS[step]}"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        outputs = {p.name: round(p.stat().st_size / 1024) for p in sorted(out.iterdir()) if p.is_file()}
        return {"step": step, "articles": articles, "parts": len(list((out / "parts").glob("*.audits.jsonl"))),
                "seconds": round(seconds, 1),
                "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1),
                "peak_rss_mb": round(after.ru_maxrss / 1024), "outputs_kb": outputs}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--step", choices=STEPS, default="parquet")
    parser.add_argument("--batch", type=int, help="articles per part (default: the folder's parts as they are)")
    args = parser.parse_args()
    print(json.dumps(measure(args.folder.resolve(), args.copies, args.step, args.batch) | {"batch": args.batch}))
