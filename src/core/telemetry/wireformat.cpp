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

std::optional<WireFormat> wireFormatFromExtension(const QString &path)
{
    const QString lower = path.toLower();
    if (lower.endsWith(u".csv")) {
        return WireFormat::Csv;
    }
    if (lower.endsWith(u".jsonl") || lower.endsWith(u".json")) {
        return WireFormat::Jsonl;
    }
    if (lower.endsWith(u".ccsds") || lower.endsWith(u".bin")) {
        return WireFormat::Ccsds;
    }
    return std::nullopt;
}

} // namespace fw
