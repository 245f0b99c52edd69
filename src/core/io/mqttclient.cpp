#include "mqttclient.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <mosquitto.h>
#include <mutex>

namespace fw {

mosquitto *newMqttClient(const SourceUri &uri, void *obj, QString *error)
{
    static std::once_flag initialised;
    std::call_once(initialised, [] { mosquitto_lib_init(); });

    const QByteArray clientId = uri.clientId.toUtf8();
    mosquitto *client
        = mosquitto_new(clientId.isEmpty() ? nullptr : clientId.constData(), true, obj);
    if (!client) {
        *error = QStringLiteral("cannot create an MQTT client: %1")
                     .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return nullptr;
    }
    auto fail = [client, error](const QString &message) {
        mosquitto_destroy(client);
        *error = message;
        return nullptr;
    };
    mosquitto_int_option(client, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    if (!uri.credentialsFile.isEmpty()) {
        QFile file(uri.credentialsFile);
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(
                QStringLiteral("credentials %1: %2").arg(uri.credentialsFile, file.errorString()));
        }
        const QList<QByteArray> lines = file.readAll().split('\n');
        const QByteArray user = lines.value(0).trimmed();
        const QByteArray password = lines.value(1).trimmed();
        if (user.isEmpty()) {
            return fail(QStringLiteral("credentials %1: the first line (the user name) is empty")
                            .arg(uri.credentialsFile));
        }
        const int code = mosquitto_username_pw_set(
            client, user.constData(), lines.size() > 1 ? password.constData() : nullptr);
        if (code != MOSQ_ERR_SUCCESS) {
            return fail(QStringLiteral("credentials %1: %2")
                            .arg(uri.credentialsFile, mqttErrorString(code)));
        }
    }
    if (uri.tls) {
        const QByteArray caFile = uri.caFile.toLocal8Bit();
        // Without a CA file, the system's trusted certificates.
        const int code = mosquitto_tls_set(client, caFile.isEmpty() ? nullptr : caFile.constData(),
                                           caFile.isEmpty() ? "/etc/ssl/certs" : nullptr, nullptr,
                                           nullptr, nullptr);
        if (code != MOSQ_ERR_SUCCESS) {
            return fail(
                QStringLiteral("tls: %1%2")
                    .arg(uri.caFile.isEmpty() ? QString() : uri.caFile + QStringLiteral(": "),
                         mqttErrorString(code)));
        }
    }
    return client;
}

QString mqttErrorString(int code)
{
    if (code == MOSQ_ERR_ERRNO) {
        return QString::fromLocal8Bit(std::strerror(errno));
    }
    return QString::fromUtf8(mosquitto_strerror(code));
}

} // namespace fw
