#pragma once

#include "detect/alarmpolicy.h"
#include "plotcolumn.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace fw {

class HistoryChunk;
class SampleBlock;
struct ResultBlock;

// What the console's plots draw from: sample times, per-channel values (NaN = missing) and the
// detector's per-sample severity, with a min/max pyramid per channel so that a pixel column of
// any width is summarised in O(log n) whatever the number of samples in it. GUI thread only.
//
// Samples are addressed by a global index that counts every sample ever appended, so an index
// stays valid until its sample is evicted. Storage comes in chunks of HistoryChunk::kSamples;
// when the memory budget would be exceeded the oldest chunk is evicted (at least two chunks are
// always kept, so a budget below two chunks is exceeded rather than leaving nothing to draw).
//
// Time rule: times must be non-decreasing, the binary searches depend on it. A sample up to
// kResetBackstepS older than the newest is jitter and stored at the newest time; one older than
// that starts a new stream: the history is cleared (as by clear()) and continues from it. A
// non-finite time is stored as the newest time.
//
// Results: each ResultBlock row raises the severity of one sample. A result block whose
// `samples` is the block given to appendSamples() lands on exactly that block's samples, so
// blocks the detector skipped (no model yet) leave their samples unscored instead of shifting
// every later result. Without `samples`, rows fill the oldest samples that have none yet, in
// order. Results for samples already evicted or cleared are dropped. An alarm's severity is also
// kept per channel, for the channels the alarm names (held from its raise to its clear, as the
// alarm book names them), so that only their strips are shaded.
class SampleHistory
{
public:
    static constexpr std::size_t kDefaultBudgetBytes = std::size_t(512) << 20;
    static constexpr double kResetBackstepS = 1.0;
    static constexpr std::size_t kMaxPendingBlocks = 4096; // blocks awaiting results

    explicit SampleHistory(int channelCount = 0);
    ~SampleHistory();
    SampleHistory(const SampleHistory &) = delete;
    SampleHistory &operator=(const SampleHistory &) = delete;
    SampleHistory(SampleHistory &&) = delete;
    SampleHistory &operator=(SampleHistory &&) = delete;

    // A different channel count clears the history (the profile changed).
    void setChannelCount(int channelCount);
    [[nodiscard]] int channelCount() const { return m_channelCount; }
    // Evicts at once down to the new budget.
    void setMemoryBudget(std::size_t bytes);
    [[nodiscard]] std::size_t memoryBudget() const { return m_budgetBytes; }

    // A block with another channel count than the history's starts a new history.
    void appendSamples(const SampleBlock &block);
    void appendResults(const ResultBlock &results);
    // Forgets every sample; results still in flight for them are dropped when they arrive.
    void clear();

    [[nodiscard]] std::int64_t firstIndex() const;
    [[nodiscard]] std::int64_t endIndex() const { return m_end; }
    [[nodiscard]] std::int64_t size() const { return m_end - firstIndex(); }
    [[nodiscard]] bool isEmpty() const { return size() == 0; }
    // Samples before this index have had their results (or will never get them).
    [[nodiscard]] std::int64_t scoredEnd() const { return m_scoredEnd; }

    // Valid for firstIndex() <= index < endIndex().
    [[nodiscard]] double time(std::int64_t index) const;
    [[nodiscard]] double value(std::int64_t index, int channel) const;
    [[nodiscard]] detect::Severity severity(std::int64_t index) const;
    // The newest sample at or before t; -1 when there is none (empty, or t before the first).
    [[nodiscard]] std::int64_t indexAtOrBefore(double t) const;
    // NaN when empty.
    [[nodiscard]] double firstTime() const;
    [[nodiscard]] double newestTime() const;

    // Honest costs: whole chunks as allocated, pyramid included.
    [[nodiscard]] double bytesPerSample() const;
    [[nodiscard]] std::size_t memoryBytes() const;

    [[nodiscard]] std::uint64_t samplesAppendedTotal() const { return m_appendedTotal; }
    [[nodiscard]] std::uint64_t samplesEvictedTotal() const { return m_evictedTotal; }
    // Times a non-empty history was cleared (by clear(), a step back or a new channel count).
    [[nodiscard]] std::uint64_t resetCount() const { return m_resets; }
    // Changes whenever stored samples or severities change; cheap to poll on a display tick.
    [[nodiscard]] std::uint64_t revision() const { return m_revision; }

    // Column c of width columns over [t0, t1] holds the samples with index in
    // [bounds[c], bounds[c + 1]); column c covers times [t0 + c·dt, t0 + (c + 1)·dt), the last
    // one t1 too. Empty bounds when width < 1 or t1 <= t0. O(width · log n).
    void columnBounds(double t0, double t1, int width, std::vector<std::int64_t> &bounds) const;
    // One PlotColumn per column of bounds, into out (reused: no allocation once it is large
    // enough). O(columns · kFan · levels), independent of the number of samples in view.
    void columns(int channel, std::span<const std::int64_t> bounds,
                 std::vector<PlotColumn> &out) const;
    [[nodiscard]] std::vector<PlotColumn> columns(int channel, double t0, double t1,
                                                  int width) const;

private:
    struct PendingBlock
    {
        const SampleBlock *block = nullptr; // identity only, never dereferenced
        std::size_t rows = 0;
        double firstT = 0;
        std::int64_t first = 0; // global index of its row 0
        bool cleared = false;   // its samples are gone: drop its results
    };

    [[nodiscard]] HistoryChunk &chunkFor(std::int64_t index) const;
    [[nodiscard]] HistoryChunk &writableChunk();
    [[nodiscard]] std::size_t maxChunks() const;
    // Drops the oldest chunk, or hands it to *recycle for reuse.
    void evictOldest(std::unique_ptr<HistoryChunk> *recycle = nullptr);
    // First index in [from, m_end) whose time is >= t (or > t when after is set).
    [[nodiscard]] std::int64_t search(double t, std::int64_t from, bool after) const;
    // Global index the results' row 0 belongs to, or nullopt when their samples were cleared.
    [[nodiscard]] std::optional<std::int64_t> startOfResults(const ResultBlock &results);

    int m_channelCount = 0;
    std::size_t m_budgetBytes = kDefaultBudgetBytes;
    std::deque<std::unique_ptr<HistoryChunk>> m_chunks;
    std::int64_t m_firstChunk = 0; // global chunk number of m_chunks.front()
    std::int64_t m_end = 0;        // global index of the next sample
    std::int64_t m_scoredEnd = 0;
    std::deque<PendingBlock> m_pending;
    std::uint64_t m_appendedTotal = 0;
    std::uint64_t m_evictedTotal = 0;
    std::uint64_t m_resets = 0;
    std::uint64_t m_revision = 0;
    // The alarm episode the newest results are in, and the channels it names.
    bool m_episodeOpen = false;
    std::vector<int> m_episodeChannels;
};

} // namespace fw
