#include "calibration.h"

#include <algorithm>

namespace fw::detect {

Calibration::Calibration(std::vector<double> scores)
    : m_sorted(std::move(scores))
{
    std::sort(m_sorted.begin(), m_sorted.end());
}

double Calibration::pValue(double score) const
{
    // Scores at or above `score` are those from lower_bound on: ties count as at least as strange.
    const auto atLeast
        = std::size_t(m_sorted.end() - std::lower_bound(m_sorted.begin(), m_sorted.end(), score));
    return double(1 + atLeast) / double(m_sorted.size() + 1);
}

double Calibration::maxConfidence() const
{
    return double(m_sorted.size()) / double(m_sorted.size() + 1);
}

} // namespace fw::detect
