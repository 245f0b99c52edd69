#include "clirunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <QUrl>

using namespace fw::test;

namespace {

// GET path from 127.0.0.1:port; the body of a 200, else empty.
QByteArray get(quint16 port, const QByteArray &path)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(2000)) {
        return {};
    }
    socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray data;
    QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        data += socket.readAll();
    }
    data += socket.readAll();
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end < 0 || !data.startsWith("HTTP/1.1 200")) {
        return {};
    }
    QByteArray body = data.mid(end + 4);
    if (data.left(end).toLower().contains("transfer-encoding: chunked")) {
        QByteArray joined;
        qsizetype at = 0;
        while (at < body.size()) {
            const qsizetype line = body.indexOf("\r\n", at);
            bool ok = false;
            const qsizetype size = body.mid(at, line - at).toLongLong(&ok, 16);
            if (!ok || size == 0) {
                break;
            }
            joined += body.mid(line + 2, size);
            at = line + 2 + size + 2;
        }
        body = joined;
    }
    return body;
}

// The value of the first series of an instant query, or -1.
double queryValue(quint16 port, const QByteArray &query)
{
    const QJsonObject reply
        = QJsonDocument::fromJson(get(port, "/api/v1/query?query=" + query)).object();
    const QJsonArray result = reply.value(u"data").toObject().value(u"result").toArray();
    if (result.isEmpty()) {
        return -1;
    }
    return result.at(0).toObject().value(u"value").toArray().at(1).toString().toDouble();
}

} // namespace

class TestPrometheus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prometheusScrapesServeAndLoadsTheRules();
};

void TestPrometheus::prometheusScrapesServeAndLoadsTheRules()
{
    const QString prometheus = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
    QVERIFY2(!prometheus.isEmpty(), "prometheus is not installed (packaging/setup.sh does it)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QFile::copy(QStringLiteral(":/models/spacecraft.json"),
                        dir.filePath(QStringLiteral("model.json"))));

    const quint16 servePort = freeTcpPort();
    auto serve
        = startCli({QStringLiteral("serve"), QStringLiteral("--source"),
                    QStringLiteral("sim://spacecraft?rate=1000&scenario=mixed&seed=5"),
                    QStringLiteral("--model"), dir.filePath(QStringLiteral("model.json")),
                    QStringLiteral("--http"), QStringLiteral("127.0.0.1:%1").arg(servePort)});
    QTRY_VERIFY_WITH_TIMEOUT(!get(servePort, "/health").isEmpty(), 10000);

    // The packaged scrape config, pointed at this serve, scraping every second.
    QFile packaged(QStringLiteral(FW_SOURCE_DIR "/packaging/prometheus/prometheus.yml"));
    QVERIFY(packaged.open(QIODevice::ReadOnly));
    QByteArray config = packaged.readAll();
    config.replace("127.0.0.1:9917", "127.0.0.1:" + QByteArray::number(servePort));
    config.replace("scrape_interval: 5s", "scrape_interval: 1s");
    config.replace("evaluation_interval: 5s", "evaluation_interval: 1s");
    config.replace("- faultwatch-rules.yml",
                   "- " FW_SOURCE_DIR "/packaging/prometheus/faultwatch-rules.yml");
    QFile configFile(dir.filePath(QStringLiteral("prometheus.yml")));
    QVERIFY(configFile.open(QIODevice::WriteOnly));
    configFile.write(config);
    configFile.close();

    const quint16 promPort = freeTcpPort();
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(prometheus,
                 {QStringLiteral("--config.file=") + configFile.fileName(),
                  QStringLiteral("--storage.tsdb.path=") + dir.filePath(QStringLiteral("data")),
                  QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(promPort)});
    QVERIFY(server.waitForStarted(5000));
    auto stopAll = qScopeGuard([&] {
        server.terminate();
        server.waitForFinished(10000);
        serve->terminate();
        serve->waitForFinished(10000);
    });
    QTRY_VERIFY_WITH_TIMEOUT(!get(promPort, "/-/ready").isEmpty(), 30000);

    // Two scrapes apart, the sample counter has risen.
    double first = -1;
    QTRY_VERIFY_WITH_TIMEOUT((first = queryValue(promPort, "faultwatch_samples_total")) > 0, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(queryValue(promPort, "faultwatch_samples_total") > first, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(queryValue(promPort, "up%7Bjob%3D%22faultwatch%22%7D"), 1.0, 10000);

    // Every alert rule of the packaged file is loaded.
    const QJsonObject rules = QJsonDocument::fromJson(get(promPort, "/api/v1/rules")).object();
    QStringList names;
    for (const QJsonValue &group : rules.value(u"data").toObject().value(u"groups").toArray()) {
        for (const QJsonValue &rule : group.toObject().value(u"rules").toArray()) {
            names << rule.toObject().value(u"name").toString();
        }
    }
    for (const char *alert : {"FaultWatchSourceDown", "FaultWatchSamplesLost",
                              "FaultWatchAlarmActive", "FaultWatchDetectorLatencyHigh"}) {
        QVERIFY2(names.contains(QLatin1String(alert)), qPrintable(names.join(u',')));
    }

    // Every query of the packaged Grafana dashboard is PromQL this Prometheus accepts.
    QFile dashboardFile(QStringLiteral(FW_SOURCE_DIR "/packaging/grafana/faultwatch.json"));
    QVERIFY(dashboardFile.open(QIODevice::ReadOnly));
    const QJsonObject dashboard = QJsonDocument::fromJson(dashboardFile.readAll()).object();
    int queries = 0;
    for (const QJsonValue &panel : dashboard.value(u"panels").toArray()) {
        for (const QJsonValue &target : panel.toObject().value(u"targets").toArray()) {
            QString expr = target.toObject().value(u"expr").toString();
            expr.replace(QStringLiteral("$instance"), QStringLiteral(".+"));
            const QJsonObject reply
                = QJsonDocument::fromJson(
                      get(promPort, "/api/v1/query?query=" + QUrl::toPercentEncoding(expr)))
                      .object();
            QVERIFY2(reply.value(u"status").toString() == u"success", qPrintable(expr));
            ++queries;
        }
    }
    QVERIFY(queries >= 10);
}

QTEST_GUILESS_MAIN(TestPrometheus)
#include "tst_prometheus.moc"
