#!/usr/bin/env python3
"""Reference data for tst_sklearnexactness.

Trains sklearn.ensemble.IsolationForest on a fixed synthetic data set and writes OUTDIR/forest.json:
the exported trees, 10 000 test samples and scikit-learn's score_samples for them. The C++ side
rebuilds the forest in its scikit-learn mode and must reproduce -score_samples to 1e-9.

Exit status 3 means numpy or scikit-learn is not installed (the test skips).
"""

import json
import os
import sys

try:
    import numpy as np
    import sklearn
    from sklearn.ensemble import IsolationForest
except ImportError as exc:  # pragma: no cover - depends on the machine
    print(f"missing python module: {exc}", file=sys.stderr)
    sys.exit(3)

SEED = 20240611


def training_data(rng):
    # Four correlated channels (a shared latent pair mixed differently) plus scattered outliers.
    latent = rng.normal(size=(1900, 2))
    mix = np.array([[1.0, 0.0], [0.8, 0.6], [-0.5, 0.9], [0.3, -0.4]])
    inliers = latent @ mix.T + rng.normal(scale=0.1, size=(1900, 4))
    outliers = rng.uniform(-6.0, 6.0, size=(100, 4))
    return np.vstack([inliers, outliers])


def near_threshold_samples(rng, model, base, count):
    # Values a hair above a split threshold in float64 that round onto or below it in float32:
    # they go right in a float64 comparison and left in scikit-learn's, so a scorer that skips
    # the float32 cast fails here.
    rows = []
    while len(rows) < count:
        tree = model.estimators_[rng.integers(len(model.estimators_))].tree_
        internal = np.flatnonzero(tree.children_left != -1)
        node = internal[rng.integers(len(internal))]
        row = base[rng.integers(len(base))].copy()
        threshold = tree.threshold[node]
        candidate = threshold + abs(threshold) * rng.uniform(1e-12, 5e-8) + 1e-300
        row[tree.feature[node]] = candidate
        rows.append(row)
    return np.array(rows)


def main():
    if len(sys.argv) != 2:
        print("usage: sklearn_forest.py OUTDIR", file=sys.stderr)
        return 2
    outdir = sys.argv[1]
    rng = np.random.default_rng(SEED)
    train = training_data(rng)
    model = IsolationForest(n_estimators=100, max_samples=256, random_state=7).fit(train)

    inliers = training_data(rng)[:2000]
    wide = rng.uniform(-8.0, 8.0, size=(3000, 4))
    cloud = rng.normal(scale=2.0, size=(4000, 4))
    edge = near_threshold_samples(rng, model, cloud, 1000)
    samples = np.vstack([inliers, wide, cloud, edge])[:10000]
    assert samples.shape == (10000, 4)
    scores = model.score_samples(samples)

    trees = []
    for estimator, features in zip(model.estimators_, model.estimators_features_):
        tree = estimator.tree_
        trees.append({
            "children_left": tree.children_left.tolist(),
            "children_right": tree.children_right.tolist(),
            "feature": tree.feature.tolist(),
            "threshold": tree.threshold.tolist(),
            "n_node_samples": tree.n_node_samples.tolist(),
            "features": [int(f) for f in features],
        })
    document = {
        "sklearn_version": sklearn.__version__,
        "n_features": int(model.n_features_in_),
        "max_samples": int(model.max_samples_),
        "trees": trees,
        "samples": samples.ravel().tolist(),
        "score_samples": scores.tolist(),
    }
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "forest.json"), "w", encoding="utf-8") as out:
        json.dump(document, out)  # floats as repr(): they read back bit for bit
    return 0


if __name__ == "__main__":
    sys.exit(main())
