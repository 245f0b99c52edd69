#pragma once

#include "detect/pathlength.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fw::detect {

enum class SplitKind : std::uint8_t {
    AxisParallel, // one feature against a threshold (Liu, Ting & Zhou)
    Hyperplane,   // extended isolation forest (Hariri et al.): normal . x against an offset
};

// How a sample's value is compared with a split threshold.
enum class InputPrecision : std::uint8_t {
    Double,  // x <= threshold in double
    Float32, // scikit-learn's trees: x is rounded to float32 first, the threshold stays double
};

// A forest as plain arrays: what training produces, what a model file stores and what
// IsolationForest::fromArrays() validates and rebuilds. Per-node arrays are concatenated over
// the trees; node and child indices are relative to their own tree, whose root is node 0.
// Leaf path lengths are not stored: they follow from depth, node size and the formula, so a
// file cannot carry values that disagree with its trees.
struct ForestArrays
{
    int featureCount = 0;
    int sampleSize = 0; // psi: rows each tree was grown from; scores are normalised by c(psi)
    SplitKind splitKind = SplitKind::AxisParallel;
    PathLengthFormula pathLength = PathLengthFormula::ExactHarmonic;
    InputPrecision precision = InputPrecision::Double;

    std::vector<std::int32_t> treeOffsets; // trees + 1 entries: first node of each tree, total
    std::vector<std::int32_t> childLeft;   // -1 at a leaf
    std::vector<std::int32_t> childRight;  // -1 at a leaf
    std::vector<std::int32_t> feature;     // axis-parallel split feature; -1 elsewhere
    std::vector<double> threshold;         // split threshold, or hyperplane offset normal . p
    std::vector<std::int32_t> nodeSize;    // training rows that reached the node
    std::vector<double> normal;            // hyperplane forests: featureCount per node, else empty

    [[nodiscard]] int treeCount() const { return int(treeOffsets.size()) - 1; }
    [[nodiscard]] int nodeCount() const { return int(childLeft.size()); }
};

// Deepest tree accepted from outside; scoring walks recurse this deep for missing values.
inline constexpr int kMaxTreeDepth = 64;
// The largest forests `train` makes (its --trees and --sample-size caps); a model file beyond
// them was not made by FaultWatch or scikit-learn's defaults and is refused.
inline constexpr int kMaxTrees = 100000;
inline constexpr int kMaxSampleSize = 1 << 24;
// The height limit a forest of sample size psi is grown to: ceil(log2 psi), at least 1, as the
// trainer and scikit-learn both grow it. A tree holds at most 2 psi - 1 nodes.
[[nodiscard]] int heightLimit(int sampleSize);

// normal . x over the non-zero components in feature order. Training and scoring share it, so a
// training row always goes the way it went when the split was made.
[[nodiscard]] inline double projectOnNormal(const double *normal, const double *x, int featureCount)
{
    double dot = 0;
    for (int f = 0; f < featureCount; ++f) {
        if (normal[f] != 0) {
            dot += normal[f] * x[f];
        }
    }
    return dot;
}

// Checks everything scoring relies on: array sizes, child indices in range, every node reached
// exactly once from its root (no cycles, no shared or orphaned nodes), at most kMaxTrees trees of
// at most 2 psi - 1 nodes and heightLimit(psi) levels, features in range, finite thresholds and
// normals, non-negative sizes. On failure returns false and sets *error to a message naming the
// tree and node.
[[nodiscard]] bool validateForestArrays(const ForestArrays &arrays, std::string *error);

// One tree of a fitted sklearn.ensemble.IsolationForest: estimators_[t].tree_ arrays plus
// estimators_features_[t].
struct SklearnTree
{
    std::vector<std::int64_t> childrenLeft;
    std::vector<std::int64_t> childrenRight;
    std::vector<std::int64_t> feature;
    std::vector<double> threshold;
    std::vector<std::int64_t> nodeSampleCount;
    std::vector<std::int64_t> features; // estimators_features_[t]
};

struct SklearnForest
{
    int featureCount = 0; // n_features_in_
    int maxSamples = 0;   // max_samples_
    std::vector<SklearnTree> trees;
};

// Converts an exported scikit-learn forest into arrays that score as scikit-learn does
// (ScikitLearn path lengths, Float32 inputs), or returns false with a message. scikit-learn only
// indexes columns through estimators_features_ when a tree has fewer features than the data
// (max_features < 1.0); with all features the trees use the original columns whatever order
// estimators_features_ lists them in, and so does this conversion.
[[nodiscard]] bool arraysFromScikitLearn(const SklearnForest &forest, ForestArrays *out,
                                         std::string *error);

} // namespace fw::detect
