"""matplotlib charts rendered to deterministic inline SVG (no pyplot, no global state)."""

from __future__ import annotations

import io
import re

from framing import categories

REPORTER_COLOUR, QUOTED_COLOUR = "#34495e", "#95a5a6"


def _svg(fig, name: str) -> str:
    """The figure as an <svg> element: ids fixed per chart `name` (several SVGs share one page, so
    their clip-path and hatch ids must differ), no date, text kept as text."""
    import matplotlib

    buffer = io.StringIO()
    settings = {"svg.hashsalt": f"framing-{name}", "svg.fonttype": "none", "font.family": "DejaVu Sans"}
    with matplotlib.rc_context(settings):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    return _share_hatches(re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S), name)


_HATCH = re.compile(r'(<pattern [^>]*>\s*<rect [^>]*/>\s*)<path d="([^"]*)" style="([^"]*)"/>')
_SUBPATH = re.compile(r"M ([^MCLz]*)((?:C [^MCLz]*){8})z\s*")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


def _share_hatches(svg: str, name: str) -> str:
    """matplotlib writes a hatch's strokes into every <pattern> that uses it, once per fill colour: a
    dotted hatch is 68 KB of curves, and the sides chart had four copies. Each distinct hatch is
    written once in <defs> (its dots as <circle>s, a fifth of the size: matplotlib draws a dot as
    eight curves) and every pattern shows it with <use>."""
    shared: dict[tuple[str, str], str] = {}

    def use(match: re.Match) -> str:
        key = (match.group(2), match.group(3))
        if key not in shared:
            shared[key] = f"{name}-hatch{len(shared)}"
        return f'{match.group(1)}<use xlink:href="#{shared[key]}"/>'

    svg = _HATCH.sub(use, svg)
    if not shared:
        return svg
    drawn = "".join(f'<g id="{ident}" style="{style}">{_shape(d)}</g>\n' for (d, style), ident in shared.items())
    first = svg.index("<pattern ")
    return svg[:first] + drawn + svg[first:]


def _shape(d: str) -> str:
    """A hatch's path; a path made only of dots (closed runs of eight curves) as circles."""
    dots = []
    position = 0
    for match in _SUBPATH.finditer(d):
        if match.start() != position:
            break
        values = [float(x) for x in _NUMBER.findall(match.group(1) + match.group(2))]
        xs, ys = values[0::2], values[1::2]
        dots.append(((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2, (max(xs) - min(xs)) / 2))
        position = match.end()
    if dots and position == len(d):
        return "".join(f'<circle cx="{x:.6g}" cy="{y:.6g}" r="{r:.6g}"/>' for x, y, r in dots)
    return f'<path d="{d}"/>'


def _plain(ax) -> None:
    """No top and right frame lines."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _label(text: str, most: int = 24) -> str:
    """A user's text as a tick label: shortened, and '$' escaped so matplotlib draws it rather than
    reading mathematics ('$x^2$ News' stays as written)."""
    text = text if len(text) <= most else text[:most - 1] + "…"
    return text.replace("$", r"\$")


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=72)
    return fig, fig.add_subplot()


def findings_by_category(rows: list[tuple[str, str, int, int]]) -> str:
    """Horizontal stacked bars: per category (key, label), findings in the reporter's voice and in what
    sources say (quoted or paraphrased)."""
    fig, ax = _figure(6.5, 0.45 * max(len(rows), 2) + 0.9)
    labels = [label for _, label, _, _ in rows]
    reporter = [r for _, _, r, _ in rows]
    quoted = [q for _, _, _, q in rows]
    palette = categories.palette()  # lexicons/categories.toml
    ax.barh(labels, reporter, color=[palette.get(k, REPORTER_COLOUR) for k, *_ in rows], label="reporter's voice")
    ax.barh(labels, quoted, left=reporter, color=QUOTED_COLOUR, hatch="//", label="quoted or paraphrased")
    ax.invert_yaxis()
    ax.set_xlabel("findings")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, frameon=False, fontsize=9)
    _plain(ax)
    return _svg(fig, "findings")


SIDE_COLOURS = {"critical": "#a93226", "supportive": "#1f618d", "neutral": "#7f8c8d", "unknown": "#b3b6b7"}


def words_per_side(rows: list[tuple[str, str, int, int, int]]) -> str:
    """Horizontal stacked bars, one per side (key, label): words of quotation, of paraphrase and of
    the reporter's own verdicts; the side sets the colour, the kind of words the hatch."""
    fig, ax = _figure(6.5, 0.5 * max(len(rows), 2) + 1.0)
    labels = [label for _, label, *_ in rows]
    colours = [SIDE_COLOURS.get(key, REPORTER_COLOUR) for key, *_ in rows]
    left = [0] * len(rows)
    for column, (name, hatch) in enumerate((("quoted", ""), ("paraphrased", ".."), ("reporter's verdicts", "xx"))):
        values = [row[2 + column] for row in rows]
        ax.barh(labels, values, left=left, color=colours, hatch=hatch, edgecolor="white", label=name)
        left = [a + b for a, b in zip(left, values)]
    ax.invert_yaxis()
    ax.set_xlabel("words")
    legend = ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=3, frameon=False, fontsize=9)
    for handle in legend.legend_handles:
        handle.set_facecolor("#8a8a8a")
    _plain(ax)
    return _svg(fig, "sides")


def score_histograms(values: dict[str, list[float]]) -> str:
    """Small multiples: one histogram (0..1, ten bins) per score."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8.5, 2.2), dpi=72)
    axes = fig.subplots(1, len(values), sharey=True)
    for ax, (name, scores) in zip(axes, values.items()):
        ax.hist(scores, bins=10, range=(0, 1), color=REPORTER_COLOUR, edgecolor="white")
        ax.set_title(name, fontsize=9)
        ax.set_xlim(0, 1)
        ax.yaxis.get_major_locator().set_params(integer=True)
        _plain(ax)
    axes[0].set_ylabel("articles", fontsize=9)
    return _svg(fig, "distributions")


def scores_by_outlet(values: dict[str, dict[str, list[float]]], dots: int | None = None) -> str:
    """Small multiples: per score, one box (with the articles as dots) per outlet, and its n (the
    articles whose score was judged); with `dots`, at most that many dots per box, evenly spaced
    over its articles (the box is of them all)."""
    from matplotlib.figure import Figure

    outlets = sorted({o for per_outlet in values.values() for o in per_outlet})
    fig = Figure(figsize=(8.5, 0.45 * len(outlets) + 1.4), dpi=72)
    axes = fig.subplots(1, len(values), sharey=True)
    for ax, (name, per_outlet) in zip(axes, values.items()):
        data = [per_outlet.get(o, []) for o in outlets]
        ax.boxplot(data, orientation="horizontal", widths=0.5, showfliers=False, medianprops={"color": "#a93226"})
        for row, scores in enumerate(data, 1):
            ax.text(1.0, row - 0.3, f"n={len(scores)}", transform=ax.get_yaxis_transform(), ha="right", va="bottom",
                    fontsize=7, color="#555")
            scores = scores[::max(1, -(-len(scores) // dots))] if dots else scores
            jitter = [row + 0.18 * ((i * 7919) % 11 - 5) / 5 for i in range(len(scores))]  # fixed, not random
            ax.scatter(scores, jitter, s=6, color=REPORTER_COLOUR, alpha=0.5, linewidths=0)
        ax.set_title(name, fontsize=9)
        ax.set_xlim(-0.02, 1.02)
        _plain(ax)
    axes[0].set_yticks(range(1, len(outlets) + 1), [_label(o) for o in outlets])
    axes[0].invert_yaxis()
    return _svg(fig, "outlets")


LONG_STRIP = 200  # sentences; beyond, the strip draws lines, not bars


def sentence_strip(sentences: list[tuple[str, float, bool]], line: float) -> str:
    """One bar per (label, P(biased), mostly quoted) sentence in reading order, labelled as in the article's
    margin ("T" the title); a quoted sentence's bar is pale blue and dotted like quoted speech in the article
    (the speaker's words); a dashed line where a sentence reads as biased."""
    fig, ax = _figure(6.5, 1.6)
    positions = range(len(sentences))
    scores = [score for _, score, _ in sentences]
    if len(sentences) > LONG_STRIP:  # one line per sentence: a bar each would cost seconds
        ax.vlines(positions, 0, scores, colors=["#9db4cc" if q else _heat(s) for _, s, q in sentences], linewidth=0.6)
    else:
        bars = ax.bar(positions, scores, color=[_heat(s) for s in scores], width=0.85)
        for bar, (_, _, quoted) in zip(bars, sentences):
            if quoted:
                bar.set(facecolor="#eef3f8", edgecolor="#5b7fa3", linestyle=":", linewidth=1.0)  # as quotes in the article
    ax.axhline(line, color="#777777", linewidth=0.8, linestyle="--")
    ax.set_ylim(0, 1)
    ax.set_xlim(-0.6, len(sentences) - 0.4)
    step = next(s for s in (1, 5, 10, 20, 50, 100, 10**9) if len(sentences) <= 20 * s)  # about 20 labels at most
    shown = [i for i, (label, _, _) in enumerate(sentences) if label == "T" or int(label) % step == 0 or step == 1]
    ax.set_xticks(shown, [sentences[i][0] for i in shown], fontsize=8)
    ax.set_ylabel("P(biased)", fontsize=9)
    ax.set_xlabel("sentence (as numbered in the article's margin; T: the title)", fontsize=9)
    _plain(ax)
    return _svg(fig, "sentences")


def _heat(score: float) -> str:
    """Light grey-blue for low, dark red for high (reads in greyscale as light to dark)."""
    low, high = (0xB8, 0xC7, 0xD6), (0x7B, 0x1E, 0x1E)
    mix = [round(a + (b - a) * score) for a, b in zip(low, high)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def scores_over_time(values: dict[str, dict[str, list[tuple[str, float, float | None, float | None]]]]) -> str:
    """Small multiples: per score, one line per group through its monthly means (month, mean, low,
    high), with the interval as an error bar where there is one; the groups side by side in a month."""
    from matplotlib.figure import Figure

    months = sorted({m for per_group in values.values() for points in per_group.values() for m, *_ in points})
    groups = sorted({g for per_group in values.values() for g in per_group})
    fig = Figure(figsize=(8.5, 2.4 * len(values) + 0.6), dpi=72)
    axes = fig.subplots(len(values), 1, sharex=True, squeeze=False)[:, 0]
    for ax, (name, per_group) in zip(axes, values.items()):
        for rank, group in enumerate(groups):
            points = per_group.get(group, [])
            x = [months.index(m) + 0.5 * (rank - (len(groups) - 1) / 2) / max(len(groups), 1) for m, *_ in points]
            means = [mean for _, mean, _, _ in points]
            bars = [[mean - (low if low is not None else mean) for _, mean, low, _ in points],
                    [(high if high is not None else mean) - mean for _, mean, _, high in points]]
            ax.errorbar(x, means, yerr=bars, marker="o", markersize=3, linewidth=1, elinewidth=0.6, capsize=0,
                        color=f"C{rank % 10}", label=_label(group))
        ax.set_title(name, fontsize=9)
        _plain(ax)
    axes[-1].set_xticks(range(len(months)), months, rotation=45, fontsize=8)
    axes[0].legend(loc="lower center", bbox_to_anchor=(0.5, 1.12), ncol=min(len(groups), 4), frameon=False, fontsize=8)
    return _svg(fig, "time")
