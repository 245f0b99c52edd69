#pragma once

// Detector output built by hand for the alarm tests: rows as the detector makes them (a raise
// row, alarm rows, a clear row with alarm = 0), three channels, the samples alongside.

#include "detect/detectorworker.h"
#include "telemetry/profile.h"

#include <memory>
#include <vector>

namespace fw::alarmtest {

using detect::AlarmReason;
using detect::GuardFlag;
using detect::Severity;

inline constexpr int kChannels = 3;

// One row of detector output.
struct Row
{
    bool alarm = false;
    bool raisedNow = false;
    bool clearedNow = false;
    Severity severity = Severity::None;
    AlarmReason reason = AlarmReason::None;
    double confidence = 0.5;
    std::vector<double> shares = {0, 0, 0};
    std::vector<GuardFlag> flags = {GuardFlag::Within, GuardFlag::Within, GuardFlag::Within};
    std::vector<double> values = {21.5, 28.1, 101.3};
};

inline Row raise(Severity severity = Severity::Watch, double confidence = 0.996)
{
    return {.alarm = true,
            .raisedNow = true,
            .severity = severity,
            .reason = AlarmReason::Forest,
            .confidence = confidence,
            .shares = {0.7, 0.2, 0.1}};
}

inline Row hold(Severity severity = Severity::Watch, double confidence = 0.996)
{
    return {.alarm = true,
            .severity = severity,
            .reason = AlarmReason::Forest,
            .confidence = confidence,
            .shares = {0.7, 0.2, 0.1}};
}

inline Row clearRow()
{
    return {.clearedNow = true};
}

inline fw::ResultBlock blockOf(const std::vector<Row> &rows, double t0 = 1000.0,
                               bool withSamples = true)
{
    fw::ResultBlock block;
    auto samples = std::make_shared<fw::SampleBlock>(kChannels);
    auto &r = block.results;
    r.channels = kChannels;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row &row = rows[i];
        const double t = t0 + 0.1 * double(i);
        block.t.push_back(t);
        block.seq.push_back(std::int64_t(i));
        samples->append(t, std::int64_t(i), row.values);
        r.score.push_back(0.6);
        r.confidence.push_back(row.confidence);
        r.alarm.push_back(row.alarm ? 1 : 0);
        r.severity.push_back(row.severity);
        r.reason.push_back(row.reason);
        r.raisedNow.push_back(row.raisedNow ? 1 : 0);
        r.clearedNow.push_back(row.clearedNow ? 1 : 0);
        r.attribution.insert(r.attribution.end(), row.shares.begin(), row.shares.end());
        r.guardFlags.insert(r.guardFlags.end(), row.flags.begin(), row.flags.end());
    }
    block.modelSha256 = QStringLiteral("ab12cd");
    if (withSamples) {
        block.samples = samples;
    }
    return block;
}

inline fw::Profile profile()
{
    fw::Profile p;
    p.name = QStringLiteral("test");
    p.channels
        = {{QStringLiteral("temperature"),
            QStringLiteral("Temperature"),
            QStringLiteral("°C"),
            {},
            {},
            {}},
           {QStringLiteral("voltage"), QStringLiteral("Voltage"), QStringLiteral("V"), {}, {}, {}},
           {QStringLiteral("pressure"),
            QStringLiteral("Pressure"),
            QStringLiteral("kPa"),
            {},
            {},
            {}}};
    return p;
}

} // namespace fw::alarmtest
