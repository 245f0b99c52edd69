#include "sourcestate.h"

#include <algorithm>
#include <cmath>

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
    stats.sequenceResets = sequenceResets.load(std::memory_order_relaxed);
    stats.kernelDrops = kernelDrops.load(std::memory_order_relaxed);
    stats.sequenceStrays = sequenceStrays.load(std::memory_order_relaxed);
    stats.reconnects = reconnects.load(std::memory_order_relaxed);
    stats.connections = connections.load(std::memory_order_relaxed);
    for (int i = 0; i < kDecodeErrorCount; ++i) {
        stats.decodeErrors.byReason[std::size_t(i)]
            = decodeErrors[std::size_t(i)].load(std::memory_order_relaxed);
    }
    return stats;
}

ReplayStatus SourceCounters::replay() const
{
    ReplayStatus status;
    status.first = replayFirst.load(std::memory_order_relaxed);
    status.last = replayLast.load(std::memory_order_relaxed);
    status.position = replayPosition.load(std::memory_order_relaxed);
    status.speed = replaySpeed.load(std::memory_order_relaxed);
    status.paused = replayPaused.load(std::memory_order_relaxed);
    status.loop = replayLoop.load(std::memory_order_relaxed);
    status.atEnd = replayAtEnd.load(std::memory_order_relaxed);
    return status;
}

double ReplayStatus::duration() const
{
    const double d = last - first;
    return std::isfinite(d) && d > 0 ? d : 0.0;
}

double ReplayStatus::fraction() const
{
    const double d = duration();
    if (d <= 0 || !std::isfinite(position)) {
        return 0.0;
    }
    return std::clamp((position - first) / d, 0.0, 1.0);
}

} // namespace fw
