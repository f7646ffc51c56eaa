"""A scikit-learn random forest stored as its trees' arrays, and rebuilt from them without pickle.

scikit-learn's own persistence is pickle (or skops, which pulls in a hub client). A fitted forest is fully described
by each tree's node arrays (``tree_.children_left/right``, ``feature``, ``threshold``, ``missing_go_to_left`` and the
leaf class fractions ``value``), so those are what the model file keeps. Loading rebuilds each
``sklearn.tree._tree.Tree`` from them through the documented state the class itself restores from, and predicting
runs scikit-learn's compiled tree walk (in threads: it releases the GIL). Probabilities are those of
``RandomForestClassifier.predict_proba``: each tree's leaf fractions, normalised, averaged over the trees.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ..errors import HyspecError

DEFAULT_TREES = 100
_FIELDS = ("children_left", "children_right", "feature", "threshold", "missing_go_to_left")


def fit_forest(x: np.ndarray, y: np.ndarray, n_classes: int, trees: int = DEFAULT_TREES, seed: int = 0):
    """A RandomForestClassifier on (x, y) with classes 0..n_classes-1 weighted to equal total weight."""
    from sklearn.ensemble import RandomForestClassifier

    if trees < 1:
        raise HyspecError("TREES: must be 1 or more, got {trees}", trees=trees)
    forest = RandomForestClassifier(n_estimators=int(trees), class_weight="balanced", random_state=int(seed),
                                    n_jobs=min(4, os.cpu_count() or 1))
    forest.fit(x, y)
    if list(forest.classes_) != list(range(n_classes)):
        raise HyspecError("the training pixels hold classes {classes}, expected 0..{last}", classes=list(forest.classes_),
                          last=n_classes - 1)
    return forest


def forest_arrays(forest) -> dict:
    """Concatenated node arrays of all trees, with per-tree offsets, and the feature importances."""
    trees = [est.tree_ for est in forest.estimators_]
    counts = np.array([t.node_count for t in trees], dtype=np.int64)
    arrays = {"forest/node_offsets": np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
              "forest/max_depth": np.array([t.max_depth for t in trees], dtype=np.int64),
              "forest/feature_importances": forest.feature_importances_.astype(np.float64)}
    for name in _FIELDS:
        parts = [np.asarray(getattr(t, name)) for t in trees]
        dtype = {"threshold": np.float64, "missing_go_to_left": np.uint8}.get(name, np.int64)
        arrays[f"forest/{name}"] = np.concatenate(parts).astype(dtype)
    arrays["forest/value"] = np.concatenate([t.value[:, 0, :] for t in trees]).astype(np.float64)
    return arrays


class StoredForest:
    """Predicts class probabilities from stored node arrays (rebuilt scikit-learn trees)."""

    def __init__(self, arrays: dict, n_features: int, n_classes: int):
        from sklearn.tree._tree import NODE_DTYPE, Tree

        offsets = arrays["forest/node_offsets"]
        depths = arrays["forest/max_depth"]
        value = arrays["forest/value"]
        if value.shape[1] != n_classes:
            raise HyspecError("the stored forest has {n_stored} classes, the model description {n_classes}",
                              n_stored=value.shape[1], n_classes=n_classes)
        self.n_features, self.n_classes = int(n_features), int(n_classes)
        self.trees = []
        feature = arrays["forest/feature"]
        if feature.size and feature.max() >= n_features:
            raise HyspecError("the stored forest splits on band {band} of {n_features}", band=feature.max() + 1,
                              n_features=n_features)
        for i in range(len(offsets) - 1):
            a, b = int(offsets[i]), int(offsets[i + 1])
            nodes = np.zeros(b - a, dtype=NODE_DTYPE)
            nodes["left_child"] = arrays["forest/children_left"][a:b]
            nodes["right_child"] = arrays["forest/children_right"][a:b]
            nodes["feature"] = feature[a:b]
            nodes["threshold"] = arrays["forest/threshold"][a:b]
            nodes["missing_go_to_left"] = arrays["forest/missing_go_to_left"][a:b]
            _check_tree(nodes, i)
            tree = Tree(self.n_features, np.array([self.n_classes], dtype=np.intp), 1)
            tree.__setstate__({"max_depth": int(depths[i]), "node_count": b - a, "nodes": nodes,
                               "values": np.ascontiguousarray(value[a:b].reshape(b - a, 1, self.n_classes))})
            self.trees.append(tree)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """(n, n_classes) float64 class probabilities of the rows of ``x`` (float32)."""
        x = np.ascontiguousarray(x, dtype=np.float32)
        total = np.zeros((x.shape[0], self.n_classes), dtype=np.float64)
        if x.shape[0] == 0:
            return total

        def one(tree):
            p = tree.predict(x)
            s = p.sum(axis=1, keepdims=True)
            s[s == 0] = 1.0
            return p / s

        with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
            for p in pool.map(one, self.trees):
                total += p
        total /= len(self.trees)
        return total


def _check_tree(nodes, i):
    """Child indices point inside the tree and forward (a stored tree cannot make the walk loop or read outside)."""
    n = nodes.size
    left, right = nodes["left_child"], nodes["right_child"]
    leaf = left == -1
    inner = ~leaf
    idx = np.arange(n)
    ok = np.all(right[leaf] == -1) and np.all((left[inner] > idx[inner]) & (left[inner] < n)) and \
        np.all((right[inner] > idx[inner]) & (right[inner] < n)) and np.all(nodes["feature"][inner] >= 0)
    if not ok:
        raise HyspecError("tree {tree} of the stored forest is malformed (child indices)", tree=i + 1)
