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
}

MqttSink::~MqttSink()
{
    flush();
    if (m_connected) {
        // Everything queued goes out before the goodbye.
        for (int i = 0; i < 1000 && mosquitto_want_write(m_client); ++i) {
            if (mosquitto_loop(m_client, 10, 1) != MOSQ_ERR_SUCCESS) {
                break;
            }
        }
        mosquitto_disconnect(m_client);
        mosquitto_loop(m_client, 10, 1);
    }
    mosquitto_destroy(m_client);
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
    const QByteArray host = uri.host.toUtf8();
    const auto deadline
        = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.connectTimeoutMs);
    int code = MOSQ_ERR_SUCCESS;
    for (;;) {
        code = mosquitto_connect(client, host.constData(), uri.port, kKeepAliveS);
        if (code == MOSQ_ERR_SUCCESS || std::chrono::steady_clock::now() >= deadline) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(kRetryMs));
    }
    if (code != MOSQ_ERR_SUCCESS) {
        *error = QStringLiteral("mqtt: cannot connect to %1:%2: %3")
                     .arg(uri.host)
                     .arg(uri.port)
                     .arg(mqttErrorString(code));
        mosquitto_destroy(client);
        return nullptr;
    }
    return std::unique_ptr<Sink>(new MqttSink(uri, client, options.datagramBytes));
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
    return m_connected;
}

} // namespace fw
