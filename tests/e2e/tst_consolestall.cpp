// The console's GUI thread frozen for 5 s, end to end: faultwatch (offscreen) on a UDP stream from
// faultwatch-cli simulate, its GUI thread blocked by FAULTWATCH_STALL_GUI. Scoring and /metrics
// must go on through the stall, and no sample may be lost or dropped.
#include "clirunner.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace fw::test;

namespace {

struct Scrape
{
    qint64 atMs = 0;
    int status = 0;
    double scored = -1;
};

} // namespace

class TestConsoleStall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aFrozenGuiCostsNoScoringAndNoScrape();
};

void TestConsoleStall::aFrozenGuiCostsNoScoringAndNoScrape()
{
    constexpr int kStallAfterMs = 4000;
    constexpr int kStallMs = 5000;
    const quint16 udp = freeUdpPort();
    const quint16 http = freeTcpPort();
    QTemporaryDir home;
    QVERIFY(home.isValid());

    QProcess console;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), home.path()); // settings of its own
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("FAULTWATCH_STALL_GUI"),
               QStringLiteral("%1:%2").arg(kStallAfterMs).arg(kStallMs));
    console.setProcessEnvironment(env);
    console.start(QStringLiteral(FW_BIN_DIR "/faultwatch"),
                  {QStringLiteral("--profile"), QStringLiteral("spacecraft"),
                   QStringLiteral("--model"),
                   QStringLiteral(FW_SOURCE_DIR "/resources/models/spacecraft.json"),
                   QStringLiteral("--source"), QStringLiteral("udp://127.0.0.1:%1").arg(udp),
                   QStringLiteral("--http"), QStringLiteral("127.0.0.1:%1").arg(http),
                   QStringLiteral("--quit-after"), QStringLiteral("30")});
    QVERIFY(console.waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(httpGet(http, "/metrics").first == 200, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(udpPortTaken(udp), 10000);
    QElapsedTimer clock;
    clock.start();

    // 2 000 samples/s for 12 s, from before the stall to after it.
    auto simulate
        = startCli({QStringLiteral("simulate"), QStringLiteral("--to"),
                    QStringLiteral("udp://127.0.0.1:%1").arg(udp), QStringLiteral("--rate"),
                    QStringLiteral("2000"), QStringLiteral("--duration"), QStringLiteral("12")});

    QByteArray log;
    qint64 stallStart = -1;
    qint64 stallEnd = -1;
    std::vector<Scrape> scrapes;
    const QDeadlineTimer deadline(25000);
    while (!deadline.hasExpired() && simulate->state() != QProcess::NotRunning) {
        console.waitForReadyRead(1);
        log += console.readAllStandardError();
        if (stallStart < 0 && log.contains("GUI thread stalls")) {
            stallStart = clock.elapsed();
        }
        if (stallEnd < 0 && log.contains("GUI thread stall over")) {
            stallEnd = clock.elapsed();
        }
        const auto [status, body] = httpGet(http, "/metrics");
        scrapes.push_back(
            {clock.elapsed(), status, metricValue(body, "faultwatch_samples_scored_total")});
        QTest::qWait(200);
    }
    QVERIFY2(simulate->state() == QProcess::NotRunning || simulate->waitForFinished(10000),
             "the simulator did not finish");
    const QByteArray sent = simulate->readAllStandardOutput();
    QVERIFY2(stallStart >= 0 && stallEnd > stallStart, log.constData());

    // Every scrape was answered, those during the stall too, and scoring went on during it.
    std::vector<Scrape> during;
    for (const Scrape &scrape : scrapes) {
        QCOMPARE(scrape.status, 200);
        if (scrape.atMs > stallStart && scrape.atMs < stallEnd - 200) {
            during.push_back(scrape);
        }
    }
    QVERIFY2(during.size() >= 10,
             qPrintable(QStringLiteral("%1 scrapes in the stall").arg(during.size())));
    qInfo("scored during the stall: %.0f to %.0f", during.front().scored, during.back().scored);
    QVERIFY(during.back().scored > during.front().scored);

    // Everything sent was received and scored; nothing lost or dropped anywhere.
    const QByteArray expectedSamples = QByteArrayLiteral("\"sent\":24000");
    QVERIFY2(sent.contains(expectedSamples), sent.constData());
    QByteArray metrics;
    const QDeadlineTimer settled(10000);
    while (!settled.hasExpired()
           && metricValue(metrics = httpGet(http, "/metrics").second,
                          "faultwatch_samples_scored_total")
                  != 24000) {
        QTest::qWait(100);
    }
    QByteArray counts; // what to show when it fails: the sample counters alone
    for (const QByteArray &line : metrics.split('\n')) {
        if (line.startsWith("faultwatch_samples") || line.startsWith("faultwatch_udp")) {
            counts += line + "; ";
        }
    }
    QVERIFY2(metricValue(metrics, "faultwatch_samples_scored_total") == 24000, counts.constData());
    QCOMPARE(metricValue(metrics, "faultwatch_samples_total"), 24000.0);
    QCOMPARE(metricValue(metrics, "faultwatch_samples_lost_total"), 0.0);
    QCOMPARE(metricValue(metrics, "faultwatch_udp_datagrams_dropped_total"), 0.0);
    for (const char *stage : {"detector", "detector_input", "consumers"}) {
        QCOMPARE(metricValue(metrics, QByteArray("faultwatch_samples_dropped_total{stage=\"")
                                          + stage + "\"}"),
                 0.0);
    }
    console.terminate();
    QVERIFY(console.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(TestConsoleStall)
#include "tst_consolestall.moc"
