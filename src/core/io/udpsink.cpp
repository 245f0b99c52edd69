#include "udpsink.h"

#include <QByteArray>

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fw {

UdpSink::UdpSink(int fd, SocketAddress to, int datagramBytes)
    : m_fd(fd)
    , m_to(to)
    , m_datagramBytes(std::size_t(datagramBytes))
{
    m_datagram.reserve(m_datagramBytes);
}

UdpSink::~UdpSink()
{
    ::close(m_fd);
}

std::unique_ptr<Sink> UdpSink::open(const QString &host, std::uint16_t port, int datagramBytes,
                                    QString *error)
{
    SocketAddress to;
    if (!SocketAddress::resolve(host, port, &to, error)) {
        return nullptr;
    }
    const int fd = ::socket(to.family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = QStringLiteral("cannot create a UDP socket: %1")
                     .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return nullptr;
    }
    // Senders on a bench often target a multicast group on the same host: make sure it loops back.
    const int one = 1;
    if (to.family == AF_INET6) {
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &one, sizeof one);
    } else {
        const unsigned char loop = 1;
        ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop);
    }
    const int sendBuffer = 4 * 1024 * 1024;
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sendBuffer, sizeof sendBuffer);
    return std::make_unique<UdpSink>(fd, to, datagramBytes);
}

bool UdpSink::write(std::string_view record)
{
    if (!m_datagram.empty() && m_datagram.size() + record.size() > m_datagramBytes) {
        if (!flush()) {
            return false;
        }
    }
    m_datagram.append(record);
    return true;
}

bool UdpSink::flush()
{
    if (m_datagram.empty()) {
        return true;
    }
    for (;;) {
        const ssize_t sent
            = ::sendto(m_fd, m_datagram.data(), m_datagram.size(), 0, m_to.get(), m_to.length);
        if (sent >= 0) {
            break;
        }
        if (errno == EINTR) {
            continue;
        }
        // ENOBUFS/EAGAIN: the local queue is full; wait for it rather than drop silently.
        if (errno == ENOBUFS || errno == EAGAIN) {
            ::usleep(100);
            continue;
        }
        // ECONNREFUSED after an ICMP port-unreachable: nobody listens yet. UDP is fire and
        // forget, so this is not an error for the sender.
        if (errno == ECONNREFUSED) {
            break;
        }
        m_error = QStringLiteral("udp send failed: %1")
                      .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_bytes += m_datagram.size();
    ++m_datagrams;
    m_datagram.clear();
    return true;
}

} // namespace fw
