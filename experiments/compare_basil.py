"""Experiment (not shipped): measure `framing compare` on BASIL's 59 events, each covered by Fox News,
the New York Times and the Huffington Post (docs/EVALUATION.md, "Comparing articles on one event").

Source matching: BASIL names the speaker of every biased quote it marks. For each event and each pair
of outlets, every named speaker (not BASIL's other_anti/pro/neutral) that both articles quote is a
case: it counts as matched when one row of the comparison's sources table holds a source of that
name (a capitalised word in common, basil.same_entity) in both articles. `--show-sources N` prints N
matched rows (seed 26) to read by hand for precision.

Sentence alignment: `--show-shared N` prints N shared pairs and `--show-only N` N sentences marked
"only in" one article, with their similarity and the other article's closest sentence, to read by
hand; `--bins` prints shared pairs by similarity band for choosing the threshold. The printed text
is BASIL's and stays on the terminal.

    PYTHONPATH=. /work/main/.venv/bin/python experiments/compare_basil.py [--data ../shared/data]
        [--show-sources 20] [--show-shared 20] [--show-only 10] [--bins 6]
"""

import argparse
import random
from collections import defaultdict
from pathlib import Path

from framing.analysis.compare import align, compare, compared_sentences
from framing.api import audit_text
from framing.training import basil


def _capitalised(name: str) -> str:
    return " ".join(w for w in name.split() if w[:1].isupper())


def _speakers(article) -> set[str]:
    return {s.speaker.replace("_", " ") for s in article.spans if s.quote and s.speaker and not s.speaker.startswith("other_")}


def _has(cell, speaker: str) -> bool:
    return cell is not None and any(basil.same_entity(_capitalised(n), speaker) for n in cell.names if _capitalised(n))


def events(data: Path):
    """(event, [articles], [audits]) for every event with all three outlets."""
    grouped = defaultdict(list)
    for article in basil.load(data):
        grouped[article.event].append(article)
    for event, articles in sorted(grouped.items()):
        if len(articles) >= 2:
            yield event, articles, [audit_text(a.text) for a in articles]


def _sentence(audit, index: int) -> str:
    s = audit.document.sentences[index]
    return " ".join(audit.document.text[s.start:s.end].split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--show-sources", type=int, default=0)
    parser.add_argument("--show-shared", type=int, default=0)
    parser.add_argument("--show-only", type=int, default=0)
    parser.add_argument("--misses", action="store_true", help="print the speakers found in both but not matched")
    parser.add_argument("--bins", type=int, default=0, help="pairs to print per similarity band")
    args = parser.parse_args()
    rng = random.Random(26)
    cases = found = matched = 0
    rows, shared, only, bands = [], [], [], defaultdict(list)
    sentences = shared_sentences = 0
    for event, articles, audits in events(args.data):
        names = [a.outlet for a in articles]
        result = compare(audits, names)
        for i in range(len(articles)):
            for j in range(i + 1, len(articles)):
                both = {s for s in _speakers(articles[i]) if any(basil.same_entity(s, t) for t in _speakers(articles[j]))}
                for speaker in both:
                    cases += 1
                    in_i = [r for r in result.sources if _has(r.cells[i], speaker)]
                    in_j = [r for r in result.sources if _has(r.cells[j], speaker)]
                    found += bool(in_i and in_j)
                    matched += any(r in in_j for r in in_i)
                    if args.misses and in_i and in_j and not any(r in in_j for r in in_i):
                        print(f"[missed] {speaker}: {[r.cells[i].names for r in in_i]} / {[r.cells[j].names for r in in_j]}")
        rows += [(event, names, r) for r in result.sources if sum(c is not None for c in r.cells) >= 2
                 and r.kind not in ("vague", "anonymous")]
        for pair in result.pairs:
            a, b = audits[pair.first], audits[pair.second]
            sentences += len(compared_sentences(a.document)) + len(compared_sentences(b.document))
            shared_sentences += len({m.first for m in pair.shared}) + len({m.second for m in pair.shared})
            shared += [(event, m.similarity, m.quote, _sentence(a, m.first), _sentence(b, m.second)) for m in pair.shared]
            only += [(event, names[pair.first], names[pair.second], a, b, k) for k in pair.only_first]
            if args.bins:
                loose = align([a, b], 0, 1, threshold=0.15)
                for m in loose.shared:
                    band = min(int(m.similarity * 20) / 20, 0.6)
                    bands[band].append((m.similarity, _sentence(a, m.first), _sentence(b, m.second)))
    print(f"speakers quoted in two outlets: {cases}; framing has a source for both: {found}; "
          f"matched in one row: {matched} (recall {matched / max(cases, 1):.2f}; of those found {matched / max(found, 1):.2f})")
    print(f"rows matched across outlets (named, not vague): {len(rows)}")
    print(f"pairs of outlets: shared sentence pairs {len(shared)}, of them on a shared quote {sum(bool(s[2]) for s in shared)}; "
          f"sentences in a shared pair {shared_sentences} of {sentences} ({shared_sentences / max(sentences, 1):.0%})")
    for event, names, row in rng.sample(rows, min(args.show_sources, len(rows))):
        print(f"\n[source] {event}: {row.name}")
        for name, cell in zip(names, row.cells):
            print(f"   {name}: {cell.names if cell else '-'} {cell.role if cell else ''}")
    for event, similarity, quote, x, y in rng.sample(shared, min(args.show_shared, len(shared))):
        print(f"\n[shared {similarity:.2f}{' quote' if quote else ''}] {event}\n   A: {x}\n   B: {y}")
    for event, outlet, other, a, b, k in rng.sample(only, min(args.show_only, len(only))):
        closest = max((m for m in align([a, b], 0, 1, threshold=0.0).shared if m.first == k), key=lambda m: m.similarity,
                      default=None)
        print(f"\n[only in {outlet}, not in {other}] {event}\n   {_sentence(a, k)}")
        if closest:
            print(f"   closest in {other} ({closest.similarity:.2f}): {_sentence(b, closest.second)}")
    for band in sorted(bands):
        for similarity, x, y in rng.sample(bands[band], min(args.bins, len(bands[band]))):
            print(f"\n[band {band:.2f}: {similarity:.2f}]\n   A: {x}\n   B: {y}")


if __name__ == "__main__":
    main()
