#pragma once

#include "telemetry/streamtable.h"

#include <QJsonObject>

namespace fw {

// The body of GET /streams: every stream of the source (or, with activeOnly, those with an alarm
// up) in the order they appeared, each with its samples, losses, scores and alarm state, and the
// table's size, limit and refused samples.
[[nodiscard]] QJsonObject streamsJson(const StreamTable &table, bool activeOnly);
// The streams' summary in GET /health: how many, how many with an alarm up.
[[nodiscard]] QJsonObject streamsSummary(const StreamTable &table);

} // namespace fw
