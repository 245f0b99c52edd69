#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace fw {

// A fixed run of kSamples samples of SampleHistory with its min/max pyramid. Lives on the GUI
// thread.
//
// Values are stored channel-major so that a column query walks contiguous memory. The pyramid
// has kLevels levels above the raw samples; a bucket of level l summarises kFan^l samples (min
// and max of the finite values, +inf/−inf when there are none, and the highest severity). It is
// updated on every append, so partly filled buckets are always right, and the chunk is the unit
// of eviction, so the pyramid never needs rebuilding.
class HistoryChunk
{
public:
    static constexpr int kFanShift = 4;
    static constexpr std::size_t kFan = std::size_t(1) << kFanShift; // children per bucket
    static constexpr int kLevels = 4;
    static constexpr int kShift = kFanShift * kLevels;
    static constexpr std::size_t kSamples = std::size_t(1) << kShift; // the top level is one bucket

    // Running min/max/severity of a reduction; min > max (the initial state) means no value.
    struct Extent
    {
        double min = std::numeric_limits<double>::infinity();
        double max = -std::numeric_limits<double>::infinity();
        std::uint8_t severity = 0;
        std::uint8_t blame = 0; // the channel's: highest severity of the alarms that named it
    };

    explicit HistoryChunk(int channelCount);

    [[nodiscard]] int channelCount() const { return m_channelCount; }
    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] bool isFull() const { return m_size == kSamples; }
    // Bytes this chunk holds, whatever its fill: the allocation is made once, up front.
    [[nodiscard]] std::size_t memoryBytes() const;
    [[nodiscard]] static std::size_t bytesFor(int channelCount);

    // Empties the chunk for reuse without giving back its memory.
    void reset() { m_size = 0; }
    // Appends one sample; rowValues has channelCount() values, any non-finite one is missing.
    // Its severity is None until setSeverity().
    void append(double t, std::span<const double> rowValues);
    // Raises the severity of the sample at offset (results only ever add information).
    void setSeverity(std::size_t offset, std::uint8_t severity);
    // Raises the severity with which an alarm named channel at offset.
    void setBlame(std::size_t offset, int channel, std::uint8_t severity);

    [[nodiscard]] double t(std::size_t offset) const { return m_t[offset]; }
    [[nodiscard]] double value(std::size_t offset, int channel) const
    {
        return m_values[std::size_t(channel) * kSamples + offset];
    }
    [[nodiscard]] std::uint8_t severity(std::size_t offset) const { return m_severity[offset]; }
    [[nodiscard]] std::uint8_t blame(std::size_t offset, int channel) const
    {
        return m_blame[std::size_t(channel) * kSamples + offset];
    }

    // Folds samples [lo, hi) of channel into extent in O(kFan · kLevels) steps.
    void reduce(int channel, std::size_t lo, std::size_t hi, Extent &extent) const;

private:
    // Where level l (1 ... kLevels) starts in a channel's pyramid: finest level first.
    static constexpr std::size_t levelOffset(int level)
    {
        std::size_t offset = 0;
        for (int l = 1; l < level; ++l) {
            offset += kSamples >> (kFanShift * l);
        }
        return offset;
    }
    // Buckets of all levels: kFan^(kLevels−1) + ... + kFan + 1.
    static constexpr std::size_t kPyramidSize = (kSamples - 1) / (kFan - 1);

    int m_channelCount = 0;
    std::size_t m_size = 0;
    std::vector<double> m_t;
    std::vector<double> m_values;         // channel-major: channel · kSamples + offset
    std::vector<std::uint8_t> m_severity; // detect::Severity per sample
    // Min and max side by side, so a bucket costs one cache miss, not two:
    // 2 · (channel · kPyramidSize + levelOffset(l) + bucket) is the min, the next one the max.
    std::vector<double> m_minMax;
    std::vector<std::uint8_t> m_severityMax; // levelOffset(l) + bucket
    // Per channel, so that an alarm shades the strip of the channel at fault and no other.
    std::vector<std::uint8_t> m_blame;    // channel-major like m_values
    std::vector<std::uint8_t> m_blameMax; // channel · kPyramidSize + levelOffset(l) + bucket
};

} // namespace fw
