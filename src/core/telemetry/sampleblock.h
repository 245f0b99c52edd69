#pragma once

#include <QMetaType>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace fw {

// A run of samples as a struct of arrays. Values are row-major, one row of channelCount() values
// per sample. A missing value is stored as NaN and marked in missing(); it is never a zero.
// Rows of a source with many streams carry their stream's id (see StreamTable); a block of one
// stream stores none, and every row's stream() is 0. Blocks travel between threads as
// SampleBlockPtr: immutable once handed off.
class SampleBlock
{
public:
    static constexpr std::int64_t kNoSeq = -1;

    SampleBlock() = default;
    explicit SampleBlock(int channelCount)
        : m_channelCount(channelCount)
    {}

    [[nodiscard]] int channelCount() const { return m_channelCount; }
    [[nodiscard]] std::size_t size() const { return m_t.size(); }
    [[nodiscard]] bool isEmpty() const { return m_t.empty(); }

    [[nodiscard]] double t(std::size_t row) const { return m_t[row]; }
    [[nodiscard]] std::int64_t seq(std::size_t row) const { return m_seq[row]; }
    [[nodiscard]] std::uint32_t stream(std::size_t row) const
    {
        return m_stream.empty() ? 0 : m_stream[row];
    }
    [[nodiscard]] bool hasStreams() const { return !m_stream.empty(); }
    // The end of the run of rows of row first's stream.
    [[nodiscard]] std::size_t streamRunEnd(std::size_t first) const
    {
        std::size_t last = first + 1;
        while (last < size() && stream(last) == stream(first)) {
            ++last;
        }
        return last;
    }
    [[nodiscard]] double value(std::size_t row, int channel) const
    {
        return m_values[row * std::size_t(m_channelCount) + std::size_t(channel)];
    }
    [[nodiscard]] bool isMissing(std::size_t row, int channel) const
    {
        return m_missing[row * std::size_t(m_channelCount) + std::size_t(channel)] != 0;
    }
    [[nodiscard]] std::span<const double> row(std::size_t row) const
    {
        return {m_values.data() + row * std::size_t(m_channelCount), std::size_t(m_channelCount)};
    }

    [[nodiscard]] const std::vector<double> &times() const { return m_t; }
    [[nodiscard]] const std::vector<std::int64_t> &seqs() const { return m_seq; }
    [[nodiscard]] const std::vector<double> &values() const { return m_values; }
    [[nodiscard]] const std::vector<std::uint8_t> &missing() const { return m_missing; }

    // Appends one sample; values.size() must equal channelCount(). Non-finite values are missing.
    void append(double t, std::int64_t seq, std::span<const double> values)
    {
        m_t.push_back(t);
        m_seq.push_back(seq);
        for (double v : values) {
            const bool missing = !std::isfinite(v);
            m_values.push_back(missing ? std::nan("") : v);
            m_missing.push_back(missing ? 1 : 0);
        }
        if (!m_stream.empty()) {
            m_stream.push_back(0);
        }
    }

    void append(const SampleBlock &other, std::size_t row)
    {
        append(other.t(row), other.seq(row), other.row(row));
        if (other.hasStreams()) {
            setStream(size() - 1, other.stream(row));
        }
    }

    // Rows from first to the end belong to stream id.
    void setStream(std::size_t first, std::uint32_t id)
    {
        if (id == 0 && m_stream.empty()) {
            return;
        }
        m_stream.resize(m_t.size(), 0);
        std::fill(m_stream.begin() + std::ptrdiff_t(first), m_stream.end(), id);
    }

    // Keeps, of the rows from first on, those whose stream id keep(id) is true for, in order.
    template<typename Keep>
    void keepRows(std::size_t first, Keep keep)
    {
        const auto width = std::size_t(m_channelCount);
        std::size_t to = first;
        for (std::size_t row = first; row < size(); ++row) {
            if (!keep(stream(row))) {
                continue;
            }
            if (to != row) {
                m_t[to] = m_t[row];
                m_seq[to] = m_seq[row];
                std::copy_n(m_values.begin() + std::ptrdiff_t(row * width), width,
                            m_values.begin() + std::ptrdiff_t(to * width));
                std::copy_n(m_missing.begin() + std::ptrdiff_t(row * width), width,
                            m_missing.begin() + std::ptrdiff_t(to * width));
                if (!m_stream.empty()) {
                    m_stream[to] = m_stream[row];
                }
            }
            ++to;
        }
        truncate(to);
    }

    void reserve(std::size_t rows)
    {
        m_t.reserve(rows);
        m_seq.reserve(rows);
        m_values.reserve(rows * std::size_t(m_channelCount));
        m_missing.reserve(rows * std::size_t(m_channelCount));
    }

    // Keeps the first rows only.
    void truncate(std::size_t rows)
    {
        if (rows >= size()) {
            return;
        }
        m_t.resize(rows);
        m_seq.resize(rows);
        m_values.resize(rows * std::size_t(m_channelCount));
        m_missing.resize(rows * std::size_t(m_channelCount));
        if (!m_stream.empty()) {
            m_stream.resize(rows);
        }
    }

    void clear()
    {
        m_stream.clear();
        m_t.clear();
        m_seq.clear();
        m_values.clear();
        m_missing.clear();
    }

private:
    int m_channelCount = 0;
    std::vector<double> m_t; // seconds since the Unix epoch, source time
    std::vector<std::int64_t> m_seq;
    std::vector<double> m_values;
    std::vector<std::uint8_t> m_missing;
    std::vector<std::uint32_t> m_stream; // empty, or one id per row
};

using SampleBlockPtr = std::shared_ptr<const SampleBlock>;

} // namespace fw

Q_DECLARE_METATYPE(fw::SampleBlockPtr)
