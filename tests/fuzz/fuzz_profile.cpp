// libFuzzer target for the profile reader: any bytes are refused with a message or read.
#include "telemetry/profile.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QString error;
    const auto profile = fw::Profile::fromJson(
        QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)), &error);
    if (!profile && error.isEmpty()) {
        __builtin_trap(); // a refusal always says why
    }
    return 0;
}
