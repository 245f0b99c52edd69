// The detector panel in the console, offscreen: every element agrees with the standing alarm
// while a recorded fault replays, and "Not monitoring" (never Normal) when nothing is judged:
// no source, no model, a stale feed, records that do not match the profile. Real UDP on loopback.
#include "../cli/clirunner.h"
#include "alarms/alarmbook.h"
#include "alarms/alarmjournal.h"
#include "mainwindow.h"
#include "panels/anomalypanel.h"
#include "panels/confidencegauge.h"
#include "panels/statebanner.h"
#include "severitystyle.h"

#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <QUdpSocket>

#include <cmath>

using namespace fw;

namespace {

// A spacecraft recording with a step on the bus voltage 100 s in, made by the simulator. The
// first minute is the replay's preroll (the plots' time window, sent at once).
QString recordVoltageStep(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("voltage-step.csv"));
    const test::CliResult result = test::runCli(
        {QStringLiteral("simulate"), QStringLiteral("--to"), path, QStringLiteral("--seed"),
         QStringLiteral("5"), QStringLiteral("--duration"), QStringLiteral("160"),
         QStringLiteral("--scenario"), QStringLiteral("step:voltage"), QStringLiteral("--onset"),
         QStringLiteral("100"), QStringLiteral("--fault-duration"), QStringLiteral("25")});
    return result.exitCode == 0 ? path : QString();
}

QByteArray spacecraftLine(std::int64_t seq, double t)
{
    return QStringLiteral(R"({"t":%1,"seq":%2,"temperature":20.5,"voltage":28.1,)"
                          R"("vibration":0.05,"pressure":15.2})")
        .arg(t, 0, 'f', 3)
        .arg(seq)
        .toUtf8();
}

// Sends lines to 127.0.0.1:port, one datagram each.
void send(quint16 port, const QList<QByteArray> &lines)
{
    QUdpSocket socket;
    for (const QByteArray &line : lines) {
        socket.writeDatagram(line + '\n', QHostAddress::LocalHost, port);
    }
}

// Connects the console to a UDP port that was free a moment ago; 0 if it never held one. Another
// test running beside this one may take the port between the probe and the console's bind, so a
// failed bind is tried again on a fresh port.
quint16 listenOnFreeUdpPort(MainWindow &window)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        const quint16 port = test::freeUdpPort();
        QString error;
        if (!window.connectSource(QStringLiteral("udp://127.0.0.1:%1?format=jsonl").arg(port),
                                  &error)) {
            qWarning().noquote() << error;
            return 0;
        }
        if (QTest::qWaitFor([port] { return test::udpPortTaken(port); }, 5000)) {
            return port;
        }
    }
    return 0;
}

} // namespace

class TestDetectorPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void theScaleGivesTheLevelsRoom();
    void everyElementAgreesWithTheStandingAlarm();
    void withoutASourceItIsNotMonitoring();
    void anExplicitSourceGetsTheBundledModel();
    void withoutAModelItIsNotMonitoring();
    void aStaleFeedIsNotMonitoring();
    void recordsOfAnotherProfileAreNotMonitoring();
    void aFeedThatMixesInOtherRecordsIsMonitored();
};

void TestDetectorPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FaultWatchTest"));
    QCoreApplication::setApplicationName(QStringLiteral("faultwatch-detectorpanel-test"));
}

void TestDetectorPanel::init()
{
    QSettings().clear();
    QFile::remove(AlarmJournal::defaultPath());
}

void TestDetectorPanel::theScaleGivesTheLevelsRoom()
{
    // The bar used to be linear: 99.5, 99.9 and 99.99 % all within the last 0.5 % of it.
    const double watch = ConfidenceGauge::position(0.995);
    const double warning = ConfidenceGauge::position(0.999);
    const double critical = ConfidenceGauge::position(0.9999);
    QVERIFY(watch < warning && warning < critical);
    QVERIFY(warning - watch >= 0.1);
    QVERIFY(critical - warning >= 0.15);
    QVERIFY(ConfidenceGauge::position(0.5) < 0.1); // a typical nominal sample stays low
    QCOMPARE(ConfidenceGauge::position(std::nan("")), 0.0);

    ConfidenceGauge gauge;
    gauge.setValue(0.9995, detect::Severity::None);
    const QColor grey = gauge.fillColor();
    QCOMPARE(grey.saturation(), 0);
    gauge.setValue(0.9995, detect::Severity::Warning);
    QCOMPARE(gauge.fillColor(), severityColor(detect::Severity::Warning));
    QVERIFY(gauge.fillColor() != severityColor(detect::Severity::Critical));
}

void TestDetectorPanel::everyElementAgreesWithTheStandingAlarm()
{
    QTemporaryDir dir;
    const QString recording = recordVoltageStep(dir);
    QVERIFY(!recording.isEmpty());
    MainWindow window;
    window.show();
    QString error;
    QVERIFY(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error));
    QSignalSpy finished(window.pipeline(), &Pipeline::sourceFinished);
    // 100 s after the preroll at 25×: four seconds, long enough to look at it tick by tick.
    QVERIFY2(window.connectSource(QStringLiteral("file://%1?speed=25").arg(recording), &error),
             qPrintable(error));
    AnomalyPanel *panel = window.anomalyPanel();
    int alarmTicks = 0;
    int normalTicks = 0;
    QDeadlineTimer deadline(30000);
    while (finished.isEmpty() && !deadline.hasExpired()) {
        QTest::qWait(20);
        window.refreshNow();
        const Alarm *alarm = window.alarmBook()->openAlarm(true);
        if (panel->monitorState() != MonitorState::Monitoring) {
            continue; // connecting, before the first sample
        }
        if (!alarm) {
            ++normalTicks;
            QCOMPARE(panel->severityText(), severityLabel(detect::Severity::None));
            QCOMPARE(panel->confidenceColor().saturation(), 0);
            QVERIFY(panel->namedChannels().isEmpty());
            for (int share : panel->attributionPercents()) {
                QCOMPARE(share, 0);
            }
            continue;
        }
        ++alarmTicks;
        QCOMPARE(panel->severityText(), severityLabel(alarm->severity));
        QCOMPARE(panel->confidenceColor(), severityColor(alarm->severity));
        if (std::isfinite(alarm->peakConfidence)) {
            QCOMPARE(panel->confidence(), alarm->peakConfidence);
        }
        QVERIFY2(panel->detailText().contains(alarm->channelLabels.value(0)),
                 qPrintable(panel->detailText()));
        QCOMPARE(panel->namedChannels(), alarm->channelLabels);
        // Held for the episode: the shares never all drop to 0 between anomalous samples, and
        // no channel has a larger share than the one the alarm names first.
        const std::vector<int> shares = panel->attributionPercents();
        const int top = *std::max_element(shares.begin(), shares.end());
        QVERIFY(top > 0);
        const QStringList ids = window.pipeline()->profile().channelIds();
        const auto named = std::size_t(ids.indexOf(alarm->channels.value(0)));
        QVERIFY2(named < shares.size() && shares[named] == top,
                 qPrintable(alarm->channels.join(u',')));
    }
    QVERIFY(!finished.isEmpty());
    QVERIFY2(alarmTicks >= 5, qPrintable(QString::number(alarmTicks)));
    QVERIFY(normalTicks >= 5);
    // The alarm was about the bus voltage, and so was the panel.
    QVERIFY(window.alarmBook()->count() >= 1);
    const Alarm &first = window.alarmBook()->at(window.alarmBook()->count() - 1);
    QCOMPARE(first.channels.value(0), QStringLiteral("voltage"));
    // At the end of the replay nothing is judged any more.
    window.refreshNow();
    QCOMPARE(panel->monitorState(), MonitorState::ReplayEnded);
    QCOMPARE(panel->severityText(), AnomalyPanel::tr("Not monitoring"));
}

void TestDetectorPanel::withoutASourceItIsNotMonitoring()
{
    MainWindow window;
    QString error;
    QVERIFY(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error));
    window.refreshNow();
    QCOMPARE(window.anomalyPanel()->monitorState(), MonitorState::NoSource);
    QVERIFY(window.anomalyPanel()->severityText() != severityLabel(detect::Severity::None));
    QVERIFY(window.anomalyPanel()->detailText().contains(AnomalyPanel::tr("no source connected")));
}

void TestDetectorPanel::anExplicitSourceGetsTheBundledModel()
{
    MainWindow window;
    ConsoleOptions options;
    options.source = QStringLiteral("sim://spacecraft?rate=20&seed=2");
    options.noHttp = true;
    QString error;
    QVERIFY2(window.start(options, &error), qPrintable(error));
    QVERIFY(window.pipeline()->hasModel());
    QCOMPARE(window.pipeline()->modelIdentity().profile, QStringLiteral("spacecraft"));
    QTRY_VERIFY(
        (window.refreshNow(), window.anomalyPanel()->monitorState() == MonitorState::Monitoring));
}

void TestDetectorPanel::withoutAModelItIsNotMonitoring()
{
    MainWindow window;
    QString error;
    QVERIFY(window.connectSource(QStringLiteral("sim://spacecraft?rate=50&seed=3"), &error));
    QTRY_VERIFY(window.pipeline()->samplesReceived() > 20);
    window.refreshNow();
    QCOMPARE(window.anomalyPanel()->monitorState(), MonitorState::NoModel);
    QCOMPARE(window.anomalyPanel()->severityText(), AnomalyPanel::tr("Not monitoring"));
    QVERIFY(std::isnan(window.anomalyPanel()->confidence()));
}

void TestDetectorPanel::aStaleFeedIsNotMonitoring()
{
    MainWindow window;
    QString error;
    QVERIFY(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error));
    const quint16 port = listenOnFreeUdpPort(window);
    QVERIFY(port != 0);
    const double t0 = double(QDateTime::currentSecsSinceEpoch());
    std::int64_t seq = 0;
    // 1 s of data at 10 Hz: judged, and Normal.
    for (int burst = 0; burst < 10; ++burst) {
        QList<QByteArray> lines;
        lines << spacecraftLine(seq, t0 + 0.1 * double(seq));
        ++seq;
        send(port, lines);
        QTest::qWait(100);
    }
    QTRY_VERIFY(window.pipeline()->samplesScored() >= 10);
    window.refreshNow();
    QCOMPARE(window.anomalyPanel()->monitorState(), MonitorState::Monitoring);
    QCOMPARE(window.anomalyPanel()->severityText(), severityLabel(detect::Severity::None));
    // Then silence: the spacecraft profile calls a feed stale after 2 s.
    QTRY_VERIFY_WITH_TIMEOUT(
        (window.refreshNow(), window.anomalyPanel()->monitorState() == MonitorState::Stale), 8000);
    QCOMPARE(window.anomalyPanel()->severityText(), AnomalyPanel::tr("Not monitoring"));
    QVERIFY(window.anomalyPanel()->detailText().contains(AnomalyPanel::tr("no data")));
    QVERIFY(window.banner()->isVisibleTo(&window));
    QVERIFY2(window.banner()->text().startsWith(QStringLiteral("STALE")),
             qPrintable(window.banner()->text()));
}

void TestDetectorPanel::recordsOfAnotherProfileAreNotMonitoring()
{
    MainWindow window;
    QString error;
    QVERIFY(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error));
    const quint16 port = listenOnFreeUdpPort(window);
    QVERIFY(port != 0);
    const double t0 = double(QDateTime::currentSecsSinceEpoch());
    // A SKAB bench's keys: none of them is a spacecraft channel.
    QList<QByteArray> lines;
    for (int i = 0; i < 20; ++i) {
        lines << QStringLiteral(R"({"t":%1,"Accelerometer1RMS":0.2,"Current":1.1})")
                     .arg(t0 + 0.1 * i, 0, 'f', 3)
                     .toUtf8();
    }
    send(port, lines);
    QTRY_VERIFY((window.refreshNow(),
                 window.anomalyPanel()->monitorState() == MonitorState::ProfileMismatch));
    QCOMPARE(window.anomalyPanel()->severityText(), AnomalyPanel::tr("Not monitoring"));
    QVERIFY(window.anomalyPanel()->detailText().contains(QStringLiteral("spacecraft")));
    // Matching records put it back to work.
    send(port, {spacecraftLine(1, t0 + 3), spacecraftLine(2, t0 + 3.1)});
    QTRY_VERIFY(
        (window.refreshNow(), window.anomalyPanel()->monitorState() == MonitorState::Monitoring));
}

void TestDetectorPanel::aFeedThatMixesInOtherRecordsIsMonitored()
{
    // Heartbeats without channels between the samples are not a profile mismatch: the lamp
    // must not flicker to Not monitoring between two samples.
    MainWindow window;
    QString error;
    QVERIFY(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error));
    const quint16 port = listenOnFreeUdpPort(window);
    QVERIFY(port != 0);
    const double t0 = double(QDateTime::currentSecsSinceEpoch());
    int monitoredTicks = 0;
    for (int i = 0; i < 30; ++i) {
        const double t = t0 + 0.1 * i;
        send(port, {spacecraftLine(i, t)});
        for (int beat = 0; beat < 3; ++beat) {
            send(port, {QStringLiteral(R"({"t":%1,"heartbeat":1})").arg(t, 0, 'f', 3).toUtf8()});
            QTest::qWait(33);
            window.refreshNow();
            QVERIFY2(window.anomalyPanel()->monitorState() != MonitorState::ProfileMismatch,
                     qPrintable(window.anomalyPanel()->detailText()));
            monitoredTicks
                += window.anomalyPanel()->monitorState() == MonitorState::Monitoring ? 1 : 0;
        }
    }
    QVERIFY(monitoredTicks > 60);
    QVERIFY(window.pipeline()->sourceStats().decodeErrors.count(DecodeError::UnknownChannel) >= 80);
}

QTEST_MAIN(TestDetectorPanel)
#include "tst_detectorpanel.moc"
