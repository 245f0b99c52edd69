#pragma once

#include "detect/detectorworker.h"
#include "telemetry/sampleblock.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace fw::plottest {

// n samples from t0 every dt seconds; value(row, channel) gives each value (NaN = missing).
inline std::shared_ptr<SampleBlock> makeBlock(int channels, double t0, double dt, std::size_t n,
                                              const std::function<double(std::size_t, int)> &value,
                                              std::int64_t firstSeq = 0)
{
    auto block = std::make_shared<SampleBlock>(channels);
    block->reserve(n);
    std::vector<double> row(std::size_t(channels), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        for (int c = 0; c < channels; ++c) {
            row[std::size_t(c)] = value(i, c);
        }
        block->append(t0 + double(i) * dt, firstSeq + std::int64_t(i), row);
    }
    return block;
}

// The detector's answer to block, one severity per row; samples names the block unless null.
inline ResultBlock makeResults(const SampleBlockPtr &block,
                               const std::vector<detect::Severity> &severities, bool withSamples)
{
    ResultBlock results;
    results.t = block->times();
    results.seq = block->seqs();
    results.results.channels = block->channelCount();
    results.results.severity = severities;
    results.results.score.assign(severities.size(), 0.5);
    results.results.confidence.assign(severities.size(), 0.5);
    if (withSamples) {
        results.samples = block;
    }
    return results;
}

// The same, with every anomalous row attributed wholly to one channel.
inline ResultBlock makeResults(const SampleBlockPtr &block,
                               const std::vector<detect::Severity> &severities, int blamed)
{
    ResultBlock results = makeResults(block, severities, true);
    const auto width = std::size_t(block->channelCount());
    results.results.attribution.assign(severities.size() * width, 0.0);
    results.results.guardFlags.assign(severities.size() * width, detect::GuardFlag::Within);
    for (std::size_t row = 0; row < severities.size(); ++row) {
        if (severities[row] != detect::Severity::None) {
            results.results.attribution[row * width + std::size_t(blamed)] = 1.0;
        }
    }
    return results;
}

} // namespace fw::plottest
