#include "profile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cmath>

namespace fw {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

bool checkKeys(const QJsonObject &object, const QStringList &allowed, const QString &where,
               QString *error)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key())) {
            return fail(error, QStringLiteral("%1%2: unknown field (expected one of: %3)")
                                   .arg(where, it.key(), allowed.join(QStringLiteral(", "))));
        }
    }
    return true;
}

bool readString(const QJsonObject &object, const QString &key, const QString &where, bool required,
                QString *out, QString *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        return required ? fail(error, QStringLiteral("%1%2: missing").arg(where, key)) : true;
    }
    if (!value.isString()) {
        return fail(error, QStringLiteral("%1%2: expected a string").arg(where, key));
    }
    *out = value.toString();
    return true;
}

bool readNumber(const QJsonObject &object, const QString &key, const QString &where, double *out,
                QString *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        return true;
    }
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        return fail(error, QStringLiteral("%1%2: expected a finite number").arg(where, key));
    }
    *out = value.toDouble();
    return true;
}

bool readRange(const QJsonValue &value, const QString &where, std::optional<Range> *out,
               QString *error)
{
    if (value.isUndefined()) {
        return true;
    }
    const QJsonArray pair = value.toArray();
    if (!value.isArray() || pair.size() != 2 || !pair[0].isDouble() || !pair[1].isDouble()) {
        return fail(error, QStringLiteral("%1: expected two numbers [low, high]").arg(where));
    }
    const Range range{pair[0].toDouble(), pair[1].toDouble()};
    if (!std::isfinite(range.low) || !std::isfinite(range.high) || !(range.low < range.high)) {
        return fail(error, QStringLiteral("%1: low must be below high").arg(where));
    }
    *out = range;
    return true;
}

bool isIdentifier(const QString &id)
{
    if (id.isEmpty() || id.size() > 64) {
        return false;
    }
    for (QChar c : id) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_') {
            return false;
        }
    }
    return true;
}

bool readChannel(const QJsonValue &value, int index, Channel *channel, QString *error)
{
    const QString where = QStringLiteral("channels[%1].").arg(index);
    if (!value.isObject()) {
        return fail(error, QStringLiteral("channels[%1]: expected an object").arg(index));
    }
    const QJsonObject object = value.toObject();
    const QStringList keys{QStringLiteral("id"),     QStringLiteral("label"),
                           QStringLiteral("unit"),   QStringLiteral("column"),
                           QStringLiteral("limits"), QStringLiteral("context")};
    if (!checkKeys(object, keys, where, error)
        || !readString(object, QStringLiteral("id"), where, true, &channel->id, error)
        || !readString(object, QStringLiteral("label"), where, false, &channel->label, error)
        || !readString(object, QStringLiteral("unit"), where, false, &channel->unit, error)
        || !readString(object, QStringLiteral("column"), where, false, &channel->column, error)) {
        return false;
    }
    if (!isIdentifier(channel->id)) {
        return fail(error, QStringLiteral("%1id: '%2' is not a name of 1-64 letters, digits or _")
                               .arg(where, channel->id));
    }
    if (channel->label.isEmpty()) {
        channel->label = channel->id;
    }
    if (channel->column.isEmpty()) {
        channel->column = channel->id;
    }
    const QJsonValue context = object.value(QStringLiteral("context"));
    if (!context.isUndefined() && !context.isBool()) {
        return fail(error, QStringLiteral("%1context: expected true or false").arg(where));
    }
    channel->context = context.toBool(false);
    const QJsonValue limits = object.value(QStringLiteral("limits"));
    if (limits.isUndefined()) {
        return true;
    }
    if (channel->context) {
        return fail(error, QStringLiteral("%1limits: a context channel is never alarmed on, so it "
                                          "takes no limits")
                               .arg(where));
    }
    if (!limits.isObject()) {
        return fail(error, QStringLiteral("%1limits: expected an object").arg(where));
    }
    const QJsonObject limitObject = limits.toObject();
    if (!checkKeys(limitObject, {QStringLiteral("warn"), QStringLiteral("alarm")},
                   where + QStringLiteral("limits."), error)
        || !readRange(limitObject.value(QStringLiteral("warn")),
                      where + QStringLiteral("limits.warn"), &channel->warn, error)
        || !readRange(limitObject.value(QStringLiteral("alarm")),
                      where + QStringLiteral("limits.alarm"), &channel->alarm, error)) {
        return false;
    }
    if (channel->warn && channel->alarm
        && (channel->warn->low < channel->alarm->low
            || channel->warn->high > channel->alarm->high)) {
        return fail(error,
                    QStringLiteral("%1limits.warn: must lie inside limits.alarm").arg(where));
    }
    return true;
}

} // namespace

int Profile::indexOf(QStringView id) const
{
    for (int i = 0; i < channelCount(); ++i) {
        if (channels[std::size_t(i)].id == id) {
            return i;
        }
    }
    return -1;
}

int Profile::indexOfColumn(QStringView column) const
{
    for (int i = 0; i < channelCount(); ++i) {
        if (channels[std::size_t(i)].column == column) {
            return i;
        }
    }
    return -1;
}

QStringList Profile::channelIds() const
{
    QStringList ids;
    for (const Channel &channel : channels) {
        ids << channel.id;
    }
    return ids;
}

std::optional<Profile> Profile::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        fail(error, QStringLiteral("not valid JSON at offset %1: %2")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
        return std::nullopt;
    }
    if (!document.isObject()) {
        fail(error, QStringLiteral("expected a JSON object at the top level"));
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    const QStringList keys{QStringLiteral("name"),     QStringLiteral("description"),
                           QStringLiteral("channels"), QStringLiteral("apid"),
                           QStringLiteral("epoch"),    QStringLiteral("stale_after_s"),
                           QStringLiteral("rate_hz")};
    Profile profile;
    double apid = profile.apid;
    if (!checkKeys(object, keys, {}, error)
        || !readString(object, QStringLiteral("name"), {}, true, &profile.name, error)
        || !readString(object, QStringLiteral("description"), {}, false, &profile.description,
                       error)
        || !readNumber(object, QStringLiteral("apid"), {}, &apid, error)
        || !readNumber(object, QStringLiteral("epoch"), {}, &profile.epoch, error)
        || !readNumber(object, QStringLiteral("stale_after_s"), {}, &profile.staleAfterS, error)
        || !readNumber(object, QStringLiteral("rate_hz"), {}, &profile.rateHz, error)) {
        return std::nullopt;
    }
    if (profile.name.isEmpty()) {
        fail(error, QStringLiteral("name: must not be empty"));
        return std::nullopt;
    }
    // APID 2047 (0x7FF) is reserved for idle packets.
    if (apid != std::floor(apid) || apid < 0 || apid > 2046) {
        fail(error, QStringLiteral("apid: expected an integer from 0 to 2046"));
        return std::nullopt;
    }
    profile.apid = int(apid);
    if (profile.staleAfterS <= 0) {
        fail(error, QStringLiteral("stale_after_s: must be above 0"));
        return std::nullopt;
    }
    if (profile.rateHz <= 0) {
        fail(error, QStringLiteral("rate_hz: must be above 0"));
        return std::nullopt;
    }
    const QJsonValue channels = object.value(QStringLiteral("channels"));
    if (!channels.isArray() || channels.toArray().isEmpty()) {
        fail(error, QStringLiteral("channels: expected a non-empty array"));
        return std::nullopt;
    }
    QSet<QString> ids;
    QSet<QString> columns;
    const QJsonArray channelArray = channels.toArray();
    for (int i = 0; i < channelArray.size(); ++i) {
        Channel channel;
        if (!readChannel(channelArray[i], i, &channel, error)) {
            return std::nullopt;
        }
        if (ids.contains(channel.id)) {
            fail(error,
                 QStringLiteral("channels[%1].id: '%2' is used twice").arg(i).arg(channel.id));
            return std::nullopt;
        }
        if (columns.contains(channel.column)) {
            fail(error, QStringLiteral("channels[%1].column: '%2' is used twice")
                            .arg(i)
                            .arg(channel.column));
            return std::nullopt;
        }
        ids.insert(channel.id);
        columns.insert(channel.column);
        profile.channels.push_back(channel);
    }
    return profile;
}

std::optional<Profile> Profile::fromFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error, QStringLiteral("cannot read profile %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    QString reason;
    auto profile = fromJson(file.readAll(), &reason);
    if (!profile) {
        fail(error, QStringLiteral("profile %1: %2").arg(path, reason));
    }
    return profile;
}

QStringList Profile::builtinNames()
{
    return {QStringLiteral("spacecraft"), QStringLiteral("ev"), QStringLiteral("skab")};
}

std::optional<Profile> Profile::load(const QString &nameOrPath, QString *error)
{
    if (builtinNames().contains(nameOrPath)) {
        return fromFile(QStringLiteral(":/profiles/%1.json").arg(nameOrPath), error);
    }
    if (!QFile::exists(nameOrPath)) {
        fail(error, QStringLiteral("unknown profile '%1': not a built-in profile (%2) nor a file")
                        .arg(nameOrPath, builtinNames().join(QStringLiteral(", "))));
        return std::nullopt;
    }
    return fromFile(nameOrPath, error);
}

} // namespace fw
