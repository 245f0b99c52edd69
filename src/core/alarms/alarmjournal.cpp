#include "alarms/alarmjournal.h"

#include "alarms/alarm.h"
#include "alarms/journalcsv.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <array>
#include <cmath>

namespace fw {

namespace {

struct EventName
{
    JournalEvent event;
    const char16_t *text;
};

constexpr std::array kEventNames{
    EventName{JournalEvent::Raised, u"raised"},
    EventName{JournalEvent::Escalated, u"escalated"},
    EventName{JournalEvent::Acknowledged, u"acknowledged"},
    EventName{JournalEvent::Shelved, u"shelved"},
    EventName{JournalEvent::Unshelved, u"unshelved"},
    EventName{JournalEvent::ShelveExpired, u"shelve-expired"},
    EventName{JournalEvent::Cleared, u"cleared"},
    EventName{JournalEvent::Closed, u"closed"},
    EventName{JournalEvent::Silenced, u"silenced"},
    EventName{JournalEvent::Unsilenced, u"unsilenced"},
};

QString numberOrEmpty(double v, char format, int precision)
{
    return std::isfinite(v) ? QString::number(v, format, precision) : QString();
}

double numberOrNaN(const QString &text, bool *ok)
{
    if (text.isEmpty()) {
        return JournalEntry::kNaN;
    }
    return text.toDouble(ok);
}

std::optional<detect::Severity> severityFromText(QStringView text)
{
    if (text.isEmpty()) {
        return detect::Severity::None;
    }
    for (auto s : {detect::Severity::None, detect::Severity::Watch, detect::Severity::Warning,
                   detect::Severity::Critical}) {
        if (text == severityText(s)) {
            return s;
        }
    }
    return std::nullopt;
}

bool isHeader(const csv::Record &record)
{
    return !record.fields.isEmpty() && record.fields.constFirst() == AlarmJournal::header()[0];
}

} // namespace

QString journalEventText(JournalEvent event)
{
    for (const EventName &name : kEventNames) {
        if (name.event == event) {
            return QString::fromUtf16(name.text);
        }
    }
    return QStringLiteral("unknown");
}

std::optional<JournalEvent> journalEventFromText(QStringView text)
{
    for (const EventName &name : kEventNames) {
        if (text == QStringView(name.text)) {
            return name.event;
        }
    }
    return std::nullopt;
}

QString AlarmJournal::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/alarm-journal.csv");
}

QStringList AlarmJournal::header()
{
    return {
        QStringLiteral("wall_time"), QStringLiteral("source_time"), QStringLiteral("event"),
        QStringLiteral("alarm_id"),  QStringLiteral("severity"),    QStringLiteral("channels"),
        QStringLiteral("value"),     QStringLiteral("confidence"),  QStringLiteral("model_sha256"),
        QStringLiteral("operator"),  QStringLiteral("note")};
}

AlarmJournal::AlarmJournal(const QString &path)
    : m_path(path)
{
    if (path.isEmpty()) {
        m_error = QStringLiteral("No path for the alarm journal");
        return;
    }
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        m_error = QStringLiteral("Cannot create the directory %1 for the alarm journal")
                      .arg(QDir::toNativeSeparators(info.absolutePath()));
        return;
    }
    QByteArray existing;
    if (info.exists() && !readExisting(&existing, &m_error)) {
        return;
    }
    const csv::Parsed parsed = csv::parse(existing);
    for (const csv::Record &record : parsed.records) {
        if (const auto entry = fromFields(record.fields)) {
            m_highestId = std::max(m_highestId, entry->alarmId);
        }
    }
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        m_error = QStringLiteral("Cannot open the alarm journal %1: %2")
                      .arg(QDir::toNativeSeparators(path), m_file.errorString());
        return;
    }
    // A record cut short by a crash is ended here, so that it does not swallow the next one,
    // with one field too many, so that every reader skips it whether or not it was repaired.
    QByteArray start;
    if (existing.isEmpty()) {
        start = csv::record(header());
    } else if (parsed.incompleteTail) {
        start = parsed.tailInQuotes ? QByteArray("\"") : QByteArray();
        start += QByteArray(std::max(kColumns + 1 - parsed.tailFields, 0), ',');
        start += '\n';
    }
    if (!start.isEmpty() && m_file.write(start) != start.size()) {
        m_error = QStringLiteral("Cannot write the alarm journal %1: %2")
                      .arg(QDir::toNativeSeparators(path), m_file.errorString());
        m_file.close();
    }
}

bool AlarmJournal::readExisting(QByteArray *data, QString *error) const
{
    QFile file(m_path);
    if (m_path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read the alarm journal %1: %2")
                     .arg(QDir::toNativeSeparators(m_path), file.errorString());
        return false;
    }
    *data = file.readAll();
    return true;
}

QByteArray AlarmJournal::toCsv(const JournalEntry &entry)
{
    const bool hasAlarm = entry.alarmId != 0;
    return csv::record({
        entry.wallTime.toUTC().toString(Qt::ISODateWithMs),
        numberOrEmpty(entry.sourceTime, 'f', 6),
        journalEventText(entry.event),
        hasAlarm ? QString::number(entry.alarmId) : QString(),
        entry.severity == detect::Severity::None ? QString() : severityText(entry.severity),
        entry.channels.join(QLatin1Char('+')),
        numberOrEmpty(entry.value, 'g', 10),
        numberOrEmpty(entry.confidence, 'f', 6),
        entry.modelSha256,
        entry.operatorName,
        entry.note,
    });
}

std::optional<JournalEntry> AlarmJournal::fromFields(const QStringList &fields)
{
    if (fields.size() != kColumns) {
        return std::nullopt;
    }
    JournalEntry entry;
    entry.wallTime = QDateTime::fromString(fields[0], Qt::ISODateWithMs);
    const auto event = journalEventFromText(fields[2]);
    const auto severity = severityFromText(fields[4]);
    bool timeOk = true;
    bool valueOk = true;
    bool confidenceOk = true;
    bool idOk = true;
    entry.sourceTime = numberOrNaN(fields[1], &timeOk);
    entry.value = numberOrNaN(fields[6], &valueOk);
    entry.confidence = numberOrNaN(fields[7], &confidenceOk);
    entry.alarmId = fields[3].isEmpty() ? 0 : fields[3].toULongLong(&idOk);
    if (!entry.wallTime.isValid() || !event || !severity || !timeOk || !valueOk || !confidenceOk
        || !idOk) {
        return std::nullopt;
    }
    entry.event = *event;
    entry.severity = *severity;
    entry.channels = fields[5].split(QLatin1Char('+'), Qt::SkipEmptyParts);
    entry.modelSha256 = fields[8];
    entry.operatorName = fields[9];
    entry.note = fields[10];
    return entry;
}

bool AlarmJournal::append(const JournalEntry &entry)
{
    if (!m_file.isOpen()) {
        return false; // m_error says why since the constructor
    }
    const QByteArray line = toCsv(entry);
    // Unbuffered: write() hands the bytes to the OS, so nothing waits in a buffer of ours.
    if (m_file.write(line) != line.size()) {
        m_error = QStringLiteral("Cannot write the alarm journal %1: %2")
                      .arg(QDir::toNativeSeparators(m_path), m_file.errorString());
        return false;
    }
    m_highestId = std::max(m_highestId, entry.alarmId);
    return true;
}

std::vector<JournalEntry> AlarmJournal::readLast(int count, int *skipped) const
{
    std::vector<JournalEntry> entries;
    int bad = 0;
    QByteArray data;
    QString error;
    if (count > 0 && readExisting(&data, &error)) {
        const csv::Parsed parsed = csv::parse(data);
        bad = parsed.incompleteTail ? 1 : 0;
        for (const csv::Record &record : parsed.records) {
            if (isHeader(record)) {
                continue;
            }
            if (auto entry = fromFields(record.fields)) {
                entries.push_back(std::move(*entry));
            } else {
                ++bad;
            }
        }
        if (entries.size() > std::size_t(count)) {
            entries.erase(entries.begin(), entries.end() - count);
        }
    }
    if (skipped) {
        *skipped = bad;
    }
    return entries;
}

bool AlarmJournal::exportCsv(const QString &path, QString *error, const QDateTime &from,
                             const QDateTime &to) const
{
    QString message;
    const auto fail = [&](const QString &why) {
        if (error) {
            *error = why;
        }
        return false;
    };
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(m_path).absoluteFilePath()) {
        return fail(QStringLiteral("Cannot export the alarm journal onto itself"));
    }
    QByteArray data;
    if (!readExisting(&data, &message)) {
        return fail(message);
    }
    if (from.isValid() || to.isValid()) {
        const csv::Parsed parsed = csv::parse(data);
        QByteArray selected = csv::record(header());
        for (const csv::Record &record : parsed.records) {
            const auto entry = fromFields(record.fields);
            if (!entry || (from.isValid() && entry->wallTime < from)
                || (to.isValid() && entry->wallTime > to)) {
                continue;
            }
            selected += data.mid(record.begin, record.end - record.begin);
        }
        data = selected;
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit()) {
        return fail(QStringLiteral("Cannot export the alarm journal to %1: %2")
                        .arg(QDir::toNativeSeparators(path), out.errorString()));
    }
    return true;
}

} // namespace fw
