#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace fw::detect {

// The q-quantile (0 ≤ q ≤ 1) of sorted values, interpolated linearly; 0 for none.
[[nodiscard]] double sortedQuantile(const std::vector<double> &sorted, double q);

// A robust spread of sorted finite values: 1.4826 × MAD (the standard deviation for Gaussian
// data), else IQR / 1.349 for quantized sensors whose MAD is zero (a flow reading of 32 with the
// odd 31), else the standard deviation; 0 when the values never moved. Callers choose their own
// floor for that case.
[[nodiscard]] double robustSpread(const std::vector<double> &sorted);

// A channel's size, which shares of it (floors, resolutions) are taken of: the 95th percentile of
// the absolute finite values, or 1 when that is 0 or there are none.
[[nodiscard]] double magnitudeOf(std::span<const double> values);

// Centres each feature on its training median and divides by robustSpread(), so one outlier in
// the training rows does not set the scale; a feature that never moved gets scale 1. Missing
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
