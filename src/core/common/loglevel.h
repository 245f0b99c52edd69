#pragma once

#include <QString>

namespace fw {

// LOG_LEVEL=debug|info|warning|error: the least severe messages still printed. Unknown values
// are refused with false (the caller says so) and change nothing.
[[nodiscard]] bool applyLogLevel(const QString &level);

} // namespace fw
