#pragma once

#include "detect/detectormodel.h"
#include "service/guardedtcpserver.h"
#include "telemetry/streamtable.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>

namespace fw {

namespace metrics {
class Registry;
}

// Where and how the HTTP endpoints listen.
struct HttpOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 9917;   // 0: any free port
    QByteArray token;      // non-empty: every request needs "Authorization: Bearer <token>"
    bool insecure = false; // allows a non-loopback bind without a token
    GuardedTcpServer::Limits limits;
};

// Parses "ADDR:PORT", "[IPv6]:PORT" or ":PORT" (loopback) into options; false with a reason.
bool parseHttpAddress(const QString &text, HttpOptions *options, QString *error);
// Reads a bearer token file (first line, trimmed; must not be empty); false with a reason.
bool readTokenFile(const QString &path, QByteArray *token, QString *error);

// /metrics, /health, /ready and /predict on their own thread, shared by the console and
// `faultwatch-cli serve`:
// - GET /metrics: the registry in Prometheus text 0.0.4, or OpenMetrics 1.0 when asked for.
// - GET /health: liveness, {status, uptime_s, source, model, streams}.
// - GET /streams: the source's streams and their state (streamsreply.h); ?active=1 for those
//   with an alarm up.
// - GET /ready: 200 once a model is loaded and the source is live, else 503 with the reason.
// - POST /predict: see predict.h.
// Wrong method 405 (with Allow), unknown path 404, missing or wrong token 401. The connection
// limits are GuardedTcpServer's. The owner tells the service what it runs through setSource() and
// setModel(), from any thread.
class HttpService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpService)

public:
    // registry (not owned) must outlive the service; its families for HTTP requests are added
    // here.
    explicit HttpService(metrics::Registry *registry, QObject *parent = nullptr);
    ~HttpService() override;

    // Binds and starts serving; false with the reason (a refused non-loopback bind without a
    // token, an address in use). Calling it again rebinds.
    bool start(const HttpOptions &options, QString *error);
    void stop();
    [[nodiscard]] bool isRunning() const { return m_port != 0; }
    [[nodiscard]] quint16 port() const { return m_port; }
    // "http://127.0.0.1:9917", or empty when not running.
    [[nodiscard]] QString url() const;

    void setSource(const QString &uri, const QString &state, bool live);
    void setStreams(std::shared_ptr<const StreamTable> streams);
    // The recording `serve --record` writes, and why it stopped (empty while it records).
    void setRecording(const QString &path, const QString &error);
    void setModel(std::shared_ptr<const detect::DetectorModel> model, const QString &name,
                  const QString &sha256);

    // What the handlers read, taken under the lock.
    struct Status
    {
        QString source;
        QString sourceState = QStringLiteral("Disconnected");
        bool live = false;
        std::shared_ptr<const detect::DetectorModel> model;
        QString modelName;
        QString modelSha256;
        std::shared_ptr<const StreamTable> streams; // null: the source has one stream
        QString recording;                          // path; empty when not recording
        QString recordingError;
    };
    [[nodiscard]] Status status() const;
    [[nodiscard]] double uptimeSeconds() const;

private:
    metrics::Registry *m_registry;
    QThread m_thread;
    QObject *m_worker = nullptr; // lives on m_thread
    QHostAddress m_address;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    Status m_status;
    QElapsedTimer m_uptime;
};

} // namespace fw
