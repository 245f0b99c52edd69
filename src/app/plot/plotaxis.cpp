#include "plotaxis.h"

#include <QCoreApplication>
#include <QDateTime>

#include <array>
#include <cmath>

namespace fw::plotaxis {

namespace {

int decimalsFor(double step)
{
    return step >= 1 ? 0 : int(std::ceil(-std::log10(step) - 1e-9));
}

double niceStep(double raw)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0}) {
        if (m * magnitude >= raw) {
            return m * magnitude;
        }
    }
    return 10 * magnitude;
}

double timeStep(double raw)
{
    static constexpr std::array<double, 18> kSteps = {
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
    if (raw < 1) {
        return niceStep(raw);
    }
    for (const double step : kSteps) {
        if (step >= raw) {
            return step;
        }
    }
    return std::ceil(raw / 86400) * 86400;
}

} // namespace

AxisTicks valueTicks(double lo, double hi, int maxTicks)
{
    AxisTicks ticks;
    if (!(hi > lo) || !std::isfinite(hi - lo) || maxTicks < 1) {
        return ticks;
    }
    ticks.step = niceStep((hi - lo) / maxTicks);
    ticks.first = std::ceil(lo / ticks.step) * ticks.step;
    ticks.count = int(std::floor((hi - ticks.first) / ticks.step + 1e-9)) + 1;
    ticks.decimals = decimalsFor(ticks.step);
    return ticks;
}

AxisTicks timeTicks(double t0, double t1, int maxTicks, TimeLabels labels)
{
    AxisTicks ticks;
    if (!(t1 > t0) || !std::isfinite(t1 - t0) || maxTicks < 1) {
        return ticks;
    }
    ticks.step = timeStep((t1 - t0) / maxTicks);
    const double span = t1 - t0;
    if (labels == TimeLabels::Relative) {
        const double back = std::floor(span / ticks.step + 1e-9);
        ticks.first = t1 - back * ticks.step;
        ticks.count = int(back) + 1;
    } else {
        ticks.first = std::ceil(t0 / ticks.step) * ticks.step;
        ticks.count = int(std::floor((t1 - ticks.first) / ticks.step + 1e-9)) + 1;
    }
    ticks.decimals = decimalsFor(ticks.step);
    return ticks;
}

QString valueLabel(double value, int decimals, const QLocale &locale)
{
    // A tick that should be zero may come out as −1e-17; it must not read "-0".
    const double rounded = std::abs(value) < 0.5 * std::pow(10.0, -decimals) ? 0.0 : value;
    return locale.toString(rounded, 'f', decimals);
}

QString timeLabel(double t, double t1, const AxisTicks &ticks, TimeLabels labels,
                  const QLocale &locale)
{
    if (labels != TimeLabels::Relative) {
        QDateTime time = QDateTime::fromMSecsSinceEpoch(std::llround(t * 1000));
        if (labels == TimeLabels::ClockUtc) {
            time = time.toUTC();
        }
        return locale.toString(time, ticks.step < 1 ? QStringLiteral("HH:mm:ss.zzz")
                                                    : QStringLiteral("HH:mm:ss"));
    }
    const double offset = t - t1;
    if (ticks.step >= 60 && std::fmod(ticks.step, 60) == 0) {
        return QCoreApplication::translate("fw::PlotView", "%1 min")
            .arg(valueLabel(offset / 60, 0, locale));
    }
    return QCoreApplication::translate("fw::PlotView", "%1 s")
        .arg(valueLabel(offset, ticks.decimals, locale));
}

} // namespace fw::plotaxis
