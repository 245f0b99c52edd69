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
//
// A peer that stays connected but sends nothing for silentAfterMs() (a hung bench, or a link
// half-open after a power loss or a NAT timeout, where no FIN or RST will ever come) is dropped
// and reconnected: a live sender is back within a backoff, a dead one keeps the source
// Connecting, which says what is true. TCP keepalive is on as well, for links that go quiet
// between bursts longer than that.
class TcpSourceWorker : public SourceWorker
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpSourceWorker)

public:
    static constexpr int kFirstBackoffMs = 100;
    static constexpr int kMaxBackoffMs = 5000;
    static constexpr int kConnectTimeoutMs = 5000;
    // Silence that drops a connection: this many stale periods (the profile's stale_after_s),
    // and at least kMinSilentMs.
    static constexpr int kSilentStalePeriods = 3;
    static constexpr int kMinSilentMs = 1000;

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
    [[nodiscard]] int silentAfterMs() const;

    SourceUri m_uri;
    QTcpSocket *m_socket = nullptr;   // child of this, on the source thread
    QTimer *m_retryTimer = nullptr;   // child of this
    QTimer *m_connectTimer = nullptr; // child of this: gives up on a hanging connect
    QTimer *m_silenceTimer = nullptr; // child of this: drops a connected peer gone silent
    InputStream m_stream;
    int m_backoffMs = kFirstBackoffMs;
    bool m_everConnected = false;
    bool m_connected = false;
    bool m_closing = false;
    QByteArray m_readBuffer;
};

} // namespace fw
