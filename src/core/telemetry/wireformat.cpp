#include "wireformat.h"

namespace fw {

std::optional<WireFormat> wireFormatFromName(QStringView name)
{
    if (name == u"jsonl") {
        return WireFormat::Jsonl;
    }
    if (name == u"csv") {
        return WireFormat::Csv;
    }
    if (name == u"ccsds") {
        return WireFormat::Ccsds;
    }
    return std::nullopt;
}

QString wireFormatName(WireFormat format)
{
    switch (format) {
    case WireFormat::Jsonl:
        return QStringLiteral("jsonl");
    case WireFormat::Csv:
        return QStringLiteral("csv");
    case WireFormat::Ccsds:
        return QStringLiteral("ccsds");
    }
    return {};
}

} // namespace fw
