// The walks of a hyperplane (extended) forest for samples with every value finite: several
// trees (score()) or several samples (scoreBatch()) at once, each a fixed number of steps, so
// the dot products of independent walks overlap in the pipeline instead of waiting on each other.
#include "detect/isolationforest.h"

#include <cmath>

namespace fw::detect {

namespace {

// Samples walked together per tree by scoreBatch().
constexpr std::size_t kSampleLanes = 8;

// normal . x over every feature, zero components included. For finite x a zero component adds
// +0 or -0, which leaves any sum unchanged (and the sum starts at +0, so it is never -0), so
// this is projectOnNormal() bit for bit without its branch. An infinite x would add 0 * inf =
// NaN: callers check first.
inline double denseDot(const double *normal, const double *x, std::size_t d)
{
    double dot = 0;
    for (std::size_t f = 0; f < d; ++f) {
        dot += normal[f] * x[f];
    }
    return dot;
}

} // namespace

bool IsolationForest::allFinite(const double *x) const
{
    bool finite = true;
    for (int f = 0; f < featureCount(); ++f) {
        finite = finite && std::isfinite(x[f]);
    }
    return finite;
}

// A leaf of the scoring layout has a zero normal and a threshold of +inf, so a step from it
// stays on it: each group of trees takes as many steps as its deepest leaf needs. Sums in tree
// order, like walkHyperplane() over the trees (the padding trees add an exact +0).
double IsolationForest::hyperplanePathSum(const double *x) const
{
    const auto d = std::size_t(featureCount());
    double sum = 0;
    for (std::size_t g = 0; g < m_roots.size(); g += kLanes) {
        std::int32_t at[kLanes];
        for (std::size_t l = 0; l < kLanes; ++l) {
            at[l] = m_roots[g + l];
        }
        const std::int32_t steps = m_laneDepth[g / kLanes];
        for (std::int32_t s = 0; s < steps; ++s) {
            for (std::size_t l = 0; l < kLanes; ++l) {
                const Node &n = m_nodes[std::size_t(at[l])];
                const double dot = denseDot(m_normal.data() + std::size_t(at[l]) * d, x, d);
                at[l] = n.left + std::int32_t(!(dot <= n.threshold));
            }
        }
        for (std::size_t l = 0; l < kLanes; ++l) {
            sum += m_leafValue[std::size_t(at[l])];
        }
    }
    return sum;
}

void IsolationForest::hyperplaneBatch(std::span<const double> rows, std::span<double> scores) const
{
    const auto d = std::size_t(featureCount());
    const std::size_t count = std::min(rows.size() / d, scores.size());
    std::size_t index[kSampleLanes];
    std::size_t ready = 0;
    const auto walkGroup = [&] {
        double sums[kSampleLanes] = {};
        std::int32_t at[kSampleLanes];
        for (int t = 0; t < treeCount(); ++t) {
            for (std::size_t l = 0; l < ready; ++l) {
                at[l] = m_roots[std::size_t(t)];
            }
            for (std::int32_t s = 0; s < m_depth[std::size_t(t)]; ++s) {
                for (std::size_t l = 0; l < ready; ++l) {
                    const Node &n = m_nodes[std::size_t(at[l])];
                    const double dot = denseDot(m_normal.data() + std::size_t(at[l]) * d,
                                                rows.data() + index[l] * d, d);
                    at[l] = n.left + std::int32_t(!(dot <= n.threshold));
                }
            }
            for (std::size_t l = 0; l < ready; ++l) {
                sums[l] += m_leafValue[std::size_t(at[l])];
            }
        }
        for (std::size_t l = 0; l < ready; ++l) {
            scores[index[l]] = scoreFromSum(sums[l]);
        }
        ready = 0;
    };
    for (std::size_t i = 0; i < count; ++i) {
        const double *x = rows.data() + i * d;
        if (!allFinite(x)) {
            scores[i] = scoreFromSum(pathSum(x));
            continue;
        }
        index[ready++] = i;
        if (ready == kSampleLanes) {
            walkGroup();
        }
    }
    if (ready > 0) {
        walkGroup();
    }
}

} // namespace fw::detect
