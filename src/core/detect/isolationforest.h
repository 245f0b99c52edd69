#pragma once

#include "detect/forestarrays.h"
#include "detect/heapforest.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace fw::detect {

struct IsolationForestParams
{
    int treeCount = 100;
    int sampleSize = 256; // psi, capped at the number of training rows
    std::uint64_t seed = 0;
    SplitKind splitKind = SplitKind::AxisParallel;
    // Hyperplane splits only: number of non-zero normal components minus one (Hariri's
    // extension level); -1 means all dimensions.
    int extensionLevel = -1;
    PathLengthFormula pathLength = PathLengthFormula::ExactHarmonic;
};

// Isolation Forest (Liu, Ting & Zhou), optionally with hyperplane splits (Hariri et al.), scored
// from flattened arrays. Plain C++ with no Qt: immutable after construction, so one instance may
// be scored from any number of threads.
//
// Score s = 2^(-E[h] / c(psi)) in (0, 1]; higher is more anomalous.
//
// Missing values: a NaN feature is never read as a number. At a split that needs it the walk
// descends both children and weights each by its share of the training rows that reached the
// node, so the sample is scored on the features it has; a split that does not use the feature is
// unaffected. A hyperplane split needs every feature with a non-zero normal component.
class IsolationForest
{
public:
    // Trains on `rows`, row-major (rowCount x featureCount, finite values). On failure returns
    // nullopt and sets *error.
    [[nodiscard]] static std::optional<IsolationForest> train(std::span<const double> rows,
                                                              int featureCount,
                                                              const IsolationForestParams &params,
                                                              std::string *error);
    // Rebuilds a forest from arrays (a model file, a previous arrays() call), validating them
    // fully first; refuses bad input with a message in *error.
    [[nodiscard]] static std::optional<IsolationForest> fromArrays(ForestArrays arrays,
                                                                   std::string *error);
    // A forest exported from scikit-learn, scored exactly as its score_samples (negated).
    [[nodiscard]] static std::optional<IsolationForest> fromScikitLearn(const SklearnForest &forest,
                                                                        std::string *error);

    // What a model file stores; fromArrays(arrays()) gives a forest that scores identically.
    [[nodiscard]] const ForestArrays &arrays() const { return m_arrays; }
    [[nodiscard]] int featureCount() const { return m_arrays.featureCount; }
    [[nodiscard]] int treeCount() const { return m_arrays.treeCount(); }
    [[nodiscard]] int sampleSize() const { return m_arrays.sampleSize; }

    // Score of one sample of featureCount() values. Does not allocate.
    [[nodiscard]] double score(std::span<const double> sample) const;
    // Mean path length E[h] over the trees for one sample. Does not allocate.
    [[nodiscard]] double meanPathLength(std::span<const double> sample) const;
    // Scores row-major samples into `scores` (one per row), bit for bit equal to score() on each
    // row, interleaving several samples per tree to hide memory latency.
    void scoreBatch(std::span<const double> rows, std::span<double> scores) const;

private:
    // Scoring layout: see ScoringNode.
    using Node = ScoringNode;
    // Trees walked together by score(): enough independent loads to cover the L2 latency of a
    // step (8 lanes measured ~1.15 us per sample, 16 lanes ~0.95 us, 100 trees, psi 256).
    static constexpr std::size_t kLanes = 16;

    explicit IsolationForest(ForestArrays arrays);
    void buildScoringLayout();

    [[nodiscard]] double scoreFromSum(double sum) const;
    [[nodiscard]] double pathSum(const double *x) const;
    [[nodiscard]] double axisPathSum(const double *x) const;
    [[nodiscard]] double walkWithMissing(std::int32_t node, const double *x) const;
    [[nodiscard]] double walkHyperplane(std::int32_t node, const double *x) const;
    // hyperplanewalk.cpp: the walks for samples whose values are all finite.
    [[nodiscard]] bool allFinite(const double *x) const;
    [[nodiscard]] double hyperplanePathSum(const double *x) const;
    void hyperplaneBatch(std::span<const double> rows, std::span<double> scores) const;
    void buildBatchLayout();
    void batchBlock(const double *block, std::size_t count, double *sums) const;

    ForestArrays m_arrays;
    std::vector<Node> m_nodes;
    std::vector<double> m_leafValue;       // depth + c(size) at leaves, 0 elsewhere
    std::vector<double> m_leftShare;       // training-row share of the left child
    std::vector<double> m_normal;          // hyperplane forests, featureCount per scoring node
    std::vector<std::int32_t> m_roots;     // per tree, padded to a lane multiple with m_zeroLeaf
    std::vector<std::int32_t> m_depth;     // per padded tree: steps from root to deepest leaf
    std::vector<std::int32_t> m_laneDepth; // per group of kLanes trees: their deepest
    // scoreBatch()'s layout when every tree is shallow enough for it.
    std::optional<HeapForest> m_heap;
    double m_denominator = 0; // trees * c(psi)
    bool m_float32 = false;
    bool m_hyperplane = false;
};

} // namespace fw::detect
