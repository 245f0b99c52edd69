#pragma once

#include <QByteArray>
#include <QTcpServer>

class QTcpSocket;

namespace fw {

// The listening socket HttpService hands to QHttpServer (bound to a QTcpServer we own, since
// QHttpServer::listen() is gone from Qt 6.8). It enforces what QHttpServer does not:
// - at most maxConnections at once: one more is answered 503 and closed;
// - a connection with nothing received or sent for idleTimeoutMs is closed;
// - a request whose Content-Length exceeds maxBodyBytes is answered 413 and its body never
//   reaches QHttpServer (nor memory); a head over kMaxHeadBytes gets 431; a chunked body 411;
// - `Expect: 100-continue` gets its interim "100 Continue" once the head passed these checks.
// It watches each connection's bytes before QHttpServer reads them (its readyRead handler is
// connected first) and keeps only the current request head. Lives on the HTTP thread.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)

public:
    static constexpr qint64 kMaxHeadBytes = 16 * 1024;

    struct Limits
    {
        int maxConnections = 64;
        int idleTimeoutMs = 10000;
        qint64 maxBodyBytes = 1024 * 1024;
    };

    explicit GuardedTcpServer(Limits limits, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    [[nodiscard]] int activeConnections() const { return m_active; }
    [[nodiscard]] const Limits &limits() const { return m_limits; }

Q_SIGNALS:
    // A request refused before QHttpServer saw it (status 411, 413, 431 or 503).
    void refused(int status);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    Limits m_limits;
    int m_active = 0;
};

// Writes a complete response that closes the connection: status line, a plain-text reason.
void writeClosingResponse(QTcpSocket *socket, int status, const QByteArray &reason);

} // namespace fw
