#include "tcpsink.h"

#include "socketaddress.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace fw {

namespace {

QString lastError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

bool sendAll(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data.remove_prefix(std::size_t(sent));
    }
    return true;
}

} // namespace

TcpSink::TcpSink(int listenFd, std::vector<int> peers)
    : m_listenFd(listenFd)
    , m_peers(std::move(peers))
{
    m_buffer.reserve(kBufferBytes * 2);
}

TcpSink::~TcpSink()
{
    flush();
    for (int fd : m_peers) {
        ::close(fd);
    }
    if (m_listenFd >= 0) {
        ::close(m_listenFd);
    }
}

std::unique_ptr<Sink> TcpSink::connectTo(const QString &host, std::uint16_t port, int timeoutMs,
                                         QString *error)
{
    SocketAddress to;
    if (!SocketAddress::resolve(host, port, &to, error)) {
        return nullptr;
    }
    // The receiver may still be starting: retry until the deadline.
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        const int fd = ::socket(to.family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            *error = QStringLiteral("cannot create a TCP socket: %1").arg(lastError());
            return nullptr;
        }
        if (::connect(fd, to.get(), to.length) == 0) {
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            return std::make_unique<TcpSink>(-1, std::vector<int>{fd});
        }
        const QString reason = lastError();
        ::close(fd);
        if (clock.elapsed() >= timeoutMs) {
            *error = QStringLiteral("cannot connect to %1 port %2: %3")
                         .arg(host)
                         .arg(port)
                         .arg(reason);
            return nullptr;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

std::unique_ptr<Sink> TcpSink::listenOn(const QString &host, std::uint16_t port, int timeoutMs,
                                        QString *error)
{
    SocketAddress at;
    if (!SocketAddress::resolve(host, port, &at, error)) {
        return nullptr;
    }
    const int fd = ::socket(at.family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        *error = QStringLiteral("cannot create a TCP socket: %1").arg(lastError());
        return nullptr;
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, at.get(), at.length) != 0 || ::listen(fd, 16) != 0) {
        *error = QStringLiteral("cannot listen on %1 port %2: %3")
                     .arg(host)
                     .arg(port)
                     .arg(lastError());
        ::close(fd);
        return nullptr;
    }
    pollfd waiting{fd, POLLIN, 0};
    if (::poll(&waiting, 1, timeoutMs) <= 0) {
        *error = QStringLiteral("no receiver connected to %1 port %2 within %3 ms")
                     .arg(host)
                     .arg(port)
                     .arg(timeoutMs);
        ::close(fd);
        return nullptr;
    }
    auto sink = std::make_unique<TcpSink>(fd, std::vector<int>{});
    sink->acceptPending();
    return sink;
}

void TcpSink::acceptPending()
{
    if (m_listenFd < 0) {
        return;
    }
    for (;;) {
        const int peer = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (peer < 0) {
            return;
        }
        const int one = 1;
        ::setsockopt(peer, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        m_peers.push_back(peer);
    }
}

bool TcpSink::write(std::string_view record)
{
    m_buffer.append(record);
    return m_buffer.size() < kBufferBytes || flush();
}

bool TcpSink::flush()
{
    acceptPending();
    if (m_buffer.empty()) {
        return true;
    }
    const bool hadPeers = !m_peers.empty();
    auto failed = [this](int fd) {
        if (sendAll(fd, m_buffer)) {
            return false;
        }
        m_error = QStringLiteral("receiver went away: %1").arg(lastError());
        ::close(fd);
        return true;
    };
    m_peers.erase(std::remove_if(m_peers.begin(), m_peers.end(), failed), m_peers.end());
    m_bytes += m_buffer.size();
    m_buffer.clear();
    // A listener may lose every receiver and get new ones later; a client has nobody else.
    return m_listenFd >= 0 || !hadPeers || !m_peers.empty();
}

} // namespace fw
