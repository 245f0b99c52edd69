#pragma once

#include <cstdint>
#include <limits>

namespace fw {

// One pixel column of a decimated series: what a min/max plot needs to draw the samples that fall
// into it. Missing values (NaN) never take part in min and max; a column with no finite value has
// NaN min and max and is drawn as a gap, never as a zero.
struct PlotColumn
{
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

    double min = kNaN;         // smallest finite value, NaN when there is none
    double max = kNaN;         // largest finite value, NaN when there is none
    double first = kNaN;       // value of the column's first sample (NaN when missing)
    double last = kNaN;        // value of the column's last sample (NaN when missing)
    std::int64_t count = 0;    // samples in the column, missing ones included
    std::uint8_t severity = 0; // highest detect::Severity among them (None until scored)
    std::uint8_t blame = 0;    // highest severity of an alarm that named this channel

    [[nodiscard]] bool isEmpty() const { return count == 0; }
    [[nodiscard]] bool hasValue() const { return min <= max; } // false for NaN
};

} // namespace fw
