#include "decoder.h"

#include "ccsdsdecoder.h"
#include "csvdecoder.h"
#include "jsonldecoder.h"

namespace fw {

std::unique_ptr<Decoder> makeDecoder(WireFormat format, const Profile &profile)
{
    switch (format) {
    case WireFormat::Jsonl:
        return std::make_unique<JsonlDecoder>(profile);
    case WireFormat::Csv:
        return std::make_unique<CsvDecoder>(profile);
    case WireFormat::Ccsds:
        return std::make_unique<CcsdsDecoder>(profile);
    }
    return nullptr;
}

} // namespace fw
