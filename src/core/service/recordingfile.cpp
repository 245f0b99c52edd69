#include "recordingfile.h"

#include "telemetry/decoder.h"

#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <memory>

namespace fw {

namespace {

constexpr qint64 kChunkBytes = 1 << 20;

std::optional<Recording> fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return std::nullopt;
}

bool hasAnyValue(const SampleBlock &block, int channel)
{
    for (std::size_t row = 0; row < block.size(); ++row) {
        if (!block.isMissing(row, channel)) {
            return true;
        }
    }
    return false;
}

// Splits the labels channel (the last one) off the decoded block.
void splitLabels(const SampleBlock &decoded, int channels, Recording &recording)
{
    recording.samples.reserve(decoded.size());
    recording.labels.reserve(decoded.size());
    for (std::size_t row = 0; row < decoded.size(); ++row) {
        const auto values = decoded.row(row);
        recording.samples.append(decoded.t(row), decoded.seq(row), values.first(channels));
        recording.labels.push_back(values[std::size_t(channels)]);
    }
}

} // namespace

std::uint64_t skippedCount(const DecodeCounts &errors)
{
    return errors.total() - errors.count(DecodeError::NonFinite);
}

QString skippedText(const DecodeCounts &errors)
{
    QStringList parts;
    const QJsonObject byReason = skippedJson(errors);
    for (auto it = byReason.begin(); it != byReason.end(); ++it) {
        parts.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value().toInteger()));
    }
    return parts.join(QStringLiteral(", "));
}

QJsonObject skippedJson(const DecodeCounts &errors)
{
    QJsonObject byReason;
    for (int i = 0; i < kDecodeErrorCount; ++i) {
        const auto reason = DecodeError(i);
        if (reason != DecodeError::NonFinite && errors.count(reason) > 0) {
            byReason.insert(QString::fromLatin1(decodeErrorName(reason)),
                            qint64(errors.count(reason)));
        }
    }
    return byReason;
}

std::optional<Recording> readRecording(const QString &path, const Profile &profile,
                                       const QString &labelsColumn, QString *error)
{
    const auto format = wireFormatFromExtension(path);
    if (!format) {
        return fail(error, QStringLiteral("%1: cannot tell the format from the extension (.csv, "
                                          ".jsonl, .json, .ccsds, .bin)")
                               .arg(path));
    }
    if (QFileInfo(path).isDir()) {
        return fail(error, QStringLiteral("%1: is a directory").arg(path));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(error, QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
    }

    const bool withLabels = !labelsColumn.isEmpty();
    Profile decoding = profile;
    if (withLabels) {
        if (*format == WireFormat::Ccsds) {
            return fail(error,
                        QStringLiteral("%1: a ccsds recording has no labels column").arg(path));
        }
        for (const Channel &channel : profile.channels) {
            if (channel.id == labelsColumn || channel.column == labelsColumn) {
                return fail(error, QStringLiteral("labels column '%1' is channel '%2' of profile "
                                                  "%3, not labels")
                                       .arg(labelsColumn, channel.id, profile.name));
            }
        }
        Channel labels;
        labels.id = labelsColumn;
        labels.column = labelsColumn;
        decoding.channels.push_back(labels);
    }
    const auto decoder = makeDecoder(*format, decoding);
    SampleBlock decoded(decoding.channelCount());
    QByteArray chunk(kChunkBytes, Qt::Uninitialized);
    while (!file.atEnd()) {
        const qint64 n = file.read(chunk.data(), chunk.size());
        if (n < 0) {
            return fail(error, QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
        }
        decoder->feed(std::string_view(chunk.constData(), std::size_t(n)), decoded);
    }
    decoder->finish(decoded);

    Recording recording;
    recording.path = path;
    recording.format = *format;
    recording.errors = decoder->errors();
    if (decoded.isEmpty()) {
        const QString skipped = skippedText(recording.errors);
        return fail(error,
                    QStringLiteral("%1: no %2 samples in it%3")
                        .arg(path, profile.name,
                             skipped.isEmpty() ? QString()
                                               : QStringLiteral(" (skipped: %1)").arg(skipped)));
    }
    // A channel with no value anywhere is a file made for another profile (or a misspelt
    // column), not a dropout: refuse it rather than train or score on nothing.
    for (int c = 0; c < profile.channelCount(); ++c) {
        if (!hasAnyValue(decoded, c)) {
            const Channel &channel = profile.channels[std::size_t(c)];
            return fail(error, QStringLiteral("%1: no value for channel '%2' (column '%3') of "
                                              "profile %4 in any of its %5 rows; does the file "
                                              "match the profile?")
                                   .arg(path, channel.id,
                                        channel.column.isEmpty() ? channel.id : channel.column,
                                        profile.name)
                                   .arg(decoded.size()));
        }
    }
    if (withLabels && !hasAnyValue(decoded, profile.channelCount())) {
        return fail(error, QStringLiteral("%1: no labels column '%2' (or no value in it)")
                               .arg(path, labelsColumn));
    }
    if (withLabels) {
        recording.samples = SampleBlock(profile.channelCount());
        splitLabels(decoded, profile.channelCount(), recording);
    } else {
        recording.samples = std::move(decoded);
    }
    return recording;
}

} // namespace fw
