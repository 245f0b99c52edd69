#include "service/httpservice.h"

#include "metrics/exposition.h"
#include "metrics/registry.h"
#include "service/predict.h"
#include "service/streamsreply.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QPointer>
#include <QTcpServer>
#include <QUrlQuery>

#include <chrono>

namespace fw {

namespace {

using Status = QHttpServerResponder::StatusCode;
using Method = QHttpServerRequest::Method;

QByteArray requestHeader(const QHttpServerRequest &request, const QByteArray &name)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    return request.headers().value(name).toByteArray();
#else
    return request.value(name);
#endif
}

void setResponseHeader(QHttpServerResponse &response, const QByteArray &name,
                       const QByteArray &value)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QHttpHeaders headers = response.headers();
    headers.replaceOrAppend(name, value);
    response.setHeaders(std::move(headers));
#else
    response.setHeader(name, value);
#endif
}

QHttpServerResponse json(const QJsonObject &body, Status status)
{
    return {QByteArrayLiteral("application/json"),
            QJsonDocument(body).toJson(QJsonDocument::Compact), status};
}

QHttpServerResponse errorReply(Status status, const QString &reason)
{
    return json(QJsonObject{{QStringLiteral("error"), reason}}, status);
}

// Equal-length-independent comparison: the time taken does not depend on where they differ.
bool constantTimeEqual(const QByteArray &a, const QByteArray &b)
{
    unsigned char difference = a.size() == b.size() ? 0 : 1;
    const qsizetype n = std::max(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const auto x = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
        const auto y = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
        difference |= static_cast<unsigned char>(x ^ y);
    }
    return difference == 0;
}

// The endpoints, on the HTTP thread.
class HttpWorker : public QObject
{
public:
    HttpWorker(HttpService *service, metrics::Registry *registry)
        : m_service(service)
        , m_registry(registry)
        , m_requests(registry->counterFamily("faultwatch_http_requests_total",
                                             "HTTP requests answered, by path and status code.",
                                             {"path", "code"}))
        , m_durations(registry->histogramFamily(
              "faultwatch_http_request_duration_seconds",
              "Time from a request's arrival to its response, by path.",
              {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1}, {"path"}))
        , m_refused(registry->counterFamily(
              "faultwatch_http_refused_total",
              "Connections or requests refused before routing, by status code.", {"code"}))
    {}

    quint16 listen(const HttpOptions &options, QString *error)
    {
        close();
        m_token = options.token;
        m_tcp = new GuardedTcpServer(options.limits, this);
        QObject::connect(m_tcp, &GuardedTcpServer::refused, this,
                         [this](int code) { m_refused.with({std::to_string(code)}).inc(); });
        if (!m_tcp->listen(options.address, options.port)) {
            *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(options.address.toString())
                         .arg(options.port)
                         .arg(m_tcp->errorString());
            delete m_tcp.data();
            return 0;
        }
        m_http = new QHttpServer(this);
        route("/metrics", "metrics", Method::Get,
              [this](const QHttpServerRequest &r) { return metrics(r); });
        route("/health", "health", Method::Get,
              [this](const QHttpServerRequest &) { return health(); });
        route("/ready", "ready", Method::Get,
              [this](const QHttpServerRequest &) { return ready(); });
        route("/streams", "streams", Method::Get,
              [this](const QHttpServerRequest &r) { return streams(r); });
        route("/predict", "predict", Method::Post, [this](const QHttpServerRequest &r) {
            const HttpService::Status s = m_service->status();
            PredictReply reply = predict(r.body(), s.model, s.modelName, s.modelSha256);
            return QHttpServerResponse(QByteArrayLiteral("application/json"), std::move(reply.body),
                                       Status(reply.status));
        });
        m_http->bind(m_tcp);
        return m_tcp->serverPort();
    }

    void close()
    {
        // bind() made the QTcpServer the QHttpServer's child: deleting one deletes both.
        delete m_http;
        m_http = nullptr;
        delete m_tcp.data();
    }

private:
    template<class Handler>
    void route(const char *path, const char *name, Method allowed, Handler handler)
    {
        const std::string label = name;
        m_http->route(QString::fromLatin1(path), [this, label, allowed,
                                                  handler](const QHttpServerRequest &request) {
            const auto start = std::chrono::steady_clock::now();
            QHttpServerResponse response = answer(request, allowed, handler);
            const double seconds
                = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            m_requests.with({label, std::to_string(int(response.statusCode()))}).inc();
            m_durations.with({label}).observe(seconds);
            return response;
        });
    }

    template<class Handler>
    QHttpServerResponse answer(const QHttpServerRequest &request, Method allowed,
                               const Handler &handler)
    {
        if (!m_token.isEmpty()) {
            const QByteArray given = requestHeader(request, "Authorization");
            // The scheme is case-insensitive (RFC 9110 11.1), the token is compared exactly.
            if (given.left(7).toLower() != "bearer "
                || !constantTimeEqual(given.mid(7).trimmed(), m_token)) {
                QHttpServerResponse response = errorReply(
                    Status::Unauthorized, QStringLiteral("missing or wrong bearer token"));
                setResponseHeader(response, "WWW-Authenticate", "Bearer");
                return response;
            }
        }
        const Method method = request.method();
        const bool headForGet = allowed == Method::Get && method == Method::Head;
        if (method != allowed && !headForGet) {
            QHttpServerResponse response = errorReply(
                Status::MethodNotAllowed,
                QStringLiteral("use %1").arg(allowed == Method::Get ? QStringLiteral("GET")
                                                                    : QStringLiteral("POST")));
            setResponseHeader(response, "Allow",
                              allowed == Method::Get ? QByteArrayLiteral("GET, HEAD")
                                                     : QByteArrayLiteral("POST"));
            return response;
        }
        return handler(request);
    }

    QHttpServerResponse metrics(const QHttpServerRequest &request)
    {
        const metrics::ExpositionFormat format
            = metrics::negotiateFormat(requestHeader(request, "Accept").toStdString());
        const std::string text = metrics::render(*m_registry, format);
        return {QByteArray(metrics::contentType(format).data(),
                           qsizetype(metrics::contentType(format).size())),
                QByteArray(text.data(), qsizetype(text.size())), Status::Ok};
    }

    QHttpServerResponse health()
    {
        const HttpService::Status s = m_service->status();
        QJsonObject model;
        if (s.model) {
            model = {{QStringLiteral("name"), s.modelName},
                     {QStringLiteral("sha256"), s.modelSha256},
                     {QStringLiteral("profile"), QString::fromStdString(s.model->profile)}};
        }
        QJsonObject body{
            {QStringLiteral("status"), QStringLiteral("ok")},
            {QStringLiteral("uptime_s"), m_service->uptimeSeconds()},
            {QStringLiteral("source"), QJsonObject{{QStringLiteral("uri"), s.source},
                                                   {QStringLiteral("state"), s.sourceState}}},
            {QStringLiteral("model"), s.model ? QJsonValue(model) : QJsonValue()}};
        if (s.streams && s.streams->size() > 0) {
            body.insert(QStringLiteral("streams"), streamsSummary(*s.streams));
        }
        if (!s.recording.isEmpty()) {
            // Still "ok": scoring and the endpoints go on; the recording says what failed.
            body.insert(QStringLiteral("recording"),
                        QJsonObject{{QStringLiteral("path"), s.recording},
                                    {QStringLiteral("state"), s.recordingError.isEmpty()
                                                                  ? QStringLiteral("recording")
                                                                  : QStringLiteral("failed")},
                                    {QStringLiteral("error"), s.recordingError.isEmpty()
                                                                  ? QJsonValue()
                                                                  : QJsonValue(s.recordingError)}});
        }
        return json(body, Status::Ok);
    }

    QHttpServerResponse streams(const QHttpServerRequest &request)
    {
        const QString active = request.query().queryItemValue(QStringLiteral("active"));
        if (!active.isEmpty() && active != u"0" && active != u"1") {
            return errorReply(Status::BadRequest,
                              QStringLiteral("active: expected 0 or 1, got '%1'").arg(active));
        }
        const HttpService::Status s = m_service->status();
        const StreamTable none;
        return json(streamsJson(s.streams ? *s.streams : none, active == u"1"), Status::Ok);
    }

    QHttpServerResponse ready()
    {
        const HttpService::Status s = m_service->status();
        QString reason;
        if (!s.model) {
            reason = QStringLiteral("no model is loaded");
        } else if (!s.live) {
            reason = QStringLiteral("the source is %1, not Live").arg(s.sourceState);
        }
        if (!reason.isEmpty()) {
            return json({{QStringLiteral("ready"), false}, {QStringLiteral("reason"), reason}},
                        Status::ServiceUnavailable);
        }
        return json({{QStringLiteral("ready"), true}}, Status::Ok);
    }

    HttpService *m_service;
    metrics::Registry *m_registry;
    metrics::Family<metrics::Counter> &m_requests;
    metrics::Family<metrics::Histogram> &m_durations;
    metrics::Family<metrics::Counter> &m_refused;
    QByteArray m_token;
    QPointer<GuardedTcpServer> m_tcp;
    QHttpServer *m_http = nullptr;
};

} // namespace

bool parseHttpAddress(const QString &text, HttpOptions *options, QString *error)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0) {
        *error = QStringLiteral("--http %1: expected ADDR:PORT").arg(text);
        return false;
    }
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']')) {
        host = host.mid(1, host.size() - 2);
    }
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535) {
        *error = QStringLiteral("--http %1: the port must be 0 to 65535").arg(text);
        return false;
    }
    QHostAddress address
        = host.isEmpty() ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(host);
    if (host == u"localhost") {
        address = QHostAddress(QHostAddress::LocalHost);
    }
    if (address.isNull()) {
        *error = QStringLiteral("--http %1: %2 is not an IP address").arg(text, host);
        return false;
    }
    options->address = address;
    options->port = quint16(port);
    return true;
}

bool readTokenFile(const QString &path, QByteArray *token, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("--http-token-file %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray line = file.readLine(4096).trimmed();
    if (line.isEmpty()) {
        *error = QStringLiteral("--http-token-file %1: the first line is empty").arg(path);
        return false;
    }
    *token = line;
    return true;
}

HttpService::HttpService(metrics::Registry *registry, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
{
    m_uptime.start();
    m_thread.setObjectName(QStringLiteral("fw-http"));
    auto *worker = new HttpWorker(this, registry);
    worker->moveToThread(&m_thread);
    m_worker = worker;
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_thread.start();
}

HttpService::~HttpService()
{
    stop();
    m_thread.quit();
    m_thread.wait(5000);
}

bool HttpService::start(const HttpOptions &options, QString *error)
{
    if (!options.address.isLoopback() && options.token.isEmpty() && !options.insecure) {
        *error = QStringLiteral(
                     "refusing to serve on %1, which is not loopback, without a token: give "
                     "--http-token-file FILE, or --http-insecure to accept anyone who can reach it")
                     .arg(options.address.toString());
        return false;
    }
    quint16 port = 0;
    QString problem;
    auto *worker = static_cast<HttpWorker *>(m_worker);
    QMetaObject::invokeMethod(
        worker, [&] { port = worker->listen(options, &problem); }, Qt::BlockingQueuedConnection);
    m_port = port;
    m_address = options.address;
    if (port == 0) {
        *error = problem;
        return false;
    }
    return true;
}

void HttpService::stop()
{
    if (m_port == 0) {
        return;
    }
    auto *worker = static_cast<HttpWorker *>(m_worker);
    QMetaObject::invokeMethod(
        worker, [worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_port = 0;
}

QString HttpService::url() const
{
    if (m_port == 0) {
        return {};
    }
    const QString host = m_address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]").arg(m_address.toString())
                             : m_address.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(m_port);
}

void HttpService::setRecording(const QString &path, const QString &error)
{
    const QMutexLocker lock(&m_mutex);
    m_status.recording = path;
    m_status.recordingError = error;
}

void HttpService::setSource(const QString &uri, const QString &state, bool live)
{
    QMutexLocker lock(&m_mutex);
    m_status.source = uri;
    m_status.sourceState = state;
    m_status.live = live;
}

void HttpService::setStreams(std::shared_ptr<const StreamTable> streams)
{
    QMutexLocker lock(&m_mutex);
    m_status.streams = std::move(streams);
}

void HttpService::setModel(std::shared_ptr<const detect::DetectorModel> model, const QString &name,
                           const QString &sha256)
{
    QMutexLocker lock(&m_mutex);
    m_status.model = std::move(model);
    m_status.modelName = name;
    m_status.modelSha256 = sha256;
}

HttpService::Status HttpService::status() const
{
    QMutexLocker lock(&m_mutex);
    return m_status;
}

double HttpService::uptimeSeconds() const
{
    return double(m_uptime.elapsed()) / 1000.0;
}

} // namespace fw
