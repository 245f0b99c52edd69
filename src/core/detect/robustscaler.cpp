#include "robustscaler.h"

#include <algorithm>
#include <cmath>

namespace fw::detect {

double sortedQuantile(const std::vector<double> &sorted, double q)
{
    if (sorted.empty()) {
        return 0;
    }
    const double position = q * double(sorted.size() - 1);
    const auto below = std::size_t(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (position - double(below)) * (sorted[above] - sorted[below]);
}

double magnitudeOf(std::span<const double> values)
{
    std::vector<double> absolute;
    absolute.reserve(values.size());
    for (const double v : values) {
        if (std::isfinite(v)) {
            absolute.push_back(std::abs(v));
        }
    }
    if (absolute.empty()) {
        return 1.0;
    }
    const auto at = absolute.begin() + std::ptrdiff_t(0.95 * double(absolute.size() - 1));
    std::nth_element(absolute.begin(), at, absolute.end());
    return *at > 0 ? *at : 1.0;
}

double robustSpread(const std::vector<double> &sorted)
{
    if (sorted.empty()) {
        return 0;
    }
    const double median = sortedQuantile(sorted, 0.5);
    std::vector<double> deviations(sorted.size());
    std::transform(sorted.begin(), sorted.end(), deviations.begin(),
                   [median](double v) { return std::abs(v - median); });
    std::sort(deviations.begin(), deviations.end());
    const double mad = 1.4826 * sortedQuantile(deviations, 0.5);
    if (mad > 0) {
        return mad;
    }
    const double iqr = (sortedQuantile(sorted, 0.75) - sortedQuantile(sorted, 0.25)) / 1.349;
    if (iqr > 0) {
        return iqr;
    }
    double sum = 0;
    for (const double v : sorted) {
        sum += v;
    }
    const double n = double(sorted.size());
    const double mean = sum / n;
    double squares = 0;
    for (const double v : sorted) {
        squares += (v - mean) * (v - mean);
    }
    return n > 1 ? std::sqrt(squares / (n - 1)) : 0;
}

RobustScaler::RobustScaler(std::vector<double> centers, std::vector<double> scales)
    : m_centers(std::move(centers))
    , m_scales(std::move(scales))
{}

RobustScaler RobustScaler::fit(std::span<const double> data, std::size_t features)
{
    std::vector<double> centers(features, 0.0);
    std::vector<double> scales(features, 1.0);
    const std::size_t rows = features > 0 ? data.size() / features : 0;
    std::vector<double> column;
    column.reserve(rows);
    for (std::size_t f = 0; f < features; ++f) {
        column.clear();
        for (std::size_t r = 0; r < rows; ++r) {
            const double v = data[r * features + f];
            if (std::isfinite(v)) {
                column.push_back(v);
            }
        }
        if (column.empty()) {
            continue;
        }
        std::sort(column.begin(), column.end());
        centers[f] = sortedQuantile(column, 0.5);
        const double spread = robustSpread(column);
        scales[f] = spread > 0 ? spread : 1.0;
    }
    return RobustScaler(std::move(centers), std::move(scales));
}

void RobustScaler::transform(std::span<double> row) const
{
    for (std::size_t f = 0; f < row.size() && f < m_centers.size(); ++f) {
        row[f] = (row[f] - m_centers[f]) / m_scales[f];
    }
}

} // namespace fw::detect
