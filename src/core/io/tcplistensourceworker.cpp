#include "tcplistensourceworker.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>

namespace fw {

Q_LOGGING_CATEGORY(lcTcpListenSource, "fw.source.tcplisten")

namespace {
constexpr qint64 kReadChunk = 256 * 1024;
}

TcpListenSourceWorker::TcpListenSourceWorker(SourceUri uri, Profile profile,
                                             std::shared_ptr<SourceCounters> counters)
    : SourceWorker(std::move(profile), uri.format, std::move(counters))
    , m_uri(std::move(uri))
{}

TcpListenSourceWorker::~TcpListenSourceWorker() = default;

quint16 TcpListenSourceWorker::serverPort() const
{
    return m_server ? m_server->serverPort() : 0;
}

void TcpListenSourceWorker::open()
{
    m_closing = false;
    m_readBuffer.resize(kReadChunk);
    const QHostAddress address(m_uri.host);
    if (!address.isNull()) {
        listenOn(address);
        return;
    }
    // A host name: resolved asynchronously so that a slow resolver never blocks this thread.
    // The slot is named by string because the functor overloads of lookupHost() trip
    // clang-analyzer's leak check inside qhostinfo.h.
    QHostInfo::lookupHost(m_uri.host, this, SLOT(hostResolved(QHostInfo)));
}

void TcpListenSourceWorker::hostResolved(const QHostInfo &info)
{
    if (m_closing) {
        return;
    }
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        fail(QStringLiteral("%1: cannot resolve %2: %3")
                 .arg(m_uri.toString(), m_uri.host, info.errorString()));
        return;
    }
    listenOn(info.addresses().constFirst());
}

void TcpListenSourceWorker::listenOn(const QHostAddress &address)
{
    m_server = new QTcpServer(this);
    // Accepted sockets beyond the cap are closed by acceptClients(), not left in the backlog.
    m_server->setMaxPendingConnections(int(kMaxClients));
    connect(m_server, &QTcpServer::newConnection, this, &TcpListenSourceWorker::acceptClients);
    if (!m_server->listen(address, m_uri.port)) {
        const QString reason = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        fail(QStringLiteral("%1: cannot listen: %2").arg(m_uri.toString(), reason));
        return;
    }
    qCDebug(lcTcpListenSource) << m_uri.toString() << "listening on port" << m_server->serverPort();
}

void TcpListenSourceWorker::acceptClients()
{
    while (m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (m_clients.size() >= kMaxClients) {
            qCWarning(lcTcpListenSource)
                << m_uri.toString() << "refusing" << socket->peerAddress().toString() << ": already"
                << kMaxClients << "clients";
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            if (socket->state() == QAbstractSocket::UnconnectedState) {
                socket->deleteLater();
            }
            continue;
        }
        m_clients.emplace(socket, std::make_unique<InputStream>(makeStream()));
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readClient(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { dropClient(socket); });
        qCDebug(lcTcpListenSource) << m_uri.toString() << "client"
                                   << socket->peerAddress().toString() << socket->peerPort();
        updateConnections();
        // Data may have arrived with the connection itself.
        readClient(socket);
    }
}

void TcpListenSourceWorker::readClient(QTcpSocket *socket)
{
    const auto it = m_clients.find(socket);
    if (it == m_clients.end()) {
        return;
    }
    while (socket->bytesAvailable() > 0) {
        const qint64 n = socket->read(m_readBuffer.data(), m_readBuffer.size());
        if (n <= 0) {
            break;
        }
        ingest(*it->second, std::string_view(m_readBuffer.constData(), std::size_t(n)), false);
    }
}

void TcpListenSourceWorker::dropClient(QTcpSocket *socket)
{
    if (m_closing) {
        return;
    }
    const auto it = m_clients.find(socket);
    if (it == m_clients.end()) {
        return;
    }
    readClient(socket);
    endStream(*it->second);
    m_clients.erase(it);
    socket->disconnect(this);
    socket->deleteLater();
    updateConnections();
}

void TcpListenSourceWorker::updateConnections()
{
    counters().connections.store(m_clients.size(), std::memory_order_relaxed);
    if (m_clients.empty()) {
        // Nobody is sending: back to waiting for a bench rather than Stale-forever.
        setState(SourceState::Connecting);
    }
}

void TcpListenSourceWorker::close()
{
    m_closing = true;
    for (auto &[socket, stream] : m_clients) {
        socket->disconnect(this);
        socket->abort();
    }
    m_clients.clear();
    delete m_server; // deletes the client sockets, its children
    m_server = nullptr;
    counters().connections.store(0, std::memory_order_relaxed);
}

} // namespace fw
