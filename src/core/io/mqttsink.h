#pragma once

#include "sink.h"

#include <chrono>
#include <string>

struct mosquitto;

namespace fw {

// Publishes to mqtt://HOST:PORT/TOPIC: records packed into messages of up to datagramBytes,
// whole records only, as into datagrams. Blocking, on the caller's thread (libmosquitto's own
// loop calls, no thread of its own).
//
// A broker that goes away is not an error: what is sent meanwhile is counted in unsent() and the
// sink reconnects at most every kRetryMs, so a real-time sender keeps its pace and the receiver
// sees the gap in its sequence numbers. Only a broker that never accepts us within
// connectTimeoutMs at the start, or a refused publication, fails.
class MqttSink : public Sink
{
public:
    static constexpr int kRetryMs = 200;
    static constexpr int kKeepAliveS = 10;
    static constexpr int kDrainS = 5; // at most, to send the rest and say goodbye

    ~MqttSink() override;
    MqttSink(const MqttSink &) = delete;
    MqttSink &operator=(const MqttSink &) = delete;

    bool write(std::string_view record) override;
    bool flush() override;
    [[nodiscard]] bool isDatagram() const override { return true; }
    [[nodiscard]] bool publishesToTopics() const override { return true; }
    bool setTopic(std::string_view topic) override;

    [[nodiscard]] static std::unique_ptr<Sink> open(const SourceUri &uri, const Options &options,
                                                    QString *error);

private:
    MqttSink(const SourceUri &uri, mosquitto *client, int messageBytes);

    bool connect(const SourceUri &uri, int timeoutMs, QString *error);
    bool publish();
    void service();
    bool reconnect();
    void drain();

    static void onConnect(mosquitto *client, void *self, int code);
    static void onPublish(mosquitto *client, void *self, int id);

    mosquitto *m_client;
    QByteArray m_topic;
    int m_qos;
    std::size_t m_messageBytes;
    std::string m_message;
    std::uint64_t m_recordsInMessage = 0;
    bool m_connected = false;
    int m_connack = -1;              // the broker's answer to our CONNECT, -1 before it comes
    std::uint64_t m_awaitingAck = 0; // QoS 1 and 2 publications the broker has not confirmed
    std::chrono::steady_clock::time_point m_nextRetry{};
    int m_sinceService = 0;
};

} // namespace fw
