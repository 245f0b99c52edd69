#pragma once

#include "sink.h"
#include "socketaddress.h"

#include <string>

namespace fw {

// Packs whole records into datagrams of at most datagramBytes and sends them to one address
// (unicast or multicast).
class UdpSink : public Sink
{
public:
    UdpSink(int fd, SocketAddress to, int datagramBytes);
    ~UdpSink() override;
    UdpSink(const UdpSink &) = delete;
    UdpSink &operator=(const UdpSink &) = delete;

    bool write(std::string_view record) override;
    bool flush() override;
    [[nodiscard]] bool isDatagram() const override { return true; }

    [[nodiscard]] static std::unique_ptr<Sink> open(const QString &host, std::uint16_t port,
                                                    int datagramBytes, QString *error);

private:
    int m_fd;
    SocketAddress m_to;
    std::size_t m_datagramBytes;
    std::string m_datagram;
};

} // namespace fw
