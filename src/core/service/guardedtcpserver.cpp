#include "service/guardedtcpserver.h"

#include "service/guardedsocket.h"

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
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return QByteArrayLiteral("Error");
    }
}

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
    auto *socket = new GuardedSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_active >= m_limits.maxConnections && !evictOne()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        writeClosingResponse(socket, 503,
                             "too many connections (" + QByteArray::number(m_limits.maxConnections)
                                 + "); try again");
        Q_EMIT refused(503);
        return;
    }
    ++m_active;
    connect(socket, &QObject::destroyed, this, [this] { --m_active; });
    m_sockets.append(socket);
    addPendingConnection(socket);
}

bool GuardedTcpServer::evictOne()
{
    m_sockets.removeIf([](const QPointer<GuardedSocket> &s) { return s.isNull(); });
    GuardedSocket *longest = nullptr;
    qint64 longestMs = m_limits.evictAfterMs - 1;
    for (const QPointer<GuardedSocket> &socket : std::as_const(m_sockets)) {
        const qint64 ms = socket->stuckForMs();
        if (ms > longestMs) {
            longest = socket.data();
            longestMs = ms;
        }
    }
    if (longest == nullptr) {
        return false;
    }
    m_sockets.removeOne(longest);
    longest->evict();
    return true;
}

} // namespace fw
