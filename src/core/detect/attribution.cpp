#include "detect/attribution.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <utility>

namespace fw::detect {

namespace {

// scikit-learn's trees compare float32 inputs; its forests must be walked the same way.
double asCompared(double v, InputPrecision precision)
{
    if (precision == InputPrecision::Float32 && std::fabs(v) <= double(FLT_MAX)) {
        return double(float(v));
    }
    return v;
}

} // namespace

Attribution::Attribution(std::shared_ptr<const ForestArrays> forest,
                         std::vector<int> featureChannel, int channels)
    : m_forest(std::move(forest))
    , m_featureChannel(std::move(featureChannel))
    , m_channels(channels)
{
    const ForestArrays &a = *m_forest;
    auto bits = std::make_shared<std::vector<double>>(std::size_t(a.nodeCount()), 0.0);
    for (int t = 0; t < a.treeCount(); ++t) {
        const auto base = std::size_t(a.treeOffsets[std::size_t(t)]);
        const auto end = std::size_t(a.treeOffsets[std::size_t(t) + 1]);
        for (std::size_t i = base; i < end; ++i) {
            if (a.childLeft[i] < 0) {
                continue;
            }
            const double parent = std::max(1, a.nodeSize[i]);
            for (std::int32_t child : {a.childLeft[i], a.childRight[i]}) {
                const std::size_t c = base + std::size_t(child);
                (*bits)[c] = std::log2(parent / std::max(1, a.nodeSize[c]));
            }
        }
    }
    m_bits = std::move(bits);
}

void Attribution::shares(std::span<const double> features, std::span<double> out) const
{
    std::fill(out.begin(), out.begin() + m_channels, 0.0);
    if (m_forest == nullptr) {
        return;
    }
    const ForestArrays &a = *m_forest;
    const double *x = features.data();
    const bool hyperplane = a.splitKind == SplitKind::Hyperplane;
    const auto d = std::size_t(a.featureCount);
    for (int t = 0; t < a.treeCount(); ++t) {
        const auto base = std::size_t(a.treeOffsets[std::size_t(t)]);
        std::size_t node = base;
        while (a.childLeft[node] >= 0) {
            const std::size_t left = base + std::size_t(a.childLeft[node]);
            const std::size_t right = base + std::size_t(a.childRight[node]);
            double side = 0;
            bool known = true;
            if (hyperplane) {
                const double *normal = a.normal.data() + node * d;
                for (std::size_t f = 0; f < d; ++f) {
                    known = known && (normal[f] == 0 || !std::isnan(x[f]));
                }
                side = known ? projectOnNormal(normal, x, a.featureCount) : 0;
            } else {
                side = asCompared(x[a.feature[node]], a.precision);
                known = !std::isnan(side);
            }
            std::size_t next = 0;
            if (known) {
                next = side <= a.threshold[node] ? left : right;
            } else {
                next = a.nodeSize[left] >= a.nodeSize[right] ? left : right;
            }
            if (known && hyperplane) {
                creditHyperplane(node, x, (*m_bits)[next], out.data());
            } else if (known) {
                out[std::size_t(m_featureChannel[std::size_t(a.feature[node])])] += (*m_bits)[next];
            }
            node = next;
        }
    }
    double total = 0;
    for (int c = 0; c < m_channels; ++c) {
        total += out[std::size_t(c)];
    }
    for (int c = 0; c < m_channels; ++c) {
        out[std::size_t(c)] = total > 0 ? out[std::size_t(c)] / total : 1.0 / m_channels;
    }
}

void Attribution::creditHyperplane(std::size_t node, const double *x, double bits,
                                   double *credit) const
{
    const ForestArrays &a = *m_forest;
    const auto d = std::size_t(a.featureCount);
    const double *normal = a.normal.data() + node * d;
    double weight = 0;
    int used = 0;
    for (std::size_t f = 0; f < d; ++f) {
        weight += std::fabs(normal[f] * x[f]);
        used += normal[f] != 0 ? 1 : 0;
    }
    for (std::size_t f = 0; f < d; ++f) {
        if (normal[f] == 0) {
            continue;
        }
        // A sample at the centre of every feature (all x_f = 0) shares the bits equally.
        const double part = weight > 0 ? std::fabs(normal[f] * x[f]) / weight : 1.0 / used;
        credit[std::size_t(m_featureChannel[f])] += bits * part;
    }
}

} // namespace fw::detect
