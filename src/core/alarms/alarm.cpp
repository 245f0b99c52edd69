#include "alarms/alarm.h"

namespace fw {

AlarmState Alarm::state() const
{
    if (shelved) {
        return AlarmState::Shelved;
    }
    if (active) {
        return acknowledged ? AlarmState::Acknowledged : AlarmState::Unacknowledged;
    }
    return acknowledged ? AlarmState::Closed : AlarmState::Latched;
}

QString severityText(detect::Severity severity)
{
    switch (severity) {
    case detect::Severity::None:
        return QStringLiteral("None");
    case detect::Severity::Watch:
        return QStringLiteral("Watch");
    case detect::Severity::Warning:
        return QStringLiteral("Warning");
    case detect::Severity::Critical:
        return QStringLiteral("Critical");
    }
    return QStringLiteral("Unknown");
}

QString reasonText(detect::AlarmReason reason)
{
    switch (reason) {
    case detect::AlarmReason::None:
        return QStringLiteral("none");
    case detect::AlarmReason::Forest:
        return QStringLiteral("forest");
    case detect::AlarmReason::RangeGuard:
        return QStringLiteral("range-guard");
    case detect::AlarmReason::Limit:
        return QStringLiteral("limit");
    case detect::AlarmReason::Relation:
        return QStringLiteral("relation");
    }
    return QStringLiteral("unknown");
}

QString reasonText(const Alarm &alarm)
{
    const QString reason = reasonText(alarm.reason);
    if (alarm.reason != detect::AlarmReason::RangeGuard
        || alarm.finding == detect::GuardFlag::Within) {
        return reason;
    }
    return reason + QStringLiteral(" (%1)").arg(QLatin1StringView(guardFlagName(alarm.finding)));
}

QString alarmStateText(AlarmState state)
{
    switch (state) {
    case AlarmState::Unacknowledged:
        return QStringLiteral("unacknowledged");
    case AlarmState::Acknowledged:
        return QStringLiteral("acknowledged");
    case AlarmState::Latched:
        return QStringLiteral("latched");
    case AlarmState::Shelved:
        return QStringLiteral("shelved");
    case AlarmState::Closed:
        return QStringLiteral("closed");
    }
    return QStringLiteral("unknown");
}

} // namespace fw
