"""Accuracy of a classification against reference labels: confusion matrix, overall accuracy, kappa, per class.

Rows of the confusion matrix are the reference (held-out) classes, columns the predicted ones. Precision is the
remote-sensing "user's accuracy" (of the pixels mapped as a class, the fraction that is it), recall the "producer's
accuracy" (of the pixels of a class, the fraction mapped as it). An undefined ratio (no pixel predicted or present)
is reported as 0, as scikit-learn's ``zero_division=0``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Accuracy:
    confusion: np.ndarray  # (k, k) int64, rows = reference, columns = predicted
    overall: float
    kappa: float
    precision: np.ndarray
    recall: np.ndarray
    f1: np.ndarray
    support: np.ndarray  # reference pixels per class

    @property
    def n(self) -> int:
        return int(self.confusion.sum())


def _ratio(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return np.divide(a, b, out=np.zeros_like(a), where=b > 0)


def accuracy(reference: np.ndarray, predicted: np.ndarray, n_classes: int) -> Accuracy:
    """Accuracy of 0-based ``predicted`` against 0-based ``reference`` labels (same length)."""
    reference = np.asarray(reference, dtype=np.int64)
    predicted = np.asarray(predicted, dtype=np.int64)
    cm = np.bincount(reference * n_classes + predicted, minlength=n_classes * n_classes).reshape(n_classes, n_classes)
    n = cm.sum()
    diag = np.diag(cm).astype(np.float64)
    overall = float(diag.sum() / n) if n else 0.0
    expected = float((cm.sum(axis=0).astype(np.float64) * cm.sum(axis=1)).sum() / n ** 2) if n else 0.0
    kappa = float((overall - expected) / (1.0 - expected)) if n and expected < 1.0 else (1.0 if n else 0.0)
    precision = _ratio(diag, cm.sum(axis=0))
    recall = _ratio(diag, cm.sum(axis=1))
    f1 = _ratio(2 * precision * recall, precision + recall)
    return Accuracy(cm, overall, kappa, precision, recall, f1, cm.sum(axis=1))
