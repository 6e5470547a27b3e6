"""Logistic regression for the training scripts, in plain Python so that the same numbers come out
every run: Newton's method on the L2-penalised log-loss (the bias is not penalised)."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence


def fit(
    rows: list[dict[str, float]], labels: list[bool], penalty: float, rounds: int = 25
) -> tuple[float, dict[str, float]]:
    """(bias, weight per feature) of the fit of ``labels`` on the features of ``rows``; weights
    rounded to 4 places, those under 1e-4 left out."""
    names = sorted({k for row in rows for k in row})
    data = [
        ([1.0, *(row.get(k, 0.0) for k in names)], 1.0 if label else 0.0)
        for row, label in zip(rows, labels, strict=True)
    ]
    size, n = len(names) + 1, len(data)
    w = [0.0] * size
    for _ in range(rounds):
        grad = [penalty * n * wi if i else 0.0 for i, wi in enumerate(w)]
        hess = [[penalty * n if i == j and i else 0.0 for j in range(size)] for i in range(size)]
        for xs, y in data:
            z = sum(wi * xi for wi, xi in zip(w, xs, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
            nz = [(i, xi) for i, xi in enumerate(xs) if xi]
            for i, xi in nz:
                grad[i] += (p - y) * xi
                row = hess[i]
                for j, xj in nz:
                    row[j] += p * (1 - p) * xi * xj
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
        if max(abs(si) for si in step) < 1e-7:
            break
    weights = {k: round(v, 4) for k, v in zip(names, w[1:], strict=True) if abs(v) > 1e-4}
    return round(w[0], 4), weights


def folds(items: Sequence, *, seed: int, repeats: int, count: int) -> Iterator[tuple[list, list]]:
    """(training, held out) for each of ``count`` folds of each of ``repeats`` rounds, the items
    shuffled anew each round from ``seed``: the same folds every run."""
    for repeat in range(repeats):
        shuffled = list(items)
        random.Random(seed + repeat).shuffle(shuffled)
        for fold in range(count):
            yield (
                [item for i, item in enumerate(shuffled) if i % count != fold],
                [item for i, item in enumerate(shuffled) if i % count == fold],
            )


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """x with a·x = b, by Gauss-Jordan elimination with partial pivoting."""
    size = len(b)
    m = [[*row, bi] for row, bi in zip(a, b, strict=True)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(size):
            if r != col and m[r][col]:
                f = m[r][col] / m[col][col]
                m[r] = [v - f * c for v, c in zip(m[r], m[col], strict=True)]
    return [m[i][size] / m[i][i] if abs(m[i][i]) >= 1e-12 else 0.0 for i in range(size)]
