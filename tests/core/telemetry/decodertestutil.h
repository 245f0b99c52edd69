#pragma once

#include "telemetry/decoder.h"
#include "telemetry/profile.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <cstdint>
#include <limits>

// Helpers shared by the decoder and encoder tests: samples and error counts are rendered as text
// with exact (shortest round-trip) numbers, so a mismatch shows both sides in full.
namespace fw::test {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

struct Row
{
    double t = 0;
    qint64 seq = SampleBlock::kNoSeq;
    QList<double> values; // kMissing for a missing value
};
using Rows = QList<Row>;

// A 3-channel profile: "temperature", "voltage" read from csv column "Bus Voltage", "flow";
// APID 42; CUC epoch 2000-01-01T12:00:00Z.
[[nodiscard]] Profile testProfile();
[[nodiscard]] Profile builtinProfile(const QString &name);

// "t=1.5 seq=3 [21.4 - 3]" per sample, one per line.
[[nodiscard]] QString render(const SampleBlock &block);
[[nodiscard]] QString render(const Rows &rows);
// "malformed=1 bad_time=2", or "none".
[[nodiscard]] QString render(const DecodeCounts &counts);

struct Decoded
{
    QString samples;
    QString errors;
};

// Feeds data in parts cut at the given offsets (ascending), then finish()es.
[[nodiscard]] Decoded decodeInParts(WireFormat format, const Profile &profile,
                                    const QByteArray &data, const QList<qsizetype> &cuts = {});
[[nodiscard]] Decoded decodeByteByByte(WireFormat format, const Profile &profile,
                                       const QByteArray &data);
// Feeds data in chunks of `chunk` bytes (0: all at once), then finish()es.
[[nodiscard]] Decoded decodeInChunks(WireFormat format, const Profile &profile,
                                     const QByteArray &data, qsizetype chunk);
// " whole", " in chunks" or " byte by byte": a data tag suffix for decodeInChunks' chunk.
[[nodiscard]] QByteArray chunkSuffix(qsizetype chunk);
// Checks that every two-part split and a byte-by-byte feed decode like the whole stream.
void verifySplitInvariance(WireFormat format, const Profile &profile, const QByteArray &data);
// Mutates four random bytes of valid + valid, 40 times over, and checks each result with
// verifySplitInvariance(): broken input must not depend on how the bytes arrive.
void verifyMutatedStreamsSplitInvariance(WireFormat format, const QByteArray &valid);

// Decoding cases with the test profile, one data row each: the columns "input" (QByteArray),
// "expected" (Rows) and "errors" (QString, as render(DecodeCounts) writes it).
void addDecodeCaseColumns();
void addCase(const char *name, const QByteArray &input, const Rows &rows, const char *errors);
// Decodes the current row's input whole and checks samples and errors, then that every split
// decodes the same.
void verifyDecodeCase(WireFormat format);

} // namespace fw::test

Q_DECLARE_METATYPE(fw::test::Rows)
