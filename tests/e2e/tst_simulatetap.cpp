// simulate → tap through real loopback sockets: every sample that was sent intact arrives, and
// every corrupted record is counted as exactly one decode error.
#include "clirunner.h"
#include "service/simulationrun.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace fw;
using namespace fw::test;

namespace {

constexpr int kRate = 2000;
constexpr int kSamples = 2000;
constexpr std::uint64_t kSeed = 7;
constexpr double kCorrupt = 0.05;

QJsonObject lastJsonLine(const QByteArray &text)
{
    const QList<QByteArray> lines = text.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.constLast()).object();
}

} // namespace

class TestSimulateTap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tapReceivesEverySampleSimulateSends_data();
    void tapReceivesEverySampleSimulateSends();
    void sameSeedWritesTheSameBytes();
    void labelsMarkTheFaultWindow();
    void badArgumentsFailWithAReason_data();
    void badArgumentsFailWithAReason();
    void aFleetInOneFileNamesEachVehicle();
};

void TestSimulateTap::tapReceivesEverySampleSimulateSends_data()
{
    QTest::addColumn<QString>("transport");
    QTest::addColumn<QString>("format");
    QTest::newRow("udp jsonl") << "udp"
                               << "jsonl";
    QTest::newRow("udp csv") << "udp"
                             << "csv";
    QTest::newRow("udp ccsds") << "udp"
                               << "ccsds";
    QTest::newRow("tcp, tap listens, jsonl") << "tap-listens"
                                             << "jsonl";
    QTest::newRow("tcp, tap listens, csv") << "tap-listens"
                                           << "csv";
    QTest::newRow("tcp, simulate listens, ccsds") << "sim-listens"
                                                  << "ccsds";
}

void TestSimulateTap::tapReceivesEverySampleSimulateSends()
{
    QFETCH(QString, transport);
    QFETCH(QString, format);
    const bool udp = transport == u"udp";
    const quint16 port = udp ? freeUdpPort() : freeTcpPort();
    const QString address = QStringLiteral("127.0.0.1:%1").arg(port);
    QString tapUri;
    QString simTo;
    if (udp) {
        tapUri = QStringLiteral("udp://%1?format=%2").arg(address, format);
        simTo = QStringLiteral("udp://%1").arg(address);
    } else if (transport == u"tap-listens") {
        tapUri = QStringLiteral("tcp-listen://%1?format=%2").arg(address, format);
        simTo = QStringLiteral("tcp://%1").arg(address);
    } else {
        tapUri = QStringLiteral("tcp://%1?format=%2").arg(address, format);
        simTo = QStringLiteral("tcp-listen://%1").arg(address);
    }
    const QStringList simArgs{QStringLiteral("simulate"),
                              QStringLiteral("--to"),
                              simTo,
                              QStringLiteral("--format"),
                              format,
                              QStringLiteral("--rate"),
                              QString::number(kRate),
                              QStringLiteral("--duration"),
                              QString::number(kSamples / kRate),
                              QStringLiteral("--seed"),
                              QString::number(kSeed),
                              QStringLiteral("--corrupt"),
                              QString::number(kCorrupt),
                              QStringLiteral("--start"),
                              QStringLiteral("1732400000")};
    const QStringList tapArgs{
        QStringLiteral("tap"),     QStringLiteral("--source"),   tapUri,
        QStringLiteral("--stats"), QStringLiteral("--duration"), QStringLiteral("60")};

    std::unique_ptr<QProcess> simulate;
    if (transport == u"sim-listens") {
        simulate = startCli(simArgs);
    }
    auto tap = startCli(tapArgs);
    QByteArray tapErr;
    QTRY_VERIFY_WITH_TIMEOUT((tapErr += tap->readAllStandardError()).contains("Connecting"), 5000);
    if (!simulate) {
        simulate = startCli(simArgs);
    }
    QVERIFY(simulate->waitForFinished(20000));
    QCOMPARE(simulate->exitCode(), 0);
    const QJsonObject summary = lastJsonLine(simulate->readAllStandardOutput());

    // The corrupted records are known in advance: the choice depends on seed and index only.
    std::vector<bool> corrupted(kSamples);
    int corruptedCount = 0;
    int lastIntact = -1;
    for (int i = 0; i < kSamples; ++i) {
        corrupted[std::size_t(i)] = SimulationRun::isCorrupted(kSeed, std::uint64_t(i), kCorrupt);
        corruptedCount += corrupted[std::size_t(i)] ? 1 : 0;
        lastIntact = corrupted[std::size_t(i)] ? lastIntact : i;
    }
    QVERIFY(corruptedCount > 50 && corruptedCount < 150);
    QCOMPARE(summary.value(QStringLiteral("sent")).toInt(), kSamples);
    QCOMPARE(summary.value(QStringLiteral("corrupted")).toInt(), corruptedCount);

    QByteArray tapOut;
    const int intact = kSamples - corruptedCount;
    QTRY_COMPARE_WITH_TIMEOUT((tapOut += tap->readAllStandardOutput()).count('\n'), intact, 10000);
    tap->terminate();
    QVERIFY(tap->waitForFinished(5000));
    QCOMPARE(tap->exitCode(), 0);
    tapOut += tap->readAllStandardOutput();

    const QList<QByteArray> lines = tapOut.trimmed().split('\n');
    QCOMPARE(lines.size(), intact + 1);
    int expected = 0;
    for (int i = 0; i < intact; ++i) {
        while (corrupted[std::size_t(expected)]) {
            ++expected;
        }
        const QJsonObject sample = QJsonDocument::fromJson(lines[i]).object();
        QCOMPARE(sample.value(QStringLiteral("seq")).toInt(), expected);
        QCOMPARE(sample.value(QStringLiteral("t")).toDouble(),
                 1732400000.0 + expected / double(kRate));
        QVERIFY(sample.value(QStringLiteral("temperature")).isDouble());
        QVERIFY(sample.value(QStringLiteral("pressure")).isDouble());
        ++expected;
    }
    const QJsonObject stats = QJsonDocument::fromJson(lines.constLast()).object();
    QCOMPARE(stats.value(QStringLiteral("samples")).toInt(), intact);
    int decodeErrors = 0;
    const QJsonObject reasons = stats.value(QStringLiteral("decode_errors")).toObject();
    for (auto it = reasons.begin(); it != reasons.end(); ++it) {
        decodeErrors += it.value().toInt();
    }
    QCOMPARE(decodeErrors, corruptedCount);
    // A jsonl or csv record the decoder refused stands in for the gap it leaves: it is counted
    // once, as a decode error. A ccsds packet corrupted to a foreign APID is another stream's to
    // the receiver, so its number is lost from ours (unless nothing follows it).
    const int lost = format == u"ccsds" ? corruptedCount - (kSamples - 1 - lastIntact) : 0;
    QCOMPARE(stats.value(QStringLiteral("lost")).toInt(), lost);
    QCOMPARE(stats.value(QStringLiteral("duplicates")).toInt(), 0);
    QCOMPARE(stats.value(QStringLiteral("out_of_order")).toInt(), 0);
}

void TestSimulateTap::sameSeedWritesTheSameBytes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto record = [&](const QString &name, int seed) {
        const QString path = dir.filePath(name);
        const CliResult result = runCli(
            {QStringLiteral("simulate"), QStringLiteral("--profile"), QStringLiteral("ev"),
             QStringLiteral("--to"), path, QStringLiteral("--format"), QStringLiteral("csv"),
             QStringLiteral("--duration"), QStringLiteral("20"), QStringLiteral("--scenario"),
             QStringLiteral("mixed"), QStringLiteral("--seed"), QString::number(seed),
             QStringLiteral("--start"), QStringLiteral("1700000000")});
        if (result.exitCode != 0) {
            qWarning() << result.err;
        }
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    const QByteArray first = record(QStringLiteral("a.csv"), 3);
    QCOMPARE(first.count('\n'), 1 + 20 * 50); // header + 20 s at the ev profile's 50 Hz
    QCOMPARE(record(QStringLiteral("b.csv"), 3), first);
    QVERIFY(record(QStringLiteral("c.csv"), 4) != first);
}

void TestSimulateTap::labelsMarkTheFaultWindow()
{
    QTemporaryDir dir;
    const QString labels = dir.filePath(QStringLiteral("labels.csv"));
    const CliResult result = runCli(
        {QStringLiteral("simulate"), QStringLiteral("--to"),
         dir.filePath(QStringLiteral("x.jsonl")), QStringLiteral("--rate"), QStringLiteral("10"),
         QStringLiteral("--duration"), QStringLiteral("30"), QStringLiteral("--scenario"),
         QStringLiteral("step:voltage"), QStringLiteral("--onset"), QStringLiteral("10"),
         QStringLiteral("--fault-duration"), QStringLiteral("5"), QStringLiteral("--labels"),
         labels});
    QCOMPARE(result.exitCode, 0);
    QFile file(labels);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.constFirst(), QByteArray("t,seq,label,channel"));
    QCOMPARE(lines.size(), 1 + 300);
    for (int i = 0; i < 300; ++i) {
        const QList<QByteArray> fields = lines[i + 1].split(',');
        const bool inWindow = i >= 100 && i < 150;
        QCOMPARE(fields[1].toInt(), i);
        QCOMPARE(fields[2], QByteArray(inWindow ? "1" : "0"));
        QCOMPARE(fields[3], QByteArray(inWindow ? "voltage" : ""));
    }
}

void TestSimulateTap::badArgumentsFailWithAReason_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("reason");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("fly")} << "unknown command";
    QTest::newRow("tap without source") << QStringList{QStringLiteral("tap")} << "--source";
    QTest::newRow("tap unknown scheme")
        << QStringList{QStringLiteral("tap"), QStringLiteral("--source"),
                       QStringLiteral("serial:///dev/ttyS0")}
        << "scheme";
    QTest::newRow("tap bad port") << QStringList{QStringLiteral("tap"), QStringLiteral("--source"),
                                                 QStringLiteral("udp://127.0.0.1:99999")}
                                  << "port";
    QTest::newRow("tap unknown format")
        << QStringList{QStringLiteral("tap"), QStringLiteral("--source"),
                       QStringLiteral("udp://127.0.0.1:9000?format=xml")}
        << "format";
    QTest::newRow("tap unknown profile")
        << QStringList{QStringLiteral("tap"), QStringLiteral("--source"),
                       QStringLiteral("udp://127.0.0.1:9000"), QStringLiteral("--profile"),
                       QStringLiteral("submarine")}
        << "unknown profile 'submarine'";
    QTest::newRow("simulate unknown scenario")
        << QStringList{QStringLiteral("simulate"), QStringLiteral("--to"), QStringLiteral("-"),
                       QStringLiteral("--scenario"), QStringLiteral("meltdown")}
        << "meltdown";
    QTest::newRow("simulate unknown channel")
        << QStringList{QStringLiteral("simulate"), QStringLiteral("--to"), QStringLiteral("-"),
                       QStringLiteral("--scenario"), QStringLiteral("drift:humidity")}
        << "humidity";
    QTest::newRow("simulate bad rate")
        << QStringList{QStringLiteral("simulate"), QStringLiteral("--to"), QStringLiteral("-"),
                       QStringLiteral("--rate"), QStringLiteral("fast")}
        << "--rate";
    QTest::newRow("simulate corrupt above one")
        << QStringList{QStringLiteral("simulate"), QStringLiteral("--to"), QStringLiteral("-"),
                       QStringLiteral("--corrupt"), QStringLiteral("1.5")}
        << "--corrupt";
    QTest::newRow("simulate a fleet to a topic without {vehicle}")
        << QStringList{QStringLiteral("simulate"), QStringLiteral("--to"),
                       QStringLiteral("mqtt://127.0.0.1:1/fleet/telemetry"),
                       QStringLiteral("--vehicles"), QStringLiteral("3")}
        << "a fleet publishes to mqtt://";
    QTest::newRow("simulate a ccsds fleet beyond the APIDs") << QStringList{
        QStringLiteral("simulate"), QStringLiteral("--to"),  QStringLiteral("-"),
        QStringLiteral("--format"), QStringLiteral("ccsds"), QStringLiteral("--vehicles"),
        QStringLiteral("2000")} << "2000 vehicles would need APIDs up to 2099 (at most 2046)";
    QTest::newRow("simulate a fault vehicle beyond the fleet") << QStringList{
        QStringLiteral("simulate"),   QStringLiteral("--to"), QStringLiteral("-"),
        QStringLiteral("--vehicles"), QStringLiteral("3"),    QStringLiteral("--fault-vehicle"),
        QStringLiteral("4")} << "the fault vehicle must be one of 1 to 3";
    QTest::newRow("simulate too big a fleet")
        << QStringList{QStringLiteral("simulate"), QStringLiteral("--to"), QStringLiteral("-"),
                       QStringLiteral("--vehicles"), QStringLiteral("100001")}
        << "--vehicles";
}

void TestSimulateTap::badArgumentsFailWithAReason()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, reason);
    const CliResult result = runCli(arguments, 10000);
    QVERIFY(result.finished);
    QVERIFY(result.exitCode != 0);
    QVERIFY2(QString::fromUtf8(result.err).contains(reason, Qt::CaseInsensitive),
             result.err.constData());
}

// Not on MQTT, a fleet's records carry their vehicle's name: a field in jsonl, a last column in
// csv, with each vehicle's samples numbered on their own.
void TestSimulateTap::aFleetInOneFileNamesEachVehicle()
{
    for (const QString &format : {QStringLiteral("jsonl"), QStringLiteral("csv")}) {
        const CliResult result
            = runCli({QStringLiteral("simulate"), QStringLiteral("--to"), QStringLiteral("-"),
                      QStringLiteral("--format"), format, QStringLiteral("--vehicles"),
                      QStringLiteral("3"), QStringLiteral("--rate"), QStringLiteral("10"),
                      QStringLiteral("--duration"), QStringLiteral("2")},
                     10000);
        QCOMPARE(result.exitCode, 0);
        QList<QByteArray> lines = result.out.trimmed().split('\n');
        if (format == QStringLiteral("csv")) {
            QVERIFY2(lines.takeFirst().endsWith(",vehicle"), result.out.left(200).constData());
        }
        QCOMPARE(lines.size(), 3 * 20);
        QMap<QByteArray, int> perVehicle;
        for (const QByteArray &line : lines) {
            const QByteArray name = format == QStringLiteral("csv")
                                        ? line.mid(line.lastIndexOf(',') + 1)
                                        : line.mid(line.indexOf("\"vehicle\":\"") + 11, 5);
            ++perVehicle[name];
        }
        QCOMPARE(perVehicle, (QMap<QByteArray, int>{{"v0001", 20}, {"v0002", 20}, {"v0003", 20}}));
    }
}

QTEST_GUILESS_MAIN(TestSimulateTap)
#include "tst_simulatetap.moc"
