#pragma once

#include "service/labels.h"
#include "telemetry/sampleblock.h"

#include <QPointF>

#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <vector>

namespace fw {

struct ResultBlock;

// What the Model view draws, computed apart from the charts so tests can check it against a model
// file without reading pixels.

struct HistogramBin
{
    double low = 0;
    double high = 0;
    int count = 0;
};

// Equal-width bins over [front, back] of sorted scores; the last bin includes its upper edge.
// All scores equal: one bin. Empty input: no bins.
[[nodiscard]] std::vector<HistogramBin> histogram(std::span<const double> sorted, int bins);

// The forest score above which conformal confidence reaches `confidence` against these sorted
// calibration scores: scores strictly above it have at most (1 − confidence)(n + 1) − 1
// calibration scores at or above them. nullopt when n scores cannot express that confidence.
[[nodiscard]] std::optional<double> scoreForConfidence(std::span<const double> sorted,
                                                       double confidence);

// Alarms raised per hour of source time, and, with labels, precision and recall as they ran.
class SessionTally
{
public:
    static constexpr int kMaxPoints = 2000; // precision/recall points kept; older ones thinned

    void setLabels(LabelTrack labels);
    [[nodiscard]] bool hasLabels() const { return m_labels.has_value(); }
    void add(const ResultBlock &results);
    void clear();

    // Hour start (source time, seconds since the epoch, a multiple of 3600) → alarms raised.
    [[nodiscard]] const std::map<std::int64_t, int> &alarmsPerHour() const { return m_perHour; }
    [[nodiscard]] const Confusion &confusion() const { return m_confusion; }
    // x: source time in seconds; y: the running rate, once defined.
    [[nodiscard]] const std::vector<QPointF> &precision() const { return m_precision; }
    [[nodiscard]] const std::vector<QPointF> &recall() const { return m_recall; }
    [[nodiscard]] double newestScore() const { return m_newestScore; }

private:
    void thin();

    std::optional<LabelTrack> m_labels;
    std::map<std::int64_t, int> m_perHour;
    Confusion m_confusion;
    std::vector<QPointF> m_precision;
    std::vector<QPointF> m_recall;
    double m_newestScore = std::numeric_limits<double>::quiet_NaN();
};

// The last minute of one channel as the guard sees it: the raw value and its rolling mean over
// the guard's window, at most one point per kSpacingS of source time so a fast stream costs the
// chart no more than a slow one.
class ChannelTrace
{
public:
    static constexpr double kSpanS = 60;
    static constexpr double kSpacingS = 0.02;

    // Forgets the trace; channel −1 follows none.
    void follow(int channel, int window);
    void add(const SampleBlock &block);
    [[nodiscard]] int channel() const { return m_channel; }
    // x: source time in seconds.
    [[nodiscard]] const std::deque<QPointF> &values() const { return m_values; }
    [[nodiscard]] const std::deque<QPointF> &means() const { return m_means; }

private:
    int m_channel = -1;
    int m_window = 1;
    std::deque<double> m_recent; // the last window's finite values
    std::deque<QPointF> m_values;
    std::deque<QPointF> m_means;
};

} // namespace fw
