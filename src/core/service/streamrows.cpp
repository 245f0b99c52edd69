#include "service/streamrows.h"

#include <vector>

namespace fw {

namespace {

// The rows of `stream`, or empty when the block has no stream ids.
std::vector<std::size_t> rowsOf(const SampleBlock &block, std::uint32_t stream)
{
    std::vector<std::size_t> rows;
    for (std::size_t row = 0; row < block.size(); ++row) {
        if (block.stream(row) == stream) {
            rows.push_back(row);
        }
    }
    return rows;
}

template<typename T>
void pick(const std::vector<T> &from, const std::vector<std::size_t> &rows, std::size_t width,
          std::vector<T> &to)
{
    if (from.empty()) {
        return; // not kept for this block
    }
    to.reserve(rows.size() * width);
    for (const std::size_t row : rows) {
        to.insert(to.end(), from.begin() + std::ptrdiff_t(row * width),
                  from.begin() + std::ptrdiff_t((row + 1) * width));
    }
}

} // namespace

SampleBlockPtr rowsOfStream(const SampleBlockPtr &block, std::uint32_t stream)
{
    if (!block || !block->hasStreams()) {
        return block;
    }
    const std::vector<std::size_t> rows = rowsOf(*block, stream);
    if (rows.empty()) {
        return nullptr;
    }
    if (rows.size() == block->size()) {
        return block;
    }
    auto picked = std::make_shared<SampleBlock>(block->channelCount());
    picked->reserve(rows.size());
    for (const std::size_t row : rows) {
        picked->append(*block, row);
    }
    return picked;
}

ResultBlockPtr rowsOfStream(const ResultBlockPtr &results, std::uint32_t stream)
{
    if (!results || !results->samples || !results->samples->hasStreams()) {
        return results;
    }
    const std::vector<std::size_t> rows = rowsOf(*results->samples, stream);
    if (rows.empty()) {
        return nullptr;
    }
    if (rows.size() == results->size()) {
        return results;
    }
    auto picked = std::make_shared<ResultBlock>();
    picked->modelSha256 = results->modelSha256;
    picked->latencyMs = results->latencyMs;
    picked->epoch = results->epoch;
    picked->samples = rowsOfStream(results->samples, stream);
    pick(results->t, rows, 1, picked->t);
    pick(results->seq, rows, 1, picked->seq);
    const detect::DetectionResults &from = results->results;
    detect::DetectionResults &to = picked->results;
    const auto channels = std::size_t(from.channels);
    to.channels = from.channels;
    pick(from.score, rows, 1, to.score);
    pick(from.confidence, rows, 1, to.confidence);
    pick(from.alarm, rows, 1, to.alarm);
    pick(from.severity, rows, 1, to.severity);
    pick(from.reason, rows, 1, to.reason);
    pick(from.raisedNow, rows, 1, to.raisedNow);
    pick(from.clearedNow, rows, 1, to.clearedNow);
    pick(from.attribution, rows, channels, to.attribution);
    pick(from.guardFlags, rows, channels, to.guardFlags);
    return picked;
}

} // namespace fw
