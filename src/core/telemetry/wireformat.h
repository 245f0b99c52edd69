#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace fw {

enum class WireFormat { Jsonl, Csv, Ccsds };

[[nodiscard]] std::optional<WireFormat> wireFormatFromName(QStringView name);
[[nodiscard]] QString wireFormatName(WireFormat format);

} // namespace fw
