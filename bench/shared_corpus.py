"""The corpus of issue 27's "Done when": PolNeAR's articles (seven outlets, 2015-2016) and BASIL's
(Fox News, the New York Times and the Huffington Post, 2010-2019) from ../shared/data, as one
JSONL for `framing corpus` (id, title, text, outlet, date, url, and `dataset`, for `--by dataset`).
Written to the path given; the data stay where they are (never commit the output).

    python bench/shared_corpus.py /tmp/shared.jsonl [--data ../shared/data]
    framing corpus /tmp/shared.jsonl -o /tmp/shared-out --jobs 2 --parquet
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from framing.training.data import DEFAULT_DATA, polnear_rows

BASIL_OUTLETS = {"fox": "fox-news", "nyt": "nyt", "hpo": "huff-post"}  # PolNeAR's names where they are the same outlet


def records(data: Path):
    for row, path in polnear_rows(data):
        yield {"id": f"polnear/{row['filename']}", "title": row["title"], "text": path.read_text(encoding="utf-8"),
               "outlet": row["publisher"], "date": row["publication_date"], "dataset": "PolNeAR"}
    for raw_path in sorted((data / "basil" / "articles").glob("*/*.json")):
        raw = json.loads(raw_path.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(paragraph) for paragraph in raw["body-paragraphs"])
        yield {"id": f"basil/{raw_path.stem}", "title": (raw.get("title") or "").strip(), "text": text,
               "outlet": BASIL_OUTLETS.get(raw.get("source", "").lower(), raw.get("source", "")), "date": raw.get("date", ""),
               "url": raw.get("url", ""), "dataset": "BASIL"}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("output", type=Path)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    with args.output.open("w", encoding="utf-8") as handle:
        count = sum(handle.write(json.dumps(r, ensure_ascii=False) + "\n") > 0 for r in records(args.data))
    print(f"{count} articles -> {args.output}")
