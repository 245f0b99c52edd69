#include "clirunner.h"
#include "mosquittobroker.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace fw::test;
using namespace Qt::StringLiterals;

// A fleet as it is deployed: 1 000 simulated vehicles publish to Debian's mosquitto; two serve
// instances each keep their shard of them; a real Prometheus finds both through file-based
// service discovery and evaluates the shipped rules; a real Alertmanager, with the shipped
// configuration, delivers to a webhook receiver in this test. One vehicle has a fault: the
// alerts that arrive must name it, and no other.
class TestFleet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneFaultyVehicleOfAThousandIsTheOneAlerted();
};

namespace {

constexpr int kVehicles = 1000;
constexpr int kFaultVehicle = 417;

// Alertmanager's webhook notifications: each POST's JSON body, answered 200.
class WebhookReceiver : public QObject
{
public:
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    [[nodiscard]] const QList<QJsonObject> &notifications() const { return m_notifications; }

    WebhookReceiver()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &data = m_pending[socket];
        data += socket->readAll();
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end < 0) {
            return;
        }
        const QRegularExpression length(u"(?i)content-length:\\s*(\\d+)"_s);
        const auto match = length.match(QString::fromLatin1(data.left(end)));
        const qsizetype bodySize = match.hasMatch() ? match.captured(1).toLongLong() : 0;
        if (data.size() < end + 4 + bodySize) {
            return;
        }
        m_notifications.append(QJsonDocument::fromJson(data.mid(end + 4, bodySize)).object());
        data.remove(0, end + 4 + bodySize);
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_pending;
    QList<QJsonObject> m_notifications;
};

// A shipped file with some of its text replaced, written into dir.
QString adapted(const QString &shipped, const QList<std::pair<QByteArray, QByteArray>> &changes,
                const QTemporaryDir &dir)
{
    QFile in(QStringLiteral(FW_SOURCE_DIR "/packaging/prometheus/") + shipped);
    if (!in.open(QIODevice::ReadOnly)) {
        return {};
    }
    QByteArray text = in.readAll();
    for (const auto &[from, to] : changes) {
        if (!text.contains(from)) {
            qWarning("%s no longer holds %s", qPrintable(shipped), from.constData());
            return {};
        }
        text.replace(from, to);
    }
    QFile out(dir.filePath(shipped));
    if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size()) {
        return {};
    }
    return out.fileName();
}

bool ready(quint16 port)
{
    return httpGet(port, "/-/ready").first == 200;
}

QJsonObject streamsOf(quint16 port, const QByteArray &query = {})
{
    return QJsonDocument::fromJson(httpGet(port, "/streams" + query).second).object();
}

QString executable(const QString &name)
{
    return QStandardPaths::findExecutable(name);
}

} // namespace

void TestFleet::oneFaultyVehicleOfAThousandIsTheOneAlerted()
{
    const QString prometheus = executable(u"prometheus"_s);
    const QString alertmanager = executable(u"prometheus-alertmanager"_s);
    if (MosquittoBroker::executable().isEmpty() || prometheus.isEmpty() || alertmanager.isEmpty()) {
        QSKIP("needs mosquitto, prometheus and prometheus-alertmanager (packaging/setup.sh)");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.error()));
    WebhookReceiver webhook;
    QVERIFY(webhook.listen());

    // Two instances, each subscribed to every vehicle, each keeping its half.
    std::vector<std::unique_ptr<QProcess>> serves;
    std::vector<quint16> ports;
    auto stopAll = qScopeGuard([&] {
        for (auto &serve : serves) {
            serve->terminate();
            serve->waitForFinished(10000);
        }
    });
    for (const char *shard : {"1/2", "2/2"}) {
        const QString source
            = broker.url(u"fleet/+/telemetry?stream=topic:2&shard="_s + QLatin1String(shard));
        serves.push_back(startCli({u"serve"_s, u"--source"_s, source, u"--profile"_s,
                                   u"spacecraft"_s, u"--http"_s, u"127.0.0.1:0"_s}));
        serves.back()->setReadChannel(QProcess::StandardError);
        QByteArray log;
        ports.push_back(announcedPort(*serves.back(), &log));
        QVERIFY2(ports.back() != 0, log.constData());
    }
    QVERIFY(broker.waitForSubscriptions(2));

    // Alertmanager with the shipped configuration, quick to notify.
    const quint16 alertPort = freeTcpPort();
    const QString alertConfig
        = adapted(u"alertmanager.yml"_s,
                  {{"http://127.0.0.1:9095/alerts",
                    "http://127.0.0.1:" + QByteArray::number(webhook.port()) + "/alerts"},
                   {"group_wait: 10s", "group_wait: 1s"},
                   {"group_interval: 1m", "group_interval: 1s"}},
                  dir);
    QVERIFY(!alertConfig.isEmpty());
    QProcess alerts;
    alerts.setProcessChannelMode(QProcess::MergedChannels);
    alerts.setStandardOutputFile(dir.filePath(u"alertmanager.log"_s));
    alerts.start(alertmanager, {u"--config.file="_s + alertConfig,
                                u"--storage.path="_s + dir.filePath(u"alertmanager"_s),
                                u"--web.listen-address=127.0.0.1:%1"_s.arg(alertPort),
                                u"--cluster.listen-address="_s});
    QVERIFY(alerts.waitForStarted(5000));
    auto stopAlerts = qScopeGuard([&] {
        alerts.terminate();
        alerts.waitForFinished(10000);
    });

    // Prometheus with the shipped fleet configuration: the instances from a targets file.
    QFile targets(dir.filePath(u"targets.json"_s));
    QVERIFY(targets.open(QIODevice::WriteOnly));
    targets.write(QJsonDocument(QJsonArray{QJsonObject{
                                    {u"targets"_s, QJsonArray{u"127.0.0.1:%1"_s.arg(ports[0]),
                                                              u"127.0.0.1:%1"_s.arg(ports[1])}},
                                    {u"labels"_s, QJsonObject{{u"fleet"_s, u"test"_s}}}}})
                      .toJson());
    targets.close();
    const QString promConfig
        = adapted(u"prometheus-fleet.yml"_s,
                  {{"scrape_interval: 5s", "scrape_interval: 1s"},
                   {"evaluation_interval: 5s", "evaluation_interval: 1s"},
                   {"- faultwatch-rules.yml",
                    "- " FW_SOURCE_DIR "/packaging/prometheus/faultwatch-rules.yml"},
                   {"127.0.0.1:9093", "127.0.0.1:" + QByteArray::number(alertPort)},
                   {"/etc/prometheus/faultwatch-targets/*.json", targets.fileName().toUtf8()}},
                  dir);
    QVERIFY(!promConfig.isEmpty());
    const quint16 promPort = freeTcpPort();
    QProcess scraper;
    scraper.setProcessChannelMode(QProcess::MergedChannels);
    scraper.setStandardOutputFile(dir.filePath(u"prometheus.log"_s));
    scraper.start(prometheus, {u"--config.file="_s + promConfig,
                               u"--storage.tsdb.path="_s + dir.filePath(u"prometheus"_s),
                               u"--web.listen-address=127.0.0.1:%1"_s.arg(promPort)});
    QVERIFY(scraper.waitForStarted(5000));
    auto stopScraper = qScopeGuard([&] {
        scraper.terminate();
        scraper.waitForFinished(10000);
    });
    QTRY_VERIFY_WITH_TIMEOUT(ready(alertPort) && ready(promPort), 30000);

    // The fleet, in real time: each vehicle publishes its second of samples once a second.
    QElapsedTimer sinceStart;
    sinceStart.start();
    auto fleet = startCli({u"simulate"_s,
                           u"--profile"_s,
                           u"spacecraft"_s,
                           u"--vehicles"_s,
                           QString::number(kVehicles),
                           u"--fault-vehicle"_s,
                           QString::number(kFaultVehicle),
                           u"--scenario"_s,
                           u"step:voltage"_s,
                           u"--onset"_s,
                           u"40"_s,
                           u"--fault-duration"_s,
                           u"140"_s,
                           u"--duration"_s,
                           u"180"_s,
                           u"--publish-every"_s,
                           u"1"_s,
                           u"--datagram-bytes"_s,
                           u"65000"_s,
                           u"--seed"_s,
                           u"21"_s,
                           u"--to"_s,
                           broker.url(u"fleet/{vehicle}/telemetry"_s)});
    const auto firing = [&] {
        for (const QJsonObject &notification : webhook.notifications()) {
            for (const QJsonValue &alert : notification.value(u"alerts"_s).toArray()) {
                if (alert[u"status"_s] == u"firing"_s
                    && alert[u"labels"_s][u"alertname"_s] == u"FaultWatchStreamAlarm"_s) {
                    return true;
                }
            }
        }
        return false;
    };
    // What each part saw, should the alert not come.
    const auto trail = [&] {
        QByteArray text = "prometheus alerts: " + httpGet(promPort, "/api/v1/alerts").second
                          + "\nalertmanager alerts: " + httpGet(alertPort, "/api/v2/alerts").second;
        for (const quint16 port : ports) {
            text
                += "\nserve streams alarmed: " + httpGet(port, "/streams?active=1").second.left(500)
                   + "\nserve health: " + httpGet(port, "/health").second.left(800);
        }
        return text;
    };
    QTRY_VERIFY_WITH_TIMEOUT(firing() || fleet->state() == QProcess::NotRunning, 150000);
    QVERIFY2(fleet->state() == QProcess::Running, fleet->readAllStandardError().constData());
    QVERIFY2(firing(), trail().constData());
    qInfo("the alert reached the webhook %.1f s after the fleet started (the fault at 40 s)",
          double(sinceStart.elapsed()) / 1000);
    fleet->terminate();
    QVERIFY(fleet->waitForFinished(20000));
    QCOMPARE(fleet->exitCode(), 0);
    const QJsonObject summary
        = QJsonDocument::fromJson(fleet->readAllStandardOutput().trimmed()).object();
    const double sent = summary.value(u"sent"_s).toDouble();
    QCOMPARE(summary.value(u"fault_vehicle"_s).toString(), u"v0417"_s);

    // Every sample sent is scored by one instance or the other, none lost.
    const auto total = [&](const QByteArray &metric) {
        double sum = 0;
        for (const quint16 port : ports) {
            sum += metricValue(httpGet(port, "/metrics").second, metric);
        }
        return sum;
    };
    QTRY_COMPARE_WITH_TIMEOUT(total("faultwatch_samples_scored_total"), sent, 30000);
    QCOMPARE(total("faultwatch_samples_lost_total"), 0.0);

    // Each vehicle is a stream of exactly one instance; the faulty one alone holds an alarm.
    QSet<QString> seen;
    QString holder;
    for (const quint16 port : ports) {
        const QJsonObject streams = streamsOf(port);
        const int count = streams.value(u"count"_s).toInt();
        QVERIFY2(count > kVehicles / 4 && count < kVehicles * 3 / 4,
                 qPrintable(u"an instance kept %1 of %2 vehicles"_s.arg(count).arg(kVehicles)));
        QVERIFY(streams.value(u"other_shard_messages"_s).toInt() > 0);
        for (const QJsonValue &stream : streams.value(u"streams"_s).toArray()) {
            const QString key = stream[u"key"_s].toString();
            QVERIFY2(!seen.contains(key), qPrintable(key + u" is kept twice"_s));
            seen.insert(key);
            QVERIFY2(
                (stream[u"alarms_raised"_s].toInt() > 0) == (key == u"v0417"_s),
                qPrintable(key + u" raised %1 alarms"_s.arg(stream[u"alarms_raised"_s].toInt())));
            if (key == u"v0417"_s) {
                holder = u"127.0.0.1:%1"_s.arg(port);
            }
        }
    }
    QCOMPARE(seen.size(), kVehicles);

    // What reached people names that vehicle, on the instance that keeps it, and nothing else.
    for (const QJsonObject &notification : webhook.notifications()) {
        for (const QJsonValue &alert : notification.value(u"alerts"_s).toArray()) {
            const QJsonObject labels = alert[u"labels"_s].toObject();
            const QString text = QString::fromUtf8(QJsonDocument(labels).toJson());
            QCOMPARE(labels.value(u"alertname"_s).toString(), u"FaultWatchStreamAlarm"_s);
            QVERIFY2(labels.value(u"stream"_s) == u"v0417"_s, qPrintable(text));
            QVERIFY2(labels.value(u"instance"_s) == holder, qPrintable(text));
            QCOMPARE(labels.value(u"fleet"_s).toString(), u"test"_s);
        }
    }
}

QTEST_GUILESS_MAIN(TestFleet)
#include "tst_fleet.moc"
