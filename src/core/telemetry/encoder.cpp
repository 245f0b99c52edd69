#include "encoder.h"

#include "ccsdsencoder.h"
#include "csvencoder.h"
#include "jsonlencoder.h"

namespace fw {

std::unique_ptr<Encoder> makeEncoder(WireFormat format, const Profile &profile)
{
    switch (format) {
    case WireFormat::Jsonl:
        return std::make_unique<JsonlEncoder>(profile);
    case WireFormat::Csv:
        return std::make_unique<CsvEncoder>(profile);
    case WireFormat::Ccsds:
        return std::make_unique<CcsdsEncoder>(profile);
    }
    return nullptr;
}

} // namespace fw
