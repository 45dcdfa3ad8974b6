"""Dump (source, main actor) pairs of seeded PolNeAR articles for hand labelling (default mode), as session 29 did:
    python dump_pairs.py dev 6 29; python dump_pairs.py train 12 29  (top two main actors; writes /work/stance/items/)
The readers' instructions are READERS.md; framing/training/labels/polnear_stance.jsonl is what they gave."""
import json, random, sys, csv
from pathlib import Path
from framing.api import audit_text

DATA = Path("/work/shared/data/polnear")
meta = {r["filename"]: r for r in csv.DictReader(open(DATA / "metadata.tsv"), delimiter="\t")}
out = Path("/work/stance/items")
split, per, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
texts = sorted((DATA / split / "text").glob("*.txt"))
by_pub = {}
for p in texts:
    pub = meta.get(p.stem, {}).get("publisher", "?")
    by_pub.setdefault(pub, []).append(p)
rng = random.Random(seed)
chosen = []
for pub in sorted(by_pub):
    chosen += rng.sample(by_pub[pub], min(per, len(by_pub[pub])))
index = []
for p in chosen:
    text = p.read_text(encoding="utf-8")
    audit = audit_text(text, readability=False)
    s = audit.sourcing
    if s is None or not s.sources or not s.actors:
        continue
    actors = s.actors[:2]
    pairs = []
    srcs = {x.id: x for x in audit.sources}
    for st in s.sources:
        src = srcs.get(st.source_id)
        atts = [a for a in audit.attributions if a.source_id == st.source_id]
        said = []
        for a in atts:
            said.append({"cue": [a.cue.start, a.cue.end, a.cue.text],
                         "content": [a.content.start, a.content.end] if a.content else None,
                         "kind": a.kind})
        for actor in actors:
            if actor.id in st.speaks_for:
                continue
            pairs.append({"pair": f"{p.stem}|{st.source_id}|{actor.id}", "source": st.name, "role": st.role,
                          "actor": actor.name, "rules": st.stances.get(actor.id),
                          "mentions": [m.start for m in src.mentions][:5] if src else [], "said": said})
    if pairs:
        index.append({"article": p.stem, "split": split, "publisher": meta.get(p.stem, {}).get("publisher"),
                      "actors": [a.name for a in actors], "principal": s.principal_actor.name if s.principal_actor else None,
                      "pairs": pairs})
json.dump(index, open(out / f"{split}-{seed}.json", "w"), indent=1)
print(len(index), sum(len(a["pairs"]) for a in index))
