#include "service/requesthead.h"

#include <QList>

#include <algorithm>
#include <cctype>

namespace fw {

namespace {

// RFC 9110's token characters, which a method is made of.
bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
               || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
    });
}

// 0 when the request line is fine, else the status to refuse with.
int checkRequestLine(QByteArrayView line, QByteArray *reason)
{
    const QList<QByteArray> parts = line.toByteArray().split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty()
        || !parts[2].startsWith("HTTP/")) {
        *reason = "not an HTTP request line: METHOD TARGET HTTP/1.1";
        return 400;
    }
    const QByteArray version = parts[2].mid(5);
    if (version != "1.1" && version != "1.0") {
        const bool wellFormed = version.size() == 3 && version[1] == '.'
                                && std::isdigit(static_cast<unsigned char>(version[0]))
                                && std::isdigit(static_cast<unsigned char>(version[2]));
        *reason = wellFormed ? QByteArray("HTTP/1.1 and 1.0 are served, not HTTP/") + version
                             : QByteArray("not an HTTP version: ") + parts[2];
        return wellFormed ? 505 : 400;
    }
    return 0;
}

RequestHead refused(int status, QByteArray reason)
{
    RequestHead head;
    head.status = status;
    head.reason = std::move(reason);
    return head;
}

} // namespace

QList<QByteArray> headerValues(QByteArrayView head, QByteArrayView name)
{
    QList<QByteArray> values;
    qsizetype at = head.indexOf("\r\n");
    while (at >= 0 && at + 2 < head.size()) {
        const qsizetype end = head.indexOf("\r\n", at + 2);
        const QByteArrayView line = head.sliced(at + 2, (end < 0 ? head.size() : end) - at - 2);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).trimmed().toByteArray().toLower() == name) {
            values.append(line.sliced(colon + 1).trimmed().toByteArray());
        }
        at = end;
    }
    return values;
}

QByteArray headerValue(QByteArrayView head, QByteArrayView name)
{
    const QList<QByteArray> values = headerValues(head, name);
    return values.isEmpty() ? QByteArray() : values.constFirst();
}

RequestHead checkRequestHead(QByteArrayView head, qint64 maxBodyBytes)
{
    const qsizetype lineEnd = head.indexOf("\r\n");
    const QByteArrayView line = lineEnd < 0 ? head : head.first(lineEnd);
    QByteArray why;
    if (const int status = checkRequestLine(line, &why); status != 0) {
        return refused(status, why);
    }
    const QByteArray transfer = headerValue(head, "transfer-encoding").toLower();
    if (!transfer.isEmpty() && transfer != "identity") {
        return refused(411, "send the body with a Content-Length, not chunked");
    }
    const QList<QByteArray> lengths = headerValues(head, "content-length");
    const bool conflicting = std::any_of(lengths.begin(), lengths.end(), [&](const QByteArray &v) {
        return v != lengths.constFirst();
    });
    if (conflicting) {
        return refused(400, "Content-Length given twice with different values");
    }
    bool ok = true;
    const qint64 bytes = lengths.isEmpty() ? 0 : lengths.constFirst().toLongLong(&ok);
    if (!ok || bytes < 0) {
        return refused(400, "Content-Length is not a number");
    }
    if (bytes > maxBodyBytes) {
        return refused(413, "request body over " + QByteArray::number(maxBodyBytes) + " bytes");
    }
    RequestHead accepted;
    accepted.bodyBytes = bytes;
    accepted.isHead = line.startsWith("HEAD ");
    accepted.expectContinue = bytes > 0 && headerValue(head, "expect").toLower() == "100-continue";
    const QByteArray connection = headerValue(head, "connection").toLower();
    const bool http10 = line.endsWith("HTTP/1.0");
    accepted.closeAfter
        = connection.contains("close") || (http10 && !connection.contains("keep-alive"));
    return accepted;
}

} // namespace fw
