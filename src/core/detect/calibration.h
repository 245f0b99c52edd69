#pragma once

#include <cstddef>
#include <vector>

namespace fw::detect {

// Conformal calibration: anomaly scores of held-out nominal data, sorted. A new score's p-value
// is p = (1 + #{calibration ≥ s}) / (n + 1), the share of nominal data at least as strange, and
// confidence = 1 − p. Under exchangeability, confidence ≥ 1 − α happens on nominal data with
// probability at most α, whatever the score's distribution, which is what makes it a trustworthy
// number for operators where the raw forest score is not.
class Calibration
{
public:
    Calibration() = default;
    // Takes scores in any order.
    explicit Calibration(std::vector<double> scores);

    // A NaN score (nothing valid to score) gets p = 1: no confidence at all.
    [[nodiscard]] double pValue(double score) const;
    [[nodiscard]] double confidence(double score) const { return 1.0 - pValue(score); }

    // The largest confidence n calibration scores can express, n / (n + 1): a threshold above it
    // can never be reached, so the forest could never raise an alarm on its own.
    [[nodiscard]] double maxConfidence() const;
    [[nodiscard]] bool canReach(double threshold) const { return maxConfidence() >= threshold; }

    [[nodiscard]] std::size_t size() const { return m_sorted.size(); }
    [[nodiscard]] const std::vector<double> &sortedScores() const { return m_sorted; }

private:
    [[nodiscard]] std::size_t bucketOf(double score) const;

    std::vector<double> m_sorted;
    // m_bucketStart[b]: the first score at or above the low edge of bucket b of kBuckets equal
    // buckets over [front, back]; narrows lower_bound to one bucket's scores.
    std::vector<std::size_t> m_bucketStart;
    double m_low = 0;
    double m_bucketsPerUnit = 0;
    static constexpr std::size_t kBuckets = 4096;
};

} // namespace fw::detect
