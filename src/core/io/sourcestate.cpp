#include "sourcestate.h"

namespace fw {

QString sourceStateName(SourceState state)
{
    switch (state) {
    case SourceState::Disconnected:
        return QStringLiteral("Disconnected");
    case SourceState::Connecting:
        return QStringLiteral("Connecting");
    case SourceState::Live:
        return QStringLiteral("Live");
    case SourceState::Stale:
        return QStringLiteral("Stale");
    }
    return {};
}

SourceStats SourceCounters::snapshot() const
{
    SourceStats stats;
    stats.bytes = bytes.load(std::memory_order_relaxed);
    stats.datagrams = datagrams.load(std::memory_order_relaxed);
    stats.samples = samples.load(std::memory_order_relaxed);
    stats.lost = lost.load(std::memory_order_relaxed);
    stats.duplicates = duplicates.load(std::memory_order_relaxed);
    stats.outOfOrder = outOfOrder.load(std::memory_order_relaxed);
    stats.reconnects = reconnects.load(std::memory_order_relaxed);
    stats.connections = connections.load(std::memory_order_relaxed);
    for (int i = 0; i < kDecodeErrorCount; ++i) {
        stats.decodeErrors.byReason[std::size_t(i)]
            = decodeErrors[std::size_t(i)].load(std::memory_order_relaxed);
    }
    return stats;
}

} // namespace fw
