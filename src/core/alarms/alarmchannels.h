#pragma once

#include "alarms/alarm.h"
#include "detect/detectorworker.h"
#include "telemetry/profile.h"

#include <cstddef>
#include <vector>

namespace fw {

// A channel is named when its attribution share is at least this fraction of the top share.
inline constexpr double kNameWithinShare = 0.9;

// The channels an alarm names on one row of results, most to blame first: the guard-flagged
// ones if any, most severe flag first (the guard's findings are certain, the forest's
// attribution is a share), else those whose attribution share is within 10 % of the top one.
// Empty when the row attributes nothing (shares all zero or NaN).
[[nodiscard]] std::vector<int> namedChannels(const detect::DetectionResults &results,
                                             std::size_t row);

// Fills alarm's channels, labels and unit from the profile, and its value from the block's
// samples (NaN when the block has none or the value is missing). False when the row names no
// channel. A channel the profile does not have is named "channel N", not guessed.
bool nameAlarmChannels(Alarm &alarm, const ResultBlock &block, std::size_t row,
                       const Profile &profile);

} // namespace fw
