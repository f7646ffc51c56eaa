"""The training REPORT of hyspec:trainclassifier: a self-contained HTML page (tables and an inline SVG curve)."""
from __future__ import annotations

import html

import numpy as np

from ..io.outputs import atomic_write

_STYLE = ("body{font-family:sans-serif;max-width:1000px;margin:1em auto;color:#222}"
          "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}"
          "th{background:#eee}td.l,th.l{text-align:left}.sw{display:inline-block;width:12px;height:12px;"
          "margin-right:5px;border:1px solid #555;vertical-align:middle}.diag{background:#e3f1e3;font-weight:bold}"
          ".note{color:#555}")


def _e(text) -> str:
    return html.escape(str(text))


def _swatch(color) -> str:
    r, g, b = (int(c) for c in color[:3])
    return f'<span class="sw" style="background:rgb({r},{g},{b})"></span>'


def loss_curve_svg(history, width=720, height=300, title="Training curve") -> str:
    """Training and validation loss per epoch as an inline SVG (log scale when the loss spans a decade)."""
    epochs = np.array([h.epoch for h in history], dtype=float)
    series = [("training", "#1f77b4", np.array([h.train_loss for h in history], dtype=float))]
    val = [h.validation_loss for h in history]
    if any(v is not None for v in val):
        series.append(("validation", "#d62728", np.array([np.nan if v is None else v for v in val], dtype=float)))
    values = np.concatenate([s[2] for s in series])
    values = values[np.isfinite(values)]
    lo, hi = (float(values.min()), float(values.max())) if values.size else (0.0, 1.0)
    log = lo > 0 and hi / lo > 10
    f = np.log10 if log else (lambda v: v)
    y0, y1 = (f(lo), f(hi)) if hi > lo else (f(lo) - 0.5, f(lo) + 0.5)
    left, right, top, bottom = 70, 120, 30, 40
    pw, ph = width - left - right, height - top - bottom
    e0, e1 = float(epochs.min()), float(epochs.max()) if epochs.max() > epochs.min() else float(epochs.min()) + 1

    def sx(e):
        return left + (e - e0) / (e1 - e0) * pw

    def sy(v):
        return top + ph - (f(v) - y0) / (y1 - y0) * ph

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-size="12">',
             f'<text x="{left}" y="18" font-size="14">{_e(title)}</text>',
             f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#444"/>',
             f'<text x="{left + pw / 2}" y="{height - 8}" text-anchor="middle">epoch</text>']
    for v in np.linspace(y0, y1, 5):
        label = 10 ** v if log else v
        y = top + ph - (v - y0) / (y1 - y0) * ph
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{label:.3g}</text>')
    for e in np.unique(np.linspace(e0, e1, min(6, int(e1 - e0) + 1)).round()):
        parts.append(f'<text x="{sx(e):.1f}" y="{top + ph + 16}" text-anchor="middle">{int(e)}</text>')
    for i, (name, color, v) in enumerate(series):
        ok = np.isfinite(v)
        pts = " ".join(f"{sx(a):.1f},{sy(b):.1f}" for a, b in zip(epochs[ok], v[ok]))
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="1.5" points="{pts}"/>')
        parts.append(f'<text x="{left + pw + 10}" y="{top + 16 + 18 * i}" fill="{color}">{name}</text>')
    parts.append("</svg>")
    return "".join(parts)


def write_report(path, *, title, info, class_names, colors, counts, accuracy=None, history=None, messages=(),
                 importances=None, loss_label="loss") -> None:
    """Write the HTML report. ``counts`` rows: [train features, validation features, train pixels, val pixels]."""
    k = len(class_names)
    out = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{_e(title)}</title><style>{_STYLE}</style>"
           f"</head><body><h1>{_e(title)}</h1><table>"]
    out += [f"<tr><th class='l'>{_e(a)}</th><td class='l'>{_e(b)}</td></tr>" for a, b in info]
    out.append("</table>")
    out.append("<h2>Training data</h2><p class='note'>Validation is held out by feature: every pixel of a feature "
               "is either in training or in validation, never both, so neighbouring pixels of one polygon cannot "
               "make the accuracy look better than it is. Every class keeps at least one training feature.</p>")
    out.append("<table><tr><th class='l'>class</th><th>training features</th><th>validation features</th>"
               "<th>training pixels</th><th>validation pixels</th></tr>")
    for c in range(k):
        out.append(f"<tr><td class='l'>{_swatch(colors[c])}{_e(class_names[c])}</td>"
                   + "".join(f"<td>{int(v)}</td>" for v in counts[c]) + "</tr>")
    out.append("</table>")
    for m in messages:
        out.append(f"<p class='note'>{_e(m)}</p>")
    out.append("<h2>Accuracy on the held-out features</h2>")
    if accuracy is None or accuracy.n == 0:
        out.append("<p>No feature was held out (VALIDATION_FRACTION 0, or too few features per class): there is no "
                   "independent accuracy estimate. Accuracy on the training pixels would only show how well the "
                   "model memorised them.</p>")
    else:
        out.append(f"<p>Overall accuracy <b>{accuracy.overall:.4f}</b>, Cohen's kappa <b>{accuracy.kappa:.4f}</b>, "
                   f"on {accuracy.n} pixels of the held-out features.</p>")
        out.append("<table><tr><th class='l'>reference \\ predicted</th>"
                   + "".join(f"<th>{_e(n)}</th>" for n in class_names) + "<th>total</th></tr>")
        cm = accuracy.confusion
        for i in range(k):
            cells = "".join(f"<td{' class=diag' if i == j else ''}>{int(cm[i, j])}</td>" for j in range(k))
            out.append(f"<tr><td class='l'>{_swatch(colors[i])}{_e(class_names[i])}</td>{cells}"
                       f"<td>{int(cm[i].sum())}</td></tr>")
        out.append("<tr><th class='l'>total</th>" + "".join(f"<td>{int(v)}</td>" for v in cm.sum(axis=0))
                   + f"<td>{int(cm.sum())}</td></tr></table>")
        out.append("<table><tr><th class='l'>class</th><th>precision (user's accuracy)</th>"
                   "<th>recall (producer's accuracy)</th><th>F1</th><th>reference pixels</th></tr>")
        for i in range(k):
            out.append(f"<tr><td class='l'>{_e(class_names[i])}</td><td>{accuracy.precision[i]:.4f}</td>"
                       f"<td>{accuracy.recall[i]:.4f}</td><td>{accuracy.f1[i]:.4f}</td>"
                       f"<td>{int(accuracy.support[i])}</td></tr>")
        out.append("</table>")
    if history:
        out.append("<h2>Training curve</h2>" + loss_curve_svg(history, title=f"{loss_label} per epoch"))
    if importances:
        out.append("<h2>Most important bands (random forest, impurity decrease)</h2><table><tr><th class='l'>band"
                   "</th><th>importance</th></tr>")
        out += [f"<tr><td class='l'>{_e(name)}</td><td>{value:.4f}</td></tr>" for name, value in importances]
        out.append("</table>")
    out.append("</body></html>")
    with atomic_write(str(path), encoding="utf-8") as f:
        f.write("\n".join(out))
