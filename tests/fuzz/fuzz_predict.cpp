// libFuzzer target for the /predict body: any bytes get 200 with results or 400 with a reason,
// scored with the bundled spacecraft model.
#include "detect/modelfile.h"
#include "service/predict.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <memory>

namespace {

std::shared_ptr<const fw::detect::DetectorModel> model()
{
    static const auto m = [] {
        QString error;
        auto loaded = fw::detect::loadModel(
            QStringLiteral(FW_SOURCE_DIR "/resources/models/spacecraft.json"), &error);
        if (!loaded) {
            __builtin_trap();
        }
        return std::make_shared<const fw::detect::DetectorModel>(std::move(*loaded));
    }();
    return m;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const fw::PredictReply reply
        = fw::predict(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)), model(),
                      QStringLiteral("spacecraft.json"), QStringLiteral("0"));
    if (reply.status != 200 && reply.status != 400) {
        __builtin_trap();
    }
    return 0;
}
