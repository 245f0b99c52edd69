#pragma once

#include <QString>

#include <cstdint>
#include <sys/socket.h>

namespace fw {

// A resolved numeric or named host and port for the POSIX socket calls.
struct SocketAddress
{
    sockaddr_storage storage{};
    socklen_t length = 0;
    int family = AF_UNSPEC;

    [[nodiscard]] const sockaddr *get() const
    {
        return reinterpret_cast<const sockaddr *>(&storage);
    }
    [[nodiscard]] static bool resolve(const QString &host, std::uint16_t port, SocketAddress *out,
                                      QString *error);
};

} // namespace fw
