// libFuzzer target for the source URI parser: any text is refused with a message or parsed, and
// a parsed URI written back with toString() parses to the same fields.
#include "io/sourceuri.h"

#include <QString>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QString error;
    const auto uri = fw::SourceUri::parse(
        QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)), &error);
    if (!uri) {
        if (error.isEmpty()) {
            __builtin_trap();
        }
        return 0;
    }
    const auto again = fw::SourceUri::parse(uri->toString(), &error);
    if (!again || !(*again == *uri)) {
        __builtin_trap();
    }
    return 0;
}
