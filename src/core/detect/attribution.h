#pragma once

#include "detect/forestarrays.h"

#include <memory>
#include <span>
#include <vector>

namespace fw::detect {

// Which channel a forest score comes from. Every split on a sample's path through a tree cuts
// the training rows it still shares a node with from size(node) to size(child): log2 of that
// ratio is the bits of isolation the split bought, and it is credited to the split's feature
// (on a hyperplane, to its features in proportion to |normal_f · x_f|). The bits of a path add
// up to log2(psi / leaf size), so a sample isolated in three splits by one far-out channel puts
// nearly all its credit on that channel, while a nominal sample's credit spreads over all of
// them. Features are mapped to their channel (a rolling mean of voltage counts as voltage) and
// the credits normalised to shares that sum to 1.
//
// A split whose feature is missing earns no credit; the walk follows the larger child.
class Attribution
{
public:
    Attribution() = default;
    // featureChannel: the channel of each feature; channels: how many there are.
    Attribution(std::shared_ptr<const ForestArrays> forest, std::vector<int> featureChannel,
                int channels);

    // Writes one share per channel into out (channels() values), summing to 1. When no split
    // earned credit (every tree a single leaf, or every split on a missing feature) the shares
    // are equal. Allocation-free.
    void shares(std::span<const double> features, std::span<double> out) const;

    [[nodiscard]] int channels() const { return m_channels; }

private:
    void creditHyperplane(std::size_t node, const double *x, double bits, double *credit) const;

    std::shared_ptr<const ForestArrays> m_forest;
    std::vector<int> m_featureChannel;
    // Per node: log2(size(parent) / size(node)), 0 at roots. Shared by copies, as the forest is:
    // a fleet's detectors (one per stream) copy their Attribution.
    std::shared_ptr<const std::vector<double>> m_bits;
    int m_channels = 0;
};

} // namespace fw::detect
