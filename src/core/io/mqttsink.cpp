#include "mqttsink.h"

#include "mqttclient.h"

#include <mosquitto.h>
#include <thread>

namespace fw {

namespace {
// Calls into the library's loop between publications: its keepalive and the broker's
// acknowledgements need them, a socket call per message would cost more than the message.
constexpr int kPublicationsPerService = 64;
} // namespace

MqttSink::MqttSink(const SourceUri &uri, mosquitto *client, int messageBytes)
    : m_client(client)
    , m_topic(uri.topic.toUtf8())
    , m_qos(uri.qos)
    , m_messageBytes(std::size_t(std::max(messageBytes, 1)))
{
    m_message.reserve(m_messageBytes);
    mosquitto_user_data_set(m_client, this);
    mosquitto_connect_callback_set(m_client, &MqttSink::onConnect);
    mosquitto_publish_callback_set(m_client, &MqttSink::onPublish);
}

MqttSink::~MqttSink()
{
    flush();
    if (m_connected) {
        drain();
    }
    mosquitto_destroy(m_client);
}

void MqttSink::drain()
{
    // Everything queued goes out, and QoS 1 and 2 publications are confirmed, before the goodbye.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kDrainS);
    while ((mosquitto_want_write(m_client) || m_awaitingAck > 0)
           && std::chrono::steady_clock::now() < deadline) {
        if (mosquitto_loop(m_client, 10, 1) != MOSQ_ERR_SUCCESS) {
            return;
        }
    }
    mosquitto_disconnect(m_client);
    // Then we wait for the broker to close the connection. Closing first, with its CONNACK or a
    // PINGRESP still unread, would send a reset, and a reset makes the broker's kernel discard
    // what it received from us and the broker has not read yet: the last messages.
    while (mosquitto_socket(m_client) >= 0 && std::chrono::steady_clock::now() < deadline) {
        if (mosquitto_loop(m_client, 10, 1) != MOSQ_ERR_SUCCESS) {
            break;
        }
    }
}

void MqttSink::onConnect(mosquitto *, void *self, int code)
{
    static_cast<MqttSink *>(self)->m_connack = code;
}

void MqttSink::onPublish(mosquitto *, void *self, int)
{
    auto *sink = static_cast<MqttSink *>(self);
    if (sink->m_awaitingAck > 0) {
        --sink->m_awaitingAck;
    }
}

std::unique_ptr<Sink> MqttSink::open(const SourceUri &uri, const Options &options, QString *error)
{
    if (uri.topic.contains(u'+') || uri.topic.contains(u'#')) {
        *error = QStringLiteral("mqtt: '%1' is a topic filter; publish to a topic without + or #")
                     .arg(uri.topic);
        return nullptr;
    }
    mosquitto *client = newMqttClient(uri, nullptr, error);
    if (!client) {
        return nullptr;
    }
    std::unique_ptr<MqttSink> sink(new MqttSink(uri, client, options.datagramBytes));
    if (!sink->connect(uri, options.connectTimeoutMs, error)) {
        return nullptr;
    }
    return sink;
}

bool MqttSink::connect(const SourceUri &uri, int timeoutMs, QString *error)
{
    const QByteArray host = uri.host.toUtf8();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    int code = MOSQ_ERR_SUCCESS;
    for (;;) {
        code = mosquitto_connect(m_client, host.constData(), uri.port, kKeepAliveS);
        if (code == MOSQ_ERR_SUCCESS || std::chrono::steady_clock::now() >= deadline) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(kRetryMs));
    }
    const QString where = QStringLiteral("%1:%2").arg(uri.host).arg(uri.port);
    if (code != MOSQ_ERR_SUCCESS) {
        *error = QStringLiteral("mqtt: cannot connect to %1: %2").arg(where, mqttErrorString(code));
        return false;
    }
    // The broker's answer: a refused user name or password is said now, not found later as
    // messages that went nowhere.
    while (m_connack < 0 && std::chrono::steady_clock::now() < deadline) {
        code = mosquitto_loop(m_client, 100, 1);
        if (code != MOSQ_ERR_SUCCESS) {
            break;
        }
    }
    if (m_connack != 0) {
        *error = m_connack > 0
                     ? QStringLiteral("mqtt: %1 refused us: %2")
                           .arg(where, QString::fromUtf8(mosquitto_connack_string(m_connack)))
                     : QStringLiteral("mqtt: %1 did not answer our connection: %2")
                           .arg(where, code != MOSQ_ERR_SUCCESS ? mqttErrorString(code)
                                                                : QStringLiteral("timed out"));
        return false;
    }
    m_connected = true;
    return true;
}

bool MqttSink::write(std::string_view record)
{
    if (!m_message.empty() && m_message.size() + record.size() > m_messageBytes) {
        if (!flush()) {
            return false;
        }
    }
    m_message.append(record);
    ++m_recordsInMessage;
    return true;
}

bool MqttSink::flush()
{
    if (m_message.empty()) {
        return true;
    }
    const bool ok = publish();
    m_message.clear();
    m_recordsInMessage = 0;
    return ok;
}

bool MqttSink::setTopic(std::string_view topic)
{
    // A message goes to one topic: what is queued for the previous one leaves first.
    const bool ok = flush();
    m_topic = QByteArray(topic.data(), qsizetype(topic.size()));
    return ok;
}

bool MqttSink::publish()
{
    if (!m_connected && !reconnect()) {
        m_unsent += m_recordsInMessage;
        return true;
    }
    const int code = mosquitto_publish(m_client, nullptr, m_topic.constData(),
                                       int(m_message.size()), m_message.data(), m_qos, false);
    if (code == MOSQ_ERR_NO_CONN || code == MOSQ_ERR_CONN_LOST || code == MOSQ_ERR_ERRNO) {
        m_connected = false;
        m_nextRetry = std::chrono::steady_clock::now() + std::chrono::milliseconds(kRetryMs);
        m_unsent += m_recordsInMessage;
        return true;
    }
    if (code != MOSQ_ERR_SUCCESS) {
        m_error = QStringLiteral("mqtt: publish to '%1' refused: %2")
                      .arg(QString::fromUtf8(m_topic), mqttErrorString(code));
        return false;
    }
    m_bytes += m_message.size();
    ++m_datagrams;
    if (m_qos > 0) {
        ++m_awaitingAck;
    }
    if (mosquitto_want_write(m_client) || ++m_sinceService >= kPublicationsPerService) {
        service();
    }
    return true;
}

void MqttSink::service()
{
    m_sinceService = 0;
    // Writes what the socket would not take at once (waiting for room), reads what the broker
    // sent (acknowledgements, pings), and keeps the connection alive.
    do {
        if (mosquitto_loop(m_client, 1, 1) != MOSQ_ERR_SUCCESS) {
            m_connected = false;
            m_nextRetry = std::chrono::steady_clock::now() + std::chrono::milliseconds(kRetryMs);
            return;
        }
    } while (mosquitto_want_write(m_client));
}

bool MqttSink::reconnect()
{
    const auto now = std::chrono::steady_clock::now();
    if (now < m_nextRetry) {
        return false;
    }
    m_nextRetry = now + std::chrono::milliseconds(kRetryMs);
    m_connected = mosquitto_reconnect(m_client) == MOSQ_ERR_SUCCESS;
    // What was in flight on the old connection will not be confirmed on this one.
    m_awaitingAck = 0;
    return m_connected;
}

} // namespace fw
