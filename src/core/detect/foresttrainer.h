#pragma once

#include "detect/forestarrays.h"

#include <optional>
#include <span>
#include <string>

namespace fw::detect {

struct IsolationForestParams;

// Grows the trees of an isolation forest on row-major `rows` (rowCount x featureCount, all
// finite) into arrays; on bad input returns nullopt and sets *error. Deterministic: the same
// rows, parameters and seed give byte-identical arrays on every IEEE-754 platform.
[[nodiscard]] std::optional<ForestArrays> trainForestArrays(std::span<const double> rows,
                                                            int featureCount,
                                                            const IsolationForestParams &params,
                                                            std::string *error);

} // namespace fw::detect
