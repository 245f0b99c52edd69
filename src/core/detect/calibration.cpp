#include "calibration.h"

#include <algorithm>
#include <cmath>

namespace fw::detect {

Calibration::Calibration(std::vector<double> scores)
    : m_sorted(std::move(scores))
{
    std::sort(m_sorted.begin(), m_sorted.end());
    if (m_sorted.size() < kBuckets || !std::isfinite(m_sorted.front())
        || !std::isfinite(m_sorted.back()) || !(m_sorted.back() > m_sorted.front())) {
        return; // a plain binary search is as quick, or the only exact one
    }
    m_low = m_sorted.front();
    m_bucketsPerUnit = double(kBuckets) / (m_sorted.back() - m_sorted.front());
    // bucketOf() is monotone, so every score in an earlier bucket than a query's lies below it
    // and every score in a later one above: the query's lower_bound lies within its bucket.
    m_bucketStart.assign(kBuckets + 1, m_sorted.size());
    std::size_t bucket = 0;
    for (std::size_t i = 0; i < m_sorted.size(); ++i) {
        const std::size_t b = bucketOf(m_sorted[i]);
        while (bucket <= b) {
            m_bucketStart[bucket++] = i;
        }
    }
}

std::size_t Calibration::bucketOf(double score) const
{
    const double at = std::floor((score - m_low) * m_bucketsPerUnit);
    if (at <= 0) {
        return 0;
    }
    return at < double(kBuckets) ? std::size_t(at) : kBuckets - 1; // +inf too
}

double Calibration::pValue(double score) const
{
    if (std::isnan(score)) {
        return 1.0; // nothing to judge: as if every calibration score were at least as strange
    }
    // Scores at or above `score` are those from lower_bound on: ties count as at least as strange.
    auto first = m_sorted.begin();
    auto last = m_sorted.end();
    if (!m_bucketStart.empty()) {
        const std::size_t b = bucketOf(score);
        first += std::ptrdiff_t(m_bucketStart[b]);
        last = m_sorted.begin() + std::ptrdiff_t(m_bucketStart[b + 1]);
    }
    const auto atLeast = std::size_t(m_sorted.end() - std::lower_bound(first, last, score));
    return double(1 + atLeast) / double(m_sorted.size() + 1);
}

double Calibration::maxConfidence() const
{
    return double(m_sorted.size()) / double(m_sorted.size() + 1);
}

} // namespace fw::detect
