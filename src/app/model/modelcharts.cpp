#include "modelcharts.h"

#include "detect/detectorworker.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace fw {

std::vector<HistogramBin> histogram(std::span<const double> sorted, int bins)
{
    if (sorted.empty() || bins < 1) {
        return {};
    }
    const double low = sorted.front();
    const double high = sorted.back();
    if (!(high > low)) {
        return {{low, high, int(sorted.size())}};
    }
    const double width = (high - low) / bins;
    std::vector<HistogramBin> out(std::size_t(bins), HistogramBin{});
    for (int b = 0; b < bins; ++b) {
        out[std::size_t(b)].low = low + b * width;
        out[std::size_t(b)].high = b + 1 == bins ? high : low + (b + 1) * width;
    }
    for (const double score : sorted) {
        const int b = std::clamp(int((score - low) / width), 0, bins - 1);
        ++out[std::size_t(b)].count;
    }
    return out;
}

std::optional<double> scoreForConfidence(std::span<const double> sorted, double confidence)
{
    const auto n = std::ptrdiff_t(sorted.size());
    if (n == 0) {
        return std::nullopt;
    }
    // The tolerance keeps 0.995 · 1000 from reading as 4.999… and losing a whole score.
    const double most = (1.0 - confidence) * double(n + 1) - 1.0;
    const auto m = std::ptrdiff_t(std::floor(most + 1e-9));
    if (m < 0) {
        return std::nullopt;
    }
    if (m >= n) {
        return sorted.front();
    }
    return sorted[std::size_t(n - 1 - m)];
}

void SessionTally::setLabels(LabelTrack labels)
{
    m_labels = std::move(labels);
    m_confusion = {};
    m_precision.clear();
    m_recall.clear();
}

void SessionTally::add(const ResultBlock &results)
{
    const detect::DetectionResults &r = results.results;
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (r.raisedNow[i] != 0 && std::isfinite(results.t[i])) {
            const auto hour = std::int64_t(std::floor(results.t[i] / 3600.0)) * 3600;
            ++m_perHour[hour];
        }
        if (std::isfinite(r.score[i])) {
            m_newestScore = r.score[i];
        }
    }
    if (!m_labels || results.size() == 0) {
        return;
    }
    const std::vector<double> labels = labelsAt(*m_labels, results.t);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (!std::isnan(labels[i]) && std::isfinite(r.score[i])) {
            m_confusion.add(r.alarm[i] != 0, labels[i] != 0);
        }
    }
    const double t = results.t.back();
    if (const double p = m_confusion.precision(); !std::isnan(p)) {
        m_precision.emplace_back(t, p);
    }
    if (const double q = m_confusion.recall(); !std::isnan(q)) {
        m_recall.emplace_back(t, q);
    }
    thin();
}

void SessionTally::clear()
{
    m_perHour.clear();
    m_confusion = {};
    m_precision.clear();
    m_recall.clear();
    m_newestScore = std::numeric_limits<double>::quiet_NaN();
}

void SessionTally::thin()
{
    // Every other point goes, the newest stays: the curve keeps its shape at a bounded cost.
    for (std::vector<QPointF> *series : {&m_precision, &m_recall}) {
        if (series->size() <= std::size_t(kMaxPoints)) {
            continue;
        }
        std::vector<QPointF> kept;
        kept.reserve(series->size() / 2 + 1);
        for (std::size_t i = (series->size() - 1) % 2; i < series->size(); i += 2) {
            kept.push_back((*series)[i]);
        }
        *series = std::move(kept);
    }
}

void ChannelTrace::follow(int channel, int window)
{
    m_channel = channel;
    m_window = std::max(1, window);
    m_recent.clear();
    m_values.clear();
    m_means.clear();
}

void ChannelTrace::add(const SampleBlock &block)
{
    if (m_channel < 0 || m_channel >= block.channelCount()) {
        return;
    }
    for (std::size_t row = 0; row < block.size(); ++row) {
        const double t = block.t(row);
        const double value = block.value(row, m_channel);
        if (!std::isfinite(t) || !std::isfinite(value)) {
            continue;
        }
        m_recent.push_back(value);
        if (m_recent.size() > std::size_t(m_window)) {
            m_recent.pop_front();
        }
        if (!m_values.empty() && t < m_values.back().x() + kSpacingS) {
            continue;
        }
        m_values.emplace_back(t, value);
        // Summed afresh: a running sum drifts over hours of samples.
        const double sum = std::accumulate(m_recent.begin(), m_recent.end(), 0.0);
        m_means.emplace_back(t, sum / double(m_recent.size()));
    }
    while (!m_values.empty() && m_values.back().x() - m_values.front().x() > kSpanS) {
        m_values.pop_front();
        m_means.pop_front();
    }
}

} // namespace fw
