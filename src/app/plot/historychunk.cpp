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
    , m_min(kPyramidSize * std::size_t(channelCount))
    , m_max(kPyramidSize * std::size_t(channelCount))
    , m_severityMax(kPyramidSize)
{
    static_assert(kPyramidSize == levelOffset(kLevels + 1));
}

std::size_t HistoryChunk::memoryBytes() const
{
    return sizeof(*this) + m_t.capacity() * sizeof(double) + m_values.capacity() * sizeof(double)
           + m_severity.capacity() + (m_min.capacity() + m_max.capacity()) * sizeof(double)
           + m_severityMax.capacity();
}

std::size_t HistoryChunk::bytesFor(int channelCount)
{
    const auto channels = std::size_t(channelCount);
    return sizeof(HistoryChunk) + kSamples * (sizeof(double) + 1 + channels * sizeof(double))
           + kPyramidSize * (1 + 2 * channels * sizeof(double));
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
        const std::size_t base = std::size_t(channel) * kPyramidSize;
        for (int level = 1; level <= kLevels; ++level) {
            const int shift = kFanShift * level;
            const std::size_t bucket = base + levelOffset(level) + (offset >> shift);
            if ((offset & ((std::size_t(1) << shift) - 1)) == 0) {
                m_min[bucket] = std::numeric_limits<double>::infinity();
                m_max[bucket] = -std::numeric_limits<double>::infinity();
            }
            // NaN compares false, so a missing value leaves the bucket as it was.
            if (v < m_min[bucket]) {
                m_min[bucket] = v;
            }
            if (v > m_max[bucket]) {
                m_max[bucket] = v;
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

void HistoryChunk::reduce(int channel, std::size_t lo, std::size_t hi, Extent &extent) const
{
    const double *raw = m_values.data() + std::size_t(channel) * kSamples;
    const double *mins = m_min.data() + std::size_t(channel) * kPyramidSize;
    const double *maxs = m_max.data() + std::size_t(channel) * kPyramidSize;
    decompose(lo, hi, [&](int level, std::size_t from, std::size_t to) {
        const double *levelMin = level == 0 ? raw : mins + levelOffset(level);
        const double *levelMax = level == 0 ? raw : maxs + levelOffset(level);
        const std::uint8_t *levelSeverity
            = level == 0 ? m_severity.data() : m_severityMax.data() + levelOffset(level);
        for (std::size_t i = from; i < to; ++i) {
            if (levelMin[i] < extent.min) {
                extent.min = levelMin[i];
            }
            if (levelMax[i] > extent.max) {
                extent.max = levelMax[i];
            }
            extent.severity = std::max(extent.severity, levelSeverity[i]);
        }
    });
}

} // namespace fw
