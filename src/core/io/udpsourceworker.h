#pragma once

#include "sourceuri.h"
#include "sourceworker.h"

#include <sys/socket.h>
#include <vector>

class QHostAddress;
class QHostInfo;
class QSocketNotifier;

namespace fw {

// udp://HOST:PORT. Lives on the source thread. A native non-blocking socket drained with
// recvmmsg() in batches whenever its QSocketNotifier fires; after kMaxBatchesPerWake batches it
// returns to the event loop (the notifier is level-triggered and fires again) so that the flush
// and stale timers keep running under full load. All datagrams feed one InputStream: one sender
// per port, as benches and spacecraft links send.
//
// Datagrams the kernel dropped because the receive buffer was full are counted from the socket's
// SO_RXQ_OVFL counter, which Linux reports with every datagram received after them.
class UdpSourceWorker : public SourceWorker
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UdpSourceWorker)

public:
    static constexpr int kBatch = 64;
    static constexpr std::size_t kDatagramBytes = 64 * 1024;
    static constexpr int kMaxBatchesPerWake = 16;
    static constexpr int kReceiveBufferBytes = 8 * 1024 * 1024;

    UdpSourceWorker(SourceUri uri, Profile profile, std::shared_ptr<SourceCounters> counters);
    ~UdpSourceWorker() override;

    // What the kernel granted for SO_RCVBUF (0 before the socket is open). Source thread only.
    [[nodiscard]] int receiveBufferBytes() const { return m_receiveBufferBytes; }

protected:
    void open() override;
    void close() override;

private Q_SLOTS:
    void hostResolved(const QHostInfo &info);

private:
    void bindTo(const QHostAddress &address);
    [[nodiscard]] bool joinGroup(const QHostAddress &group, QString *error);
    void drain();
    void countKernelDrops(msghdr &header);
    // A control buffer holds one uint32 message (CMSG_SPACE(4) is 16 bytes on Linux).
    static constexpr std::size_t kControlWords = 4;

    SourceUri m_uri;
    int m_fd = -1;
    int m_receiveBufferBytes = 0;
    int m_lastErrno = 0;                   // the last receive error logged
    QSocketNotifier *m_notifier = nullptr; // child of this, on the source thread
    InputStream m_stream;
    std::vector<char> m_buffers; // kBatch × kDatagramBytes, allocated once in open()
    std::vector<iovec> m_iovecs;
    std::vector<mmsghdr> m_headers;
    std::vector<std::uint64_t> m_controls; // kBatch control buffers, aligned for cmsghdr
    std::uint32_t m_kernelDropsSeen = 0;   // the socket's drop counter as last reported
};

} // namespace fw
