#include "alarms/alarmjournal.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using fw::AlarmJournal;
using fw::JournalEntry;
using fw::JournalEvent;
using fw::detect::Severity;

namespace {

const QDateTime kStart(QDate(2024, 11, 24), QTime(8, 0), Qt::UTC);

JournalEntry entryAt(int minute, quint64 id = 1, const QString &note = {})
{
    JournalEntry entry;
    entry.wallTime = kStart.addSecs(60 * minute);
    entry.sourceTime = 1732435200.125 + minute;
    entry.event = JournalEvent::Raised;
    entry.alarmId = id;
    entry.severity = Severity::Warning;
    entry.channels = {QStringLiteral("temperature"), QStringLiteral("voltage")};
    entry.value = -12.5;
    entry.confidence = 0.9993;
    entry.modelSha256 = QStringLiteral("0f3a");
    entry.operatorName = QStringLiteral("alice");
    entry.note = note;
    return entry;
}

QByteArray contentsOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void appendRaw(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Append));
    QCOMPARE(file.write(bytes), bytes.size());
}

} // namespace

class TestAlarmJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void defaultPathIsInTheAppDataLocation();
    void entriesPersistAcrossReopen();
    void headerIsWrittenOnce();
    void everyFieldReadsBack();
    void fieldsWithCommasQuotesAndLineBreaksRoundTrip_data();
    void fieldsWithCommasQuotesAndLineBreaksRoundTrip();
    void readLastReturnsTheNewestEntriesInOrder();
    void highestAlarmIdIsReadBackOnOpen();
    void exportCopiesTheJournal();
    void exportSelectsATimeRange();
    void exportOntoTheJournalItselfIsRefused();
    void exportToAnUnwritablePathGivesAnError();
    void unopenableJournalGivesAnErrorAndRefusesEntries_data();
    void unopenableJournalGivesAnErrorAndRefusesEntries();
    void truncatedLastLineIsSkippedAndTerminated_data();
    void truncatedLastLineIsSkippedAndTerminated();

private:
    [[nodiscard]] QString path() const { return m_dir->filePath(QStringLiteral("journal.csv")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAlarmJournal::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAlarmJournal::defaultPathIsInTheAppDataLocation()
{
    QCOMPARE(AlarmJournal::defaultPath(),
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                 + QStringLiteral("/alarm-journal.csv"));
}

void TestAlarmJournal::entriesPersistAcrossReopen()
{
    {
        AlarmJournal journal(path());
        QVERIFY2(journal.isOpen(), qPrintable(journal.errorString()));
        QVERIFY(journal.append(entryAt(0, 1)));
        QVERIFY(journal.append(entryAt(1, 2)));
        // Flushed as written: readable before the journal is closed.
        QCOMPARE(journal.readLast(10).size(), std::size_t(2));
    }
    AlarmJournal journal(path());
    QVERIFY(journal.append(entryAt(2, 3)));
    int skipped = -1;
    const auto entries = journal.readLast(10, &skipped);
    QCOMPARE(skipped, 0);
    QCOMPARE(entries.size(), std::size_t(3));
    QCOMPARE(entries[0].alarmId, quint64(1));
    QCOMPARE(entries[2].alarmId, quint64(3));
}

void TestAlarmJournal::headerIsWrittenOnce()
{
    for (int i = 0; i < 3; ++i) {
        AlarmJournal journal(path());
        QVERIFY(journal.append(entryAt(i)));
    }
    const QByteArray data = contentsOf(path());
    QVERIFY(data.startsWith("wall_time,source_time,event,alarm_id,severity,channels,value,"
                            "confidence,model_sha256,operator,note\n"));
    QCOMPARE(data.count("wall_time"), 1);
    QCOMPARE(data.count('\n'), 4);
}

void TestAlarmJournal::everyFieldReadsBack()
{
    AlarmJournal journal(path());
    QVERIFY(journal.append(entryAt(5, 42, QStringLiteral("forest"))));
    JournalEntry silenced;
    silenced.wallTime = kStart;
    silenced.event = JournalEvent::Silenced;
    QVERIFY(journal.append(silenced));
    const QByteArray data = contentsOf(path());
    QVERIFY(data.contains("2024-11-24T08:05:00.000Z,1732435205.125000,raised,42,Warning,"
                          "temperature+voltage,-12.5,0.999300,0f3a,alice,forest\n"));
    QVERIFY(data.endsWith("2024-11-24T08:00:00.000Z,,silenced,,,,,,,,\n"));
    const auto entries = journal.readLast(10);
    QCOMPARE(entries.size(), std::size_t(2));
    const JournalEntry &e = entries[0];
    QCOMPARE(e.wallTime, kStart.addSecs(300));
    QCOMPARE(e.sourceTime, 1732435205.125);
    QCOMPARE(e.event, JournalEvent::Raised);
    QCOMPARE(e.alarmId, quint64(42));
    QCOMPARE(e.severity, Severity::Warning);
    QCOMPARE(e.channels, (QStringList{QStringLiteral("temperature"), QStringLiteral("voltage")}));
    QCOMPARE(e.value, -12.5);
    QCOMPARE(e.confidence, 0.9993);
    QCOMPARE(e.modelSha256, QStringLiteral("0f3a"));
    QCOMPARE(e.operatorName, QStringLiteral("alice"));
    QCOMPARE(e.note, QStringLiteral("forest"));
    QCOMPARE(entries[1].event, JournalEvent::Silenced);
    QCOMPARE(entries[1].alarmId, quint64(0));
    QVERIFY(std::isnan(entries[1].value));
    QVERIFY(std::isnan(entries[1].sourceTime));
}

void TestAlarmJournal::fieldsWithCommasQuotesAndLineBreaksRoundTrip_data()
{
    QTest::addColumn<QString>("note");
    QTest::addColumn<QByteArray>("written");
    QTest::newRow("plain") << QStringLiteral("pump noisy") << QByteArray(",pump noisy\n");
    QTest::newRow("comma") << QStringLiteral("pump, noisy") << QByteArray(",\"pump, noisy\"\n");
    QTest::newRow("quotes") << QStringLiteral("the \"spare\" pump")
                            << QByteArray(",\"the \"\"spare\"\" pump\"\n");
    QTest::newRow("line break") << QStringLiteral("first\nsecond")
                                << QByteArray(",\"first\nsecond\"\n");
    QTest::newRow("carriage return") << QStringLiteral("a\r\nb") << QByteArray(",\"a\r\nb\"\n");
    QTest::newRow("non-ASCII") << QStringLiteral(
        "Druck über 5 °C") << QStringLiteral("Druck über 5 °C").toUtf8().prepend(',').append('\n');
    QTest::newRow("only a quote") << QStringLiteral("\"") << QByteArray(",\"\"\"\"\n");
}

void TestAlarmJournal::fieldsWithCommasQuotesAndLineBreaksRoundTrip()
{
    QFETCH(QString, note);
    QFETCH(QByteArray, written);
    AlarmJournal journal(path());
    QVERIFY(journal.append(entryAt(0, 1, note)));
    QVERIFY(journal.append(entryAt(1, 2, note)));
    QVERIFY(contentsOf(path()).endsWith(written));
    AlarmJournal reopened(path());
    int skipped = -1;
    const auto entries = reopened.readLast(10, &skipped);
    QCOMPARE(skipped, 0);
    QCOMPARE(entries.size(), std::size_t(2));
    QCOMPARE(entries[0].note, note);
    QCOMPARE(entries[1].note, note);
    QCOMPARE(entries[1].alarmId, quint64(2));
}

void TestAlarmJournal::readLastReturnsTheNewestEntriesInOrder()
{
    AlarmJournal journal(path());
    for (int i = 1; i <= 10; ++i) {
        QVERIFY(journal.append(entryAt(i, quint64(i))));
    }
    const auto entries = journal.readLast(3);
    QCOMPARE(entries.size(), std::size_t(3));
    QCOMPARE(entries[0].alarmId, quint64(8));
    QCOMPARE(entries[2].alarmId, quint64(10));
    QVERIFY(journal.readLast(0).empty());
}

void TestAlarmJournal::highestAlarmIdIsReadBackOnOpen()
{
    {
        AlarmJournal journal(path());
        QCOMPARE(journal.highestAlarmId(), quint64(0));
        QVERIFY(journal.append(entryAt(0, 7)));
        QVERIFY(journal.append(entryAt(1, 3))); // a late acknowledgement of an older alarm
        QCOMPARE(journal.highestAlarmId(), quint64(7));
    }
    AlarmJournal journal(path());
    QCOMPARE(journal.highestAlarmId(), quint64(7));
}

void TestAlarmJournal::exportCopiesTheJournal()
{
    AlarmJournal journal(path());
    QVERIFY(journal.append(entryAt(0, 1, QStringLiteral("a, \"b\"\nc"))));
    QVERIFY(journal.append(entryAt(1, 2)));
    const QString target = m_dir->filePath(QStringLiteral("export.csv"));
    QString error;
    QVERIFY2(journal.exportCsv(target, &error), qPrintable(error));
    QCOMPARE(contentsOf(target), contentsOf(path()));
    // An existing file is replaced.
    QVERIFY2(journal.exportCsv(target, &error), qPrintable(error));
    QCOMPARE(contentsOf(target), contentsOf(path()));
}

void TestAlarmJournal::exportSelectsATimeRange()
{
    AlarmJournal journal(path());
    for (int i = 0; i < 6; ++i) {
        QVERIFY(journal.append(entryAt(i, quint64(i + 1), QStringLiteral("x\ny"))));
    }
    const QString target = m_dir->filePath(QStringLiteral("range.csv"));
    QString error;
    QVERIFY2(journal.exportCsv(target, &error, kStart.addSecs(60), kStart.addSecs(180)),
             qPrintable(error));
    AlarmJournal exported(target);
    const auto entries = exported.readLast(100);
    QCOMPARE(entries.size(), std::size_t(3));
    QCOMPARE(entries[0].alarmId, quint64(2));
    QCOMPARE(entries[2].alarmId, quint64(4));
    QCOMPARE(entries[2].note, QStringLiteral("x\ny"));
    QVERIFY2(journal.exportCsv(target, &error, kStart.addSecs(240), {}), qPrintable(error));
    QCOMPARE(AlarmJournal(target).readLast(100).size(), std::size_t(2));
}

void TestAlarmJournal::exportOntoTheJournalItselfIsRefused()
{
    AlarmJournal journal(path());
    QVERIFY(journal.append(entryAt(0)));
    QString error;
    QVERIFY(!journal.exportCsv(path(), &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(journal.readLast(10).size(), std::size_t(1));
}

void TestAlarmJournal::exportToAnUnwritablePathGivesAnError()
{
    AlarmJournal journal(path());
    QVERIFY(journal.append(entryAt(0)));
    // A directory where the file should be: refused whoever runs the test, root included.
    const QString target = m_dir->filePath(QStringLiteral("adir"));
    QVERIFY(QDir().mkpath(target));
    QString error;
    QVERIFY(!journal.exportCsv(target, &error));
    QVERIFY2(error.contains(QStringLiteral("adir")), qPrintable(error));
}

void TestAlarmJournal::unopenableJournalGivesAnErrorAndRefusesEntries_data()
{
    QTest::addColumn<QString>("relativePath");
    QTest::newRow("parent is a file") << QStringLiteral("plainfile/journal.csv");
    QTest::newRow("path is a directory") << QStringLiteral("adir");
    QTest::newRow("empty path") << QString();
}

void TestAlarmJournal::unopenableJournalGivesAnErrorAndRefusesEntries()
{
    QFETCH(QString, relativePath);
    appendRaw(m_dir->filePath(QStringLiteral("plainfile")), "x");
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("adir"))));
    AlarmJournal journal(relativePath.isEmpty() ? QString() : m_dir->filePath(relativePath));
    QVERIFY(!journal.isOpen());
    QVERIFY(!journal.errorString().isEmpty());
    QVERIFY(!journal.append(entryAt(0)));
    QVERIFY(journal.readLast(10).empty());
    QString error;
    QVERIFY(!journal.exportCsv(m_dir->filePath(QStringLiteral("out.csv")), &error));
}

void TestAlarmJournal::truncatedLastLineIsSkippedAndTerminated_data()
{
    QTest::addColumn<QByteArray>("partial");
    QTest::newRow("cut in a plain field") << QByteArray("2024-11-24T08:09:00.000Z,17324");
    QTest::newRow("cut in a quoted field")
        << QByteArray("2024-11-24T08:09:00.000Z,1.0,raised,9,Watch,t,1,0.99,ab,bob,\"half, a");
    QTest::newRow("cut after a field") << QByteArray("2024-11-24T08:09:00.000Z,");
    QTest::newRow("cut in the last field")
        << QByteArray("2024-11-24T08:09:00.000Z,1.0,raised,9,Watch,t,1,0.99,ab,bob,half a no");
    QTest::newRow("cut with a field too many")
        << QByteArray("2024-11-24T08:09:00.000Z,1.0,raised,9,Watch,t,1,0.99,ab,bob,note,x");
}

void TestAlarmJournal::truncatedLastLineIsSkippedAndTerminated()
{
    QFETCH(QByteArray, partial);
    {
        AlarmJournal journal(path());
        QVERIFY(journal.append(entryAt(0, 1)));
        QVERIFY(journal.append(entryAt(1, 2)));
    }
    appendRaw(path(), partial); // a crash mid-write
    {
        const AlarmJournal journal(path());
        int skipped = -1;
        const auto entries = journal.readLast(10, &skipped);
        QCOMPARE(entries.size(), std::size_t(2));
        QCOMPARE(skipped, 1);
    }
    AlarmJournal journal(path());
    QVERIFY(journal.isOpen());
    QVERIFY(journal.append(entryAt(2, 3)));
    int skipped = -1;
    const auto entries = journal.readLast(10, &skipped);
    QCOMPARE(skipped, 1);
    QCOMPARE(entries.size(), std::size_t(3));
    QCOMPARE(entries[2].alarmId, quint64(3));
}

QTEST_GUILESS_MAIN(TestAlarmJournal)
#include "tst_alarmjournal.moc"
