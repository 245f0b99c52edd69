#include "udpsourceworker.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <net/if.h>
#include <netinet/in.h>
#include <unistd.h>

namespace fw {

Q_LOGGING_CATEGORY(lcUdpSource, "fw.source.udp")

namespace {

// A socket address for bind(), from an address Qt has already validated.
socklen_t toSockaddr(const QHostAddress &address, std::uint16_t port, sockaddr_storage *storage)
{
    std::memset(storage, 0, sizeof(*storage));
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        sockaddr_in6 v6{};
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&v6.sin6_addr, &bytes, sizeof(v6.sin6_addr));
        if (!address.scopeId().isEmpty()) {
            v6.sin6_scope_id = if_nametoindex(address.scopeId().toLocal8Bit().constData());
        }
        std::memcpy(storage, &v6, sizeof(v6));
        return sizeof(v6);
    }
    sockaddr_in v4{};
    v4.sin_family = AF_INET;
    v4.sin_port = htons(port);
    v4.sin_addr.s_addr = htonl(address.toIPv4Address());
    std::memcpy(storage, &v4, sizeof(v4));
    return sizeof(v4);
}

int grantedReceiveBuffer(int fd)
{
    int granted = 0;
    socklen_t length = sizeof(granted);
    if (::getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &granted, &length) != 0) {
        return 0;
    }
    return granted;
}

} // namespace

UdpSourceWorker::UdpSourceWorker(SourceUri uri, Profile profile,
                                 std::shared_ptr<SourceCounters> counters)
    : SourceWorker(std::move(profile), uri.format, std::move(counters))
    , m_uri(std::move(uri))
{}

UdpSourceWorker::~UdpSourceWorker()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

void UdpSourceWorker::open()
{
    const QHostAddress address(m_uri.host);
    if (!address.isNull()) {
        bindTo(address);
        return;
    }
    // A host name: resolved asynchronously so that a slow resolver never blocks this thread.
    // The slot is named by string because the functor overloads of lookupHost() trip
    // clang-analyzer's leak check inside qhostinfo.h.
    QHostInfo::lookupHost(m_uri.host, this, SLOT(hostResolved(QHostInfo)));
}

void UdpSourceWorker::hostResolved(const QHostInfo &info)
{
    if (state() == SourceState::Disconnected) {
        return; // closed meanwhile
    }
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        fail(QStringLiteral("%1: cannot resolve %2: %3")
                 .arg(m_uri.toString(), m_uri.host, info.errorString()));
        return;
    }
    bindTo(info.addresses().constFirst());
}

void UdpSourceWorker::bindTo(const QHostAddress &address)
{
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    m_fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        fail(QStringLiteral("%1: cannot create a socket: %2")
                 .arg(m_uri.toString(), qt_error_string(errno)));
        return;
    }
    const bool multicast = address.isMulticast();
    if (multicast) {
        // Several listeners on one host may share a group's port.
        const int on = 1;
        ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    }
    // A large buffer rides out the moments this thread is busy decoding. The kernel caps
    // SO_RCVBUF at net.core.rmem_max; SO_RCVBUFFORCE goes past it when we are allowed to.
    const int wanted
        = m_uri.receiveBufferBytes > 0 ? m_uri.receiveBufferBytes : kReceiveBufferBytes;
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &wanted, sizeof(wanted));
    m_receiveBufferBytes = grantedReceiveBuffer(m_fd);
    if (m_receiveBufferBytes < wanted) {
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUFFORCE, &wanted, sizeof(wanted));
        m_receiveBufferBytes = grantedReceiveBuffer(m_fd);
    }
    // The kernel's count of datagrams dropped on a full buffer, with each datagram received.
    const int on = 1;
    ::setsockopt(m_fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof(on));
    qCDebug(lcUdpSource) << m_uri.toString() << "receive buffer" << m_receiveBufferBytes << "bytes";

    sockaddr_storage storage{};
    const socklen_t length = toSockaddr(address, m_uri.port, &storage);
    if (::bind(m_fd, reinterpret_cast<const sockaddr *>(&storage), length) != 0) {
        const QString reason = qt_error_string(errno);
        ::close(m_fd);
        m_fd = -1;
        fail(QStringLiteral("%1: cannot bind: %2").arg(m_uri.toString(), reason));
        return;
    }
    if (multicast) {
        QString reason;
        if (!joinGroup(address, &reason)) {
            ::close(m_fd);
            m_fd = -1;
            fail(QStringLiteral("%1: cannot join the multicast group: %2")
                     .arg(m_uri.toString(), reason));
            return;
        }
    }

    m_stream = makeStream();
    m_buffers.assign(std::size_t(kBatch) * kDatagramBytes, 0);
    m_iovecs.assign(kBatch, iovec{});
    m_headers.assign(kBatch, mmsghdr{});
    m_controls.assign(std::size_t(kBatch) * kControlWords, 0);
    m_kernelDropsSeen = 0;
    for (std::size_t i = 0; i < std::size_t(kBatch); ++i) {
        m_iovecs[i].iov_base = m_buffers.data() + i * kDatagramBytes;
        m_iovecs[i].iov_len = kDatagramBytes;
        m_headers[i].msg_hdr.msg_iov = &m_iovecs[i];
        m_headers[i].msg_hdr.msg_iovlen = 1;
    }
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &UdpSourceWorker::drain);
}

bool UdpSourceWorker::joinGroup(const QHostAddress &group, QString *error)
{
    // Interface 0: the kernel picks the interface its routing table has for the group.
    int result = 0;
    if (group.protocol() == QAbstractSocket::IPv6Protocol) {
        ipv6_mreq request{};
        const Q_IPV6ADDR bytes = group.toIPv6Address();
        std::memcpy(&request.ipv6mr_multiaddr, &bytes, sizeof(request.ipv6mr_multiaddr));
        request.ipv6mr_interface = 0;
        result = ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &request, sizeof(request));
    } else {
        ip_mreqn request{};
        request.imr_multiaddr.s_addr = htonl(group.toIPv4Address());
        request.imr_address.s_addr = htonl(INADDR_ANY);
        request.imr_ifindex = 0;
        result = ::setsockopt(m_fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &request, sizeof(request));
    }
    if (result != 0) {
        *error = qt_error_string(errno);
        return false;
    }
    return true;
}

void UdpSourceWorker::drain()
{
    for (int batch = 0; batch < kMaxBatchesPerWake; ++batch) {
        for (std::size_t i = 0; i < std::size_t(kBatch); ++i) {
            // The kernel shortens msg_controllen to what it wrote: set it again every time.
            m_headers[i].msg_hdr.msg_control = m_controls.data() + i * kControlWords;
            m_headers[i].msg_hdr.msg_controllen = kControlWords * sizeof(std::uint64_t);
        }
        const int received = ::recvmmsg(m_fd, m_headers.data(), kBatch, MSG_DONTWAIT, nullptr);
        if (received < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != m_lastErrno) {
                // Logged once per kind of error: a persistent one would otherwise flood the log.
                m_lastErrno = errno;
                qCWarning(lcUdpSource)
                    << m_uri.toString() << "receive failed:" << qt_error_string(m_lastErrno);
            }
            return;
        }
        for (int i = 0; i < received; ++i) {
            auto &header = m_headers[std::size_t(i)];
            countKernelDrops(header.msg_hdr);
            const auto *data = static_cast<const char *>(header.msg_hdr.msg_iov->iov_base);
            ingest(m_stream, std::string_view(data, header.msg_len), true);
        }
        if (received < kBatch) {
            return; // drained; the notifier wakes us for the next datagram
        }
    }
    // Still more queued: the level-triggered notifier fires again once the event loop has run
    // the timers that are due.
}

void UdpSourceWorker::countKernelDrops(msghdr &header)
{
    for (cmsghdr *c = CMSG_FIRSTHDR(&header); c != nullptr; c = CMSG_NXTHDR(&header, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
            std::uint32_t total = 0;
            std::memcpy(&total, CMSG_DATA(c), sizeof(total));
            // A 32-bit count that wraps: the difference in unsigned arithmetic is still right.
            const std::uint32_t dropped = total - m_kernelDropsSeen;
            m_kernelDropsSeen = total;
            if (dropped > 0) {
                counters().kernelDrops.fetch_add(dropped, std::memory_order_relaxed);
            }
        }
    }
}

void UdpSourceWorker::close()
{
    delete m_notifier;
    m_notifier = nullptr;
    if (m_fd >= 0) {
        ::close(m_fd); // also leaves the multicast group
        m_fd = -1;
    }
}

} // namespace fw
