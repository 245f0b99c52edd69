#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace fw {

enum class WireFormat { Jsonl, Csv, Ccsds };

[[nodiscard]] std::optional<WireFormat> wireFormatFromName(QStringView name);
[[nodiscard]] QString wireFormatName(WireFormat format);
// A recording's format from its file name: .csv, .jsonl or .json, .ccsds or .bin (any case).
[[nodiscard]] std::optional<WireFormat> wireFormatFromExtension(const QString &path);

} // namespace fw
