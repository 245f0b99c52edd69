#include "mqttsourceworker.h"

#include "mqttclient.h"

#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <mosquitto.h>

namespace fw {

Q_LOGGING_CATEGORY(lcMqttSource, "fw.source.mqtt")

namespace {
// Messages handled per wake-up before the event loop gets a turn (timers, shutdown).
constexpr int kPacketsPerRead = 256;
} // namespace

MqttSourceWorker::MqttSourceWorker(SourceUri uri, Profile profile,
                                   std::shared_ptr<SourceCounters> counters)
    : SourceWorker(std::move(profile), uri.format, std::move(counters))
    , m_uri(std::move(uri))
{}

MqttSourceWorker::~MqttSourceWorker()
{
    if (m_client) {
        mosquitto_destroy(m_client);
    }
}

void MqttSourceWorker::open()
{
    m_closing = false;
    m_retryTimer = new QTimer(this);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &MqttSourceWorker::connectToBroker);
    m_connectTimer = new QTimer(this);
    m_connectTimer->setSingleShot(true);
    m_connectTimer->setInterval(kConnectTimeoutMs);
    connect(m_connectTimer, &QTimer::timeout, this,
            [this] { connectionLost(QStringLiteral("the broker did not accept us in time")); });
    m_keepAliveTimer = new QTimer(this);
    m_keepAliveTimer->setInterval(500);
    connect(m_keepAliveTimer, &QTimer::timeout, this, [this] {
        if (m_client && m_socket >= 0) {
            afterLoop(mosquitto_loop_misc(m_client));
        }
    });
    QString error;
    if (!configure(&error)) {
        fail(QStringLiteral("%1: %2").arg(m_uri.toString(), error));
        return;
    }
    connectToBroker();
}

bool MqttSourceWorker::configure(QString *error)
{
    m_client = newMqttClient(m_uri, this, error);
    if (!m_client) {
        return false;
    }
    mosquitto_connect_callback_set(m_client, &MqttSourceWorker::onConnect);
    mosquitto_subscribe_callback_set(m_client, &MqttSourceWorker::onSubscribe);
    mosquitto_message_callback_set(m_client, &MqttSourceWorker::onMessage);
    return true;
}

void MqttSourceWorker::connectToBroker()
{
    if (m_closing) {
        return;
    }
    setState(SourceState::Connecting);
    unwatchSocket();
    const QByteArray host = m_uri.host.toUtf8();
    const int code
        = m_started ? mosquitto_reconnect_async(m_client)
                    : mosquitto_connect_async(m_client, host.constData(), m_uri.port, kKeepAliveS);
    m_started = true;
    if (code != MOSQ_ERR_SUCCESS) {
        qCDebug(lcMqttSource) << m_uri.toString() << "connect:" << mqttErrorString(code);
        scheduleReconnect();
        return;
    }
    m_connectTimer->start();
    watchSocket();
}

void MqttSourceWorker::watchSocket()
{
    m_socket = mosquitto_socket(m_client);
    if (m_socket < 0) {
        scheduleReconnect();
        return;
    }
    m_readNotifier = new QSocketNotifier(m_socket, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this,
            [this] { afterLoop(mosquitto_loop_read(m_client, kPacketsPerRead)); });
    m_writeNotifier = new QSocketNotifier(m_socket, QSocketNotifier::Write, this);
    connect(m_writeNotifier, &QSocketNotifier::activated, this,
            [this] { afterLoop(mosquitto_loop_write(m_client, kPacketsPerRead)); });
    m_writeNotifier->setEnabled(mosquitto_want_write(m_client));
    m_keepAliveTimer->start();
}

void MqttSourceWorker::unwatchSocket()
{
    // Before the library closes or replaces the socket: a notifier must not outlive its fd.
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    m_socket = -1;
    if (m_keepAliveTimer) {
        m_keepAliveTimer->stop();
    }
}

void MqttSourceWorker::afterLoop(int code)
{
    if (m_closing || !m_client) {
        return;
    }
    if (code != MOSQ_ERR_SUCCESS || mosquitto_socket(m_client) != m_socket) {
        connectionLost(code != MOSQ_ERR_SUCCESS ? mqttErrorString(code)
                                                : QStringLiteral("connection closed"));
        return;
    }
    if (m_writeNotifier) {
        m_writeNotifier->setEnabled(mosquitto_want_write(m_client));
    }
}

void MqttSourceWorker::connectionLost(const QString &why)
{
    if (m_closing) {
        return;
    }
    m_connectTimer->stop();
    unwatchSocket();
    if (m_connected) {
        m_connected = false;
        qCInfo(lcMqttSource).noquote() << m_uri.toString() << "disconnected:" << why;
    } else {
        qCDebug(lcMqttSource).noquote() << m_uri.toString() << "no connection:" << why;
    }
    scheduleReconnect();
}

void MqttSourceWorker::scheduleReconnect()
{
    if (m_closing || m_retryTimer->isActive()) {
        return;
    }
    setState(SourceState::Connecting);
    m_retryTimer->start(m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, kMaxBackoffMs);
}

void MqttSourceWorker::onConnect(mosquitto *client, void *self, int code)
{
    auto *worker = static_cast<MqttSourceWorker *>(self);
    if (code != 0) {
        // Refused (a bad user name or password, not authorised): the broker closes the
        // connection, and the retries go on, as an operator may fix the broker meanwhile.
        qCWarning(lcMqttSource).noquote()
            << worker->m_uri.toString() << "refused:" << mosquitto_connack_string(code);
        return;
    }
    worker->m_connectTimer->stop();
    worker->m_connected = true;
    worker->m_backoffMs = kFirstBackoffMs;
    if (worker->m_everConnected) {
        worker->counters().reconnects.fetch_add(1, std::memory_order_relaxed);
    }
    worker->m_everConnected = true;
    const QByteArray topic = worker->m_uri.topic.toUtf8();
    const int subscribed
        = mosquitto_subscribe(client, nullptr, topic.constData(), worker->m_uri.qos);
    if (subscribed != MOSQ_ERR_SUCCESS) {
        worker->fail(QStringLiteral("%1: cannot subscribe: %2")
                         .arg(worker->m_uri.toString(), mqttErrorString(subscribed)));
        return;
    }
    qCDebug(lcMqttSource) << worker->m_uri.toString() << "connected";
    // Live comes with the first data; until then the source is still Connecting.
}

void MqttSourceWorker::onSubscribe(mosquitto *, void *self, int, int count, const int *qos)
{
    auto *worker = static_cast<MqttSourceWorker *>(self);
    // 0x80: the broker refused the filter (not authorised, or a shared subscription it does
    // not offer). Retrying would not change its mind.
    if (count > 0 && qos[0] == 0x80) {
        worker->fail(QStringLiteral("%1: the broker refused the subscription to '%2'")
                         .arg(worker->m_uri.toString(), worker->m_uri.topic));
    }
}

void MqttSourceWorker::onMessage(mosquitto *, void *self, const mosquitto_message *message)
{
    auto *worker = static_cast<MqttSourceWorker *>(self);
    if (!message->topic || message->payloadlen <= 0) {
        return;
    }
    const std::string_view topic(message->topic);
    auto it = worker->m_streams.find(topic);
    if (it == worker->m_streams.end()) {
        // A topic of another instance's shard: remembered, so that its next messages cost a
        // lookup, and counted.
        StreamTable &table = *worker->counters().streams;
        if (worker->m_otherShards.contains(topic)) {
            table.passOver();
            return;
        }
        if (const StreamKey &key = worker->m_uri.streamKey;
            key.kind == StreamKey::Kind::Topic && !key.owns(key.ofTopic(topic))) {
            worker->m_otherShards.emplace(topic);
            table.passOver();
            return;
        }
        it = worker->m_streams.emplace(std::string(topic), worker->makeStream()).first;
        if (worker->m_uri.streamKey.kind == StreamKey::Kind::Topic) {
            worker->assignStream(it->second, worker->m_uri.streamKey.ofTopic(topic));
        }
    }
    worker->ingest(it->second,
                   std::string_view(static_cast<const char *>(message->payload),
                                    std::size_t(message->payloadlen)),
                   true);
}

void MqttSourceWorker::close()
{
    m_closing = true;
    for (QTimer *timer : {m_retryTimer, m_connectTimer, m_keepAliveTimer}) {
        if (timer) {
            timer->stop();
        }
    }
    if (m_client && m_connected) {
        // A polite goodbye, so the broker drops the session now rather than at keepalive.
        mosquitto_disconnect(m_client);
        mosquitto_loop_write(m_client, 1);
    }
    unwatchSocket();
    if (m_client) {
        mosquitto_destroy(m_client);
        m_client = nullptr;
    }
    m_connected = false;
}

} // namespace fw
