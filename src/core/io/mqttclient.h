#pragma once

#include "sourceuri.h"

#include <QString>

struct mosquitto;

namespace fw {

// A libmosquitto client for an mqtt:// URI, shared by the source and the sink: MQTT 3.1.1, a
// clean session, the client id, user name and password (from the credentials file: a user name
// line, then a password line) and TLS as the URI says. obj is handed back to the callbacks.
// Null with the reason in *error (an unreadable credentials file, a CA file TLS refuses).
[[nodiscard]] mosquitto *newMqttClient(const SourceUri &uri, void *obj, QString *error);

// libmosquitto's text for one of its error codes, with errno's for MOSQ_ERR_ERRNO.
[[nodiscard]] QString mqttErrorString(int code);

} // namespace fw
