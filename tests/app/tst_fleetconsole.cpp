#include "alarms/alarmbook.h"
#include "alarms/alarmjournal.h"
#include "clirunner.h"
#include "mainwindow.h"
#include "mosquittobroker.h"
#include "plot/samplehistory.h"
#include "service/pipeline.h"

#include <QComboBox>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

using namespace fw;
using namespace fw::test;
using namespace Qt::StringLiterals;

// The console on a fleet: an MQTT source of three vehicles, one of them faulty. The plots and
// alarms follow one vehicle, picked in the connection bar, and the picker marks the others'
// alarms so that none goes unseen.
class TestFleetConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void theConsoleFollowsTheVehicleTheOperatorPicks();
};

namespace {

// Three vehicles, 120 s of each at 10 Hz from `start`, sent as fast as the broker takes them;
// the second has a voltage step from 40 s to the end.
bool simulateFleet(const MosquittoBroker &broker, double start)
{
    const CliResult result = runCli({u"simulate"_s,
                                     u"--vehicles"_s,
                                     u"3"_s,
                                     u"--fault-vehicle"_s,
                                     u"2"_s,
                                     u"--scenario"_s,
                                     u"step:voltage"_s,
                                     u"--onset"_s,
                                     u"40"_s,
                                     u"--fault-duration"_s,
                                     u"80"_s,
                                     u"--duration"_s,
                                     u"120"_s,
                                     u"--fast"_s,
                                     u"--publish-every"_s,
                                     u"1"_s,
                                     u"--datagram-bytes"_s,
                                     u"20000"_s,
                                     u"--start"_s,
                                     QString::number(start, 'f', 0),
                                     u"--to"_s,
                                     broker.url(u"fleet/{vehicle}/telemetry"_s)},
                                    30000);
    if (result.exitCode != 0) {
        qWarning("simulate: %s", result.err.constData());
    }
    return result.exitCode == 0;
}

} // namespace

void TestFleetConsole::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"FaultWatchTest"_s);
    QCoreApplication::setApplicationName(u"faultwatch-fleet-test"_s);
    QSettings().clear();
    QFile::remove(AlarmJournal::defaultPath());
}

void TestFleetConsole::theConsoleFollowsTheVehicleTheOperatorPicks()
{
    if (MosquittoBroker::executable().isEmpty()) {
        QSKIP("mosquitto is not installed (packaging/setup.sh installs it)");
    }
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.error()));
    MainWindow window;
    window.show();
    QString error;
    QVERIFY2(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error),
             qPrintable(error));
    auto *picker = window.findChild<QComboBox *>(u"streamBox"_s);
    QVERIFY(picker);
    QVERIFY(!picker->isVisible()); // a source of one stream has nothing to pick
    QVERIFY2(window.connectSource(broker.url(u"fleet/+/telemetry?stream=topic:2"_s), &error),
             qPrintable(error));
    QVERIFY(broker.waitForSubscriptions(1));

    constexpr double kStart = 1.7e9;
    QVERIFY(simulateFleet(broker, kStart));
    QTRY_COMPARE_WITH_TIMEOUT(window.pipeline()->samplesScored(), std::uint64_t(3600), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(picker->count(), 3, 5000);
    QVERIFY(picker->isVisible());
    // The first vehicle to arrive is followed: its samples alone, and it is nominal.
    QCOMPARE(picker->currentText(), u"v0001"_s);
    QTRY_COMPARE_WITH_TIMEOUT(window.history()->samplesAppendedTotal(), std::uint64_t(1200), 5000);
    QCOMPARE(window.alarmBook()->count(), 0);
    // The faulty one is marked in the list all the same (its step was adopted by the end).
    QTRY_COMPARE_WITH_TIMEOUT(picker->itemText(1), u"v0002 (alarms raised: 1)"_s, 3000);
    QCOMPARE(picker->itemText(2), u"v0003"_s);
    QVERIFY2(picker->toolTip().contains(u"3 streams, 0 holding an alarm, 1 raised one"_s),
             qPrintable(picker->toolTip()));

    // Picked from the keyboard: the views start afresh on v0002 and show its fault.
    picker->setFocus();
    QTest::keyClick(picker, Qt::Key_Down);
    QCOMPARE(picker->currentIndex(), 1);
    QCOMPARE(window.history()->size(), std::int64_t(0));
    // The same two minutes again, after the first: time goes on, the physics start over.
    QVERIFY(simulateFleet(broker, kStart + 120));
    QTRY_COMPARE_WITH_TIMEOUT(window.pipeline()->samplesScored(), std::uint64_t(7200), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(window.history()->size(), std::int64_t(1200), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(window.alarmBook()->count() >= 1, 5000);
    // The voltage step among them (the seam between the runs may add one of its own).
    QStringList named;
    for (int i = 0; i < window.alarmBook()->count(); ++i) {
        named << window.alarmBook()->at(i).channels;
    }
    QVERIFY2(named.contains(u"voltage"_s), qPrintable(named.join(u',')));
    QVERIFY2(picker->currentText().startsWith(u"v0002 (alarms raised: "_s),
             qPrintable(picker->currentText()));
}

QTEST_MAIN(TestFleetConsole)
#include "tst_fleetconsole.moc"
