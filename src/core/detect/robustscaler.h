#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace fw::detect {

// Centres each feature on its training median and divides by a robust spread, so one outlier in
// the training rows does not set the scale. The spread is 1.4826 × MAD (the standard deviation
// for Gaussian data); a feature whose MAD is zero (quantized sensors: a flow reading of 32 with
// the odd 31) falls back to IQR / 1.349, then to the standard deviation, then to 1. Missing
// values (NaN) are left out of the statistics and stay missing.
class RobustScaler
{
public:
    RobustScaler() = default;
    RobustScaler(std::vector<double> centers, std::vector<double> scales);

    // rows × features, row-major.
    [[nodiscard]] static RobustScaler fit(std::span<const double> data, std::size_t features);

    void transform(std::span<double> row) const;
    [[nodiscard]] std::size_t features() const { return m_centers.size(); }
    [[nodiscard]] const std::vector<double> &centers() const { return m_centers; }
    [[nodiscard]] const std::vector<double> &scales() const { return m_scales; }

private:
    std::vector<double> m_centers;
    std::vector<double> m_scales; // always finite and above zero
};

} // namespace fw::detect
