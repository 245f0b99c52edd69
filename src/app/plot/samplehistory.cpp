#include "samplehistory.h"

#include "alarms/alarmchannels.h"
#include "detect/detectorworker.h"
#include "historychunk.h"
#include "telemetry/sampleblock.h"

#include <algorithm>
#include <cmath>

namespace fw {

namespace {

constexpr std::int64_t kChunkMask = std::int64_t(HistoryChunk::kSamples) - 1;

std::size_t offsetOf(std::int64_t index)
{
    return std::size_t(index & kChunkMask);
}

bool sameTime(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

} // namespace

SampleHistory::SampleHistory(int channelCount)
    : m_channelCount(std::max(channelCount, 0))
{}

SampleHistory::~SampleHistory() = default;

void SampleHistory::setChannelCount(int channelCount)
{
    channelCount = std::max(channelCount, 0);
    if (channelCount == m_channelCount) {
        return;
    }
    clear();
    m_channelCount = channelCount;
}

void SampleHistory::setMemoryBudget(std::size_t bytes)
{
    m_budgetBytes = bytes;
    while (m_chunks.size() > maxChunks()) {
        evictOldest();
    }
}

void SampleHistory::appendSamples(const SampleBlock &block)
{
    if (block.isEmpty()) {
        return;
    }
    if (block.channelCount() != m_channelCount) {
        setChannelCount(block.channelCount());
    }
    std::int64_t first = m_end;
    bool empty = isEmpty();
    double newest = empty ? 0.0 : newestTime();
    for (std::size_t row = 0; row < block.size(); ++row) {
        double t = block.t(row);
        if (std::isfinite(t) && !empty && t < newest - kResetBackstepS) {
            clear();
            first = m_end - std::int64_t(row);
        } else if (!std::isfinite(t) || (!empty && t < newest)) {
            t = newest; // jitter, or no time at all: held at the newest
        }
        writableChunk().append(t, block.row(row));
        ++m_end;
        newest = t;
        empty = false;
    }
    m_appendedTotal += block.size();
    m_pending.push_back({&block, block.size(), block.t(0), first, false});
    while (m_pending.size() > kMaxPendingBlocks) {
        m_pending.pop_front();
    }
    ++m_revision;
}

std::optional<std::int64_t> SampleHistory::startOfResults(const ResultBlock &results)
{
    if (const SampleBlock *block = results.samples.get()) {
        // The first time guards against a new block allocated where a skipped one was.
        const auto match = std::find_if(m_pending.begin(), m_pending.end(), [&](const auto &p) {
            return p.block == block && p.rows == block->size()
                   && (block->isEmpty() || sameTime(p.firstT, block->t(0)));
        });
        if (match != m_pending.end()) {
            const std::optional<std::int64_t> start
                = match->cleared ? std::nullopt : std::optional(match->first);
            m_pending.erase(m_pending.begin(), match + 1);
            return start;
        }
    }
    return m_scoredEnd;
}

void SampleHistory::appendResults(const ResultBlock &results)
{
    const std::vector<detect::Severity> &severities = results.results.severity;
    if (severities.empty()) {
        return;
    }
    const std::optional<std::int64_t> found = startOfResults(results);
    if (!found) {
        return;
    }
    const std::int64_t start = *found;
    const auto rows = std::int64_t(severities.size());
    const std::int64_t from = std::max(start, firstIndex());
    const std::int64_t to = std::min(start + rows, m_end);
    const detect::DetectionResults &r = results.results;
    for (std::int64_t i = from; i < to; ++i) {
        const auto row = std::size_t(i - start);
        const auto severity = static_cast<std::uint8_t>(severities[row]);
        HistoryChunk &chunk = chunkFor(i);
        chunk.setSeverity(offsetOf(i), severity);
        const bool alarm = row < r.alarm.size() ? r.alarm[row] != 0 : severity != 0;
        if (!alarm) {
            m_episodeOpen = false;
            continue;
        }
        // The channels the alarm book names, held for the episode as the book holds them: named
        // at the raise (or the first row that names any), not row by row, so a passing flag on
        // another channel does not paint its strip and rows without attribution leave no gaps.
        const bool raised = row < r.raisedNow.size() && r.raisedNow[row] != 0;
        if (!m_episodeOpen || raised || m_episodeChannels.empty()) {
            m_episodeChannels = namedChannels(r, row);
            m_episodeOpen = true;
        }
        for (int c : m_episodeChannels) {
            if (c < m_channelCount) {
                chunk.setBlame(offsetOf(i), c, severity);
            }
        }
    }
    m_scoredEnd = std::max(m_scoredEnd, std::min(start + rows, m_end));
    if (from < to) {
        ++m_revision;
    }
}

void SampleHistory::clear()
{
    for (PendingBlock &pending : m_pending) {
        pending.cleared = true;
    }
    if (!isEmpty()) {
        ++m_resets;
    }
    m_chunks.clear();
    // New samples start a fresh chunk: the first stored index is always chunk-aligned.
    m_end = (m_end + kChunkMask) & ~kChunkMask;
    m_firstChunk = m_end >> HistoryChunk::kShift;
    m_scoredEnd = m_end;
    m_episodeOpen = false;
    m_episodeChannels.clear();
    ++m_revision;
}

std::int64_t SampleHistory::firstIndex() const
{
    return m_firstChunk << HistoryChunk::kShift;
}

double SampleHistory::time(std::int64_t index) const
{
    return chunkFor(index).t(offsetOf(index));
}

double SampleHistory::value(std::int64_t index, int channel) const
{
    return chunkFor(index).value(offsetOf(index), channel);
}

detect::Severity SampleHistory::severity(std::int64_t index) const
{
    return static_cast<detect::Severity>(chunkFor(index).severity(offsetOf(index)));
}

double SampleHistory::firstTime() const
{
    return isEmpty() ? std::nan("") : time(firstIndex());
}

double SampleHistory::newestTime() const
{
    return isEmpty() ? std::nan("") : time(m_end - 1);
}

double SampleHistory::bytesPerSample() const
{
    return double(HistoryChunk::bytesFor(m_channelCount)) / double(HistoryChunk::kSamples);
}

std::size_t SampleHistory::memoryBytes() const
{
    std::size_t bytes = sizeof(*this) + m_pending.size() * sizeof(PendingBlock);
    for (const auto &chunk : m_chunks) {
        bytes += chunk->memoryBytes();
    }
    return bytes;
}

HistoryChunk &SampleHistory::chunkFor(std::int64_t index) const
{
    return *m_chunks[std::size_t((index >> HistoryChunk::kShift) - m_firstChunk)];
}

HistoryChunk &SampleHistory::writableChunk()
{
    if (m_chunks.empty() || m_chunks.back()->isFull()) {
        std::unique_ptr<HistoryChunk> chunk;
        if (m_chunks.size() >= maxChunks()) {
            // Recycled rather than freed: at full budget a chunk is needed every few seconds.
            evictOldest(&chunk);
            chunk->reset();
        } else {
            chunk = std::make_unique<HistoryChunk>(m_channelCount);
        }
        m_chunks.push_back(std::move(chunk));
    }
    return *m_chunks.back();
}

std::size_t SampleHistory::maxChunks() const
{
    return std::max<std::size_t>(2, m_budgetBytes / HistoryChunk::bytesFor(m_channelCount));
}

void SampleHistory::evictOldest(std::unique_ptr<HistoryChunk> *recycle)
{
    m_evictedTotal += m_chunks.front()->size();
    if (recycle) {
        *recycle = std::move(m_chunks.front());
    }
    m_chunks.pop_front();
    ++m_firstChunk;
    m_scoredEnd = std::max(m_scoredEnd, firstIndex());
    ++m_revision;
}

std::int64_t SampleHistory::indexAtOrBefore(double t) const
{
    if (isEmpty() || !(t >= firstTime())) {
        return -1;
    }
    return search(t, firstIndex(), true) - 1;
}

std::int64_t SampleHistory::search(double t, std::int64_t from, bool after) const
{
    std::int64_t lo = std::max(from, firstIndex());
    std::int64_t hi = m_end;
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        const double tm = time(mid);
        if (after ? tm <= t : tm < t) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

void SampleHistory::columnBounds(double t0, double t1, int width,
                                 std::vector<std::int64_t> &bounds) const
{
    bounds.clear();
    if (width < 1 || !(t1 > t0)) {
        return;
    }
    bounds.resize(std::size_t(width) + 1);
    std::int64_t from = firstIndex();
    for (int c = 0; c < width; ++c) {
        from = search(t0 + (t1 - t0) * c / width, from, false);
        bounds[std::size_t(c)] = from;
    }
    bounds[std::size_t(width)] = search(t1, from, true);
}

void SampleHistory::columns(int channel, std::span<const std::int64_t> bounds,
                            std::vector<PlotColumn> &out) const
{
    if (channel < 0 || channel >= m_channelCount || bounds.size() < 2) {
        out.clear();
        return;
    }
    out.resize(bounds.size() - 1);
    for (std::size_t c = 0; c + 1 < bounds.size(); ++c) {
        const std::int64_t a = std::max(bounds[c], firstIndex());
        const std::int64_t b = std::min(bounds[c + 1], m_end);
        PlotColumn column;
        if (a < b) {
            column.count = b - a;
            column.first = value(a, channel);
            column.last = value(b - 1, channel);
            HistoryChunk::Extent extent;
            for (std::int64_t i = a; i < b;) {
                const std::int64_t chunkStart = i & ~kChunkMask;
                const std::int64_t end = std::min(b, chunkStart + kChunkMask + 1);
                chunkFor(i).reduce(channel, offsetOf(i), std::size_t(end - chunkStart), extent);
                i = end;
            }
            if (extent.min <= extent.max) {
                column.min = extent.min;
                column.max = extent.max;
            }
            column.severity = extent.severity;
            column.blame = extent.blame;
        }
        out[c] = column;
    }
}

std::vector<PlotColumn> SampleHistory::columns(int channel, double t0, double t1, int width) const
{
    std::vector<std::int64_t> bounds;
    columnBounds(t0, t1, width, bounds);
    std::vector<PlotColumn> out;
    columns(channel, bounds, out);
    return out;
}

} // namespace fw
