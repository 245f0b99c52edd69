#include "alarms/alarmbook.h"
#include "alarms/alarmjournal.h"
#include "resultrows.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <vector>

using fw::AlarmBook;
using fw::AlarmJournal;
using fw::JournalEvent;
using namespace fw::alarmtest;

// What AlarmBook writes to its journal (tst_alarmbook has the rest of the book, tst_alarmjournal
// the file itself).
namespace {

const QString kOperator = QStringLiteral("alice");

std::vector<JournalEvent> eventsOf(const std::vector<fw::JournalEntry> &entries)
{
    std::vector<JournalEvent> events;
    for (const auto &entry : entries) {
        events.push_back(entry.event);
    }
    return events;
}

} // namespace

class TestAlarmBookJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void journalRecordsTheLifecycleWithTheOperator();
    void aGuardRaiseRecordsWhatTheGuardFound();
    void idsContinueFromTheJournal();
    void aJournalThatFailsIsReportedOnceAndAlarmsStillRaise();

private:
    [[nodiscard]] AlarmBook::Clock clock()
    {
        return [this] {
            return m_now;
        };
    }

    QDateTime m_now;
};

void TestAlarmBookJournal::init()
{
    m_now = QDateTime(QDate(2024, 11, 24), QTime(8, 0), Qt::UTC);
}

void TestAlarmBookJournal::journalRecordsTheLifecycleWithTheOperator()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AlarmJournal journal(dir.filePath(QStringLiteral("journal.csv")));
    AlarmBook book(&journal, clock());
    book.ingest(blockOf({raise(Severity::Watch), hold(Severity::Warning, 0.9995)}), profile(),
                false);
    const quint64 id = book.at(0).id;
    QVERIFY(book.acknowledge(id, kOperator));
    QVERIFY(book.shelve(id, QStringLiteral("pump, under repair"), m_now.addSecs(60), kOperator));
    book.ingest(blockOf({clearRow()}, 1001.0), profile(), false);
    m_now = m_now.addSecs(61);
    QCOMPARE(book.expireShelves(), 1);
    book.setSilenced(true, kOperator);
    const std::vector<fw::JournalEntry> entries = journal.readLast(100);
    const std::vector<JournalEvent> expected{
        JournalEvent::Raised,  JournalEvent::Escalated, JournalEvent::Acknowledged,
        JournalEvent::Shelved, JournalEvent::Cleared,   JournalEvent::ShelveExpired,
        JournalEvent::Closed,  JournalEvent::Silenced};
    QCOMPARE(eventsOf(entries), expected);
    const fw::JournalEntry &raised = entries[0];
    QCOMPARE(raised.alarmId, id);
    QCOMPARE(raised.sourceTime, 1000.0);
    QCOMPARE(raised.severity, Severity::Watch);
    QCOMPARE(raised.channels, QStringList{QStringLiteral("temperature")});
    QCOMPARE(raised.value, 21.5);
    QCOMPARE(raised.confidence, 0.996);
    QCOMPARE(raised.modelSha256, QStringLiteral("ab12cd"));
    QCOMPARE(raised.note, QStringLiteral("forest"));
    QCOMPARE(entries[1].severity, Severity::Warning);
    QCOMPARE(entries[2].operatorName, kOperator);
    QVERIFY(entries[3].note.contains(QStringLiteral("pump, under repair")));
    QCOMPARE(entries[5].wallTime, m_now);
    QCOMPARE(entries[7].alarmId, quint64(0));
    QCOMPARE(entries[7].operatorName, kOperator);
}

void TestAlarmBookJournal::aGuardRaiseRecordsWhatTheGuardFound()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AlarmJournal journal(dir.filePath(QStringLiteral("journal.csv")));
    AlarmBook book(&journal, clock());
    Row stuck = raise(Severity::Warning);
    stuck.reason = fw::detect::AlarmReason::RangeGuard;
    stuck.flags[2] = fw::detect::GuardFlag::Stuck;
    book.ingest(blockOf({stuck}), profile(), false);
    QCOMPARE(book.at(0).finding, fw::detect::GuardFlag::Stuck);
    const std::vector<fw::JournalEntry> entries = journal.readLast(10);
    QCOMPARE(entries.size(), std::size_t(1));
    QCOMPARE(entries[0].note, QStringLiteral("range-guard (stuck)"));
    QCOMPARE(entries[0].channels, QStringList{QStringLiteral("pressure")});
}

void TestAlarmBookJournal::idsContinueFromTheJournal()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.csv"));
    quint64 last = 0;
    {
        AlarmJournal journal(path);
        AlarmBook book(&journal, clock());
        book.ingest(blockOf({raise(), clearRow(), raise()}), profile(), false);
        last = book.at(0).id;
    }
    AlarmJournal journal(path);
    AlarmBook book(&journal, clock());
    book.ingest(blockOf({raise()}), profile(), false);
    QCOMPARE(book.at(0).id, last + 1);
}

void TestAlarmBookJournal::aJournalThatFailsIsReportedOnceAndAlarmsStillRaise()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AlarmJournal journal(dir.path()); // a directory: cannot be opened
    QVERIFY(!journal.isOpen());
    AlarmBook book(&journal, clock());
    QSignalSpy failed(&book, &AlarmBook::journalFailed);
    book.ingest(blockOf({raise(), clearRow(), raise()}), profile(), false);
    QCOMPARE(book.count(), 2);
    QVERIFY(book.acknowledge(book.at(0).id, kOperator));
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.constFirst().constFirst().toString(), journal.errorString());
    QTest::qWait(10);
    QCOMPARE(failed.count(), 1);
}

QTEST_GUILESS_MAIN(TestAlarmBookJournal)
#include "tst_alarmbookjournal.moc"
