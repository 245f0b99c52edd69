#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QTcpSocket>

#include <deque>

class QTimer;

namespace fw {

class GuardedTcpServer;

// One HTTP connection as GuardedTcpServer guards it. Incoming, it follows the request stream
// (peeking, before QHttpServer reads: its readyRead handler is connected first): the head of
// the current request, checked when complete, then how much body is still to come, with the
// deadlines of both. Outgoing, every byte QHttpServer writes passes writeData(), which follows
// the responses: it drops the body of an answer to HEAD, and closes after the answer to a
// request that asked to close.
class GuardedSocket : public QTcpSocket
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedSocket)

public:
    explicit GuardedSocket(GuardedTcpServer *server);
    ~GuardedSocket() override;

    // How long it has been stuck where GuardedTcpServer may evict it (a request head, or idle
    // between requests); -1 while a request is being answered or its body read.
    [[nodiscard]] qint64 stuckForMs() const;
    // Takes the connection away: a request head in progress is answered 408.
    void evict();

protected:
    qint64 writeData(const char *data, qint64 size) override;

private:
    void onReadyRead();
    void feed(QByteArray data);
    void headComplete(bool bodyNotYetHere);
    void refuse(int status, const QByteArray &reason);
    void onBytesWritten(qint64 bytes);
    void responseHeadComplete();
    void responseDone();

    GuardedTcpServer *m_server;
    QTimer *m_idle;
    QTimer *m_deadline;    // of the request head or body being received
    QElapsedTimer m_since; // since the head started, or the connection went idle
    // Request side.
    QByteArray m_head;
    qint64 m_bodyLeft = 0;
    bool m_refused = false;
    qint64 m_requests = 0;         // passed on to QHttpServer
    qint64 m_closeAt = 0;          // the request after whose answer to close; 0: none yet
    std::deque<bool> m_headMethod; // per request passed on and not yet answered: was it HEAD?
    // Response side.
    QByteArray m_outHead;
    qint64 m_outBodyLeft = 0;
    bool m_outDropBody = false;
    qint64 m_responses = 0;
    bool m_closing = false; // the last answer is out: nothing more is sent
};

} // namespace fw
