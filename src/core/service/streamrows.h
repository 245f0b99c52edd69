#pragma once

#include "detect/detectorworker.h"
#include "telemetry/sampleblock.h"

#include <cstdint>

namespace fw {

// The rows of one stream out of a block of many, for a view that follows one vehicle of a fleet
// (the console). A block without stream ids is returned as it is; one without a row of the
// stream gives null.
[[nodiscard]] SampleBlockPtr rowsOfStream(const SampleBlockPtr &block, std::uint32_t stream);
// The same for results, row for row with their samples.
[[nodiscard]] ResultBlockPtr rowsOfStream(const ResultBlockPtr &results, std::uint32_t stream);

} // namespace fw
