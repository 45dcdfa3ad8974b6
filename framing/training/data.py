"""Readers for the third-party labelled data sets in ../shared/data (never shipped)."""

from __future__ import annotations

import ast
import csv
from dataclasses import dataclass
from pathlib import Path

from framing.errors import InputError

DEFAULT_DATA = Path("../shared/data")
PTC_LOADED = ("Loaded_Language", "Name_Calling,Labeling")


@dataclass(frozen=True)
class BabeSentence:
    text: str
    biased: bool
    biased_words: tuple[str, ...]
    outlet: str

    @property
    def gold_words(self) -> set[str]:
        """The biased words, lower-cased: what flagged words are scored against."""
        return {w.lower() for w in self.biased_words}


@dataclass(frozen=True)
class PtcArticle:
    id: str
    text: str
    spans: tuple[tuple[int, int, str], ...]  # (start, end, technique), end exclusive

    @property
    def loaded_spans(self) -> list[tuple[int, int]]:
        """The non-empty Loaded_Language and Name_Calling,Labeling spans: what loaded words are scored against."""
        return [(s, e) for s, e, technique in self.spans if technique in PTC_LOADED and e > s]


def require(path: Path, what: str) -> Path:
    if not path.exists():
        raise InputError(f"{path}: {what} not found (pass --data DIR, the folder holding babe/, ptc/ and polnear/)")
    return path


def load_babe(data: Path = DEFAULT_DATA) -> list[BabeSentence]:
    """BABE sentences labelled Biased or Non-biased ('No agreement' rows are left out)."""
    path = require(Path(data) / "babe" / "babe_train.csv", "the BABE data")
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            if row["label_bias"] not in ("Biased", "Non-biased"):
                continue
            try:
                words = tuple(ast.literal_eval(row["biased_words"] or "[]"))
            except (ValueError, SyntaxError):
                words = ()
            rows.append(BabeSentence(row["text"], row["label_bias"] == "Biased", words, row["outlet"]))
    return rows


def load_ptc(data: Path = DEFAULT_DATA) -> list[PtcArticle]:
    """PTC training articles with their technique spans."""
    root = require(Path(data) / "ptc", "the PTC data")
    labels = require(root / "train-labels-task2-technique-classification", "the PTC labels")
    articles = []
    for path in sorted(require(root / "train-articles", "the PTC articles").glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        spans = []
        label_file = labels / f"article{article_id}.task2-TC.labels"
        if label_file.exists():
            for line in label_file.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) == 4:
                    spans.append((int(parts[2]), int(parts[3]), parts[1]))
        articles.append(PtcArticle(article_id, path.read_text(encoding="utf-8"), tuple(spans)))
    return articles


WIRE_AGENCIES = {"ap": "AP", "afp": "AFP", "reuters": "Reuters", "upi": "UPI"}


def polnear_rows(data: Path = DEFAULT_DATA):
    """(metadata row, text path) of every PolNeAR article with a text; each row gets `wire_agency`,
    the news agency credited in its `wire` column, or '' (the column also holds 'None', 'NA' and
    blanks, which name no agency)."""
    polnear = require(data / "polnear", "PolNeAR")
    paths = {p.stem: p for p in polnear.rglob("*.txt")}
    with (polnear / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["filename"] in paths:
                yield {**row, "wire_agency": WIRE_AGENCIES.get(row["wire"].strip().lower(), "")}, paths[row["filename"]]
