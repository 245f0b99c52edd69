#pragma once

#include "detect/alarmpolicy.h"

#include <QDateTime>
#include <QFile>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace fw {

enum class JournalEvent : std::uint8_t {
    Raised,
    Escalated,
    Acknowledged,
    Shelved,
    Unshelved,
    ShelveExpired,
    Cleared,
    Closed,
    Silenced,
    Unsilenced,
};

// "raised", "escalated", ..., "shelve-expired", as the journal writes them.
[[nodiscard]] QString journalEventText(JournalEvent event);
[[nodiscard]] std::optional<JournalEvent> journalEventFromText(QStringView text);

// One line of the journal. Fields that do not apply (an alarm id for "silenced", the value of an
// alarm without one) are empty in the file: 0, None, NaN or empty here.
struct JournalEntry
{
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

    QDateTime wallTime; // written as ISO 8601 UTC with milliseconds
    double sourceTime = kNaN;
    JournalEvent event = JournalEvent::Raised;
    quint64 alarmId = 0;
    detect::Severity severity = detect::Severity::None;
    QStringList channels; // written joined by '+'
    double value = kNaN;
    double confidence = kNaN;
    QString modelSha256;
    QString operatorName;
    QString note; // shelve reason, or why the book did something on its own
};

// The alarm journal: an append-only CSV of alarm events and operator actions, for audit and for
// the post-mortem. Every entry is written and flushed before append() returns, so a crash of the
// console loses nothing it has reported (an OS crash can still lose what the kernel holds).
//
// A journal that cannot be opened does not throw: isOpen() is false, errorString() says why and
// every append() fails with that error, so the console keeps running and can tell the operator.
// A record cut short by a crash is terminated when the journal is next opened; readers skip it.
// Not thread-safe: owned and used by one thread (the AlarmBook's).
class AlarmJournal
{
public:
    static constexpr int kColumns = 11;

    // AppDataLocation/alarm-journal.csv.
    [[nodiscard]] static QString defaultPath();
    [[nodiscard]] static QStringList header();

    // Creates the directories, opens the file for appending and writes the header to a new file.
    explicit AlarmJournal(const QString &path = defaultPath());
    AlarmJournal(const AlarmJournal &) = delete;
    AlarmJournal &operator=(const AlarmJournal &) = delete;

    [[nodiscard]] bool isOpen() const { return m_file.isOpen(); }
    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] QString path() const { return m_path; }
    // The highest alarm id in the file or appended since, so that ids stay unique across runs.
    [[nodiscard]] quint64 highestAlarmId() const { return m_highestId; }

    // False with errorString() set when the entry could not be written in full.
    [[nodiscard]] bool append(const JournalEntry &entry);

    // The last count entries in file order, read from disk. Malformed records (a truncated last
    // line, a hand edit) are skipped and counted in *skipped.
    [[nodiscard]] std::vector<JournalEntry> readLast(int count, int *skipped = nullptr) const;

    // Writes a copy of the journal to path, atomically. With from or to valid, only entries whose
    // wall time lies in [from, to] are copied, under the header; without, the file is copied as
    // it is. False with a message in *error on failure.
    [[nodiscard]] bool exportCsv(const QString &path, QString *error, const QDateTime &from = {},
                                 const QDateTime &to = {}) const;

    [[nodiscard]] static QByteArray toCsv(const JournalEntry &entry);
    [[nodiscard]] static std::optional<JournalEntry> fromFields(const QStringList &fields);

private:
    [[nodiscard]] bool readExisting(QByteArray *data, QString *error) const;

    QString m_path;
    QFile m_file;
    QString m_error;
    quint64 m_highestId = 0;
};

} // namespace fw
