"""Statistics for comparing the groups of a corpus (its outlets, or the values of another metadata
column): each group's mean with a bootstrap interval, and the differences between groups with
intervals and permutation p-values corrected for multiple comparisons by Holm's method. Plain data
in (scores per group), plain data out; the corpus report renders it (docs/corpus.md says how to
read it). scipy is the extra `research`: imported inside the functions, never by an audit."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

SEED = 27  # every resampling starts from this seed: the same corpus gives the same intervals
RESAMPLES = 2000  # bootstrap resamples
PERMUTATIONS = 9999  # a two-sided p-value is then at least 2/10,000 (before Holm's correction)
LEVEL = 0.95
MAX_GROUPS = 12  # pairwise differences are shown for at most this many groups (the largest): 66 pairs
LARGE = 10_000  # from this many values (in a group, or a pair's two together) the normal approximation:
# resampling costs n x RESAMPLES (50,000 a group: 24 s and 2 GB a pair), and the mean is then normal to
# well within the intervals' rounding (the central limit theorem; scores are bounded in 0..1)
INSTALL = "pip install 'framing[research]'"


def available() -> bool:
    """Whether scipy is installed (the extra `research`)."""
    try:
        import scipy.stats  # noqa: F401  (optional: only for the intervals and tests)
    except ImportError:
        return False
    return True


@dataclass
class Estimate:
    n: int
    mean: float | None
    low: float | None = None  # the bootstrap interval; None with fewer than two values
    high: float | None = None


@dataclass
class Difference:
    a: str
    b: str
    n_a: int
    n_b: int
    difference: float  # mean of a minus mean of b
    low: float
    high: float
    p: float  # permutation test of the difference in means, two-sided
    p_holm: float = 1.0  # p after Holm's correction over all pairs of the same score


def _rng():
    import numpy

    return numpy.random.default_rng(SEED)


def _mean_difference(x, y, axis=-1):
    return x.mean(axis=axis) - y.mean(axis=axis)


def estimate(values: list[float]) -> Estimate:
    """The mean of `values` and its 95% percentile-bootstrap interval (articles resampled)."""
    from scipy import stats  # optional: the extra `research`

    if not values:
        return Estimate(0, None)
    mean = sum(values) / len(values)
    if len(values) < 2:
        return Estimate(1, mean)
    if len(set(values)) == 1:  # every resample has the same mean
        return Estimate(len(values), mean, mean, mean)
    if len(values) >= LARGE:
        half = _z() * _standard_error(values)
        return Estimate(len(values), mean, mean - half, mean + half)
    result = stats.bootstrap((values,), _mean, n_resamples=RESAMPLES, confidence_level=LEVEL, method="percentile",
                             vectorized=True, batch=500, rng=_rng())
    return Estimate(len(values), mean, float(result.confidence_interval.low), float(result.confidence_interval.high))


def _z() -> float:
    from scipy import stats

    return float(stats.norm.ppf(0.5 + LEVEL / 2))


def _standard_error(values: list[float]) -> float:
    import numpy

    return float(numpy.std(values, ddof=1) / len(values) ** 0.5)


def _mean(x, axis=-1):
    return x.mean(axis=axis)


def difference(a: str, b: str, x: list[float], y: list[float]) -> Difference:
    """Mean of `x` minus mean of `y`: a bootstrap interval (each group resampled on its own) and a
    permutation test's p-value (group labels shuffled)."""
    from scipy import stats  # optional: the extra `research`

    diff = sum(x) / len(x) - sum(y) / len(y)
    if len(set(x) | set(y)) == 1:  # nothing varies: no difference to find
        return Difference(a, b, len(x), len(y), 0.0, 0.0, 0.0, 1.0)
    if len(x) + len(y) >= LARGE:  # Welch's standard error, a two-sided z test
        error = (_standard_error(x) ** 2 + _standard_error(y) ** 2) ** 0.5
        p = float(stats.norm.sf(abs(diff) / error) * 2) if error else float(diff == 0)
        return Difference(a, b, len(x), len(y), diff, diff - _z() * error, diff + _z() * error, p)
    interval = stats.bootstrap((x, y), _mean_difference, n_resamples=RESAMPLES, confidence_level=LEVEL,
                               method="percentile", vectorized=True, batch=500, rng=_rng()).confidence_interval
    test = stats.permutation_test((x, y), _mean_difference, n_resamples=PERMUTATIONS, vectorized=True, batch=500,
                                  rng=_rng())
    return Difference(a, b, len(x), len(y), diff, float(interval.low), float(interval.high), float(test.pvalue))


def holm(pvalues: list[float]) -> list[float]:
    """Holm's step-down correction: the k-th smallest of m p-values is multiplied by m - k + 1, and
    the adjusted values are kept non-decreasing in that order (Holm 1979; statsmodels' 'holm')."""
    order = sorted(range(len(pvalues)), key=pvalues.__getitem__)
    adjusted, running = [1.0] * len(pvalues), 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(pvalues) - rank) * pvalues[i]))
        adjusted[i] = running
    return adjusted


def compare(groups: dict[str, list[float]]) -> tuple[dict[str, Estimate], list[Difference]]:
    """Each group's estimate, and every pair's difference (of the MAX_GROUPS largest groups with at
    least two values each) with Holm-corrected p-values."""
    estimates = {name: estimate(values) for name, values in groups.items()}
    largest = sorted((g for g, v in groups.items() if len(v) >= 2), key=lambda g: (-len(groups[g]), g))[:MAX_GROUPS]
    pairs = [difference(a, b, groups[a], groups[b]) for a, b in combinations(sorted(largest), 2)]
    for pair, adjusted in zip(pairs, holm([p.p for p in pairs])):
        pair.p_holm = adjusted
    return estimates, pairs


@dataclass
class Term:
    term: str  # the words most often found for the rule
    rule: str
    count: int  # findings in the group
    z: float  # the weighted log-odds' z-score: the group against all the others
    rate: float  # per 1,000 words in the group
    rate_others: float  # per 1,000 words in the other groups


def distinguishing(counts: dict[str, dict[str, int]], words: dict[str, int], names: dict[str, str],
                   top: int = 10, z_min: float = 1.96) -> dict[str, list[Term]]:
    """Per group, the terms (rules) it uses more than the other groups together, by the weighted
    log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin'
    Words", eq. 16-22): each group's words are a multinomial over the terms and all other words, the
    prior is the whole corpus's counts (alpha_w = y_w, alpha_0 = all words), and a term is shown when
    its z-score is at least `z_min`, at most `top` per group, highest first. `counts`: group -> rule
    -> findings; `words`: group -> words; `names`: rule -> the words shown for it."""
    from math import log, sqrt

    total: dict[str, int] = {}
    for per_group in counts.values():
        for rule, n in per_group.items():
            total[rule] = total.get(rule, 0) + n
    all_words = sum(words.values())
    result = {}
    for group, n_i in words.items():
        n_j = all_words - n_i
        terms = []
        for rule, alpha in total.items():
            y_i = counts.get(group, {}).get(rule, 0)
            y_j = alpha - y_i
            rest_i, rest_j = n_i + all_words - y_i - alpha, n_j + all_words - y_j - alpha
            if rest_i <= 0 or rest_j <= 0:
                continue  # the term is all there is (a corpus of one label): nothing to set it against
            delta = log((y_i + alpha) / rest_i) - log((y_j + alpha) / rest_j)
            z = delta / sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))
            if z >= z_min and y_i:
                terms.append(Term(names.get(rule, rule), rule, y_i, round(z, 2), round(1000 * y_i / max(n_i, 1), 3),
                                  round(1000 * y_j / max(n_j, 1), 3)))
        result[group] = sorted(terms, key=lambda t: (-t.z, t.rule))[:top]
    return result
