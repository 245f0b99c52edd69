#pragma once

#include "sourceuri.h"
#include "sourceworker.h"

#include <QByteArray>

#include <map>
#include <memory>

class QHostAddress;
class QHostInfo;
class QTcpServer;
class QTcpSocket;

namespace fw {

// tcp-listen://HOST:PORT: benches connect to us. Lives on the source thread, where open()
// makes the QTcpServer. Each client has its own InputStream (decoder and sequence numbers), so
// two benches counting from 0 do not look like losses. At most kMaxClients at once; one more is
// closed as soon as it is accepted.
class TcpListenSourceWorker : public SourceWorker
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpListenSourceWorker)

public:
    static constexpr std::size_t kMaxClients = 64;

    TcpListenSourceWorker(SourceUri uri, Profile profile, std::shared_ptr<SourceCounters> counters);
    ~TcpListenSourceWorker() override;

    // The port actually listened on (the URI's, or the one the OS chose). Source thread only.
    [[nodiscard]] quint16 serverPort() const;

protected:
    void open() override;
    void close() override;

private Q_SLOTS:
    void hostResolved(const QHostInfo &info);

private:
    void listenOn(const QHostAddress &address);
    void acceptClients();
    void readClient(QTcpSocket *socket);
    void dropClient(QTcpSocket *socket);
    void updateConnections();

    SourceUri m_uri;
    QTcpServer *m_server = nullptr; // child of this, on the source thread
    // Keyed by the socket, which is a child of m_server until dropClient() deletes it.
    std::map<QTcpSocket *, std::unique_ptr<InputStream>> m_clients;
    QByteArray m_readBuffer;
    bool m_closing = false;
};

} // namespace fw
