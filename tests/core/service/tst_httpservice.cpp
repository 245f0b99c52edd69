#include "detect/modelfile.h"
#include "metrics/registry.h"
#include "service/httpservice.h"
#include "service/predict.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QtTest>

#include <memory>

using fw::HttpOptions;
using fw::HttpService;

namespace {

struct Reply
{
    int status = 0;
    QByteArray head; // status line and headers
    QByteArray body;

    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    [[nodiscard]] QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower()) {
                return line.mid(colon + 1).trimmed();
            }
        }
        return {};
    }
};

// Reads one response (not a 100 Continue) from socket, with a deadline.
Reply readReply(QTcpSocket &socket, int timeoutMs = 5000)
{
    QByteArray data;
    QDeadlineTimer deadline(timeoutMs);
    Reply reply;
    while (!deadline.hasExpired()) {
        qsizetype end = data.indexOf("\r\n\r\n");
        while (end >= 0 && data.startsWith("HTTP/1.1 100")) {
            data.remove(0, end + 4);
            end = data.indexOf("\r\n\r\n");
        }
        if (end >= 0) {
            reply.head = data.left(end);
            reply.status = data.mid(9, 3).toInt();
            const qsizetype length = reply.header("Content-Length").toLongLong();
            if (data.size() >= end + 4 + length) {
                reply.body = data.mid(end + 4, length);
                return reply;
            }
        }
        if (!socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())))) {
            if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0) {
                break;
            }
        }
        data += socket.readAll();
    }
    return reply;
}

QByteArray requestText(const QByteArray &method, const QByteArray &path,
                       const QByteArray &body = {}, const QList<QByteArray> &headers = {})
{
    QByteArray text = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const QByteArray &h : headers) {
        text += h + "\r\n";
    }
    if (!body.isNull()) {
        text += "Content-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n";
    }
    return text + "\r\n" + body;
}

} // namespace

class TestHttpService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void metricsSpeakBothFormats();
    void healthAndReadyFollowTheStatus();
    void predictScoresOneSampleOrMany();
    void predictRefusesBadInput_data();
    void predictRefusesBadInput();
    void wrongMethodAndUnknownPath();
    void oversizedBodyIsRefusedBeforeItIsSent();
    void expectContinueGetsItsInterimAnswer();
    void tokenIsRequiredWhenSet();
    void nonLoopbackBindNeedsATokenOrInsecure();
    void idleConnectionsAreClosed();
    void connectionCloseIsHonoured();
    void connectionsAreBoundedAndTheServerStaysUp();
    void aTricklingHeadIsCutOffAtItsDeadline();
    void aFullServerEvictsStuckConnectionsForNewOnes();
    void pipelinedRequestsEndAtTheOneThatCloses();
    void headAnswersCarryNoBody();
    void badRequestLinesAndLengthsAreRefused_data();
    void badRequestLinesAndLengthsAreRefused();

private:
    Reply call(const QByteArray &request);
    void startService(HttpOptions options = {});

    std::unique_ptr<fw::metrics::Registry> m_registry;
    std::unique_ptr<HttpService> m_service;
    std::shared_ptr<const fw::detect::DetectorModel> m_model;
};

void TestHttpService::init()
{
    m_registry = std::make_unique<fw::metrics::Registry>();
    m_service = std::make_unique<HttpService>(m_registry.get());
    if (!m_model) {
        QString error;
        auto model = fw::detect::loadModel(QStringLiteral(":/models/spacecraft.json"), &error);
        QVERIFY2(model, qPrintable(error));
        m_model = std::make_shared<const fw::detect::DetectorModel>(std::move(*model));
    }
}

void TestHttpService::cleanup()
{
    m_service.reset();
    m_registry.reset();
}

void TestHttpService::startService(HttpOptions options)
{
    options.port = 0;
    QString error;
    QVERIFY2(m_service->start(options, &error), qPrintable(error));
    QVERIFY(m_service->port() != 0);
    QVERIFY(m_service->url().startsWith(QStringLiteral("http://127.0.0.1:")));
}

Reply TestHttpService::call(const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_service->port());
    if (!socket.waitForConnected(3000)) {
        return {};
    }
    socket.write(request);
    return readReply(socket);
}

void TestHttpService::metricsSpeakBothFormats()
{
    startService();
    call(requestText("GET", "/health"));
    const Reply text = call(requestText("GET", "/metrics"));
    QCOMPARE(text.status, 200);
    QCOMPARE(text.header("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    QVERIFY2(text.body.contains("faultwatch_http_requests_total{path=\"health\",code=\"200\"} 1\n"),
             text.body.constData());
    QVERIFY(!text.body.contains("# EOF"));

    const Reply open = call(requestText(
        "GET", "/metrics", {},
        {"Accept: application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"}));
    QCOMPARE(open.status, 200);
    QCOMPARE(open.header("Content-Type"),
             QByteArray("application/openmetrics-text; version=1.0.0; charset=utf-8"));
    QVERIFY(open.body.endsWith("# EOF\n"));
    QVERIFY(open.body.contains("# TYPE faultwatch_http_requests counter\n"));
}

void TestHttpService::healthAndReadyFollowTheStatus()
{
    startService();
    Reply health = call(requestText("GET", "/health"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().value(u"status").toString(), QStringLiteral("ok"));
    QVERIFY(health.json().value(u"model").isNull());
    QVERIFY(health.json().value(u"uptime_s").toDouble() >= 0);

    Reply ready = call(requestText("GET", "/ready"));
    QCOMPARE(ready.status, 503);
    QCOMPARE(ready.json().value(u"reason").toString(), QStringLiteral("no model is loaded"));

    m_service->setModel(m_model, QStringLiteral("spacecraft.json"), QStringLiteral("abc123"));
    m_service->setSource(QStringLiteral("udp://127.0.0.1:9000"), QStringLiteral("Connecting"),
                         false);
    ready = call(requestText("GET", "/ready"));
    QCOMPARE(ready.status, 503);
    QVERIFY(ready.json().value(u"reason").toString().contains(u"Connecting"));

    m_service->setSource(QStringLiteral("udp://127.0.0.1:9000"), QStringLiteral("Live"), true);
    QCOMPARE(call(requestText("GET", "/ready")).status, 200);
    health = call(requestText("GET", "/health"));
    QCOMPARE(health.json().value(u"model").toObject().value(u"sha256").toString(),
             QStringLiteral("abc123"));
    QCOMPARE(health.json().value(u"source").toObject().value(u"state").toString(),
             QStringLiteral("Live"));
}

void TestHttpService::predictScoresOneSampleOrMany()
{
    startService();
    QCOMPARE(call(requestText("POST", "/predict", R"({"temperature":20})")).status, 503);
    m_service->setModel(m_model, QStringLiteral("spacecraft.json"), QStringLiteral("abc123"));

    const QByteArray nominal
        = R"({"t":1700000000,"temperature":20,"voltage":28,"vibration":0.02,"pressure":2.1})";
    Reply one = call(requestText("POST", "/predict", nominal));
    QCOMPARE(one.status, 200);
    const QJsonObject result = one.json().value(u"result").toObject();
    const double score = result.value(u"score").toDouble();
    QVERIFY2(score > 0 && score < 1, one.body.constData());
    QVERIFY(result.value(u"attribution").toObject().contains(u"pressure"));
    QCOMPARE(one.json().value(u"model").toObject().value(u"sha256").toString(),
             QStringLiteral("abc123"));

    const QByteArray far = R"({"temperature":500,"voltage":2,"vibration":9,"pressure":null})";
    const Reply many = call(requestText(
        "POST", "/predict", "{\"samples\":[" + nominal + "," + nominal + "," + far + "]}"));
    QCOMPARE(many.status, 200);
    // Each request is a stream of its own: the same batch again scores the same.
    const Reply again = call(requestText(
        "POST", "/predict", "{\"samples\":[" + nominal + "," + nominal + "," + far + "]}"));
    QCOMPARE(again.body, many.body);
    const QJsonArray results = many.json().value(u"results").toArray();
    QCOMPARE(results.size(), 3);
    const QJsonObject outlier = results.at(2).toObject();
    QVERIFY2(outlier.value(u"confidence").toDouble()
                     > results.at(0).toObject().value(u"confidence").toDouble()
                 || outlier.value(u"severity").toString() != u"none",
             many.body.constData());
    // Nothing carries over between requests: the alarm the outlier raised (beyond the profile's
    // limits, so at once) would otherwise hold for the policy's clean run of samples.
    QVERIFY2(outlier.value(u"alarm").toBool(), many.body.constData());
    const QByteArray quiet
        = R"({"temperature":14,"voltage":28.3,"vibration":0.06,"pressure":17.9})";
    const Reply after = call(requestText("POST", "/predict", quiet));
    QCOMPARE(after.status, 200);
    QVERIFY2(!after.json().value(u"result").toObject().value(u"alarm").toBool(),
             after.body.constData());
}

void TestHttpService::predictRefusesBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reason");
    const QByteArray rest = R"("voltage":28,"vibration":0.02,"pressure":2.1)";
    QTest::newRow("not json") << QByteArray("{temperature: 20") << QStringLiteral("not JSON");
    QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("expected a sample object");
    QTest::newRow("string value") << QByteArray(R"({"temperature":"hot",)" + rest + "}")
                                  << QStringLiteral("sample.temperature: expected a number");
    QTest::newRow("missing channel")
        << QByteArray("{" + rest + "}") << QStringLiteral("missing channel \"temperature\"");
    QTest::newRow("unknown field") << QByteArray(R"({"temperature":1,"humidity":2,)" + rest + "}")
                                   << QStringLiteral("unknown field \"humidity\"");
    QTest::newRow("bad time") << QByteArray(R"({"t":"now","temperature":1,)" + rest + "}")
                              << QStringLiteral("sample.t: expected a finite number");
    QTest::newRow("samples not an array")
        << QByteArray(R"({"samples":{}})") << QStringLiteral("expected {\"samples\"");
    QTest::newRow("empty batch") << QByteArray(R"({"samples":[]})")
                                 << QStringLiteral("expected 1 to 10000 samples, got 0");
    QTest::newRow("bad sample in batch") << QByteArray(R"({"samples":[{"temperature":1,)" + rest
                                                       + R"(},{"temperature":true,)" + rest + "}]}")
                                         << QStringLiteral("samples[1].temperature");
    QByteArray big = R"({"samples":[)";
    for (int i = 0; i <= fw::kMaxPredictSamples; ++i) {
        big += (i ? "," : "") + QByteArray(R"({"temperature":1,)" + rest + "}");
    }
    big += "]}";
    QTest::newRow("too many samples") << big << QStringLiteral("got 10001");
}

void TestHttpService::predictRefusesBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, reason);
    startService();
    m_service->setModel(m_model, QStringLiteral("spacecraft.json"), QStringLiteral("abc123"));
    const Reply reply = call(requestText("POST", "/predict", body));
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.json().value(u"error").toString().contains(reason), reply.body.constData());
}

void TestHttpService::wrongMethodAndUnknownPath()
{
    startService();
    Reply reply = call(requestText("POST", "/metrics", "{}"));
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.header("Allow"), QByteArray("GET, HEAD"));
    reply = call(requestText("GET", "/predict"));
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.header("Allow"), QByteArray("POST"));
    QCOMPARE(call(requestText("GET", "/nothing-here")).status, 404);
    QCOMPARE(call(requestText("GET", "/metrics/extra")).status, 404);
}

void TestHttpService::oversizedBodyIsRefusedBeforeItIsSent()
{
    startService();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_service->port());
    QVERIFY(socket.waitForConnected(3000));
    // The head announces 2 MiB; the answer comes before any of it is sent.
    socket.write("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 "Content-Length: 2097152\r\n\r\n");
    const Reply reply = readReply(socket);
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.header("Connection"), QByteArray("close"));
    // And the server still answers others.
    QCOMPARE(call(requestText("GET", "/health")).status, 200);
    const Reply metrics = call(requestText("GET", "/metrics"));
    QVERIFY(metrics.body.contains("faultwatch_http_refused_total{code=\"413\"} 1\n"));
}

void TestHttpService::expectContinueGetsItsInterimAnswer()
{
    startService();
    m_service->setModel(m_model, QStringLiteral("spacecraft.json"), QStringLiteral("abc123"));
    const QByteArray body = R"({"temperature":20,"voltage":28,"vibration":0.02,"pressure":2.1})";
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_service->port());
    QVERIFY(socket.waitForConnected(3000));
    socket.write("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 "Expect: 100-continue\r\nContent-Length: "
                 + QByteArray::number(body.size()) + "\r\n\r\n");
    QByteArray interim;
    QDeadlineTimer deadline(5000);
    while (!interim.contains("\r\n\r\n")
           && socket.waitForReadyRead(int(deadline.remainingTime()))) {
        interim += socket.readAll();
    }
    QVERIFY2(interim.startsWith("HTTP/1.1 100 Continue\r\n\r\n"), interim.constData());
    socket.write(body);
    QCOMPARE(readReply(socket).status, 200);
}

void TestHttpService::tokenIsRequiredWhenSet()
{
    HttpOptions options;
    options.token = "s3cret-token";
    startService(options);
    QCOMPARE(call(requestText("GET", "/metrics")).status, 401);
    const Reply wrong = call(requestText("GET", "/metrics", {}, {"Authorization: Bearer nope"}));
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.header("WWW-Authenticate"), QByteArray("Bearer"));
    QCOMPARE(
        call(requestText("GET", "/metrics", {}, {"Authorization: Bearer s3cret-token"})).status,
        200);
    // The scheme is case-insensitive (RFC 9110 11.1); the token is not.
    QCOMPARE(
        call(requestText("GET", "/metrics", {}, {"authorization: bearer s3cret-token"})).status,
        200);
    QCOMPARE(
        call(requestText("GET", "/metrics", {}, {"Authorization: BEARER S3CRET-TOKEN"})).status,
        401);
}

void TestHttpService::nonLoopbackBindNeedsATokenOrInsecure()
{
    HttpOptions options;
    QString error;
    QVERIFY(fw::parseHttpAddress(QStringLiteral("0.0.0.0:9917"), &options, &error));
    QVERIFY(!m_service->start(options, &error));
    QVERIFY2(error.contains(u"--http-token-file"), qPrintable(error));
    QVERIFY(!m_service->isRunning());

    QVERIFY(!fw::parseHttpAddress(QStringLiteral("localhost"), &options, &error));
    QVERIFY(!fw::parseHttpAddress(QStringLiteral("127.0.0.1:99999"), &options, &error));
    QVERIFY(!fw::parseHttpAddress(QStringLiteral("not-an-ip:80"), &options, &error));
    QVERIFY(fw::parseHttpAddress(QStringLiteral("[::1]:0"), &options, &error));
    QCOMPARE(options.address, QHostAddress(QHostAddress::LocalHostIPv6));
}

void TestHttpService::idleConnectionsAreClosed()
{
    HttpOptions options;
    options.limits.idleTimeoutMs = 300;
    startService(options);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_service->port());
    QVERIFY(socket.waitForConnected(3000));
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
    QVERIFY(clock.elapsed() >= 250);
}

void TestHttpService::connectionCloseIsHonoured()
{
    startService();
    for (const QByteArray &request : {requestText("GET", "/health", {}, {"Connection: close"}),
                                      QByteArray("GET /health HTTP/1.0\r\nHost: x\r\n\r\n")}) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_service->port());
        QVERIFY(socket.waitForConnected(3000));
        socket.write(request);
        QCOMPARE(readReply(socket).status, 200);
        // Closed by the server right after the answer, long before the 10-s idle timeout.
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 2000);
    }
    // Without it, the connection stays open for the next request.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_service->port());
    QVERIFY(socket.waitForConnected(3000));
    socket.write(requestText("GET", "/health"));
    QCOMPARE(readReply(socket).status, 200);
    socket.write(requestText("GET", "/ready"));
    QCOMPARE(readReply(socket).status, 503);
}

void TestHttpService::connectionsAreBoundedAndTheServerStaysUp()
{
    HttpOptions options;
    options.limits.evictAfterMs = 60000; // no idle connection gives way during the test
    startService(options);
    constexpr int kClients = 200;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < kClients; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, m_service->port());
        QVERIFY(socket->waitForConnected(3000));
        socket->write(requestText("GET", "/health"));
        sockets.push_back(std::move(socket));
    }
    int ok = 0;
    int busy = 0;
    for (auto &socket : sockets) {
        const int status = readReply(*socket).status;
        ok += status == 200 ? 1 : 0;
        busy += status == 503 ? 1 : 0;
    }
    QCOMPARE(ok + busy, kClients);
    QCOMPARE(ok, 64); // keep-alive clients hold their slots
    sockets.clear();
    QTRY_COMPARE_WITH_TIMEOUT(call(requestText("GET", "/health")).status, 200, 5000);
}

namespace {

// Everything the server sends until it closes the connection (or timeoutMs).
QByteArray readUntilClosed(QTcpSocket &socket, int timeoutMs = 5000)
{
    QByteArray data;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        data += socket.readAll();
    }
    return data + socket.readAll();
}

// Every whole response on the socket until the server closes it: their status codes, and the
// bytes left over after the last one.
QList<int> statusesUntilClosed(QTcpSocket &socket, QByteArray *rest)
{
    QByteArray data = readUntilClosed(socket);
    QList<int> statuses;
    while (data.startsWith("HTTP/1.1 ")) {
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end < 0) {
            break;
        }
        Reply reply;
        reply.head = data.left(end);
        const qsizetype length = reply.header("Content-Length").toLongLong();
        statuses.append(data.mid(9, 3).toInt());
        data.remove(0, end + 4 + length);
    }
    *rest = data;
    return statuses;
}

} // namespace

void TestHttpService::aTricklingHeadIsCutOffAtItsDeadline()
{
    // Slowloris: one byte every 50 ms keeps the idle timer happy, never the head's deadline.
    HttpOptions options;
    options.limits.headTimeoutMs = 400;
    startService(options);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_service->port());
    QVERIFY(socket.waitForConnected(3000));
    const QByteArray head = requestText("GET", "/health");
    QElapsedTimer clock;
    clock.start();
    QByteArray received;
    for (qsizetype i = 0; i + 1 < head.size() && clock.elapsed() < 3000; ++i) {
        socket.write(head.mid(i, 1));
        socket.waitForBytesWritten(100);
        socket.waitForReadyRead(50);
        received += socket.readAll();
        if (received.contains("\r\n\r\n")) {
            break;
        }
    }
    QVERIFY2(received.startsWith("HTTP/1.1 408"), received.constData());
    QVERIFY2(clock.elapsed() >= 350 && clock.elapsed() < 2000,
             qPrintable(QString::number(clock.elapsed())));
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 3000);
    const QByteArray metrics = call(requestText("GET", "/metrics")).body;
    QVERIFY2(metrics.contains("faultwatch_http_refused_total{code=\"408\"} 1"),
             metrics.constData());
}

void TestHttpService::aFullServerEvictsStuckConnectionsForNewOnes()
{
    HttpOptions options;
    options.limits.maxConnections = 4;
    options.limits.evictAfterMs = 200;
    startService(options);
    // Four connections hold every slot with a head that never ends.
    std::vector<std::unique_ptr<QTcpSocket>> stuck;
    for (int i = 0; i < 4; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, m_service->port());
        QVERIFY(socket->waitForConnected(3000));
        socket->write("GET /health HTTP/1.1\r\nHost: x\r\n");
        QVERIFY(socket->waitForBytesWritten(1000));
        stuck.push_back(std::move(socket));
    }
    QTest::qWait(100);
    // Too soon: they have not been stuck long, so a newcomer is turned away.
    QCOMPARE(call(requestText("GET", "/health")).status, 503);
    QTest::qWait(300);
    // Now a newcomer takes the place of the one stuck longest, which gets 408.
    QCOMPARE(call(requestText("GET", "/health")).status, 200);
    int timedOut = 0;
    for (auto &socket : stuck) {
        socket->waitForReadyRead(200);
        timedOut += socket->readAll().startsWith("HTTP/1.1 408") ? 1 : 0;
    }
    QVERIFY(timedOut >= 1);
}

void TestHttpService::pipelinedRequestsEndAtTheOneThatCloses()
{
    startService();
    const QByteArray get = requestText("GET", "/health");
    const QByteArray close = requestText("GET", "/health", {}, {"Connection: close"});
    {
        // The last of four asks to close: all four are answered, then the connection closes.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_service->port());
        QVERIFY(socket.waitForConnected(3000));
        socket.write(get + get + get + close);
        QByteArray rest;
        QCOMPARE(statusesUntilClosed(socket, &rest), (QList<int>{200, 200, 200, 200}));
        QVERIFY2(rest.isEmpty(), rest.constData());
        QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    }
    {
        // The first asks to close: it alone is answered (RFC 9112 9.6).
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_service->port());
        QVERIFY(socket.waitForConnected(3000));
        socket.write(close + get + get + get);
        QByteArray rest;
        QCOMPARE(statusesUntilClosed(socket, &rest), (QList<int>{200}));
        QVERIFY2(rest.isEmpty(), rest.constData());
    }
}

void TestHttpService::headAnswersCarryNoBody()
{
    startService();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_service->port());
    QVERIFY(socket.waitForConnected(3000));
    // HEAD, then GET on the same connection: had the HEAD answer a body, the GET answer would
    // not start where the HEAD answer's head ends.
    socket.write(requestText("HEAD", "/metrics")
                 + requestText("GET", "/health", {}, {"Connection: close"}));
    const QByteArray data = readUntilClosed(socket);
    QVERIFY2(data.startsWith("HTTP/1.1 200"), data.constData());
    const qsizetype end = data.indexOf("\r\n\r\n");
    QVERIFY(end > 0);
    Reply head;
    head.head = data.left(end);
    QVERIFY(head.header("Content-Length").toLongLong() > 0); // the size a GET would get
    const QByteArray after = data.mid(end + 4);
    QVERIFY2(after.startsWith("HTTP/1.1 200"), after.left(200).constData());
    QVERIFY(!after.contains("# HELP"));
}

void TestHttpService::badRequestLinesAndLengthsAreRefused_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("garbage") << QByteArray("HELLO THERE\r\n\r\n") << 400;
    QTest::newRow("no version") << QByteArray("GET /health\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("a space in the method")
        << QByteArray("G(T /health HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("HTTP/9.9") << QByteArray("GET /health HTTP/9.9\r\nHost: x\r\n\r\n") << 505;
    QTest::newRow("HTTP/2.0") << QByteArray("GET /health HTTP/2.0\r\nHost: x\r\n\r\n") << 505;
    QTest::newRow("two different lengths")
        << QByteArray("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                      "Content-Length: 3\r\n\r\n{}")
        << 400;
}

void TestHttpService::badRequestLinesAndLengthsAreRefused()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    startService();
    QCOMPARE(call(request).status, status);
    const QByteArray metrics = call(requestText("GET", "/metrics")).body;
    const QByteArray line
        = "faultwatch_http_refused_total{code=\"" + QByteArray::number(status) + "\"} 1";
    QVERIFY2(metrics.contains(line), metrics.constData());
    // The server goes on.
    QCOMPARE(call(requestText("GET", "/health")).status, 200);
}

QTEST_GUILESS_MAIN(TestHttpService)
#include "tst_httpservice.moc"
