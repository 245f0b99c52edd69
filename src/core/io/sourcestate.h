#pragma once

#include "telemetry/decodeerror.h"
#include "telemetry/streamtable.h"

#include <QMetaType>
#include <QString>

#include <array>
#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>

namespace fw {

// Disconnected: not running, or given up. Connecting: waiting for a connection or first data
// (also between reconnect attempts). Live: data within the profile's stale time. Stale: running,
// but no data for longer than that.
enum class SourceState { Disconnected, Connecting, Live, Stale };

[[nodiscard]] QString sourceStateName(SourceState state);

// A copy of the counters, for display and metrics.
struct SourceStats
{
    std::uint64_t bytes = 0;
    std::uint64_t datagrams = 0; // datagrams (udp) or reads (tcp)
    std::uint64_t samples = 0;
    std::uint64_t lost = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t outOfOrder = 0;
    std::uint64_t sequenceResets = 0; // the sender's numbering restarted (see SequenceTracker)
    std::uint64_t sequenceStrays = 0; // single corrupt sequence numbers, not counted as lost
    std::uint64_t reconnects = 0;
    std::uint64_t kernelDrops = 0; // udp: datagrams the kernel dropped on a full buffer
    std::uint64_t connections = 0; // tcp-listen: clients connected now
    DecodeCounts decodeErrors;
};

// Where a file replay is, for the replay bar. Times are source times (seconds since the epoch);
// NaN while not known (before the file was scanned, or for a file without samples).
struct ReplayStatus
{
    static constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

    double first = kUnknown; // t of the recording's first and last sample
    double last = kUnknown;
    double position = kUnknown; // t of the newest sample published
    double speed = 1;           // 0: as fast as possible
    bool paused = false;
    bool loop = false;
    bool atEnd = false; // reached the end without loop; a seek or play starts it again

    // last - first, or 0 when not known.
    [[nodiscard]] double duration() const;
    // Position as a share of the duration in [0, 1]; 0 when not known.
    [[nodiscard]] double fraction() const;
};

// Written by the source thread only; read from any thread.
struct SourceCounters
{
    std::atomic<std::uint64_t> bytes{0};
    std::atomic<std::uint64_t> datagrams{0};
    std::atomic<std::uint64_t> samples{0};
    std::atomic<std::uint64_t> lost{0};
    std::atomic<std::uint64_t> duplicates{0};
    std::atomic<std::uint64_t> outOfOrder{0};
    std::atomic<std::uint64_t> sequenceResets{0};
    std::atomic<std::uint64_t> sequenceStrays{0};
    std::atomic<std::uint64_t> reconnects{0};
    std::atomic<std::uint64_t> kernelDrops{0};
    std::atomic<std::uint64_t> connections{0};
    std::array<std::atomic<std::uint64_t>, kDecodeErrorCount> decodeErrors{};
    std::atomic<int> state{int(SourceState::Disconnected)};
    // The streams of a source with a stream key (mqtt); empty otherwise.
    const std::shared_ptr<StreamTable> streams = std::make_shared<StreamTable>();
    // File replay only. Each field is consistent on its own, not with the others.
    std::atomic<double> replayFirst{ReplayStatus::kUnknown};
    std::atomic<double> replayLast{ReplayStatus::kUnknown};
    std::atomic<double> replayPosition{ReplayStatus::kUnknown};
    std::atomic<double> replaySpeed{1};
    std::atomic<bool> replayPaused{false};
    std::atomic<bool> replayLoop{false};
    std::atomic<bool> replayAtEnd{false};

    [[nodiscard]] SourceStats snapshot() const;
    [[nodiscard]] ReplayStatus replay() const;
};

} // namespace fw

Q_DECLARE_METATYPE(fw::SourceState)
