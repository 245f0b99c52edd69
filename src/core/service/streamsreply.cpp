#include "service/streamsreply.h"

#include "service/scorerun.h"

#include <QJsonArray>

#include <cmath>

namespace fw {

namespace {

QJsonValue number(double value)
{
    // JSON has no NaN: a stream not scored yet has a null confidence.
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue();
}

QJsonObject streamJson(const StreamTable::Entry &entry)
{
    return {
        {QStringLiteral("key"), QString::fromStdString(entry.key)},
        {QStringLiteral("samples"), qint64(entry.samples.load())},
        {QStringLiteral("lost"), qint64(entry.lost.load())},
        {QStringLiteral("scored"), qint64(entry.scored.load())},
        {QStringLiteral("newest_t"), number(entry.newestT.load())},
        {QStringLiteral("alarm_active"), entry.alarmActive.load()},
        {QStringLiteral("severity"), severityName(detect::Severity(entry.severity.load()))},
        {QStringLiteral("confidence"), number(entry.confidence.load())},
        {QStringLiteral("alarms_raised"), qint64(entry.alarmsRaised.load())},
    };
}

} // namespace

QJsonObject streamsJson(const StreamTable &table, bool activeOnly)
{
    QJsonArray streams;
    for (const StreamTable::Entry *entry : table.entries()) {
        if (!activeOnly || entry->alarmActive.load()) {
            streams.append(streamJson(*entry));
        }
    }
    return {
        {QStringLiteral("count"), qint64(table.size())},
        {QStringLiteral("limit"), qint64(table.limit())},
        {QStringLiteral("refused_samples"), qint64(table.refusedSamples())},
        {QStringLiteral("shard"), QStringLiteral("%1/%2").arg(table.shard()).arg(table.shards())},
        {QStringLiteral("other_shard_messages"), qint64(table.otherShardMessages())},
        {QStringLiteral("streams"), streams}};
}

QJsonObject streamsSummary(const StreamTable &table)
{
    qint64 active = 0;
    const std::vector<StreamTable::Entry *> entries = table.entries();
    for (const StreamTable::Entry *entry : entries) {
        active += entry->alarmActive.load() ? 1 : 0;
    }
    return {{QStringLiteral("count"), qint64(entries.size())},
            {QStringLiteral("alarm_active"), active}};
}

} // namespace fw
