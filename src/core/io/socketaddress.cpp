#include "socketaddress.h"

#include <cstring>
#include <netdb.h>

namespace fw {

bool SocketAddress::resolve(const QString &host, std::uint16_t port, SocketAddress *out,
                            QString *error)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo *result = nullptr;
    const QByteArray hostBytes = host.toUtf8();
    const QByteArray portBytes = QByteArray::number(port);
    const int rc = getaddrinfo(hostBytes.constData(), portBytes.constData(), &hints, &result);
    if (rc != 0 || !result) {
        if (error) {
            *error = QStringLiteral("cannot resolve %1: %2")
                         .arg(host, QString::fromUtf8(gai_strerror(rc)));
        }
        return false;
    }
    std::memcpy(&out->storage, result->ai_addr, result->ai_addrlen);
    out->length = result->ai_addrlen;
    out->family = result->ai_family;
    freeaddrinfo(result);
    return true;
}

} // namespace fw
