#pragma once

#include "sourceuri.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <string_view>

namespace fw {

// Where `simulate` sends telemetry: the mirror image of a source. Blocking and single-threaded,
// for command-line tools and benchmarks; the console never writes through a Sink.
//   udp://HOST:PORT         datagrams of whole records, packed up to datagramBytes
//   tcp://HOST:PORT         connect to a receiver (which listens with tcp-listen://)
//   tcp-listen://HOST:PORT  wait for receivers (which connect with tcp://) and send to all
//   mqtt://HOST:PORT/TOPIC  publish to an MQTT broker, whole records in each message
//   file://PATH or PATH     a recording; "-" is standard output
class Sink
{
public:
    struct Options
    {
        int datagramBytes = 1400;     // fits one Ethernet frame with IP and UDP headers
        int connectTimeoutMs = 10000; // tcp: retry until connected; tcp-listen: wait for a receiver
    };

    virtual ~Sink() = default;

    // Queues one whole record (a line with its newline, or one packet).
    virtual bool write(std::string_view record) = 0;
    // Sends what is queued: the current datagram, the file buffer.
    virtual bool flush() = 0;
    // Whether records may be split across writes (streams) or must stay whole (datagrams).
    [[nodiscard]] virtual bool isDatagram() const { return false; }
    // Sinks with many destinations (MQTT topics) send what follows to `topic`, after sending what
    // is queued for the previous one. False when the sink has one destination, or on an error.
    [[nodiscard]] virtual bool publishesToTopics() const { return false; }
    virtual bool setTopic(std::string_view topic)
    {
        (void)topic;
        return false;
    }

    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] std::uint64_t bytes() const { return m_bytes; }
    [[nodiscard]] std::uint64_t datagrams() const { return m_datagrams; }
    // Records that could not be sent and were let go (an MQTT broker away for a while).
    [[nodiscard]] std::uint64_t unsent() const { return m_unsent; }

    [[nodiscard]] static std::unique_ptr<Sink> open(const QString &target, const Options &options,
                                                    QString *error);

protected:
    QString m_error;
    std::uint64_t m_bytes = 0;
    std::uint64_t m_datagrams = 0;
    std::uint64_t m_unsent = 0;
};

} // namespace fw
