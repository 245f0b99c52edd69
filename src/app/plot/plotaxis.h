#pragma once

#include <QLocale>
#include <QString>

namespace fw {

// How the shared time axis is labelled: seconds before the right edge, or wall-clock time in the
// local time zone or in UTC (the source's time stamps, not the time they arrived).
enum class TimeLabels { Relative, Clock, ClockUtc };

// Evenly spaced tick positions: first + i · step for 0 <= i < count.
struct AxisTicks
{
    double first = 0;
    double step = 0;
    int count = 0;
    int decimals = 0; // digits after the point that tell neighbouring ticks apart

    [[nodiscard]] double at(int i) const { return first + step * i; }
};

// Tick placement and labels for the plots, kept apart from painting so they can be tested.
namespace plotaxis {

// At most maxTicks ticks on [lo, hi] at a 1-2-5 multiple of a power of ten.
[[nodiscard]] AxisTicks valueTicks(double lo, double hi, int maxTicks);
// At most maxTicks ticks on [t0, t1] at steps operators read: 1-2-5 fractions of a second, then
// 1 2 5 10 15 30 s, 1 2 5 10 15 30 min, 1 2 3 6 12 24 h. Relative ticks count back from t1,
// clock ticks sit on whole multiples of the step.
[[nodiscard]] AxisTicks timeTicks(double t0, double t1, int maxTicks, TimeLabels labels);

[[nodiscard]] QString valueLabel(double value, int decimals, const QLocale &locale);
// t is seconds since the Unix epoch, shown in local time or UTC; relative labels count from t1.
[[nodiscard]] QString timeLabel(double t, double t1, const AxisTicks &ticks, TimeLabels labels,
                                const QLocale &locale);

} // namespace plotaxis

} // namespace fw
