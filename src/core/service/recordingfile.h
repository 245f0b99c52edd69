#pragma once

#include "telemetry/decodeerror.h"
#include "telemetry/profile.h"
#include "telemetry/sampleblock.h"
#include "telemetry/wireformat.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace fw {

// A recording read whole for batch work (train, score): the decoded samples in file order.
struct Recording
{
    QString path;
    WireFormat format = WireFormat::Csv;
    SampleBlock samples; // the profile's channels, in profile order
    // One value of the labels column per sample (NaN where the row has none); empty when no
    // labels column was asked for.
    std::vector<double> labels;
    // What the decoder reported. Every reason but NonFinite is a skipped line or record; a
    // NonFinite value is kept as missing.
    DecodeCounts errors;
};

// Lines or records the decoder skipped (every reason but NonFinite, whose value is kept as
// missing), in total, as text ("malformed 3, bad_time 1", empty when none) and as a JSON object
// keyed by reason.
[[nodiscard]] std::uint64_t skippedCount(const DecodeCounts &errors);
[[nodiscard]] QString skippedText(const DecodeCounts &errors);
[[nodiscard]] QJsonObject skippedJson(const DecodeCounts &errors);

// Reads a recording with the decoder its extension names (wireFormatFromExtension: .csv, .jsonl,
// .json, .ccsds, .bin), so a file reads as it replays through file://. Malformed lines are
// skipped and counted, as the decoders do everywhere.
//
// labelsColumn, when not empty, names a csv column (jsonl key) read next to the channels: it is
// decoded as one more channel, so it follows the same header, delimiter and quoting rules.
//
// Fails with a message naming the file and the problem when the file cannot be read, has no
// extension we know, yields no samples, has no value for one of the profile's channels in any
// row (its columns do not match the profile), or has no value in the labels column.
[[nodiscard]] std::optional<Recording> readRecording(const QString &path, const Profile &profile,
                                                     const QString &labelsColumn, QString *error);

} // namespace fw
