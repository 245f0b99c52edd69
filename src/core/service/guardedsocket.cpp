#include "service/guardedsocket.h"

#include "service/guardedtcpserver.h"
#include "service/requesthead.h"

#include <QTimer>

#include <algorithm>

namespace fw {

GuardedSocket::GuardedSocket(GuardedTcpServer *server)
    : QTcpSocket(server)
    , m_server(server)
    , m_idle(new QTimer(this))
    , m_deadline(new QTimer(this))
{
    m_idle->setSingleShot(true);
    m_idle->setInterval(server->limits().idleTimeoutMs);
    connect(m_idle, &QTimer::timeout, this, &QTcpSocket::abort);
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, [this] {
        const bool body = m_bodyLeft > 0;
        const int ms = body ? m_server->limits().bodyTimeoutMs : m_server->limits().headTimeoutMs;
        refuse(408, QByteArrayLiteral("request ") + (body ? "body" : "head")
                        + " not complete within " + QByteArray::number(ms) + " ms");
    });
    connect(this, &QTcpSocket::bytesWritten, this, &GuardedSocket::onBytesWritten);
    connect(this, &QTcpSocket::readyRead, this, &GuardedSocket::onReadyRead);
    m_idle->start();
    m_since.start();
}

GuardedSocket::~GuardedSocket() = default;

qint64 GuardedSocket::stuckForMs() const
{
    if (m_refused || m_closing || m_bodyLeft > 0) {
        return -1;
    }
    if (!m_head.isEmpty() || m_responses >= m_requests) {
        return m_since.elapsed(); // in a head, or idle between requests
    }
    return -1; // an answer is being made
}

void GuardedSocket::evict()
{
    if (!m_head.isEmpty()) {
        refuse(408, "request head too slow while the server was full");
    } else {
        disconnectFromHost();
        QTimer::singleShot(1000, this, &QTcpSocket::abort);
    }
}

void GuardedSocket::onReadyRead()
{
    m_idle->start();
    if (m_refused) {
        readAll(); // discarded while the refusal is written and the socket closes
        return;
    }
    feed(peek(bytesAvailable()));
}

void GuardedSocket::feed(QByteArray data)
{
    while (!data.isEmpty() && !m_refused) {
        if (m_bodyLeft > 0) {
            const qint64 take = std::min<qint64>(m_bodyLeft, data.size());
            m_bodyLeft -= take;
            data.remove(0, qsizetype(take));
            if (m_bodyLeft == 0) {
                m_deadline->stop();
            }
            continue;
        }
        if (m_head.isEmpty()) {
            // A request starts: its head has headTimeoutMs from now, however it trickles in.
            m_deadline->start(m_server->limits().headTimeoutMs);
            m_since.start();
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

void GuardedSocket::headComplete(bool bodyNotYetHere)
{
    // Leading blank lines between requests are allowed and skipped.
    while (m_head.startsWith("\r\n")) {
        m_head.remove(0, 2);
    }
    if (m_head.isEmpty()) {
        m_deadline->stop();
        return;
    }
    if (m_head.size() > GuardedTcpServer::kMaxHeadBytes) {
        refuse(431, "request head over 16 KiB");
        return;
    }
    const RequestHead head = checkRequestHead(m_head, m_server->limits().maxBodyBytes);
    if (head.status != 0) {
        refuse(head.status, head.reason);
        return;
    }
    if (bodyNotYetHere && head.expectContinue) {
        static constexpr QByteArrayView kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        write(kContinue.data(), kContinue.size());
    }
    m_bodyLeft = head.bodyBytes;
    if (m_bodyLeft > 0) {
        m_deadline->start(m_server->limits().bodyTimeoutMs);
    } else {
        m_deadline->stop();
    }
    ++m_requests;
    m_headMethod.push_back(head.isHead);
    // QHttpServer 6.4 keeps every connection open: one whose client asked for it to close is
    // closed here once that request is answered.
    if (m_closeAt == 0 && head.closeAfter) {
        m_closeAt = m_requests;
    }
    m_head.clear();
}

void GuardedSocket::refuse(int status, const QByteArray &reason)
{
    m_refused = true;
    m_head.clear();
    m_deadline->stop();
    readAll(); // QHttpServer, whose handler runs next, finds nothing to parse
    writeClosingResponse(this, status, reason);
    Q_EMIT m_server->refused(status);
}

void GuardedSocket::onBytesWritten(qint64 /*bytes*/)
{
    m_idle->start();
}

qint64 GuardedSocket::writeData(const char *data, qint64 size)
{
    if (m_closing) {
        return size; // answers to requests after the one that closed are not sent
    }
    qint64 at = 0;
    while (at < size) {
        const QByteArrayView rest(data + at, size - at);
        if (m_outBodyLeft > 0) {
            if (m_outDropBody && rest.startsWith("HTTP/1.")) {
                // This Qt leaves out a HEAD answer's body itself: the next answer follows.
                m_outBodyLeft = 0;
                responseDone();
                continue;
            }
            const qint64 take = std::min(m_outBodyLeft, qint64(rest.size()));
            if (!m_outDropBody && QTcpSocket::writeData(rest.data(), take) != take) {
                return -1;
            }
            at += take;
            m_outBodyLeft -= take;
            if (m_outBodyLeft == 0) {
                responseDone();
            }
            continue;
        }
        const qsizetype before = m_outHead.size();
        m_outHead.append(rest);
        const qsizetype end = m_outHead.indexOf("\r\n\r\n", std::max<qsizetype>(0, before - 3));
        if (end < 0) {
            at = size;
            break;
        }
        m_outHead.truncate(end + 4);
        at += end + 4 - before;
        if (QTcpSocket::writeData(m_outHead.constData(), m_outHead.size()) != m_outHead.size()) {
            return -1;
        }
        responseHeadComplete();
    }
    return size;
}

void GuardedSocket::responseHeadComplete()
{
    const int status = m_outHead.mid(9, 3).toInt();
    const qint64 length = headerValue(m_outHead, "content-length").toLongLong();
    m_outHead.clear();
    if (status >= 100 && status < 200) {
        return; // an interim answer (100 Continue): the real one follows
    }
    m_outDropBody = !m_headMethod.empty() && m_headMethod.front();
    m_outBodyLeft = std::max<qint64>(length, 0);
    if (m_outBodyLeft == 0) {
        responseDone();
    }
}

void GuardedSocket::responseDone()
{
    ++m_responses;
    if (!m_headMethod.empty()) {
        m_headMethod.pop_front();
    }
    if (m_closeAt > 0 && m_responses >= m_closeAt) {
        m_closing = true;
        // Not from inside writeData(): once this answer is queued, close gracefully.
        QMetaObject::invokeMethod(this, &QTcpSocket::disconnectFromHost, Qt::QueuedConnection);
    } else if (m_responses >= m_requests && m_head.isEmpty()) {
        m_since.start(); // idle from now
    }
}

} // namespace fw
