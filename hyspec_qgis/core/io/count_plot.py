"""The endmember-count page: the estimates, and the curves they are read from, as HTML with inline SVG charts.

Three charts against k (log scale): HySime's mse(k) with its minimum, and for HFC and NWHFC the eigenvalue
difference (correlation - covariance) beside the Neyman-Pearson threshold of each false-alarm rate (the estimate
counts the k where the difference is above the threshold). No matplotlib needed, like :mod:`spectra_plot`.
"""
from __future__ import annotations

import html
import math
import os

import numpy as np

from .outputs import atomic_write
from .spectra_plot import _ticks

W, H = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 72, 190, 40, 48
COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


def _log_ticks(lo: float, hi: float) -> list[float]:
    a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    step = max(1, (b - a) // 6)
    return [10.0 ** e for e in range(a, b + 1, step) if lo <= 10.0 ** e <= hi * (1 + 1e-9)]


def line_chart_svg(k_max: int, series, title: str, ylabel: str, marks=()) -> str:
    """``series``: [(label, values (k,), dashed)], plotted at k = 1..k_max on a log y axis (values <= 0 leave gaps);
    ``marks``: [(k, label)] drawn as vertical lines."""
    ks = np.arange(1, k_max + 1)
    positive = np.concatenate([np.asarray(v[:k_max], float)[np.asarray(v[:k_max]) > 0] for _, v, _ in series]
                              or [np.array([1.0])])
    lo = float(positive.min()) if positive.size else 1e-12
    hi = float(positive.max()) if positive.size else 1.0
    if hi <= lo:
        lo, hi = lo / 10, hi * 10
    ly0, ly1 = math.log10(lo), math.log10(hi)
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def sx(v):
        return LEFT + (v - 1) / max(k_max - 1, 1) * pw

    def sy(v):
        return TOP + ph - (math.log10(v) - ly0) / ((ly1 - ly0) or 1.0) * ph

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
             f'<rect width="{W}" height="{H}" fill="white"/>',
             f'<text x="{LEFT}" y="22" font-size="14">{html.escape(title)}</text>',
             f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="#444"/>']
    for t in _ticks(1, k_max):
        if t == int(t) and 1 <= t <= k_max:
            parts.append(f'<line x1="{sx(t):.1f}" y1="{TOP + ph}" x2="{sx(t):.1f}" y2="{TOP + ph + 5}" stroke="#444"/>'
                         f'<text x="{sx(t):.1f}" y="{TOP + ph + 18}" text-anchor="middle">{int(t)}</text>')
    for t in _log_ticks(lo, hi):
        parts.append(f'<line x1="{LEFT}" y1="{sy(t):.1f}" x2="{LEFT + pw}" y2="{sy(t):.1f}" stroke="#ddd"/>'
                     f'<text x="{LEFT - 6}" y="{sy(t) + 4:.1f}" text-anchor="end">{t:.0e}</text>')
    parts.append(f'<text x="{LEFT + pw / 2}" y="{H - 10}" text-anchor="middle">k</text>')
    parts.append(f'<text transform="translate(16 {TOP + ph / 2}) rotate(-90)" text-anchor="middle">'
                 f'{html.escape(ylabel)}</text>')
    for j, (label, values, dashed) in enumerate(series):
        color = COLORS[j % len(COLORS)]
        v = np.asarray(values[:k_max], float)
        runs, run = [], []
        for x, y in zip(ks, v):
            if y > 0 and math.isfinite(y):
                run.append(f"{sx(x):.1f},{sy(max(y, lo)):.1f}")
            elif run:
                runs.append(run)
                run = []
        runs.append(run)
        dash = ' stroke-dasharray="5,4"' if dashed else ""
        for r in runs:
            if len(r) >= 2:
                parts.append(f'<polyline points="{" ".join(r)}" fill="none" stroke="{color}" stroke-width="1.6"{dash}/>')
            elif len(r) == 1:
                x, y = r[0].split(",")
                parts.append(f'<circle cx="{x}" cy="{y}" r="2" fill="{color}"/>')
        ly = TOP + 10 + 18 * j
        parts.append(f'<line x1="{LEFT + pw + 12}" y1="{ly}" x2="{LEFT + pw + 36}" y2="{ly}" stroke="{color}" '
                     f'stroke-width="2.5"{dash}/><text x="{LEFT + pw + 42}" y="{ly + 4}">{html.escape(label)}</text>')
    for i, (k, label) in enumerate(marks):
        if 1 <= k <= k_max:
            x = sx(k)
            parts.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + ph}" stroke="#555" stroke-width="1" '
                         f'stroke-dasharray="2,3"/><text x="{x + 3:.1f}" y="{TOP + 12 + 13 * i}" fill="#333">'
                         f'{html.escape(label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def count_page(result, title: str = "How many endmembers", source: str = "") -> str:
    """The whole HTML page for an :class:`EndmemberCount`."""
    est = result.estimates()
    n_bands = len(result.bands)
    h, w, s = result.hfc, result.nwhfc, result.hysime

    def k_range(counts):  # each chart shows its estimates with room on the right
        return int(min(n_bands, max(20, 2 * max(counts) + 10)))

    charts = [line_chart_svg(k_range([s.count]), [("mse(k)", s.mse, False), ("data power p", s.power, True),
                                                   ("noise power s", s.noise_power, True)],
                             "HySime: mean squared error of the k-dimensional signal subspace", "power per pixel",
                             [(s.count, f"HySime {s.count}")])]
    for name, test in (("HFC", h), ("NWHFC (noise-whitened)", w)):
        series = [("difference", test.difference, False)]
        series += [(f"threshold {f:.0e}", test.threshold(f), True) for f in result.far]
        marks = [(test.counts[f], f"{test.counts[f]} at {f:.0e}") for f in result.far]
        charts.append(line_chart_svg(k_range(test.counts.values()), series,
                                     f"{name}: k-th eigenvalue of correlation minus covariance",
                                     "eigenvalue difference", marks))
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{v}</td></tr>" for k, v in est.items())
    body = (f"<h2>{html.escape(title)}</h2>"
            f"<p>{html.escape(source)} {result.n_pixels} valid pixels of {result.n_total}, {n_bands} bands.</p>"
            f"<table border='1' cellpadding='4' style='border-collapse:collapse'><tr><th>estimate</th><th>k</th></tr>"
            f"{rows}</table>"
            f"<p><b>A guide, not an answer.</b> The estimators rest on different models (HySime: the subspace of "
            f"minimum reconstruction error given the estimated noise; HFC: eigenvalues the mean shifts, with white "
            f"noise assumed; NWHFC: the same after noise whitening) and often disagree on real scenes. HFC counts "
            f"noise as signal when the noise differs from band to band. Suggested start for N-FINDR: "
            f"{result.suggested} (HySime, at least 2); compare the unmixing residuals of nearby counts.</p>"
            + "".join(f"<div>{c}</div>" for c in charts))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body style='font-family:sans-serif'>{body}</body></html>\n")


def write_count_html(path, result, title: str = "How many endmembers", source: str = "") -> str:
    """Write the page atomically; returns ``path``."""
    path = os.fspath(path)
    with atomic_write(path, encoding="utf-8") as f:
        f.write(count_page(result, title, source))
    return path
