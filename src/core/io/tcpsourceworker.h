#pragma once

#include "sourceuri.h"
#include "sourceworker.h"

#include <QAbstractSocket>

class QTcpSocket;
class QTimer;

namespace fw {

// tcp://HOST:PORT. Lives on the source thread, where open() makes its QTcpSocket. A refused,
// timed-out or lost connection is retried after a capped exponential backoff (100 ms doubling
// to 5 s, back to 100 ms once connected). One InputStream for the peer: its decoder is reset on
// every new connection, its sequence tracker kept (the same sender comes back).
class TcpSourceWorker : public SourceWorker
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpSourceWorker)

public:
    static constexpr int kFirstBackoffMs = 100;
    static constexpr int kMaxBackoffMs = 5000;
    static constexpr int kConnectTimeoutMs = 5000;

    TcpSourceWorker(SourceUri uri, Profile profile, std::shared_ptr<SourceCounters> counters);
    ~TcpSourceWorker() override;

protected:
    void open() override;
    void close() override;

private:
    void connectToPeer();
    void onConnected();
    void onReadyRead();
    void onSocketStateChanged(QAbstractSocket::SocketState socketState);
    void scheduleReconnect();

    SourceUri m_uri;
    QTcpSocket *m_socket = nullptr;   // child of this, on the source thread
    QTimer *m_retryTimer = nullptr;   // child of this
    QTimer *m_connectTimer = nullptr; // child of this: gives up on a hanging connect
    InputStream m_stream;
    int m_backoffMs = kFirstBackoffMs;
    bool m_everConnected = false;
    bool m_connected = false;
    bool m_closing = false;
    QByteArray m_readBuffer;
};

} // namespace fw
