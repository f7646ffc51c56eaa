"""Spectra against wavelength as a self-contained HTML page with an inline SVG (no matplotlib needed).

This is the figure NEON's tutorials draw for cluster centres and endmembers. Lines break where bands were removed
(water-vapour windows), so no line is drawn across them; class colours match the class rasters.
"""
from __future__ import annotations

import html
import os

import numpy as np

from .outputs import atomic_write
from .raster_writer import class_colors

W, H = 760, 420
LEFT, RIGHT, TOP, BOTTOM = 64, 170, 40, 52


def _ticks(lo, hi, n=6):
    span = hi - lo if hi > lo else 1.0
    raw = span / n
    mag = 10 ** np.floor(np.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=raw)
    start = np.ceil(lo / step) * step
    return [float(v) + 0.0 for v in np.round(np.arange(start, hi + step * 1e-6, step), 10)]  # + 0.0: no "-0" label


def _segments(x):
    """Index runs without wavelength gaps wider than 2.5 times the median band spacing."""
    if len(x) < 2:
        return [np.arange(len(x))]
    gaps = np.diff(x)
    limit = 2.5 * np.median(gaps)
    cuts = np.where(gaps > limit)[0] + 1
    return np.split(np.arange(len(x)), cuts)


def spectra_svg(spectra, title: str = "") -> str:
    values = np.asarray(spectra.values, dtype=float)
    x = np.asarray(spectra.wavelengths if spectra.wavelengths is not None else np.arange(1, values.shape[0] + 1),
                   dtype=float)
    xlabel = "Wavelength (nm)" if spectra.wavelengths is not None else "Band"
    x0, x1 = float(x.min()), float(x.max())
    y0, y1 = min(0.0, float(values.min())), float(values.max()) * 1.05 or 1.0
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def sx(v):
        return LEFT + (v - x0) / ((x1 - x0) or 1.0) * pw

    def sy(v):
        return TOP + ph - (v - y0) / ((y1 - y0) or 1.0) * ph

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
             f'<rect width="{W}" height="{H}" fill="white"/>',
             f'<text x="{LEFT}" y="22" font-size="15">{html.escape(title)}</text>',
             f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="#444"/>']
    for t in _ticks(x0, x1):
        parts.append(f'<line x1="{sx(t):.1f}" y1="{TOP + ph}" x2="{sx(t):.1f}" y2="{TOP + ph + 5}" stroke="#444"/>'
                     f'<text x="{sx(t):.1f}" y="{TOP + ph + 18}" text-anchor="middle">{t:g}</text>')
    for t in _ticks(y0, y1):
        parts.append(f'<line x1="{LEFT}" y1="{sy(t):.1f}" x2="{LEFT + pw}" y2="{sy(t):.1f}" stroke="#ddd"/>'
                     f'<text x="{LEFT - 6}" y="{sy(t) + 4:.1f}" text-anchor="end">{t:g}</text>')
    parts.append(f'<text x="{LEFT + pw / 2}" y="{H - 12}" text-anchor="middle">{xlabel}</text>')
    parts.append(f'<text transform="translate(16 {TOP + ph / 2}) rotate(-90)" text-anchor="middle">Reflectance</text>')
    colors = class_colors(values.shape[1])
    for j, name in enumerate(spectra.names):
        r, g, b = colors[j]
        for seg in _segments(x):
            if len(seg) < 2:
                continue
            pts = " ".join(f"{sx(x[i]):.1f},{sy(values[i, j]):.1f}" for i in seg)
            parts.append(f'<polyline points="{pts}" fill="none" stroke="rgb({r},{g},{b})" stroke-width="1.8"/>')
        ly = TOP + 10 + 20 * j
        parts.append(f'<line x1="{LEFT + pw + 14}" y1="{ly}" x2="{LEFT + pw + 38}" y2="{ly}" stroke="rgb({r},{g},{b})" '
                     f'stroke-width="3"/><text x="{LEFT + pw + 44}" y="{ly + 4}">{html.escape(str(name))}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def write_spectra_html(path, spectra, title: str = "Spectra") -> str:
    """Write the plot page atomically; returns ``path``."""
    path = os.fspath(path)
    body = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body>{spectra_svg(spectra, title)}</body></html>\n")
    with atomic_write(path, encoding="utf-8") as f:
        f.write(body)
    return path
