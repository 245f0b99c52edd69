#include "detect/foresttrainer.h"

#include "detect/forestrng.h"
#include "detect/isolationforest.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace fw::detect {

namespace {

// Grows one tree from the rows of `sample` (psi x d, row-major), appending its nodes to the
// forest's arrays with indices relative to the tree.
class TreeGrower
{
public:
    TreeGrower(const IsolationForestParams &params, int featureCount, std::vector<double> sample,
               std::uint64_t seed, ForestArrays *out)
        : m_params(params)
        , m_d(std::size_t(featureCount))
        , m_sample(std::move(sample))
        , m_rows(m_sample.size() / m_d)
        , m_rng(seed)
        , m_out(out)
        , m_base(out->childLeft.size())
        , m_lo(m_d)
        , m_hi(m_d)
    {
        std::iota(m_rows.begin(), m_rows.end(), std::size_t(0));
        while ((std::size_t(1) << m_heightLimit) < m_rows.size()) {
            ++m_heightLimit;
        }
    }

    void grow()
    {
        const std::size_t root = addNode(m_rows.size());
        split(root, 0, m_rows.size(), 0);
    }

private:
    [[nodiscard]] const double *row(std::size_t r) const { return m_sample.data() + r * m_d; }

    std::size_t addNode(std::size_t size)
    {
        ForestArrays &a = *m_out;
        a.childLeft.push_back(-1);
        a.childRight.push_back(-1);
        a.feature.push_back(-1);
        a.threshold.push_back(0);
        a.nodeSize.push_back(std::int32_t(size));
        if (m_params.splitKind == SplitKind::Hyperplane) {
            a.normal.resize(a.normal.size() + m_d, 0.0);
        }
        return a.childLeft.size() - m_base - 1;
    }

    // Node bounding box; returns the features that are not constant in it.
    std::vector<std::size_t> boundingBox(std::size_t begin, std::size_t end)
    {
        std::copy_n(row(m_rows[begin]), m_d, m_lo.begin());
        std::copy_n(row(m_rows[begin]), m_d, m_hi.begin());
        for (std::size_t k = begin + 1; k < end; ++k) {
            const double *x = row(m_rows[k]);
            for (std::size_t f = 0; f < m_d; ++f) {
                m_lo[f] = std::min(m_lo[f], x[f]);
                m_hi[f] = std::max(m_hi[f], x[f]);
            }
        }
        std::vector<std::size_t> varying;
        for (std::size_t f = 0; f < m_d; ++f) {
            if (m_lo[f] < m_hi[f]) {
                varying.push_back(f);
            }
        }
        return varying;
    }

    // Uniform in [lo, hi) for lo < hi, computed so that a huge range cannot overflow.
    double uniformIn(double lo, double hi)
    {
        const double u = m_rng.uniform();
        double v = std::isfinite(hi - lo) ? lo + u * (hi - lo) : lo * (1.0 - u) + hi * u;
        // Rounding can land on hi, which would send every row left.
        if (v >= hi) {
            v = std::nextafter(hi, lo);
        }
        return std::max(v, lo);
    }

    void split(std::size_t node, std::size_t begin, std::size_t end, int depth)
    {
        if (end - begin <= 1 || depth >= m_heightLimit) {
            return;
        }
        std::vector<std::size_t> varying = boundingBox(begin, end);
        if (varying.empty()) {
            return; // all rows identical
        }
        ForestArrays &a = *m_out;
        const std::size_t at = m_base + node;
        std::size_t middle = begin;
        if (m_params.splitKind == SplitKind::AxisParallel) {
            const std::size_t f = varying[std::size_t(m_rng.below(varying.size()))];
            const double threshold = uniformIn(m_lo[f], m_hi[f]);
            a.feature[at] = std::int32_t(f);
            a.threshold[at] = threshold;
            middle
                = std::size_t(std::partition(m_rows.begin() + std::ptrdiff_t(begin),
                                             m_rows.begin() + std::ptrdiff_t(end),
                                             [&](std::size_t r) { return row(r)[f] <= threshold; })
                              - m_rows.begin());
        } else {
            double *normal = a.normal.data() + at * m_d;
            drawNormal(varying, normal);
            double offset = 0;
            for (std::size_t f = 0; f < m_d; ++f) {
                // The intercept p is drawn in every dimension of the box; only p . normal is kept.
                const double p = m_lo[f] < m_hi[f] ? uniformIn(m_lo[f], m_hi[f]) : m_lo[f];
                if (normal[f] != 0) {
                    offset += normal[f] * p;
                }
            }
            a.threshold[at] = offset;
            const int d = int(m_d);
            middle = std::size_t(
                std::partition(
                    m_rows.begin() + std::ptrdiff_t(begin), m_rows.begin() + std::ptrdiff_t(end),
                    [&](std::size_t r) { return projectOnNormal(normal, row(r), d) <= offset; })
                - m_rows.begin());
        }
        // Both children together so a tree's nodes read in allocation order stay compact; a
        // hyperplane may leave one side empty, which then is a leaf of size 0 (Hariri et al.).
        const std::size_t left = addNode(middle - begin);
        const std::size_t right = addNode(end - middle);
        a.childLeft[at] = std::int32_t(left);
        a.childRight[at] = std::int32_t(right);
        split(left, begin, middle, depth + 1);
        split(right, middle, end, depth + 1);
    }

    // Gaussian components on (extension level + 1) of the features that vary in the node, the
    // rest zero: a uniformly random direction in that subspace.
    void drawNormal(std::vector<std::size_t> &varying, double *normal)
    {
        const std::size_t wanted
            = m_params.extensionLevel < 0
                  ? varying.size()
                  : std::min(varying.size(), std::size_t(m_params.extensionLevel) + 1);
        // Partial Fisher-Yates: the first `wanted` entries become a uniform random subset.
        for (std::size_t k = 0; k < wanted; ++k) {
            const std::size_t j = k + std::size_t(m_rng.below(varying.size() - k));
            std::swap(varying[k], varying[j]);
        }
        bool nonZero = false;
        while (!nonZero) {
            for (std::size_t k = 0; k < wanted; ++k) {
                normal[varying[k]] = m_rng.normal();
                nonZero = nonZero || normal[varying[k]] != 0;
            }
        }
    }

    const IsolationForestParams &m_params;
    std::size_t m_d;
    std::vector<double> m_sample;
    std::vector<std::size_t> m_rows;
    ForestRng m_rng;
    ForestArrays *m_out;
    std::size_t m_base;
    int m_heightLimit = 0;
    std::vector<double> m_lo;
    std::vector<double> m_hi;
};

bool fail(std::string *error, std::string message)
{
    if (error) {
        *error = std::move(message);
    }
    return false;
}

bool checkInput(std::span<const double> rows, int featureCount, const IsolationForestParams &params,
                std::string *error)
{
    if (featureCount < 1) {
        return fail(error, "feature count must be at least 1");
    }
    const std::size_t d = std::size_t(featureCount);
    if (rows.empty() || rows.size() % d != 0) {
        return fail(error, "training data must hold a positive whole number of rows");
    }
    if (rows.size() / d > std::size_t(std::numeric_limits<std::int32_t>::max())) {
        return fail(error, "too many training rows");
    }
    if (params.treeCount < 1 || params.sampleSize < 1) {
        return fail(error, "tree count and sample size must be at least 1");
    }
    if (params.extensionLevel < -1 || params.extensionLevel >= featureCount) {
        return fail(error, "extension level must be -1 or in [0, feature count)");
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!std::isfinite(rows[i])) {
            return fail(error, "training row " + std::to_string(i / d) + " feature "
                                   + std::to_string(i % d) + " is not finite");
        }
    }
    return true;
}

} // namespace

std::optional<ForestArrays> trainForestArrays(std::span<const double> rows, int featureCount,
                                              const IsolationForestParams &params,
                                              std::string *error)
{
    if (!checkInput(rows, featureCount, params, error)) {
        return std::nullopt;
    }
    const std::size_t d = std::size_t(featureCount);
    const std::size_t rowCount = rows.size() / d;
    const std::size_t psi = std::min(rowCount, std::size_t(params.sampleSize));

    ForestArrays a;
    a.featureCount = featureCount;
    a.sampleSize = int(psi);
    a.splitKind = params.splitKind;
    a.pathLength = params.pathLength;
    a.precision = InputPrecision::Double;
    a.treeOffsets.push_back(0);

    std::vector<std::size_t> order(rowCount);
    for (int t = 0; t < params.treeCount; ++t) {
        ForestRng pick(ForestRng::treeSeed(params.seed, 2 * std::uint64_t(t)));
        // psi rows without replacement: a partial Fisher-Yates over a fresh identity order, so
        // each tree depends on the seed and its index only.
        std::iota(order.begin(), order.end(), std::size_t(0));
        std::vector<double> sample(psi * d);
        for (std::size_t k = 0; k < psi; ++k) {
            const std::size_t j = k + std::size_t(pick.below(rowCount - k));
            std::swap(order[k], order[j]);
            std::copy_n(rows.data() + order[k] * d, d, sample.data() + k * d);
        }
        TreeGrower grower(params, featureCount, std::move(sample),
                          ForestRng::treeSeed(params.seed, 2 * std::uint64_t(t) + 1), &a);
        grower.grow();
        a.treeOffsets.push_back(std::int32_t(a.childLeft.size()));
    }
    return a;
}

} // namespace fw::detect
