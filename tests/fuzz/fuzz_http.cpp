// libFuzzer target for the HTTP request stream as GuardedSocket frames it before QHttpServer sees
// it: heads split at the blank line, each checked, the body it announces skipped. Any bytes give
// a pass or a refusal with a status and a reason; never a body length past the limit.
#include "service/guardedtcpserver.h"
#include "service/requesthead.h"

#include <QByteArray>

#include <cstdint>

namespace {

constexpr qint64 kMaxBody = 1024 * 1024;

bool isRefusal(int status)
{
    return status == 400 || status == 411 || status == 413 || status == 505;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QByteArray stream(reinterpret_cast<const char *>(data), qsizetype(size));
    while (!stream.isEmpty()) {
        while (stream.startsWith("\r\n")) {
            stream.remove(0, 2);
        }
        const qsizetype end = stream.indexOf("\r\n\r\n");
        if (end < 0 || end + 4 > fw::GuardedTcpServer::kMaxHeadBytes) {
            return 0; // an incomplete head waits for more; an oversized one is refused 431
        }
        const fw::RequestHead head = fw::checkRequestHead(stream.first(end + 4), kMaxBody);
        if (head.status != 0) {
            if (!isRefusal(head.status) || head.reason.isEmpty()) {
                __builtin_trap();
            }
            return 0; // the connection closes after a refusal
        }
        if (head.bodyBytes < 0 || head.bodyBytes > kMaxBody) {
            __builtin_trap();
        }
        stream.remove(0, end + 4 + qsizetype(std::min<qint64>(head.bodyBytes, stream.size())));
    }
    return 0;
}
