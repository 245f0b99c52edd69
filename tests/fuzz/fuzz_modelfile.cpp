// libFuzzer target for the model file reader: any bytes are refused with a message or read, and
// a model that is read writes out to a file that reads back.
#include "detect/modelfile.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QString error;
    const auto model = fw::detect::modelFromJson(
        QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)), &error);
    if (!model) {
        if (error.isEmpty()) {
            __builtin_trap();
        }
        return 0;
    }
    if (!fw::detect::modelFromJson(fw::detect::modelToJson(*model), &error)) {
        __builtin_trap();
    }
    return 0;
}
