#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace fw {

// What GuardedSocket decides about one complete HTTP/1.x request head (request line and header
// fields up to, not including, the blank line), before QHttpServer parses it.
struct RequestHead
{
    int status = 0;          // 0: pass it on; else the status to refuse with (400, 411, 413, 505)
    QByteArray reason;       // why it is refused
    qint64 bodyBytes = 0;    // Content-Length of an accepted request
    bool isHead = false;     // a HEAD request: its answer carries no body
    bool closeAfter = false; // the client asked to close after this request (RFC 9112 9.6)
    bool expectContinue = false; // "Expect: 100-continue" with a body
};

// Checks a request head as RFC 9110/9112 ask for what is served here: a well-formed request line
// of HTTP/1.0 or 1.1, no chunked body, one Content-Length of at most maxBodyBytes.
[[nodiscard]] RequestHead checkRequestHead(QByteArrayView head, qint64 maxBodyBytes);

// The values of header field `name` (lower case) in a head, trimmed, in order.
[[nodiscard]] QList<QByteArray> headerValues(QByteArrayView head, QByteArrayView name);
[[nodiscard]] QByteArray headerValue(QByteArrayView head, QByteArrayView name);

} // namespace fw
