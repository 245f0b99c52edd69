#include "clirunner.h"
#include "detect/modelfile.h"
#include "telemetry/encoder.h"
#include "telemetry/profile.h"
#include "telemetry/sampleblock.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <QUdpSocket>

#include <sys/resource.h>

using namespace fw::test;
using namespace Qt::StringLiterals;

namespace {

// One POST of a JSON body on loopback; status and body, or status 0.
std::pair<int, QByteArray> post(quint16 port, const QByteArray &path, const QByteArray &body)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(2000)) {
        return {0, {}};
    }
    socket.write("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 + "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close"
                 + "\r\n\r\n" + body);
    QByteArray data;
    QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        data += socket.readAll();
    }
    data += socket.readAll();
    const qsizetype end = data.indexOf("\r\n\r\n");
    return end < 0 ? std::pair<int, QByteArray>{0, {}}
                   : std::pair<int, QByteArray>{data.mid(9, 3).toInt(), data.mid(end + 4)};
}

// Sends SIGTERM and waits: true when serve exited 0 within 10 s.
bool stopsCleanly(QProcess &serve)
{
    serve.terminate();
    return serve.waitForFinished(10000) && serve.exitCode() == 0;
}

} // namespace

class TestServe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void servesScrapesAndStopsCleanlyOnSigterm();
    void aLabeledReplayCountsWhatScoreCounts();
    void badOptionsAreRefused();
    void aBuiltinProfileIsServedWithItsBundledModel();
    void aModelIsLearnedFromTheFirstSamples();
    void aCcsdsGapOfMoreThanHalfTheCountIsLost();
    void aFleetOnOneSocketIsSplitByItsRecords_data();
    void aFleetOnOneSocketIsSplitByItsRecords();
    void slowlorisDoesNotLockOutAScrape();
    void aSilentTcpPeerIsDroppedAndReconnected();
    void aRecordingThatHitsAFileSizeLimitStopsCleanly();
    void theEnvironmentConfiguresServeAndHealth();

private:
    QTemporaryDir m_dir;
    QString m_model;
};

void TestServe::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = m_dir.filePath(QStringLiteral("spacecraft.json"));
    QVERIFY(QFile::copy(QStringLiteral(":/models/spacecraft.json"), m_model));
}

void TestServe::servesScrapesAndStopsCleanlyOnSigterm()
{
    const QString recording = m_dir.filePath(QStringLiteral("served.csv"));
    auto serve = startCli({QStringLiteral("serve"), QStringLiteral("--source"),
                           QStringLiteral("sim://spacecraft?rate=2000&scenario=mixed&seed=3"),
                           QStringLiteral("--model"), m_model, QStringLiteral("--record"),
                           recording, QStringLiteral("--http"), QStringLiteral("127.0.0.1:0")});
    serve->setReadChannel(QProcess::StandardError);
    QByteArray log;
    const quint16 port = announcedPort(*serve, &log);
    QVERIFY2(port != 0, log.constData());

    QTRY_COMPARE_WITH_TIMEOUT(httpGet(port, "/ready").first, 200, 10000);
    // Live comes a moment before the first block: wait for samples, then for more.
    double before = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        (before = metricValue(httpGet(port, "/metrics").second, "faultwatch_samples_total")) > 0,
        10000);
    QTest::qWait(1000);
    const auto second = httpGet(port, "/metrics");
    QCOMPARE(second.first, 200);
    const double after = metricValue(second.second, "faultwatch_samples_total");
    QVERIFY2(after > before,
             qPrintable(QStringLiteral("samples %1 then %2").arg(before).arg(after)));
    QVERIFY(metricValue(second.second, "faultwatch_samples_scored_total") > 0);
    QCOMPARE(metricValue(second.second, "faultwatch_source_up"), 1.0);
    QVERIFY(metricValue(second.second, "process_resident_memory_bytes") > 0);

    // promtool's linter finds nothing to say about a live scrape.
    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (!promtool.isEmpty()) {
        QProcess check;
        check.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
        QVERIFY(check.waitForStarted(5000));
        check.write(second.second);
        check.closeWriteChannel();
        QVERIFY(check.waitForFinished(10000));
        QVERIFY2(check.exitCode() == 0 && check.readAll().trimmed().isEmpty(),
                 (check.readAllStandardOutput() + check.readAllStandardError()).constData());
    }

    serve->terminate(); // SIGTERM
    QVERIFY(serve->waitForFinished(10000));
    QCOMPARE(serve->exitStatus(), QProcess::NormalExit);
    QCOMPARE(serve->exitCode(), 0);
    log += serve->readAllStandardError();
    const QRegularExpression stopped(
        QStringLiteral("(\\d+) samples received, \\d+ scored, (\\d+) recorded"));
    const QRegularExpressionMatch match = stopped.match(QString::fromUtf8(log));
    QVERIFY2(match.hasMatch(), log.constData());
    const qulonglong received = match.captured(1).toULongLong();
    const qulonglong recorded = match.captured(2).toULongLong();
    QCOMPARE(recorded, received);

    QFile file(recording);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QVERIFY(lines.first().startsWith("t,"));
    const qsizetype fields = lines.first().count(',');
    qulonglong rows = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (lines[i].isEmpty()) {
            QCOMPARE(i, lines.size() - 1); // only the end of the file is empty
            continue;
        }
        QCOMPARE(lines[i].count(','), fields);
        ++rows;
    }
    QCOMPARE(rows, recorded);
}

// serve's running precision and recall over a labeled replay are score's over the same file:
// the same model over the same samples in the same order raises the same alarms.
// No --model and no MODEL_PATH: the EV profile's bundled model answers /predict for the four
// sensors, as a bench's request would need.
void TestServe::aModelIsLearnedFromTheFirstSamples()
{
    // A stream with no model: the first 2000 samples teach one, the rest are scored with it.
    qunsetenv("MODEL_PATH");
    const QString saved = m_dir.filePath(QStringLiteral("learned.json"));
    auto serve = startCli({QStringLiteral("serve"), QStringLiteral("--source"),
                           QStringLiteral("sim://ev?rate=500&seed=5"), QStringLiteral("--profile"),
                           QStringLiteral("ev"), QStringLiteral("--learn"), QStringLiteral("2000"),
                           QStringLiteral("--learn-output"), saved, QStringLiteral("--http"),
                           QStringLiteral("127.0.0.1:0")});
    QByteArray log;
    const quint16 port = announcedPort(*serve, &log);
    QVERIFY2(port != 0, log.constData());
    QVERIFY2(log.contains("model none"), log.constData()); // not the bundled ev.json
    QCOMPARE(httpGet(port, "/ready").first, 503);
    QTRY_COMPARE_WITH_TIMEOUT(httpGet(port, "/ready").first, 200, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(
        metricValue(httpGet(port, "/metrics").second, "faultwatch_samples_scored_total") > 0,
        10000);
    const auto [status, body]
        = post(port, "/predict",
               R"({"temperature": 28.0, "voltage": 395.4, "vibration": 0.45, "pressure": 135.5})");
    QCOMPARE(status, 200);
    const QJsonObject reply = QJsonDocument::fromJson(body).object();
    QCOMPARE(reply[QStringLiteral("model")][QStringLiteral("name")].toString(),
             QStringLiteral("learned from the first 2000 samples"));
    QVERIFY(stopsCleanly(*serve));
    log += serve->readAllStandardError();
    QVERIFY2(log.contains("model learned from the first 2000 samples, saved to"), log.constData());

    QString error;
    const std::optional<fw::detect::DetectorModel> model = fw::detect::loadModel(saved, &error);
    QVERIFY2(model, qPrintable(error));
    QCOMPARE(model->provenance.rows, std::size_t(2000));
    QCOMPARE(model->profile, std::string("ev"));
}

void TestServe::aCcsdsGapOfMoreThanHalfTheCountIsLost()
{
    // 14-bit counts: 10 000 packets lost in a burst wrap the count more than halfway, which the
    // counts alone read as a restart. The packets' time says 10 000 were due.
    const quint16 udp = freeUdpPort();
    auto serve = startCli({QStringLiteral("serve"), QStringLiteral("--source"),
                           QStringLiteral("udp://127.0.0.1:%1?format=ccsds").arg(udp),
                           QStringLiteral("--profile"), QStringLiteral("spacecraft"),
                           QStringLiteral("--http"), QStringLiteral("127.0.0.1:0")});
    QByteArray log;
    const quint16 port = announcedPort(*serve, &log);
    QVERIFY2(port != 0, log.constData());
    QTRY_VERIFY_WITH_TIMEOUT(udpPortTaken(udp), 10000);

    QString error;
    const std::optional<fw::Profile> profile
        = fw::Profile::load(QStringLiteral("spacecraft"), &error);
    QVERIFY2(profile, qPrintable(error));
    const auto encoder = fw::makeEncoder(fw::WireFormat::Ccsds, *profile);
    fw::SampleBlock block(4);
    const auto add = [&block](std::int64_t n) {
        const double values[] = {20.0, 28.0, 0.1, 15.0};
        block.append(1'700'000'000.0 + double(n) / 100.0, n, values);
    };
    for (std::int64_t n = 0; n < 300; ++n) {
        add(n); // 3 s at 100 packets/s: the rate is known
    }
    for (std::int64_t n = 10'300; n < 10'320; ++n) {
        add(n); // after 10 000 that never came
    }
    QUdpSocket sender;
    std::string wire;
    for (std::size_t row = 0; row < block.size(); ++row) {
        encoder->encode(block, row, wire);
        if ((row + 1) % 20 == 0) {
            sender.writeDatagram(wire.data(), qint64(wire.size()), QHostAddress::LocalHost, udp);
            wire.clear();
            QTest::qWait(1); // paced, so the kernel's buffer never drops one
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(
        metricValue(httpGet(port, "/metrics").second, "faultwatch_samples_total"), 320.0, 10000);
    const QByteArray metrics = httpGet(port, "/metrics").second;
    QCOMPARE(metricValue(metrics, "faultwatch_samples_lost_total"), 10000.0);
    QCOMPARE(metricValue(metrics, "faultwatch_sequence_resets_total"), 0.0);
    QVERIFY(stopsCleanly(*serve));
}

void TestServe::aFleetOnOneSocketIsSplitByItsRecords_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QString>("faulty");
    // Sent over UDP as fast as simulate can: loopback and serve's 8 MiB buffer hold it all.
    QTest::newRow("jsonl over udp, a vehicle field")
        << u"udp://127.0.0.1:%1?stream=field:vehicle"_s << u"udp://127.0.0.1:%1"_s
        << QStringList{u"v0001"_s, u"v0002"_s, u"v0003"_s, u"v0004"_s, u"v0005"_s} << u"v0003"_s;
    QTest::newRow("ccsds over tcp, one APID a spacecraft")
        << u"tcp-listen://127.0.0.1:%1?format=ccsds&stream=apid"_s
        << u"tcp://127.0.0.1:%1?format=ccsds"_s
        << QStringList{u"100"_s, u"101"_s, u"102"_s, u"103"_s, u"104"_s} << u"102"_s;
}

// One simulate, one socket, five vehicles: each record names its vehicle (a field, or its
// APID), serve gives each its own stream, and only the third raises an alarm.
void TestServe::aFleetOnOneSocketIsSplitByItsRecords()
{
    QFETCH(QString, source);
    QFETCH(QString, target);
    QFETCH(QStringList, keys);
    QFETCH(QString, faulty);
    const bool udp = source.startsWith(u"udp"_s);
    const quint16 data = udp ? freeUdpPort() : freeTcpPort();
    auto serve = startCli({u"serve"_s, u"--source"_s, source.arg(data), u"--profile"_s,
                           u"spacecraft"_s, u"--http"_s, u"127.0.0.1:0"_s});
    QByteArray log;
    const quint16 port = announcedPort(*serve, &log);
    QVERIFY2(port != 0, log.constData());
    if (udp) {
        QTRY_VERIFY_WITH_TIMEOUT(udpPortTaken(data), 10000);
    }
    const CliResult fleet = runCli({u"simulate"_s, u"--vehicles"_s, u"5"_s, u"--fault-vehicle"_s,
                                    u"3"_s, u"--scenario"_s, u"step:voltage"_s, u"--duration"_s,
                                    u"120"_s, u"--onset"_s, u"40"_s, u"--fault-duration"_s, u"60"_s,
                                    u"--fast"_s, u"--to"_s, target.arg(data)},
                                   30000);
    QVERIFY2(fleet.exitCode == 0, fleet.err.constData());
    const QJsonObject summary = QJsonDocument::fromJson(fleet.out.trimmed()).object();
    QCOMPARE(summary.value(u"sent"_s).toInt(), 5 * 1200);
    QTRY_COMPARE_WITH_TIMEOUT(
        metricValue(httpGet(port, "/metrics").second, "faultwatch_samples_scored_total"),
        5 * 1200.0, 20000);
    const QByteArray metrics = httpGet(port, "/metrics").second;
    QCOMPARE(metricValue(metrics, "faultwatch_samples_lost_total"), 0.0);
    QCOMPARE(metricValue(metrics, "faultwatch_sequence_resets_total"), 0.0);

    const QJsonObject streams = QJsonDocument::fromJson(httpGet(port, "/streams").second).object();
    QStringList seen;
    for (const QJsonValue &stream : streams.value(u"streams"_s).toArray()) {
        const QString key = stream[u"key"_s].toString();
        seen << key;
        QCOMPARE(stream[u"samples"_s].toInt(), 1200);
        QCOMPARE(stream[u"scored"_s].toInt(), 1200);
        QCOMPARE(stream[u"lost"_s].toInt(), 0);
        QVERIFY2((stream[u"alarms_raised"_s].toInt() > 0) == (key == faulty), qPrintable(key));
    }
    seen.sort();
    QCOMPARE(seen, keys);
    QVERIFY(stopsCleanly(*serve));
}

void TestServe::slowlorisDoesNotLockOutAScrape()
{
    // 64 connections (every slot) that each trickle a request head, a byte at a time.
    auto serve = startCli({QStringLiteral("serve"), QStringLiteral("--source"),
                           QStringLiteral("sim://spacecraft?rate=100"), QStringLiteral("--http"),
                           QStringLiteral("127.0.0.1:0")});
    QByteArray log;
    const quint16 port = announcedPort(*serve, &log);
    QVERIFY2(port != 0, log.constData());
    std::vector<std::unique_ptr<QTcpSocket>> slow;
    for (int i = 0; i < 64; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket->waitForConnected(3000));
        socket->write("G");
        slow.push_back(std::move(socket));
    }
    const QByteArray rest = "ET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    for (int step = 0; step < 6; ++step) { // 1.5 s of trickling: every slot stays busy
        for (auto &socket : slow) {
            socket->write(rest.mid(step, 1));
            socket->flush();
        }
        QTest::qWait(250);
    }
    // A scrape still gets through, in the place of a connection stuck in its head.
    QElapsedTimer clock;
    clock.start();
    const auto [status, body] = httpGet(port, "/metrics");
    QCOMPARE(status, 200);
    QVERIFY(body.contains("faultwatch_samples_total"));
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(stopsCleanly(*serve));
}

void TestServe::aSilentTcpPeerIsDroppedAndReconnected()
{
    // A bench that stays connected but stops sending (hung, or a half-open link): serve drops
    // it after three stale periods and connects anew.
    const QString profilePath = m_dir.filePath(QStringLiteral("quick-stale.json"));
    QFile profileFile(profilePath);
    QVERIFY(profileFile.open(QIODevice::WriteOnly));
    profileFile.write(R"({"name": "bench", "stale_after_s": 0.4,
                          "channels": [{"id": "a"}, {"id": "b"}]})");
    profileFile.close();
    QTcpServer bench;
    QVERIFY(bench.listen(QHostAddress::LocalHost, 0));
    auto serve
        = startCli({QStringLiteral("serve"), QStringLiteral("--source"),
                    QStringLiteral("tcp://127.0.0.1:%1?format=jsonl").arg(bench.serverPort()),
                    QStringLiteral("--profile"), profilePath, QStringLiteral("--http"),
                    QStringLiteral("127.0.0.1:0")});
    QByteArray log;
    const quint16 port = announcedPort(*serve, &log);
    QVERIFY2(port != 0, log.constData());
    QVERIFY(bench.waitForNewConnection(10000));
    QTcpSocket *first = bench.nextPendingConnection();
    const auto send = [](QTcpSocket *peer, int from, int to) {
        QByteArray lines;
        for (int i = from; i < to; ++i) {
            lines += QStringLiteral(R"({"t": %1, "seq": %2, "a": 1.0, "b": 2.0})")
                         .arg(1'700'000'000 + i)
                         .arg(i)
                         .toUtf8()
                     + '\n';
        }
        peer->write(lines);
        peer->flush();
    };
    send(first, 0, 5);
    QTRY_COMPARE_WITH_TIMEOUT(
        metricValue(httpGet(port, "/metrics").second, "faultwatch_samples_total"), 5.0, 10000);
    // Silent from here, connection kept open: a new connection comes within 1.2 s + backoff.
    QVERIFY(bench.waitForNewConnection(10000));
    QTcpSocket *second = bench.nextPendingConnection();
    send(second, 5, 10);
    QTRY_COMPARE_WITH_TIMEOUT(
        metricValue(httpGet(port, "/metrics").second, "faultwatch_samples_total"), 10.0, 10000);
    const QByteArray metrics = httpGet(port, "/metrics").second;
    QCOMPARE(metricValue(metrics, "faultwatch_source_reconnects_total"), 1.0);
    QCOMPARE(metricValue(metrics, "faultwatch_samples_lost_total"), 0.0);
    QCOMPARE(metricValue(metrics, "faultwatch_source_up"), 1.0);
    QVERIFY(stopsCleanly(*serve));
    serve->setReadChannel(QProcess::StandardError);
    log += serve->readAllStandardError();
    QVERIFY2(log.contains("nothing received for 1200 ms; reconnecting"), log.constData());
}

void TestServe::aRecordingThatHitsAFileSizeLimitStopsCleanly()
{
    // As on a full disk: the recording stops with a clear error, the file holds only whole
    // records, and ingest, scoring and the endpoints go on.
    constexpr rlim_t kLimit = 64 * 1024;
    const QString recording = m_dir.filePath(QStringLiteral("limited.csv"));
    QProcess serve;
    serve.setChildProcessModifier([] {
        const rlimit limit{kLimit, kLimit};
        ::setrlimit(RLIMIT_FSIZE, &limit); // in the child only
    });
    serve.start(cliPath(), {QStringLiteral("serve"), QStringLiteral("--source"),
                            QStringLiteral("sim://spacecraft?rate=300"), QStringLiteral("--record"),
                            recording, QStringLiteral("--http"), QStringLiteral("127.0.0.1:0")});
    QVERIFY(serve.waitForStarted(5000));
    QByteArray log;
    const quint16 port = announcedPort(serve, &log);
    QVERIFY2(port != 0, log.constData());
    const auto recordingState = [port] {
        return QJsonDocument::fromJson(httpGet(port, "/health").second)
            .object()[QStringLiteral("recording")]
            .toObject();
    };
    QTRY_COMPARE_WITH_TIMEOUT(recordingState()[QStringLiteral("state")].toString(),
                              QStringLiteral("failed"), 20000);
    const QJsonObject state = recordingState();
    QVERIFY2(state[QStringLiteral("error")].toString().contains(u"recording stopped"),
             qPrintable(state[QStringLiteral("error")].toString()));
    const double scored
        = metricValue(httpGet(port, "/metrics").second, "faultwatch_samples_scored_total");
    QTRY_VERIFY_WITH_TIMEOUT(
        metricValue(httpGet(port, "/metrics").second, "faultwatch_samples_scored_total")
            > scored + 1000,
        10000);
    serve.terminate();
    QVERIFY(serve.waitForFinished(10000));
    log += serve.readAllStandardError();
    QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
    QVERIFY2(serve.exitCode() == 0, log.constData());
    QVERIFY2(log.contains("recording stopped"), log.constData());
    QVERIFY2(log.contains("size limit"), log.constData());

    QFile file(recording);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY2(text.size() > 1000 && text.size() <= qsizetype(kLimit),
             qPrintable(QString::number(text.size())));
    QVERIFY(text.endsWith('\n')); // whole records only
    const QList<QByteArray> lines = text.trimmed().split('\n');
    const int columns = int(lines.front().count(',')) + 1;
    for (const QByteArray &line : lines) {
        QCOMPARE(int(line.count(',')) + 1, columns);
    }
}

void TestServe::aBuiltinProfileIsServedWithItsBundledModel()
{
    qunsetenv("MODEL_PATH");
    auto serve
        = startCli({QStringLiteral("serve"), QStringLiteral("--source"),
                    QStringLiteral("sim://ev?rate=200&seed=4"), QStringLiteral("--profile"),
                    QStringLiteral("ev"), QStringLiteral("--http"), QStringLiteral("127.0.0.1:0")});
    QByteArray log;
    const quint16 port = announcedPort(*serve, &log);
    QVERIFY2(port != 0, log.constData());
    QVERIFY2(log.contains("model ev.json"), log.constData());
    QTRY_COMPARE_WITH_TIMEOUT(httpGet(port, "/ready").first, 200, 10000);
    const auto [status, body]
        = post(port, "/predict",
               R"({"temperature": 28.0, "voltage": 395.4, "vibration": 0.45, "pressure": 135.5})");
    QCOMPARE(status, 200);
    const QJsonObject reply = QJsonDocument::fromJson(body).object();
    QCOMPARE(reply[QStringLiteral("model")][QStringLiteral("name")].toString(),
             QStringLiteral("ev.json"));
    const QJsonObject result = reply[QStringLiteral("result")].toObject();
    QVERIFY2(result[QStringLiteral("confidence")].isDouble(), body.constData());
    QVERIFY2(result[QStringLiteral("severity")].toString() != u"critical", body.constData());
    QVERIFY2(!body.contains("no model"), body.constData());
    QVERIFY(stopsCleanly(*serve));
}

void TestServe::aLabeledReplayCountsWhatScoreCounts()
{
    const QString recording = m_dir.filePath(QStringLiteral("labeled.csv"));
    const QString labels = m_dir.filePath(QStringLiteral("labeled-labels.csv"));
    CliResult r = runCli({QStringLiteral("simulate"), QStringLiteral("--profile"),
                          QStringLiteral("spacecraft"), QStringLiteral("--to"), recording,
                          QStringLiteral("--rate"), QStringLiteral("10"),
                          QStringLiteral("--duration"), QStringLiteral("600"),
                          QStringLiteral("--scenario"), QStringLiteral("step:temperature"),
                          QStringLiteral("--seed"), QStringLiteral("4"), QStringLiteral("--start"),
                          QStringLiteral("1700000000"), QStringLiteral("--labels"), labels});
    QCOMPARE(r.exitCode, 0);
    r = runCli({QStringLiteral("score"), QStringLiteral("--model"), m_model,
                QStringLiteral("--input"), recording, QStringLiteral("--output"),
                m_dir.filePath(QStringLiteral("scored.csv")), QStringLiteral("--labels"), labels});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject expected
        = QJsonDocument::fromJson(r.out.trimmed().split('\n').last()).object();
    QVERIFY2(expected.value(u"tp").toDouble() > 0, r.out.constData());

    auto serve = startCli({QStringLiteral("serve"), QStringLiteral("--source"),
                           QStringLiteral("file://%1?speed=0").arg(recording),
                           QStringLiteral("--model"), m_model, QStringLiteral("--labels"), labels,
                           QStringLiteral("--http"), QStringLiteral("127.0.0.1:0")});
    serve->setReadChannel(QProcess::StandardError);
    QByteArray log;
    quint16 port = 0;
    const QRegularExpression url(QStringLiteral("http://127\\.0\\.0\\.1:(\\d+)"));
    QDeadlineTimer started(10000);
    while (!log.contains("source finished") && !started.hasExpired()
           && serve->state() != QProcess::NotRunning) {
        serve->waitForReadyRead(200);
        log += serve->readAllStandardError();
    }
    const QRegularExpressionMatch match = url.match(QString::fromUtf8(log));
    QVERIFY2(match.hasMatch() && log.contains("source finished"), log.constData());
    port = quint16(match.captured(1).toUInt());
    QByteArray metrics;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            metrics = httpGet(port, "/metrics").second;
            const double scored = metricValue(metrics, "faultwatch_samples_scored_total");
            return scored > 0 && scored == metricValue(metrics, "faultwatch_samples_total");
        }(),
        10000);
    for (const char *outcome : {"tp", "fp", "fn", "tn"}) {
        QCOMPARE(metricValue(metrics, "faultwatch_labeled_samples_total{outcome=\""
                                          + QByteArray(outcome) + "\"}"),
                 expected.value(QLatin1String(outcome)).toDouble());
    }
    QCOMPARE(metricValue(metrics, "faultwatch_labeled_precision"),
             expected.value(u"precision").toDouble());
    QCOMPARE(metricValue(metrics, "faultwatch_labeled_recall"),
             expected.value(u"recall").toDouble());
    QVERIFY(stopsCleanly(*serve));
}

void TestServe::badOptionsAreRefused()
{
    CliResult r = runCli({QStringLiteral("serve"), QStringLiteral("--source"),
                          QStringLiteral("sim://spacecraft"), QStringLiteral("--http"),
                          QStringLiteral("0.0.0.0:0")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--http-token-file"), r.err.constData());
    r = runCli({QStringLiteral("serve"), QStringLiteral("--source"),
                QStringLiteral("sim://spacecraft"), QStringLiteral("--model"),
                m_dir.filePath(QStringLiteral("missing.json")), QStringLiteral("--http"),
                QStringLiteral("127.0.0.1:0")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("missing.json"), r.err.constData());
    r = runCli({QStringLiteral("serve"), QStringLiteral("--source"),
                QStringLiteral("sim://spacecraft"), QStringLiteral("--log-format"),
                QStringLiteral("xml")});
    QCOMPARE(r.exitCode, 2);
    for (const QStringList &learn :
         {QStringList{QStringLiteral("--learn"), QStringLiteral("400"), QStringLiteral("--model"),
                      m_model},
          QStringList{QStringLiteral("--learn"), QStringLiteral("1")},
          QStringList{QStringLiteral("--learn"), QStringLiteral("many")},
          QStringList{QStringLiteral("--learn-output"), QStringLiteral("x.json")}}) {
        r = runCli(QStringList{QStringLiteral("serve"), QStringLiteral("--source"),
                               QStringLiteral("sim://spacecraft"), QStringLiteral("--http"),
                               QStringLiteral("127.0.0.1:0")}
                   + learn);
        QVERIFY2(r.exitCode == 2,
                 qPrintable(learn.join(u' ') + QStringLiteral(": ") + QString::fromUtf8(r.err)));
        QVERIFY2(r.err.contains("--learn"), r.err.constData());
    }
}

// How the systemd unit and the container image run it: source, address and token from the
// environment, `health` as the probe, LOG_LEVEL quieting the info lines.
void TestServe::theEnvironmentConfiguresServeAndHealth()
{
    const quint16 port = freeTcpPort();
    const QByteArray address = "127.0.0.1:" + QByteArray::number(port);
    const auto unset = qScopeGuard([] {
        for (const char *name :
             {"FAULTWATCH_SOURCE", "FAULTWATCH_HTTP", "FAULTWATCH_HTTP_TOKEN", "LOG_LEVEL"}) {
            qunsetenv(name);
        }
    });
    CliResult r = runCli({QStringLiteral("serve")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("FAULTWATCH_SOURCE"), r.err.constData());
    r = runCli({QStringLiteral("health"), QStringLiteral("--http"), QString::fromLatin1(address)});
    QCOMPARE(r.exitCode, 1); // nobody listens yet

    qputenv("FAULTWATCH_SOURCE", "sim://spacecraft?rate=200");
    qputenv("FAULTWATCH_HTTP", address);
    qputenv("FAULTWATCH_HTTP_TOKEN", "s3cret");
    qputenv("LOG_LEVEL", "warning");
    auto serve = startCli({QStringLiteral("serve")});
    QTRY_COMPARE_WITH_TIMEOUT(runCli({QStringLiteral("health")}).exitCode, 0, 10000);
    r = runCli({QStringLiteral("health")});
    QVERIFY2(r.out.contains("\"status\":\"ok\""), r.out.constData());
    QVERIFY2(r.out.contains("sim://spacecraft"), r.out.constData());
    // The token is required: a request without it is refused, and health says so.
    QCOMPARE(httpGet(port, "/health").first, 401);
    const QString wrongToken = m_dir.filePath(QStringLiteral("wrong.token"));
    QFile file(wrongToken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not-it\n");
    file.close();
    r = runCli({QStringLiteral("health"), QStringLiteral("--http-token-file"), wrongToken});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("401"), r.err.constData());
    r = runCli({QStringLiteral("health"), QStringLiteral("--timeout"), QStringLiteral("never")});
    QCOMPARE(r.exitCode, 2);

    QVERIFY(stopsCleanly(*serve));
    const QByteArray log = serve->readAllStandardError();
    QVERIFY2(!log.contains(": info: "), log.constData());
}

QTEST_GUILESS_MAIN(TestServe)
#include "tst_serve.moc"
