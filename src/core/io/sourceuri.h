#pragma once

#include "telemetry/streamtable.h"
#include "telemetry/wireformat.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace fw {

// Where telemetry comes from, as the operator types it:
//   udp://HOST:PORT?format=F&rcvbuf=BYTES  bind; joins the group when HOST is multicast;
//                                     rcvbuf sets the kernel's receive buffer (default 8 MiB)
//   tcp://HOST:PORT?format=F          connect; reconnects with capped exponential backoff
//   tcp-listen://HOST:PORT?format=F   accept any number of benches
//   file://PATH?speed=1&loop=0&paused=0&format=F  replay a recording (format from the
//                                     extension); paused=1 opens it paused at its start
//   sim://PROFILE?rate=HZ&scenario=NAME&seed=N  the built-in simulator
//   mqtt://HOST:PORT/TOPIC-FILTER?format=F&qos=Q&tls=0&ca=FILE&credentials=FILE&client=ID
//         &stream=topic&shard=K/N     subscribe at an MQTT broker; the filter may hold the
//                                     wildcards + and #; credentials is a file of a user name
//                                     line and a password line; stream says what names a
//                                     stream (topic, topic:N for its Nth level, or none);
//                                     shard keeps only the streams of share K of N
// Every scheme but sim also takes stream=field:NAME (jsonl, csv: the record's field NAME names
// its stream) or stream=apid (ccsds: each APID a stream), and shard=K/N with either.
// IPv6 hosts are written in brackets: udp://[::1]:9000.
//
// Decisions: the scheme is case-insensitive; the network format defaults to jsonl; a file path
// and option values are percent-decoded (write %3F for a '?' inside a path), which toString()
// does in return so that parse(toString()) gives back the same fields. toString() writes only
// the options that differ from their defaults.
struct SourceUri
{
    enum class Scheme { Udp, Tcp, TcpListen, File, Sim, Mqtt };

    Scheme scheme = Scheme::Udp;
    QString host;
    std::uint16_t port = 0;
    WireFormat format = WireFormat::Jsonl;
    QString path;               // file
    double speed = 1;           // file: replay speed factor, 0 = as fast as possible
    bool loop = false;          // file
    bool paused = false;        // file: open paused, for the replay bar or a step-by-step look
    QString profile;            // sim: the profile to simulate
    double rateHz = 0;          // sim: 0 = the profile's rate
    QString scenario;           // sim: "nominal" when empty
    std::uint64_t seed = 1;     // sim
    int receiveBufferBytes = 0; // udp: the kernel receive buffer asked for; 0 = the default
    QString topic;              // mqtt: the topic filter (source) or topic (sink)
    int qos = 0;                // mqtt: 0, 1 or 2
    bool tls = false;           // mqtt
    QString caFile;             // mqtt: CA certificates (PEM) to trust; empty = the system's
    QString credentialsFile;    // mqtt: user name line, password line
    QString clientId;           // mqtt: empty = a random one
    StreamKey streamKey;        // mqtt: each topic a stream; others: one stream unless stream=

    [[nodiscard]] static std::optional<SourceUri> parse(const QString &text, QString *error);
    [[nodiscard]] QString toString() const;
    [[nodiscard]] static QString schemeName(Scheme scheme);
    [[nodiscard]] bool isMulticast() const;
    // Whether an MQTT topic filter is well formed: levels split by '/', '+' alone in a level,
    // '#' alone in the last one; false with the reason in *error.
    [[nodiscard]] static bool isTopicFilter(const QString &filter, QString *error);

    friend bool operator==(const SourceUri &, const SourceUri &) = default;
};

} // namespace fw
