"""Cost grows with the article's length, not its square (issue 24): the ratio of CPU times for a
text ten times longer stays far below the hundred a quadratic stage would give."""

import random
import re
import time

from framing.api import audit_text, prepare

from conftest import EXAMPLES

_SYLLABLES = ["ka", "lo", "ri", "men", "dar", "su", "vel", "to", "ran", "bi", "nor", "es"]
_NAME_WORD = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+")  # a capitalised word inside a sentence: a name's


def long_article(size: int, seed: int = 24) -> str:
    """The example articles over and over up to `size` characters, each copy with names of its own
    (a real long text names more people as it goes on, and names are what actors and sources index)."""
    rng = random.Random(seed)
    parts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    chunks, length = [], 0
    while length < size:
        names: dict[str, str] = {}

        def rename(m):
            return names.setdefault(m.group(), "".join(rng.choices(_SYLLABLES, k=4)).capitalize())
        chunk = _NAME_WORD.sub(rename, rng.choice(parts))
        chunks.append(chunk)
        length += len(chunk) + 2
    return "\n\n".join(chunks)[:size]


def cpu_seconds(text: str) -> float:
    start = time.process_time()
    audit_text(text)
    return time.process_time() - start


def test_ten_times_the_text_costs_well_under_a_hundred_times_the_time():
    prepare()
    short, long = long_article(50_000), long_article(500_000)
    cpu_seconds(short)  # warm: first calls fill caches
    ratio = cpu_seconds(long) / min(cpu_seconds(short) for _ in range(3))
    assert ratio < 15, f"500 KB took {ratio:.1f} times as long as 50 KB"


def test_the_report_of_ten_times_the_text_costs_well_under_a_hundred_times_the_time():
    """The HTML report cuts every block at its findings, quotations and sentences: found per block by
    bisection, not by scanning the whole article once per paragraph."""
    from framing.outputs.report import render

    def render_seconds(audit) -> float:
        start = time.process_time()
        render(audit, "long.txt")
        return time.process_time() - start

    short, long = audit_text(long_article(50_000)), audit_text(long_article(500_000))
    render_seconds(short)  # warm: templates and matplotlib load once
    ratio = render_seconds(long) / min(render_seconds(short) for _ in range(2))
    assert ratio < 10, f"the report of 500 KB took {ratio:.1f} times as long as that of 50 KB"
