#pragma once

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QTcpServer>

class QTcpSocket;

namespace fw {

class GuardedSocket;

// The listening socket HttpService hands to QHttpServer (bound to a QTcpServer we own, since
// QHttpServer::listen() is gone from Qt 6.8). It enforces what QHttpServer does not, on each
// connection's bytes in both directions (see GuardedSocket):
// - at most maxConnections at once. One more takes the place of a connection that has sent an
//   incomplete request head for evictAfterMs, or sat idle between requests that long (the head
//   is answered 408); with no such connection it is answered 503 and closed;
// - a request head must be complete within headTimeoutMs of its first byte and its body within
//   bodyTimeoutMs of the head (else 408), however steadily it trickles in; a connection with
//   nothing received or sent for idleTimeoutMs is closed;
// - a request line that is not `METHOD TARGET HTTP/1.x` gets 400 (505 for another version),
//   two different Content-Lengths 400, a Content-Length over maxBodyBytes 413 (the body never
//   reaches QHttpServer nor memory), a head over kMaxHeadBytes 431, a chunked body 411;
// - `Expect: 100-continue` gets its interim "100 Continue" once the head passed these checks;
// - answers to HEAD requests go out without their body; after the answer to a request that
//   asked to close (or an HTTP/1.0 one without keep-alive) the connection closes, and answers
//   to requests pipelined after it are not sent.
// Lives on the HTTP thread.
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
        int headTimeoutMs = 10000;
        int bodyTimeoutMs = 30000;
        int evictAfterMs = 1000;
        qint64 maxBodyBytes = 1024 * 1024;
    };

    explicit GuardedTcpServer(Limits limits, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    [[nodiscard]] int activeConnections() const { return m_active; }
    [[nodiscard]] const Limits &limits() const { return m_limits; }

Q_SIGNALS:
    // A request or connection refused before QHttpServer saw it (status 400, 408, 411, 413, 431,
    // 503 or 505).
    void refused(int status);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    // Closes the connection longest stuck in a request head or idle, if one has been so for
    // evictAfterMs; false when none has.
    bool evictOne();

    Limits m_limits;
    int m_active = 0;
    QList<QPointer<GuardedSocket>> m_sockets;
};

// Writes a complete response that closes the connection: status line, a plain-text reason.
void writeClosingResponse(QTcpSocket *socket, int status, const QByteArray &reason);

} // namespace fw
