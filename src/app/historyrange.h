#pragma once

#include "telemetry/profile.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace fw {

class SampleHistory;

// Rows of the console's history between two source times, for export and for training.
struct HistoryRange
{
    std::int64_t first = 0; // history indices [first, end)
    std::int64_t end = 0;

    [[nodiscard]] std::int64_t size() const { return end - first; }
};

// The indices of the samples with t0 <= t <= t1 (times are non-decreasing in a history).
[[nodiscard]] HistoryRange historyRange(const SampleHistory &history, double t0, double t1);

// Row-major values (NaN for missing) and times of a range, as training takes them.
void copyRows(const SampleHistory &history, HistoryRange range, std::vector<double> &rows,
              std::vector<double> &times);

// Writes a range as a recording (t,<channel ids>,severity) that train and score read back; the
// number of rows, or -1 with a message naming the file in *error.
[[nodiscard]] qint64 writeHistoryCsv(const SampleHistory &history, HistoryRange range,
                                     const Profile &profile, const QString &path, QString *error);

} // namespace fw
