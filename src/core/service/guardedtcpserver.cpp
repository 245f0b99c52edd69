#include "service/guardedtcpserver.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace fw {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return QByteArrayLiteral("Error");
    }
}

// The value of header `name` (lower case) in a request head, trimmed; null when absent.
QByteArray headerValue(const QByteArray &head, const QByteArray &name)
{
    qsizetype at = head.indexOf("\r\n");
    while (at >= 0 && at + 2 < head.size()) {
        const qsizetype end = head.indexOf("\r\n", at + 2);
        const QByteArray line = head.mid(at + 2, (end < 0 ? head.size() : end) - at - 2);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name) {
            return line.mid(colon + 1).trimmed();
        }
        at = end;
    }
    return {};
}

// Follows one connection's request stream: the head of the current request (copied as it is
// peeked), then how much of its body is still to come.
class ConnectionWatch : public QObject
{
public:
    ConnectionWatch(QTcpSocket *socket, GuardedTcpServer *server)
        : QObject(socket)
        , m_socket(socket)
        , m_server(server)
        , m_idle(new QTimer(this))
    {
        m_idle->setSingleShot(true);
        m_idle->setInterval(server->limits().idleTimeoutMs);
        connect(m_idle, &QTimer::timeout, socket, &QTcpSocket::abort);
        connect(socket, &QTcpSocket::bytesWritten, this, &ConnectionWatch::onBytesWritten);
        connect(socket, &QTcpSocket::readyRead, this, &ConnectionWatch::onReadyRead);
        m_idle->start();
    }

private:
    void onReadyRead()
    {
        m_idle->start();
        if (m_refused) {
            m_socket->readAll(); // discarded while the refusal is written and the socket closes
            return;
        }
        feed(m_socket->peek(m_socket->bytesAvailable()));
    }

    void feed(QByteArray data)
    {
        while (!data.isEmpty() && !m_refused) {
            if (m_bodyLeft > 0) {
                const qint64 take = std::min<qint64>(m_bodyLeft, data.size());
                m_bodyLeft -= take;
                data.remove(0, qsizetype(take));
                continue;
            }
            m_head += data;
            const qsizetype end = m_head.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_head.size() > GuardedTcpServer::kMaxHeadBytes) {
                    refuse(431, "request head over 16 KiB");
                }
                return;
            }
            data = m_head.mid(end + 4);
            m_head.truncate(end + 4);
            headComplete(data.isEmpty());
        }
    }

    void onBytesWritten(qint64 bytes)
    {
        m_idle->start();
        const qint64 interim = std::min(bytes, m_interimBytes);
        m_interimBytes -= interim;
        if (m_closeAfterReply && bytes > interim && m_bodyLeft == 0
            && m_socket->bytesToWrite() == 0) {
            m_socket->disconnectFromHost();
        }
    }

    void headComplete(bool bodyNotYetHere)
    {
        // Leading blank lines between requests are allowed and skipped.
        while (m_head.startsWith("\r\n")) {
            m_head.remove(0, 2);
        }
        if (m_head.isEmpty()) {
            return;
        }
        if (m_head.size() > GuardedTcpServer::kMaxHeadBytes) {
            refuse(431, "request head over 16 KiB");
            return;
        }
        const QByteArray transfer = headerValue(m_head, "transfer-encoding").toLower();
        const QByteArray length = headerValue(m_head, "content-length");
        bool ok = true;
        const qint64 bytes = length.isNull() ? 0 : length.toLongLong(&ok);
        if (!transfer.isEmpty() && transfer != "identity") {
            refuse(411, "send the body with a Content-Length, not chunked");
        } else if (!ok || bytes < 0) {
            refuse(400, "Content-Length is not a number");
        } else if (bytes > m_server->limits().maxBodyBytes) {
            refuse(413, "request body over " + QByteArray::number(m_server->limits().maxBodyBytes)
                            + " bytes");
        } else {
            if (bodyNotYetHere && bytes > 0
                && headerValue(m_head, "expect").toLower() == "100-continue") {
                static constexpr QByteArrayView kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
                m_socket->write(kContinue.data(), kContinue.size());
                m_interimBytes += kContinue.size();
            }
            m_bodyLeft = bytes;
            // QHttpServer 6.4 keeps every connection open: one whose client asked for it to
            // close is closed here once the answer is written.
            const QByteArray connection = headerValue(m_head, "connection").toLower();
            const bool http10 = m_head.left(m_head.indexOf("\r\n")).endsWith("HTTP/1.0");
            m_closeAfterReply
                = connection.contains("close") || (http10 && !connection.contains("keep-alive"));
        }
        m_head.clear();
    }

    void refuse(int status, const QByteArray &reason)
    {
        m_refused = true;
        m_head.clear();
        m_socket->readAll(); // QHttpServer, whose handler runs next, finds nothing to parse
        writeClosingResponse(m_socket, status, reason);
        Q_EMIT m_server->refused(status);
    }

    QTcpSocket *m_socket;
    GuardedTcpServer *m_server;
    QTimer *m_idle;
    QByteArray m_head;
    qint64 m_bodyLeft = 0;
    bool m_refused = false;
    bool m_closeAfterReply = false;
    qint64 m_interimBytes = 0; // of "100 Continue" answers, written but not yet reported
};

} // namespace

void writeClosingResponse(QTcpSocket *socket, int status, const QByteArray &reason)
{
    const QByteArray body = reason + '\n';
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
                  + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
    // A client still sending gets a moment to read the answer, then the connection goes.
    QTimer::singleShot(1000, socket, &QTcpSocket::abort);
}

GuardedTcpServer::GuardedTcpServer(Limits limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{}

GuardedTcpServer::~GuardedTcpServer() = default;

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_active >= m_limits.maxConnections) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        writeClosingResponse(socket, 503,
                             "too many connections (" + QByteArray::number(m_limits.maxConnections)
                                 + "); try again");
        Q_EMIT refused(503);
        return;
    }
    ++m_active;
    connect(socket, &QObject::destroyed, this, [this] { --m_active; });
    new ConnectionWatch(socket, this);
    addPendingConnection(socket);
}

} // namespace fw
