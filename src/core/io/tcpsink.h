#pragma once

#include "sink.h"

#include <string>
#include <vector>

namespace fw {

// A byte stream to one or more TCP peers. As a client (tcp://) it connects to a receiver; as a
// listener (tcp-listen://) it waits for the first receiver and sends to every one that connects,
// each from the moment it connects. A peer that goes away is dropped; the last one going away
// is an error.
class TcpSink : public Sink
{
public:
    TcpSink(int listenFd, std::vector<int> peers);
    ~TcpSink() override;
    TcpSink(const TcpSink &) = delete;
    TcpSink &operator=(const TcpSink &) = delete;

    bool write(std::string_view record) override;
    bool flush() override;

    [[nodiscard]] static std::unique_ptr<Sink> connectTo(const QString &host, std::uint16_t port,
                                                         int timeoutMs, QString *error);
    [[nodiscard]] static std::unique_ptr<Sink> listenOn(const QString &host, std::uint16_t port,
                                                        int timeoutMs, QString *error);

    static constexpr std::size_t kBufferBytes = 64 * 1024;

private:
    void acceptPending();

    int m_listenFd; // -1 for a client
    std::vector<int> m_peers;
    std::string m_buffer;
};

} // namespace fw
