#include "alarms/alarmbook.h"
#include "alarms/alarmjournal.h"
#include "resultrows.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <vector>

using fw::Alarm;
using fw::AlarmBook;
using fw::AlarmJournal;
using fw::AlarmState;
using namespace fw::alarmtest;
using fw::detect::AlarmReason;
using fw::detect::GuardFlag;
using fw::detect::Severity;

namespace {

const QString kOperator = QStringLiteral("alice");

} // namespace

class TestAlarmBook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void aRaiseRowOpensAnUnacknowledgedAlarm();
    void anAlarmRowWithoutARaiseStillOpensOne();
    void acknowledgingAnActiveAlarmKeepsItListed();
    void clearingAnAcknowledgedAlarmClosesIt();
    void clearingBeforeAcknowledgeLatchesUntilAcknowledged();
    void escalationRequiresAcknowledgingAgain();
    void peakConfidenceFollowsTheEpisode();
    void shelvedAlarmIsHiddenFromTheUnacknowledged();
    void shelveExpiryReturnsTheAlarmAsItNowIs_data();
    void shelveExpiryReturnsTheAlarmAsItNowIs();
    void unshelveEndsTheShelfAtOnce();
    void escalationEndsAShelf();
    void shelveNeedsAReasonAndAFutureExpiry();
    void acknowledgeAllLeavesShelvedAlarmsAlone();
    void silenceMutesAnnunciationButDoesNotAcknowledge();
    void raiseNamesGuardFlaggedChannelsBeforeAttribution();
    void valueIsTheFirstNamedChannelsSample();
    void newestAlarmIsTheFirstRow();
    void replayAlarmsAreShownButNotJournaled();
    void liveAndReplayStreamsKeepTheirOwnEpisodes();
    void endStreamClearsTheOpenAlarm();

private:
    [[nodiscard]] AlarmBook::Clock clock()
    {
        return [this] {
            return m_now;
        };
    }

    QDateTime m_now;
};

void TestAlarmBook::init()
{
    m_now = QDateTime(QDate(2024, 11, 24), QTime(8, 0), Qt::UTC);
}

void TestAlarmBook::aRaiseRowOpensAnUnacknowledgedAlarm()
{
    AlarmBook book(nullptr, clock());
    QSignalSpy aboutToInsert(&book, &AlarmBook::alarmAboutToBeInserted);
    QSignalSpy inserted(&book, &AlarmBook::alarmInserted);
    QSignalSpy annunciated(&book, &AlarmBook::annunciationRequested);
    book.ingest(blockOf({{}, raise(Severity::Warning, 0.9991), hold(Severity::Warning)}), profile(),
                false);
    QCOMPARE(book.count(), 1);
    QCOMPARE(aboutToInsert.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.constFirst().constFirst().toInt(), 0);
    QCOMPARE(annunciated.count(), 1);
    const Alarm &alarm = book.at(0);
    QCOMPARE(alarm.state(), AlarmState::Unacknowledged);
    QCOMPARE(alarm.sourceTimeRaised, 1000.1);
    QCOMPARE(alarm.raisedAt, m_now);
    QCOMPARE(alarm.severity, Severity::Warning);
    QCOMPARE(alarm.reason, AlarmReason::Forest);
    QCOMPARE(alarm.confidence, 0.9991);
    QCOMPARE(alarm.channels, QStringList{QStringLiteral("temperature")});
    QCOMPARE(alarm.channelLabels, QStringList{QStringLiteral("Temperature")});
    QCOMPARE(alarm.unit, QStringLiteral("°C"));
    QCOMPARE(alarm.modelSha256, QStringLiteral("ab12cd"));
    QVERIFY(!alarm.replay);
    QCOMPARE(book.countIn(AlarmState::Unacknowledged), 1);
    QCOMPARE(book.highestUnacknowledgedSeverity(), Severity::Warning);
}

void TestAlarmBook::anAlarmRowWithoutARaiseStillOpensOne()
{
    // The book may start while the detector already has an alarm up.
    AlarmBook book(nullptr, clock());
    book.ingest(blockOf({hold(Severity::Critical), hold(Severity::Critical)}), profile(), false);
    QCOMPARE(book.count(), 1);
    QCOMPARE(book.at(0).severity, Severity::Critical);
}

void TestAlarmBook::acknowledgingAnActiveAlarmKeepsItListed()
{
    AlarmBook book(nullptr, clock());
    book.ingest(blockOf({raise()}), profile(), false);
    const quint64 id = book.at(0).id;
    QSignalSpy changed(&book, &AlarmBook::alarmChanged);
    QVERIFY(book.acknowledge(id, kOperator));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(book.count(), 1);
    QCOMPARE(book.at(0).state(), AlarmState::Acknowledged);
    QCOMPARE(book.at(0).acknowledgedBy, kOperator);
    QCOMPARE(book.highestUnacknowledgedSeverity(), Severity::None);
    QVERIFY(!book.acknowledge(id, kOperator)); // once is enough
    QVERIFY(!book.acknowledge(id + 100, kOperator));
}

void TestAlarmBook::clearingAnAcknowledgedAlarmClosesIt()
{
    AlarmBook book(nullptr, clock());
    book.ingest(blockOf({raise(), hold()}), profile(), false);
    QVERIFY(book.acknowledge(book.at(0).id, kOperator));
    QSignalSpy aboutToRemove(&book, &AlarmBook::alarmAboutToBeRemoved);
    QSignalSpy removed(&book, &AlarmBook::alarmRemoved);
    book.ingest(blockOf({hold(), clearRow(), {}}, 1001.0), profile(), false);
    QCOMPARE(aboutToRemove.count(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(book.count(), 0);
}

void TestAlarmBook::clearingBeforeAcknowledgeLatchesUntilAcknowledged()
{
    AlarmBook book(nullptr, clock());
    book.ingest(blockOf({raise(), hold(Severity::Warning), clearRow(), {}, {}}), profile(), false);
    QCOMPARE(book.count(), 1);
    const Alarm &alarm = book.at(0);
    QCOMPARE(alarm.state(), AlarmState::Latched);
    QCOMPARE(alarm.sourceTimeCleared, 1000.2);
    QCOMPARE(book.highestUnacknowledgedSeverity(), Severity::Warning);
    // More quiet data does not close it.
    book.ingest(blockOf({{}, {}}, 1001.0), profile(), false);
    QCOMPARE(book.countIn(AlarmState::Latched), 1);
    QSignalSpy removed(&book, &AlarmBook::alarmRemoved);
    QVERIFY(book.acknowledge(book.at(0).id, kOperator));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(book.count(), 0);
}

void TestAlarmBook::escalationRequiresAcknowledgingAgain()
{
    AlarmBook book(nullptr, clock());
    book.ingest(blockOf({raise(Severity::Watch)}), profile(), false);
    QVERIFY(book.acknowledge(book.at(0).id, kOperator));
    QSignalSpy annunciated(&book, &AlarmBook::annunciationRequested);
    book.ingest(blockOf({hold(Severity::Watch), hold(Severity::Critical, 0.99995)}, 1001.0),
                profile(), false);
    QCOMPARE(book.count(), 1);
    QCOMPARE(book.at(0).severity, Severity::Critical);
    QCOMPARE(book.at(0).state(), AlarmState::Unacknowledged);
    QVERIFY(book.at(0).acknowledgedBy.isEmpty());
    QCOMPARE(annunciated.count(), 1);
    QCOMPARE(annunciated.constFirst().constFirst().value<Severity>(), Severity::Critical);
    QVERIFY(book.acknowledge(book.at(0).id, kOperator));
    QCOMPARE(book.at(0).state(), AlarmState::Acknowledged);
}

void TestAlarmBook::peakConfidenceFollowsTheEpisode()
{
    AlarmBook book(nullptr, clock());
    QSignalSpy changed(&book, &AlarmBook::alarmChanged);
    book.ingest(blockOf({raise(Severity::Watch, 0.996), hold(Severity::Watch, 0.997),
                         hold(Severity::Watch, 0.998), hold(Severity::Watch, 0.9965)}),
                profile(), false);
    QCOMPARE(book.at(0).confidence, 0.996);
    QCOMPARE(book.at(0).peakConfidence, 0.998);
    QCOMPARE(changed.count(), 1); // once per block, not once per sample
}

void TestAlarmBook::shelvedAlarmIsHiddenFromTheUnacknowledged()
{
    AlarmBook book(nullptr, clock());
    book.ingest(blockOf({raise(Severity::Warning)}), profile(), false);
    const quint64 id = book.at(0).id;
    QVERIFY(
        book.shelve(id, QStringLiteral("sensor under maintenance"), m_now.addSecs(900), kOperator));
    const Alarm &alarm = book.at(0);
    QCOMPARE(alarm.state(), AlarmState::Shelved);
    QCOMPARE(alarm.shelveReason, QStringLiteral("sensor under maintenance"));
    QCOMPARE(alarm.shelvedBy, kOperator);
    QCOMPARE(book.countIn(AlarmState::Unacknowledged), 0);
    QCOMPARE(book.highestUnacknowledgedSeverity(), Severity::None);
    QCOMPARE(book.nextShelfExpiry(), m_now.addSecs(900));
    QVERIFY(!book.acknowledge(id, kOperator));
    QCOMPARE(book.expireShelves(m_now.addSecs(899)), 0);
    QCOMPARE(book.at(0).state(), AlarmState::Shelved);
}

void TestAlarmBook::shelveExpiryReturnsTheAlarmAsItNowIs_data()
{
    QTest::addColumn<bool>("clearedMeanwhile");
    QTest::addColumn<bool>("acknowledgedBefore");
    QTest::newRow("still active") << false << false;
    QTest::newRow("still active, acknowledged before") << false << true;
    QTest::newRow("cleared meanwhile") << true << false;
    QTest::newRow("cleared meanwhile, acknowledged before") << true << true;
}

void TestAlarmBook::shelveExpiryReturnsTheAlarmAsItNowIs()
{
    QFETCH(bool, clearedMeanwhile);
    QFETCH(bool, acknowledgedBefore);
    AlarmBook book(nullptr, clock());
    book.ingest(blockOf({raise()}), profile(), false);
    const quint64 id = book.at(0).id;
    if (acknowledgedBefore) {
        QVERIFY(book.acknowledge(id, kOperator));
    }
    QVERIFY(book.shelve(id, QStringLiteral("nuisance"), m_now.addSecs(3600), kOperator));
    if (clearedMeanwhile) {
        book.ingest(blockOf({clearRow()}, 1001.0), profile(), false);
        QCOMPARE(book.at(0).state(), AlarmState::Shelved);
    }
    m_now = m_now.addSecs(3600);
    QCOMPARE(book.expireShelves(), 1);
    if (clearedMeanwhile) {
        QCOMPARE(book.count(), 0);
    } else {
        QCOMPARE(book.count(), 1);
        QCOMPARE(book.at(0).state(), AlarmState::Unacknowledged);
        QVERIFY(book.at(0).shelveReason.isEmpty());
    }
    QVERIFY(!book.nextShelfExpiry().isValid());
}

void TestAlarmBook::unshelveEndsTheShelfAtOnce()
{
    AlarmBook book(nullptr, clock());
    book.ingest(blockOf({raise()}), profile(), false);
    const quint64 id = book.at(0).id;
    QVERIFY(!book.unshelve(id, kOperator));
    QVERIFY(book.shelve(id, QStringLiteral("nuisance"), m_now.addSecs(60), kOperator));
    QVERIFY(book.unshelve(id, kOperator));
    QCOMPARE(book.at(0).state(), AlarmState::Unacknowledged);
    QCOMPARE(book.expireShelves(m_now.addSecs(120)), 0);
}

void TestAlarmBook::escalationEndsAShelf()
{
    AlarmBook book(nullptr, clock());
    book.ingest(blockOf({raise(Severity::Watch)}), profile(), false);
    QVERIFY(book.shelve(book.at(0).id, QStringLiteral("nuisance"), m_now.addSecs(60), kOperator));
    book.ingest(blockOf({hold(Severity::Critical, 0.99999)}, 1001.0), profile(), false);
    QCOMPARE(book.at(0).state(), AlarmState::Unacknowledged);
    QCOMPARE(book.at(0).severity, Severity::Critical);
}

void TestAlarmBook::shelveNeedsAReasonAndAFutureExpiry()
{
    AlarmBook book(nullptr, clock());
    book.ingest(blockOf({raise()}), profile(), false);
    const quint64 id = book.at(0).id;
    QVERIFY(!book.shelve(id, QString(), m_now.addSecs(60), kOperator));
    QVERIFY(!book.shelve(id, QStringLiteral("  "), m_now.addSecs(60), kOperator));
    QVERIFY(!book.shelve(id, QStringLiteral("nuisance"), m_now, kOperator));
    QVERIFY(!book.shelve(id, QStringLiteral("nuisance"), QDateTime(), kOperator));
    QVERIFY(!book.shelve(id + 1, QStringLiteral("nuisance"), m_now.addSecs(60), kOperator));
    QCOMPARE(book.at(0).state(), AlarmState::Unacknowledged);
}

void TestAlarmBook::acknowledgeAllLeavesShelvedAlarmsAlone()
{
    AlarmBook book(nullptr, clock());
    // Live: two latched episodes and an active one, to be shelved; replay: an active one.
    book.ingest(blockOf({raise(), clearRow(), {}, raise(), clearRow(), raise()}), profile(), false);
    book.ingest(blockOf({raise()}, 1000.0), profile(), true);
    QCOMPARE(book.count(), 4);
    QVERIFY(book.shelve(book.at(1).id, QStringLiteral("nuisance"), m_now.addSecs(60), kOperator));
    QCOMPARE(book.acknowledgeAll(kOperator), 3);
    // The latched ones closed, the active one is acknowledged, the shelved one untouched.
    QCOMPARE(book.count(), 2);
    QCOMPARE(book.countIn(AlarmState::Acknowledged), 1);
    QCOMPARE(book.countIn(AlarmState::Shelved), 1);
    QCOMPARE(book.acknowledgeAll(kOperator), 0);
}

void TestAlarmBook::silenceMutesAnnunciationButDoesNotAcknowledge()
{
    AlarmBook book(nullptr, clock());
    QSignalSpy silenced(&book, &AlarmBook::silencedChanged);
    QSignalSpy annunciated(&book, &AlarmBook::annunciationRequested);
    book.setSilenced(true, kOperator);
    book.setSilenced(true, kOperator);
    QCOMPARE(silenced.count(), 1);
    QVERIFY(book.isSilenced());
    QVERIFY(book.property("silenced").toBool());
    book.ingest(blockOf({raise(Severity::Critical)}), profile(), false);
    QCOMPARE(book.count(), 1);
    QCOMPARE(book.at(0).state(), AlarmState::Unacknowledged);
    QCOMPARE(book.highestUnacknowledgedSeverity(), Severity::Critical);
    QCOMPARE(annunciated.count(), 0);
    book.setSilenced(false);
    QCOMPARE(silenced.count(), 2);
    QCOMPARE(book.at(0).state(), AlarmState::Unacknowledged);
}

void TestAlarmBook::raiseNamesGuardFlaggedChannelsBeforeAttribution()
{
    // The rules in detail are tst_alarmchannels'; here, that the book applies them at raise.
    AlarmBook book(nullptr, clock());
    Row flagged = raise();
    flagged.flags = {GuardFlag::Within, GuardFlag::Within, GuardFlag::OutOfLimits};
    book.ingest(blockOf({raise(), clearRow(), flagged}), profile(), false);
    QCOMPARE(book.at(0).channels, QStringList{QStringLiteral("pressure")});
    QCOMPARE(book.at(0).channelLabels, QStringList{QStringLiteral("Pressure")});
    QCOMPARE(book.at(1).channels, QStringList{QStringLiteral("temperature")});
}

void TestAlarmBook::valueIsTheFirstNamedChannelsSample()
{
    AlarmBook book(nullptr, clock());
    Row row = raise();
    row.shares = {0.1, 0.8, 0.1};
    row.values = {20.0, 31.25, 99.0};
    Row later = hold();
    later.values = {20.0, 40.0, 99.0};
    book.ingest(blockOf({{}, row, later}), profile(), false);
    QCOMPARE(book.at(0).value, 31.25);
    QCOMPARE(book.at(0).unit, QStringLiteral("V"));
}

void TestAlarmBook::newestAlarmIsTheFirstRow()
{
    AlarmBook book(nullptr, clock());
    book.ingest(blockOf({raise(), clearRow(), raise(Severity::Critical)}), profile(), false);
    QCOMPARE(book.count(), 2);
    QCOMPARE(book.at(0).severity, Severity::Critical);
    QVERIFY(book.at(0).id > book.at(1).id);
    QCOMPARE(book.rowOf(book.at(1).id), 1);
}

void TestAlarmBook::replayAlarmsAreShownButNotJournaled()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AlarmJournal journal(dir.filePath(QStringLiteral("journal.csv")));
    QVERIFY2(journal.isOpen(), qPrintable(journal.errorString()));
    AlarmBook book(&journal, clock());
    QSignalSpy annunciated(&book, &AlarmBook::annunciationRequested);
    book.ingest(blockOf({raise(), clearRow()}), profile(), true);
    QCOMPARE(book.count(), 1);
    QVERIFY(book.at(0).replay);
    QCOMPARE(book.at(0).state(), AlarmState::Latched);
    QVERIFY(book.acknowledge(book.at(0).id, kOperator));
    QCOMPARE(book.count(), 0);
    QCOMPARE(annunciated.count(), 0);
    QVERIFY(journal.readLast(100).empty());
    // A live alarm in the same book is journaled.
    book.ingest(blockOf({raise()}), profile(), false);
    QCOMPARE(journal.readLast(100).size(), std::size_t(1));
}

void TestAlarmBook::liveAndReplayStreamsKeepTheirOwnEpisodes()
{
    AlarmBook book(nullptr, clock());
    book.ingest(blockOf({raise()}), profile(), false);
    book.ingest(blockOf({raise(), hold()}), profile(), true);
    QCOMPARE(book.count(), 2);
    // The replay stream clearing leaves the live alarm active.
    book.ingest(blockOf({clearRow()}, 1001.0), profile(), true);
    QCOMPARE(book.countIn(AlarmState::Latched), 1);
    QCOMPARE(book.countIn(AlarmState::Unacknowledged), 1);
    QVERIFY(!book.at(book.rowOf(book.at(0).id)).active);
    QVERIFY(book.at(1).active);
}

void TestAlarmBook::endStreamClearsTheOpenAlarm()
{
    AlarmBook book(nullptr, clock());
    book.ingest(blockOf({raise()}), profile(), true);
    book.endStream(true, QStringLiteral("replay ended"));
    QCOMPARE(book.at(0).state(), AlarmState::Latched);
    book.endStream(true, QStringLiteral("replay ended"));
    QCOMPARE(book.count(), 1);
}

QTEST_GUILESS_MAIN(TestAlarmBook)
#include "tst_alarmbook.moc"
