#include "historychunk.h"

#include <algorithm>
#include <cmath>

namespace fw {

namespace {

// Splits [lo, hi) of level 0 into runs that each lie within one level: the unaligned head and
// tail are visited at the finer level, whole buckets one level up. Calls fold(level, lo, hi).
template<typename Fold>
void decompose(std::size_t lo, std::size_t hi, Fold &&fold)
{
    constexpr std::size_t mask = HistoryChunk::kFan - 1;
    for (int level = 0; lo < hi; ++level) {
        const std::size_t loUp = (lo + mask) & ~mask;
        const std::size_t hiDown = hi & ~mask;
        if (level == HistoryChunk::kLevels || loUp >= hiDown) {
            fold(level, lo, hi);
            return;
        }
        fold(level, lo, loUp);
        fold(level, hiDown, hi);
        lo = loUp >> HistoryChunk::kFanShift;
        hi = hiDown >> HistoryChunk::kFanShift;
    }
}

} // namespace

HistoryChunk::HistoryChunk(int channelCount)
    : m_channelCount(channelCount)
    , m_t(kSamples)
    , m_values(kSamples * std::size_t(channelCount))
    , m_severity(kSamples)
    , m_minMax(2 * kPyramidSize * std::size_t(channelCount))
    , m_severityMax(kPyramidSize)
    , m_blame(kSamples * std::size_t(channelCount))
    , m_blameMax(kPyramidSize * std::size_t(channelCount))
{
    static_assert(kPyramidSize == levelOffset(kLevels + 1));
}

std::size_t HistoryChunk::memoryBytes() const
{
    return sizeof(*this) + m_t.capacity() * sizeof(double) + m_values.capacity() * sizeof(double)
           + m_severity.capacity() + m_minMax.capacity() * sizeof(double) + m_severityMax.capacity()
           + m_blame.capacity() + m_blameMax.capacity();
}

std::size_t HistoryChunk::bytesFor(int channelCount)
{
    const auto channels = std::size_t(channelCount);
    return sizeof(HistoryChunk) + kSamples * (sizeof(double) + 1 + channels * (sizeof(double) + 1))
           + kPyramidSize * (1 + channels * (2 * sizeof(double) + 1));
}

void HistoryChunk::append(double t, std::span<const double> rowValues)
{
    const std::size_t offset = m_size;
    m_t[offset] = t;
    m_severity[offset] = 0;
    for (int level = 1; level <= kLevels; ++level) {
        const std::size_t bucketMask = (std::size_t(1) << (kFanShift * level)) - 1;
        if ((offset & bucketMask) == 0) {
            m_severityMax[levelOffset(level) + (offset >> (kFanShift * level))] = 0;
        }
    }
    for (int channel = 0; channel < m_channelCount; ++channel) {
        const double raw = rowValues[std::size_t(channel)];
        const double v = std::isfinite(raw) ? raw : std::nan("");
        m_values[std::size_t(channel) * kSamples + offset] = v;
        m_blame[std::size_t(channel) * kSamples + offset] = 0;
        std::uint8_t *blame = m_blameMax.data() + std::size_t(channel) * kPyramidSize;
        double *pyramid = m_minMax.data() + 2 * std::size_t(channel) * kPyramidSize;
        for (int level = 1; level <= kLevels; ++level) {
            const int shift = kFanShift * level;
            double *bucket = pyramid + 2 * (levelOffset(level) + (offset >> shift));
            if ((offset & ((std::size_t(1) << shift) - 1)) == 0) {
                bucket[0] = std::numeric_limits<double>::infinity();
                bucket[1] = -std::numeric_limits<double>::infinity();
                blame[levelOffset(level) + (offset >> shift)] = 0;
            }
            // NaN compares false, so a missing value leaves the bucket as it was.
            if (v < bucket[0]) {
                bucket[0] = v;
            }
            if (v > bucket[1]) {
                bucket[1] = v;
            }
        }
    }
    ++m_size;
}

void HistoryChunk::setSeverity(std::size_t offset, std::uint8_t severity)
{
    m_severity[offset] = std::max(m_severity[offset], severity);
    for (int level = 1; level <= kLevels; ++level) {
        std::uint8_t &bucket = m_severityMax[levelOffset(level) + (offset >> (kFanShift * level))];
        bucket = std::max(bucket, severity);
    }
}

void HistoryChunk::setBlame(std::size_t offset, int channel, std::uint8_t severity)
{
    std::uint8_t &own = m_blame[std::size_t(channel) * kSamples + offset];
    own = std::max(own, severity);
    std::uint8_t *pyramid = m_blameMax.data() + std::size_t(channel) * kPyramidSize;
    for (int level = 1; level <= kLevels; ++level) {
        std::uint8_t &bucket = pyramid[levelOffset(level) + (offset >> (kFanShift * level))];
        bucket = std::max(bucket, severity);
    }
}

void HistoryChunk::reduce(int channel, std::size_t lo, std::size_t hi, Extent &extent) const
{
    const double *raw = m_values.data() + std::size_t(channel) * kSamples;
    const double *pyramid = m_minMax.data() + 2 * std::size_t(channel) * kPyramidSize;
    const std::uint8_t *rawBlame = m_blame.data() + std::size_t(channel) * kSamples;
    const std::uint8_t *blamePyramid = m_blameMax.data() + std::size_t(channel) * kPyramidSize;
    decompose(lo, hi, [&](int level, std::size_t from, std::size_t to) {
        if (level == 0) {
            for (std::size_t i = from; i < to; ++i) {
                extent.min = raw[i] < extent.min ? raw[i] : extent.min;
                extent.max = raw[i] > extent.max ? raw[i] : extent.max;
                extent.severity = std::max(extent.severity, m_severity[i]);
                extent.blame = std::max(extent.blame, rawBlame[i]);
            }
            return;
        }
        const double *buckets = pyramid + 2 * levelOffset(level);
        const std::uint8_t *severity = m_severityMax.data() + levelOffset(level);
        const std::uint8_t *blame = blamePyramid + levelOffset(level);
        for (std::size_t i = from; i < to; ++i) {
            extent.min = std::min(extent.min, buckets[2 * i]);
            extent.max = std::max(extent.max, buckets[2 * i + 1]);
            extent.severity = std::max(extent.severity, severity[i]);
            extent.blame = std::max(extent.blame, blame[i]);
        }
    });
}

} // namespace fw
