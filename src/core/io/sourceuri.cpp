#include "sourceuri.h"

#include <QHostAddress>
#include <QLocale>
#include <QStringList>
#include <QUrl>

#include <array>
#include <cmath>

namespace fw {

namespace {

using Scheme = SourceUri::Scheme;

constexpr std::array kSchemes{Scheme::Udp,  Scheme::Tcp, Scheme::TcpListen,
                              Scheme::File, Scheme::Sim, Scheme::Mqtt};

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

QString knownSchemes()
{
    QStringList names;
    for (Scheme scheme : kSchemes) {
        names.append(SourceUri::schemeName(scheme));
    }
    return names.join(QStringLiteral(", "));
}

QStringList allowedOptions(Scheme scheme)
{
    switch (scheme) {
    case Scheme::Udp:
        return {QStringLiteral("format"), QStringLiteral("rcvbuf"), QStringLiteral("stream"),
                QStringLiteral("shard")};
    case Scheme::Tcp:
    case Scheme::TcpListen:
        return {QStringLiteral("format"), QStringLiteral("stream"), QStringLiteral("shard")};
    case Scheme::File:
        return {QStringLiteral("speed"),  QStringLiteral("loop"),   QStringLiteral("paused"),
                QStringLiteral("format"), QStringLiteral("stream"), QStringLiteral("shard")};
    case Scheme::Sim:
        return {QStringLiteral("rate"), QStringLiteral("scenario"), QStringLiteral("seed")};
    case Scheme::Mqtt:
        return {QStringLiteral("format"), QStringLiteral("qos"),         QStringLiteral("tls"),
                QStringLiteral("ca"),     QStringLiteral("credentials"), QStringLiteral("client"),
                QStringLiteral("stream"), QStringLiteral("shard")};
    }
    return {};
}

StreamKey defaultStreamKey(SourceUri::Scheme scheme)
{
    return scheme == SourceUri::Scheme::Mqtt ? StreamKey{StreamKey::Kind::Topic, 0} : StreamKey{};
}

// A stream key the source's records cannot have (a topic level the filter's topics lack, a
// field of a CCSDS packet) would put every record in one nameless stream: said at once.
bool checkStreamKey(const SourceUri &uri, QString *error)
{
    const StreamKey &key = uri.streamKey;
    if (key.shards > 1 && key.kind == StreamKey::Kind::None) {
        return fail(error, QStringLiteral("shard: a fleet is sharded by its streams, and "
                                          "stream=none makes one stream"));
    }
    if (key.kind == StreamKey::Kind::Topic && uri.scheme != SourceUri::Scheme::Mqtt) {
        return fail(error, QStringLiteral("stream: only mqtt:// has topics; name streams with "
                                          "field:NAME (jsonl, csv) or apid (ccsds)"));
    }
    if (key.kind == StreamKey::Kind::Field && uri.format == WireFormat::Ccsds) {
        return fail(error, QStringLiteral("stream: CCSDS packets have no named fields; name "
                                          "their streams with stream=apid"));
    }
    if (key.kind == StreamKey::Kind::Apid && uri.format != WireFormat::Ccsds) {
        return fail(error, QStringLiteral("stream: apid names the streams of format=ccsds, "
                                          "not of %1; use field:NAME")
                               .arg(wireFormatName(uri.format)));
    }
    if (uri.streamKey.kind != StreamKey::Kind::Topic || uri.streamKey.level == 0
        || uri.topic.endsWith(u'#')) {
        return true;
    }
    // A shared subscription's "$share/GROUP/" is not part of the topics it delivers.
    const qsizetype shared = uri.topic.startsWith(u"$share/") ? 2 : 0;
    const qsizetype levels = uri.topic.count(u'/') + 1 - shared;
    if (uri.streamKey.level <= levels) {
        return true;
    }
    return fail(error, QStringLiteral("stream: the topics of '%1' have %2 levels, not %3")
                           .arg(uri.topic)
                           .arg(levels)
                           .arg(uri.streamKey.level));
}

bool isHostName(QStringView host)
{
    if (host.isEmpty() || host.size() > 253 || host.startsWith(u'-') || host.startsWith(u'.')
        || host.endsWith(u'.') || host.endsWith(u'-')) {
        return false;
    }
    for (QChar c : host) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
                        || (c >= u'0' && c <= u'9') || c == u'-' || c == u'.';
        if (!ok) {
            return false;
        }
    }
    return !host.contains(u"..");
}

QString formatNumber(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// Parses "HOST:PORT" or "[V6]:PORT" of a network scheme.
bool parseAuthority(const QString &authority, const QString &scheme, SourceUri *uri, QString *error)
{
    const QString usage = QStringLiteral("write %1://HOST:PORT").arg(scheme);
    QString host;
    QString rest; // ":PORT" or ""
    if (authority.startsWith(u'[')) {
        const qsizetype close = authority.indexOf(u']');
        if (close < 0) {
            return fail(error,
                        QStringLiteral("%1: missing ']' after the IPv6 address").arg(scheme));
        }
        host = authority.mid(1, close - 1);
        rest = authority.mid(close + 1);
        const QHostAddress address(host);
        if (address.isNull() || address.protocol() != QAbstractSocket::IPv6Protocol) {
            return fail(error, QStringLiteral("%1: bad host '[%2]' (expected an IPv6 address "
                                              "inside the brackets)")
                                   .arg(scheme, host));
        }
    } else {
        const qsizetype colon = authority.lastIndexOf(u':');
        host = colon < 0 ? authority : authority.left(colon);
        rest = colon < 0 ? QString() : authority.mid(colon);
        if (host.contains(u':')) {
            return fail(error, QStringLiteral("%1: IPv6 address '%2' must be written in "
                                              "brackets, e.g. %1://[::1]:9000")
                                   .arg(scheme, host));
        }
        if (host.isEmpty()) {
            return fail(error, QStringLiteral("%1: missing host (%2)").arg(scheme, usage));
        }
        if (!isHostName(host)) {
            return fail(error, QStringLiteral("%1: bad host '%2' (expected an IPv4 address, a "
                                              "host name or an IPv6 address in brackets)")
                                   .arg(scheme, host));
        }
    }
    if (rest.isEmpty() || rest == u":") {
        return fail(error, QStringLiteral("%1: missing port (%2)").arg(scheme, usage));
    }
    if (!rest.startsWith(u':')) {
        return fail(
            error,
            QStringLiteral("%1: unexpected '%2' after the host (%3)").arg(scheme, rest, usage));
    }
    const QString portText = rest.mid(1);
    bool digitsOnly = portText.size() <= 5;
    for (QChar c : portText) {
        digitsOnly = digitsOnly && c >= u'0' && c <= u'9';
    }
    const uint port = digitsOnly ? portText.toUInt() : 0;
    if (port < 1 || port > 65535) {
        return fail(error, QStringLiteral("%1: bad port '%2' (expected a number from 1 to 65535)")
                               .arg(scheme, portText));
    }
    uri->host = host;
    uri->port = std::uint16_t(port);
    return true;
}

bool parseBool(const QString &text, bool *value)
{
    if (text == u"1" || text.compare(u"true", Qt::CaseInsensitive) == 0) {
        *value = true;
        return true;
    }
    if (text == u"0" || text.compare(u"false", Qt::CaseInsensitive) == 0) {
        *value = false;
        return true;
    }
    return false;
}

bool parseNonNegative(const QString &text, double *value)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < 0) {
        return false;
    }
    *value = v;
    return true;
}

bool applyOption(SourceUri *uri, const QString &key, const QString &value, QString *error)
{
    if (key == u"format") {
        const auto format = wireFormatFromName(value);
        if (!format) {
            return fail(error, QStringLiteral("format: unknown format '%1' (expected one of: "
                                              "jsonl, csv, ccsds)")
                                   .arg(value));
        }
        uri->format = *format;
    } else if (key == u"rcvbuf") {
        bool ok = false;
        const int bytes = value.toInt(&ok);
        if (!ok || bytes < 1024 || bytes > (1 << 30)) {
            return fail(error, QStringLiteral("rcvbuf: expected a receive buffer size in bytes "
                                              "from 1024 to 1073741824, got '%1'")
                                   .arg(value));
        }
        uri->receiveBufferBytes = bytes;
    } else if (key == u"speed") {
        if (!parseNonNegative(value, &uri->speed)) {
            return fail(error, QStringLiteral("speed: expected a number >= 0 (0 = as fast as "
                                              "possible), got '%1'")
                                   .arg(value));
        }
    } else if (key == u"loop") {
        if (!parseBool(value, &uri->loop)) {
            return fail(error,
                        QStringLiteral("loop: expected 0, 1, true or false, got '%1'").arg(value));
        }
    } else if (key == u"paused") {
        if (!parseBool(value, &uri->paused)) {
            return fail(
                error, QStringLiteral("paused: expected 0, 1, true or false, got '%1'").arg(value));
        }
    } else if (key == u"rate") {
        if (!parseNonNegative(value, &uri->rateHz)) {
            return fail(error, QStringLiteral("rate: expected a rate in Hz >= 0 (0 = the "
                                              "profile's rate), got '%1'")
                                   .arg(value));
        }
    } else if (key == u"scenario") {
        if (value.isEmpty()) {
            return fail(error, QStringLiteral("scenario: expected a scenario name, e.g. "
                                              "scenario=drift"));
        }
        uri->scenario = value;
    } else if (key == u"seed") {
        bool ok = false;
        const qulonglong seed = value.toULongLong(&ok);
        if (!ok || value.startsWith(u'+') || value.startsWith(u'-')) {
            return fail(error, QStringLiteral("seed: expected a whole number from 0 to "
                                              "18446744073709551615, got '%1'")
                                   .arg(value));
        }
        uri->seed = seed;
    } else if (key == u"qos") {
        if (value != u"0" && value != u"1" && value != u"2") {
            return fail(error, QStringLiteral("qos: expected 0, 1 or 2, got '%1'").arg(value));
        }
        uri->qos = value.toInt();
    } else if (key == u"tls") {
        if (!parseBool(value, &uri->tls)) {
            return fail(error,
                        QStringLiteral("tls: expected 0, 1, true or false, got '%1'").arg(value));
        }
    } else if (key == u"ca" || key == u"credentials") {
        if (value.isEmpty()) {
            return fail(error, QStringLiteral("%1: expected a file path").arg(key));
        }
        (key == u"ca" ? uri->caFile : uri->credentialsFile) = value;
    } else if (key == u"client") {
        // MQTT 3.1.1 promises brokers take 1 to 23 characters; most take far more.
        if (value.isEmpty() || value.toUtf8().size() > 65535) {
            return fail(error, QStringLiteral("client: expected a client id of 1 to 65535 bytes"));
        }
        uri->clientId = value;
    } else if (key == u"stream") {
        std::string reason;
        // Parsed into a copy: the shard may have come first.
        StreamKey parsed;
        if (!StreamKey::parse(value.toStdString(), &parsed, &reason)) {
            return fail(error, QString::fromStdString(reason));
        }
        uri->streamKey.kind = parsed.kind;
        uri->streamKey.level = parsed.level;
        uri->streamKey.field = std::move(parsed.field);
    } else if (key == u"shard") {
        std::string reason;
        if (!uri->streamKey.parseShard(value.toStdString(), &reason)) {
            return fail(error, QString::fromStdString(reason));
        }
    }
    return true;
}

bool parseQuery(const QString &query, SourceUri *uri, QString *error)
{
    const QString scheme = SourceUri::schemeName(uri->scheme);
    const QStringList allowed = allowedOptions(uri->scheme);
    QStringList seen;
    const QStringList items = query.split(u'&', Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype eq = item.indexOf(u'=');
        const QString key
            = QUrl::fromPercentEncoding(item.left(eq < 0 ? item.size() : eq).toUtf8());
        if (!allowed.contains(key)) {
            return fail(error, QStringLiteral("unknown option '%1' for %2:// (allowed: %3)")
                                   .arg(key, scheme, allowed.join(QStringLiteral(", "))));
        }
        if (eq < 0) {
            return fail(error,
                        QStringLiteral("option '%1' has no value (write %1=VALUE)").arg(key));
        }
        if (seen.contains(key)) {
            return fail(error, QStringLiteral("option '%1' given twice").arg(key));
        }
        seen.append(key);
        const QString value = QUrl::fromPercentEncoding(item.mid(eq + 1).toUtf8());
        if (!applyOption(uri, key, value, error)) {
            return false;
        }
    }
    if (uri->scheme == Scheme::File && !seen.contains(QStringLiteral("format"))) {
        const auto format = wireFormatFromExtension(uri->path);
        if (!format) {
            return fail(error, QStringLiteral("file: cannot tell the format of '%1' from its "
                                              "extension (.csv, .jsonl, .json, .ccsds, .bin); "
                                              "add ?format=jsonl, csv or ccsds")
                                   .arg(uri->path));
        }
        uri->format = *format;
    }
    if (uri->scheme == Scheme::Mqtt && !uri->caFile.isEmpty() && !uri->tls) {
        return fail(error, QStringLiteral("ca: only with tls=1"));
    }
    return true;
}

QString encodePathLike(const QString &text)
{
    // Only what parse() gives a meaning to is escaped, so that ordinary paths stay readable: the
    // option characters, control characters, and white space at either end (parse() trims the
    // URI, so "sim://f\t" would lose its tab; found by fuzz_sourceuri).
    qsizetype first = 0;
    while (first < text.size() && text[first].isSpace()) {
        ++first;
    }
    qsizetype last = text.size();
    while (last > first && text[last - 1].isSpace()) {
        --last;
    }
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'%') {
            out += QStringLiteral("%25");
        } else if (c == u'?') {
            out += QStringLiteral("%3F");
        } else if (c == u'&') {
            out += QStringLiteral("%26");
        } else if (c == u'#') {
            out += QStringLiteral("%23");
        } else if (c.unicode() < 0x20 || c.unicode() == 0x7F || i < first || i >= last) {
            for (const char byte : QString(c).toUtf8()) {
                out += u'%'
                       + QStringLiteral("%1")
                             .arg(int(static_cast<unsigned char>(byte)), 2, 16, QLatin1Char('0'))
                             .toUpper();
            }
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

QString SourceUri::schemeName(Scheme scheme)
{
    switch (scheme) {
    case Scheme::Udp:
        return QStringLiteral("udp");
    case Scheme::Tcp:
        return QStringLiteral("tcp");
    case Scheme::TcpListen:
        return QStringLiteral("tcp-listen");
    case Scheme::File:
        return QStringLiteral("file");
    case Scheme::Sim:
        return QStringLiteral("sim");
    case Scheme::Mqtt:
        return QStringLiteral("mqtt");
    }
    return {};
}

std::optional<SourceUri> SourceUri::parse(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        fail(error, QStringLiteral("empty source URI (expected SCHEME://..., with a scheme of "
                                   "%1)")
                        .arg(knownSchemes()));
        return std::nullopt;
    }
    const qsizetype sep = trimmed.indexOf(u"://");
    if (sep < 0) {
        fail(error, QStringLiteral("'%1' is not a source URI (expected SCHEME://..., with a "
                                   "scheme of %2)")
                        .arg(trimmed, knownSchemes()));
        return std::nullopt;
    }
    const QString schemeText = trimmed.left(sep).toLower();
    SourceUri uri;
    bool known = false;
    for (Scheme scheme : kSchemes) {
        if (schemeName(scheme) == schemeText) {
            uri.scheme = scheme;
            known = true;
        }
    }
    if (!known) {
        fail(error, QStringLiteral("unknown scheme '%1' (known schemes: %2)")
                        .arg(trimmed.left(sep), knownSchemes()));
        return std::nullopt;
    }

    const QString rest = trimmed.mid(sep + 3);
    const qsizetype question = rest.indexOf(u'?');
    const QString body = question < 0 ? rest : rest.left(question);
    const QString query = question < 0 ? QString() : rest.mid(question + 1);

    switch (uri.scheme) {
    case Scheme::Udp:
    case Scheme::Tcp:
    case Scheme::TcpListen:
        if (!parseAuthority(body, schemeText, &uri, error)) {
            return std::nullopt;
        }
        break;
    case Scheme::File:
        uri.path = QUrl::fromPercentEncoding(body.toUtf8());
        if (uri.path.isEmpty()) {
            fail(error, QStringLiteral("file: missing path (write file:///path/to/recording.csv)"));
            return std::nullopt;
        }
        break;
    case Scheme::Sim:
        uri.profile = QUrl::fromPercentEncoding(body.toUtf8());
        if (uri.profile.isEmpty()) {
            fail(error, QStringLiteral("sim: missing profile (write sim://spacecraft)"));
            return std::nullopt;
        }
        break;
    case Scheme::Mqtt: {
        const qsizetype slash = body.indexOf(u'/');
        if (slash < 0 || slash == body.size() - 1) {
            fail(error, QStringLiteral("mqtt: missing topic (write mqtt://HOST:PORT/TOPIC, e.g. "
                                       "mqtt://127.0.0.1:1883/vehicles/+/telemetry)"));
            return std::nullopt;
        }
        if (!parseAuthority(body.left(slash), schemeText, &uri, error)) {
            return std::nullopt;
        }
        uri.topic = QUrl::fromPercentEncoding(body.mid(slash + 1).toUtf8());
        QString reason;
        if (!isTopicFilter(uri.topic, &reason)) {
            fail(error, QStringLiteral("mqtt: bad topic filter '%1': %2").arg(uri.topic, reason));
            return std::nullopt;
        }
        uri.streamKey = defaultStreamKey(uri.scheme);
        break;
    }
    }
    if (!parseQuery(query, &uri, error)) {
        return std::nullopt;
    }
    if (!checkStreamKey(uri, error)) {
        return std::nullopt;
    }
    return uri;
}

QString SourceUri::toString() const
{
    QString text = schemeName(scheme) + QStringLiteral("://");
    QStringList options;
    switch (scheme) {
    case Scheme::Udp:
    case Scheme::Tcp:
    case Scheme::TcpListen:
        text += host.contains(u':') ? u'[' + host + u']' : host;
        text += u':' + QString::number(port);
        if (format != WireFormat::Jsonl) {
            options.append(QStringLiteral("format=") + wireFormatName(format));
        }
        if (receiveBufferBytes != 0) {
            options.append(QStringLiteral("rcvbuf=") + QString::number(receiveBufferBytes));
        }
        break;
    case Scheme::File:
        text += encodePathLike(path);
        if (speed != 1) {
            options.append(QStringLiteral("speed=") + formatNumber(speed));
        }
        if (loop) {
            options.append(QStringLiteral("loop=1"));
        }
        if (paused) {
            options.append(QStringLiteral("paused=1"));
        }
        if (wireFormatFromExtension(path) != format) {
            options.append(QStringLiteral("format=") + wireFormatName(format));
        }
        break;
    case Scheme::Sim:
        text += encodePathLike(profile);
        if (rateHz != 0) {
            options.append(QStringLiteral("rate=") + formatNumber(rateHz));
        }
        if (!scenario.isEmpty()) {
            options.append(QStringLiteral("scenario=") + encodePathLike(scenario));
        }
        if (seed != 1) {
            options.append(QStringLiteral("seed=") + QString::number(seed));
        }
        break;
    case Scheme::Mqtt:
        text += host.contains(u':') ? u'[' + host + u']' : host;
        text += u':' + QString::number(port) + u'/';
        // '#' is a wildcard here, and parse() gives it no other meaning: kept readable.
        text += encodePathLike(topic).replace(QStringLiteral("%23"), QStringLiteral("#"));
        if (format != WireFormat::Jsonl) {
            options.append(QStringLiteral("format=") + wireFormatName(format));
        }
        if (qos != 0) {
            options.append(QStringLiteral("qos=") + QString::number(qos));
        }
        if (tls) {
            options.append(QStringLiteral("tls=1"));
        }
        if (!caFile.isEmpty()) {
            options.append(QStringLiteral("ca=") + encodePathLike(caFile));
        }
        if (!credentialsFile.isEmpty()) {
            options.append(QStringLiteral("credentials=") + encodePathLike(credentialsFile));
        }
        if (!clientId.isEmpty()) {
            options.append(QStringLiteral("client=") + encodePathLike(clientId));
        }
        break;
    }
    if (const std::string key = streamKey.toString(); key != defaultStreamKey(scheme).toString()) {
        options.append(QStringLiteral("stream=") + encodePathLike(QString::fromStdString(key)));
    }
    if (streamKey.shards > 1) {
        options.append(QStringLiteral("shard=%1/%2").arg(streamKey.shard).arg(streamKey.shards));
    }
    if (!options.isEmpty()) {
        text += u'?' + options.join(u'&');
    }
    return text;
}

bool SourceUri::isTopicFilter(const QString &filter, QString *error)
{
    if (filter.isEmpty()) {
        return fail(error, QStringLiteral("empty"));
    }
    if (filter.toUtf8().size() > 65535) {
        return fail(error, QStringLiteral("longer than 65535 bytes"));
    }
    const QStringList levels = filter.split(u'/');
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const QString &level = levels[i];
        if (level.contains(QChar(0))) {
            return fail(error, QStringLiteral("a topic holds no NUL character"));
        }
        if (level.contains(u'#') && (level != u"#" || i != levels.size() - 1)) {
            return fail(error, QStringLiteral("'#' must be a whole level, and the last one"));
        }
        if (level.contains(u'+') && level != u"+") {
            return fail(error, QStringLiteral("'+' must be a whole level"));
        }
    }
    return true;
}

bool SourceUri::isMulticast() const
{
    if (scheme != Scheme::Udp) {
        return false;
    }
    return QHostAddress(host).isMulticast();
}

} // namespace fw
