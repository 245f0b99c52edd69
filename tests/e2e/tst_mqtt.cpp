#include "clirunner.h"
#include "mosquittobroker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

using namespace fw::test;
using namespace Qt::StringLiterals;

// simulate → mosquitto → serve, the real executables and Debian's broker on loopback.
class TestMqtt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void aBrokerRestartMidStreamLosesNothingSilently();
    void eachVehicleIsAStreamWithAlarmsOfItsOwn();
    void aSimulatedFleetPublishesEachVehicleOnItsTopic();

private:
    std::unique_ptr<MosquittoBroker> m_broker;
};

namespace {

// serve subscribed at url, with its HTTP port in *port (0 when it did not
// announce one; *log then says why).
std::unique_ptr<QProcess> startServe(const QString &url, quint16 *port, QByteArray *log)
{
    auto serve = startCli({u"serve"_s, u"--source"_s, url, u"--profile"_s, u"spacecraft"_s,
                           u"--http"_s, u"127.0.0.1:0"_s});
    serve->setReadChannel(QProcess::StandardError);
    *port = announcedPort(*serve, log);
    return serve;
}

} // namespace

void TestMqtt::init()
{
    if (MosquittoBroker::executable().isEmpty()) {
        QSKIP("mosquitto is not installed (packaging/setup.sh installs it)");
    }
    m_broker = std::make_unique<MosquittoBroker>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->error()));
}

void TestMqtt::cleanup()
{
    m_broker.reset();
}

// The broker goes away for a second while a vehicle streams at 200 samples/s: serve reconnects
// by itself, and every sample simulate sent is either received or counted lost by serve.
void TestMqtt::aBrokerRestartMidStreamLosesNothingSilently()
{
    const quint16 brokerPort = m_broker->port();
    quint16 port = 0;
    QByteArray log;
    auto serve = startServe(m_broker->url(u"fleet/+/telemetry"_s), &port, &log);
    QVERIFY2(port != 0, log.constData());
    QVERIFY(m_broker->waitForSubscriptions(1));

    auto simulate = startCli({u"simulate"_s, u"--to"_s, m_broker->url(u"fleet/v7/telemetry"_s),
                              u"--rate"_s, u"200"_s, u"--duration"_s, u"6"_s, u"--seed"_s, u"4"_s});
    QTRY_VERIFY_WITH_TIMEOUT(
        metricValue(httpGet(port, "/metrics").second, "faultwatch_samples_total") > 200, 10000);
    m_broker->stop();
    QTRY_COMPARE_WITH_TIMEOUT(metricValue(httpGet(port, "/metrics").second, "faultwatch_source_up"),
                              0.0, 5000);
    QTest::qWait(1000);
    QVERIFY2(m_broker->start(brokerPort), qPrintable(m_broker->error()));
    QVERIFY2(m_broker->waitForSubscriptions(1, 10000), m_broker->log().constData());

    QVERIFY(simulate->waitForFinished(20000));
    QCOMPARE(simulate->exitCode(), 0);
    const QJsonObject summary
        = QJsonDocument::fromJson(simulate->readAllStandardOutput().trimmed()).object();
    const double sent = summary.value(u"sent"_s).toDouble();
    const double unsent = summary.value(u"unsent"_s).toDouble();
    QCOMPARE(sent, 1200.0);
    QVERIFY2(unsent > 0, "the sender noticed no outage");

    // Once the last sample is in, received + lost covers every sample sent.
    double received = 0;
    double lost = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QByteArray metrics = httpGet(port, "/metrics").second;
            received = metricValue(metrics, "faultwatch_samples_total");
            lost = metricValue(metrics, "faultwatch_samples_lost_total");
            return received + lost == sent;
        }(),
        10000);
    qInfo("sent %.0f (unsent %.0f while the broker was away): received %.0f, lost %.0f", sent,
          unsent, received, lost);
    const QByteArray metrics = httpGet(port, "/metrics").second;
    QVERIFY2(lost >= unsent, qPrintable(u"lost %1, unsent %2"_s.arg(lost).arg(unsent)));
    QCOMPARE(metricValue(metrics, "faultwatch_source_reconnects_total"), 1.0);
    QCOMPARE(metricValue(metrics, "faultwatch_source_up"), 1.0);
    QVERIFY(metricValue(metrics, "faultwatch_samples_scored_total") > 0);

    serve->terminate();
    QVERIFY(serve->waitForFinished(10000));
    QCOMPARE(serve->exitCode(), 0);
}

// Three vehicles through one broker into one serve, the topic's second level naming each: the
// one with a fault raises alarms, the two healthy ones none, and only the faulty one gets
// series of its own in /metrics.
void TestMqtt::eachVehicleIsAStreamWithAlarmsOfItsOwn()
{
    quint16 port = 0;
    QByteArray log;
    auto serve = startServe(m_broker->url(u"fleet/+/telemetry?stream=topic:2"_s), &port, &log);
    QVERIFY2(port != 0, log.constData());
    QVERIFY(m_broker->waitForSubscriptions(1));
    std::vector<std::unique_ptr<QProcess>> vehicles;
    for (const auto &[name, scenario] :
         {std::pair(u"v1"_s, u"nominal"_s), std::pair(u"v2"_s, u"step:voltage"_s),
          std::pair(u"v3"_s, u"nominal"_s)}) {
        vehicles.push_back(startCli(
            {u"simulate"_s, u"--to"_s, m_broker->url(u"fleet/%1/telemetry"_s.arg(name)),
             u"--duration"_s, u"120"_s, u"--onset"_s, u"40"_s, u"--fault-duration"_s, u"60"_s,
             u"--scenario"_s, scenario, u"--seed"_s, QString::number(vehicles.size() + 3),
             u"--fast"_s, u"--datagram-bytes"_s, u"20000"_s}));
    }
    for (const auto &vehicle : vehicles) {
        QVERIFY(vehicle->waitForFinished(30000));
        QCOMPARE(vehicle->exitCode(), 0);
    }
    const double sent = 3 * 120 * 10; // the spacecraft profile's 10 Hz
    QTRY_COMPARE_WITH_TIMEOUT(
        metricValue(httpGet(port, "/metrics").second, "faultwatch_samples_scored_total"), sent,
        20000);

    const auto [status, body] = httpGet(port, "/streams");
    QCOMPARE(status, 200);
    const QJsonObject streams = QJsonDocument::fromJson(body).object();
    QCOMPARE(streams.value(u"count"_s).toInt(), 3);
    QCOMPARE(streams.value(u"refused_samples"_s).toInt(), 0);
    QJsonObject byKey;
    for (const QJsonValue &stream : streams.value(u"streams"_s).toArray()) {
        byKey.insert(stream[u"key"_s].toString(), stream);
    }
    QCOMPARE(byKey.keys(), (QStringList{u"v1"_s, u"v2"_s, u"v3"_s}));
    for (const QString &key : byKey.keys()) {
        const QJsonObject stream = byKey.value(key).toObject();
        QCOMPARE(stream.value(u"samples"_s).toInt(), 1200);
        QCOMPARE(stream.value(u"scored"_s).toInt(), 1200);
        QCOMPARE(stream.value(u"lost"_s).toInt(), 0);
        const int raised = stream.value(u"alarms_raised"_s).toInt();
        QVERIFY2((key == u"v2") == (raised > 0),
                 qPrintable(u"%1 raised %2 alarms"_s.arg(key).arg(raised)));
    }

    const QByteArray metrics = httpGet(port, "/metrics").second;
    QCOMPARE(metricValue(metrics, "faultwatch_streams"), 3.0);
    QVERIFY(metricValue(metrics, "faultwatch_stream_alarm_active{stream=\"v2\"}") >= 0);
    QCOMPARE(metricValue(metrics, "faultwatch_stream_samples_lost_total{stream=\"v2\"}"), 0.0);
    QVERIFY2(!metrics.contains("stream=\"v1\"") && !metrics.contains("stream=\"v3\""),
             "healthy vehicles got series of their own");
    QCOMPARE(metricValue(metrics, "faultwatch_streams_unlabelled"), 0.0);
    const QJsonObject health = QJsonDocument::fromJson(httpGet(port, "/health").second).object();
    QCOMPARE(health.value(u"streams"_s)[u"count"_s].toInt(), 3);
    QCOMPARE(httpGet(port, "/streams?active=yes").first, 400);

    serve->terminate();
    QVERIFY(serve->waitForFinished(10000));
    QCOMPARE(serve->exitCode(), 0);
}

// One simulate, one connection, five vehicles: each on its own topic, each a stream of serve,
// only the third with a fault.
void TestMqtt::aSimulatedFleetPublishesEachVehicleOnItsTopic()
{
    quint16 port = 0;
    QByteArray log;
    auto serve = startServe(m_broker->url(u"fleet/+/telemetry?stream=topic:2"_s), &port, &log);
    QVERIFY2(port != 0, log.constData());
    QVERIFY(m_broker->waitForSubscriptions(1));
    const CliResult fleet = runCli({u"simulate"_s,
                                    u"--vehicles"_s,
                                    u"5"_s,
                                    u"--fault-vehicle"_s,
                                    u"3"_s,
                                    u"--scenario"_s,
                                    u"step:voltage"_s,
                                    u"--duration"_s,
                                    u"120"_s,
                                    u"--onset"_s,
                                    u"40"_s,
                                    u"--fault-duration"_s,
                                    u"60"_s,
                                    u"--fast"_s,
                                    u"--publish-every"_s,
                                    u"1"_s,
                                    u"--datagram-bytes"_s,
                                    u"20000"_s,
                                    u"--to"_s,
                                    m_broker->url(u"fleet/{vehicle}/telemetry"_s)},
                                   30000);
    QCOMPARE(fleet.exitCode, 0);
    const QJsonObject summary = QJsonDocument::fromJson(fleet.out.trimmed()).object();
    QCOMPARE(summary.value(u"sent"_s).toInt(), 5 * 1200);
    QCOMPARE(summary.value(u"vehicles"_s).toInt(), 5);
    QCOMPARE(summary.value(u"fault_vehicle"_s).toString(), u"v0003"_s);
    // A message a second per vehicle: 10 samples in each.
    QCOMPARE(summary.value(u"datagrams"_s).toInt(), 5 * 120);
    QTRY_COMPARE_WITH_TIMEOUT(
        metricValue(httpGet(port, "/metrics").second, "faultwatch_samples_scored_total"),
        5 * 1200.0, 20000);

    const QJsonObject streams = QJsonDocument::fromJson(httpGet(port, "/streams").second).object();
    QStringList keys;
    for (const QJsonValue &stream : streams.value(u"streams"_s).toArray()) {
        const QString key = stream[u"key"_s].toString();
        keys << key;
        QCOMPARE(stream[u"samples"_s].toInt(), 1200);
        QCOMPARE(stream[u"lost"_s].toInt(), 0);
        QVERIFY2((stream[u"alarms_raised"_s].toInt() > 0) == (key == u"v0003"_s), qPrintable(key));
    }
    keys.sort();
    QCOMPARE(keys, (QStringList{u"v0001"_s, u"v0002"_s, u"v0003"_s, u"v0004"_s, u"v0005"_s}));
    serve->terminate();
    QVERIFY(serve->waitForFinished(10000));
}

QTEST_GUILESS_MAIN(TestMqtt)
#include "tst_mqtt.moc"
