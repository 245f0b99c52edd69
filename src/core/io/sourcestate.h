#pragma once

#include "telemetry/decodeerror.h"

#include <QMetaType>
#include <QString>

#include <array>
#include <atomic>
#include <cstdint>

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
    std::uint64_t reconnects = 0;
    std::uint64_t connections = 0; // tcp-listen: clients connected now
    DecodeCounts decodeErrors;
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
    std::atomic<std::uint64_t> reconnects{0};
    std::atomic<std::uint64_t> connections{0};
    std::array<std::atomic<std::uint64_t>, kDecodeErrorCount> decodeErrors{};
    std::atomic<int> state{int(SourceState::Disconnected)};

    [[nodiscard]] SourceStats snapshot() const;
};

} // namespace fw

Q_DECLARE_METATYPE(fw::SourceState)
