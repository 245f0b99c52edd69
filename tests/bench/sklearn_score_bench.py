#!/usr/bin/python3
"""scikit-learn Isolation Forest batch scoring on the rows fw_bench_detector wrote.

    sklearn_score_bench.py DIR

Fits IsolationForest(n_estimators=100, max_samples=256, random_state=0, n_jobs=1) on
DIR/train.csv, times score_samples on DIR/test.csv (best of 3) pinned to CPU 0, and prints
{"sklearn_batch_samples_per_s": x}. Set OMP_NUM_THREADS=1 / OPENBLAS_NUM_THREADS=1 before
starting it (detector.sh does).
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.ensemble import IsolationForest


def main():
    if len(sys.argv) != 2:
        print("usage: sklearn_score_bench.py DIR", file=sys.stderr)
        return 2
    directory = sys.argv[1]
    os.sched_setaffinity(0, {0})
    train = np.loadtxt(os.path.join(directory, "train.csv"), delimiter=",", skiprows=1)
    test = np.loadtxt(os.path.join(directory, "test.csv"), delimiter=",", skiprows=1)
    forest = IsolationForest(n_estimators=100, max_samples=256, random_state=0, n_jobs=1)
    forest.fit(train)
    forest.score_samples(test[:1000])  # warm-up, untimed
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        forest.score_samples(test)
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"sklearn_batch_samples_per_s": round(len(test) / best)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
