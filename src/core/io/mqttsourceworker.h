#pragma once

#include "sourceuri.h"
#include "sourceworker.h"

#include <map>
#include <set>
#include <string>

struct mosquitto;
struct mosquitto_message;
class QSocketNotifier;
class QTimer;

namespace fw {

// mqtt://HOST:PORT/TOPIC-FILTER, through libmosquitto driven by the source thread's event loop
// (its socket watched by QSocketNotifiers, its keepalive by a timer): no thread of the
// library's own. Each message holds whole records, as a datagram does. Each topic is a stream of
// its own, with its own decoder and sequence numbers, so a fleet's vehicles are accounted for
// separately.
//
// A refused, lost or timed-out connection is retried after the same capped backoff as tcp://
// (100 ms doubling to 5 s, back to 100 ms once the broker accepts us), and the subscription is
// made again on every connection (a clean session). A broker that stops answering is found by
// MQTT's keepalive. The source is Connecting until data flows, as for tcp://.
class MqttSourceWorker : public SourceWorker
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MqttSourceWorker)

public:
    static constexpr int kFirstBackoffMs = 100;
    static constexpr int kMaxBackoffMs = 5000;
    static constexpr int kConnectTimeoutMs = 5000;
    static constexpr int kKeepAliveS = 10;

    MqttSourceWorker(SourceUri uri, Profile profile, std::shared_ptr<SourceCounters> counters);
    ~MqttSourceWorker() override;

protected:
    void open() override;
    void close() override;

private:
    static void onConnect(mosquitto *client, void *self, int code);
    static void onSubscribe(mosquitto *client, void *self, int mid, int count, const int *qos);
    static void onMessage(mosquitto *client, void *self, const mosquitto_message *message);

    bool configure(QString *error);
    void connectToBroker();
    void watchSocket();
    void unwatchSocket();
    // After each call into the library: a socket it closed means the connection is gone.
    void afterLoop(int code);
    void connectionLost(const QString &why);
    void scheduleReconnect();

    SourceUri m_uri;
    mosquitto *m_client = nullptr;
    QSocketNotifier *m_readNotifier = nullptr;  // child of this, for the current socket
    QSocketNotifier *m_writeNotifier = nullptr; // child of this, for the current socket
    QTimer *m_retryTimer = nullptr;             // child of this
    QTimer *m_connectTimer = nullptr;           // child of this: gives up on a silent broker
    QTimer *m_keepAliveTimer = nullptr;         // child of this: the library's housekeeping
    std::map<std::string, InputStream, std::less<>> m_streams; // by topic
    std::set<std::string, std::less<>> m_otherShards;          // topics of streams not ours
    int m_socket = -1;
    int m_backoffMs = kFirstBackoffMs;
    bool m_started = false; // the first connect was made (later ones are reconnects)
    bool m_connected = false;
    bool m_everConnected = false;
    bool m_closing = false;
};

} // namespace fw
