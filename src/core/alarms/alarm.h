#pragma once

#include "detect/alarmpolicy.h"
#include "detect/rangeguard.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <limits>

namespace fw {

// Where an alarm stands in the operator workflow (ISA-18.2, as Yamcs shows it). Closed alarms
// have been acknowledged and returned to normal: they leave the active list and live on only in
// the journal.
enum class AlarmState : std::uint8_t {
    Unacknowledged, // condition active, not acknowledged
    Acknowledged,   // condition active, acknowledged
    Latched,        // returned to normal unacknowledged: stays until acknowledged
    Shelved,        // suppressed by an operator until an expiry, whatever the condition does
    Closed,
};

// One alarm episode: from the sample that raised it to the acknowledgement after it cleared.
struct Alarm
{
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

    quint64 id = 0; // unique within a journal: ids continue from the highest one journaled
    double sourceTimeRaised = kNaN;  // seconds since the Unix epoch, the sample's time
    double sourceTimeCleared = kNaN; // NaN while the condition is active
    QDateTime raisedAt;              // wall time (UTC) the book saw the raise
    QDateTime clearedAt;
    detect::Severity severity = detect::Severity::None; // highest while active
    detect::AlarmReason reason = detect::AlarmReason::None;
    // What the guard found on the first named channel (stuck, dropout, ...); Within when the
    // forest named the channels.
    detect::GuardFlag finding = detect::GuardFlag::Within;
    QStringList channels;         // channel ids named by the alarm, most to blame first
    QStringList channelLabels;    // their profile labels at raise, for display
    QString unit;                 // unit of the first named channel
    double value = kNaN;          // first named channel's raw value at raise; NaN when unknown
    double confidence = kNaN;     // at raise; NaN when nothing could be scored (a guard raise)
    double peakConfidence = kNaN; // highest while active
    QString modelSha256;
    bool replay = false; // from a recorded file: shown, never journaled

    // The state is derived from these, so no combination can contradict itself.
    bool active = true; // the detector still reports the condition
    bool acknowledged = false;
    bool shelved = false;

    QString acknowledgedBy;
    QDateTime acknowledgedAt;
    QString shelveReason;
    QString shelvedBy;
    QDateTime shelvedUntil;

    [[nodiscard]] AlarmState state() const;
};

// Names as the journal writes them; not translated (the file is read by tools).
[[nodiscard]] QString severityText(detect::Severity severity); // "Watch", "Warning", "Critical"
[[nodiscard]] QString reasonText(detect::AlarmReason reason);  // "forest", "range-guard", ...
// The reason with the guard's finding when it says more: "range-guard (stuck)".
[[nodiscard]] QString reasonText(const Alarm &alarm);
[[nodiscard]] QString alarmStateText(AlarmState state); // "unacknowledged", ...

} // namespace fw
