#include "decodertestutil.h"

#include <QTest>

#include <array>
#include <charconv>
#include <cmath>
#include <random>

namespace fw::test {

namespace {

QString number(double v)
{
    if (std::isnan(v)) {
        return QStringLiteral("-");
    }
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
    return QString::fromLatin1(buffer.data(), int(result.ptr - buffer.data()));
}

QString renderRow(double t, qint64 seq, const QStringList &values)
{
    return QStringLiteral("t=%1 seq=%2 [%3]")
        .arg(number(t), seq == SampleBlock::kNoSeq ? QStringLiteral("-") : QString::number(seq),
             values.join(u' '));
}

} // namespace

Profile testProfile()
{
    const QByteArray json = R"({"name": "test", "apid": 42, "epoch": 946728000, "channels": [
        {"id": "temperature"}, {"id": "voltage", "column": "Bus Voltage"}, {"id": "flow"}]})";
    QString error;
    const auto profile = Profile::fromJson(json, &error);
    if (!profile) {
        qFatal("test profile: %s", qPrintable(error));
    }
    return *profile;
}

Profile builtinProfile(const QString &name)
{
    QString error;
    const auto profile = Profile::load(name, &error);
    if (!profile) {
        qFatal("profile %s: %s", qPrintable(name), qPrintable(error));
    }
    return *profile;
}

QString render(const SampleBlock &block)
{
    QStringList lines;
    for (std::size_t row = 0; row < block.size(); ++row) {
        QStringList values;
        for (int c = 0; c < block.channelCount(); ++c) {
            // A missing value must be both flagged and NaN; anything else shows up as "?".
            const bool missing = block.isMissing(row, c);
            const double v = block.value(row, c);
            values << (missing != std::isnan(v) ? QStringLiteral("?") : number(v));
        }
        lines << renderRow(block.t(row), block.seq(row), values);
    }
    return lines.join(u'\n');
}

QString render(const Rows &rows)
{
    QStringList lines;
    for (const Row &row : rows) {
        QStringList values;
        for (double v : row.values) {
            values << number(v);
        }
        lines << renderRow(row.t, row.seq, values);
    }
    return lines.join(u'\n');
}

QString render(const DecodeCounts &counts)
{
    QStringList parts;
    for (int i = 0; i < kDecodeErrorCount; ++i) {
        const auto reason = DecodeError(i);
        if (counts.count(reason) > 0) {
            parts << QStringLiteral("%1=%2")
                         .arg(QString::fromLatin1(decodeErrorName(reason)))
                         .arg(counts.count(reason));
        }
    }
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(u' ');
}

Decoded decodeInParts(WireFormat format, const Profile &profile, const QByteArray &data,
                      const QList<qsizetype> &cuts)
{
    const auto decoder = makeDecoder(format, profile);
    SampleBlock block(profile.channelCount());
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        decoder->feed(std::string_view(data.constData() + from, std::size_t(cut - from)), block);
        from = cut;
    }
    decoder->feed(std::string_view(data.constData() + from, std::size_t(data.size() - from)),
                  block);
    decoder->finish(block);
    return {render(block), render(decoder->errors())};
}

Decoded decodeByteByByte(WireFormat format, const Profile &profile, const QByteArray &data)
{
    QList<qsizetype> cuts;
    for (qsizetype i = 1; i < data.size(); ++i) {
        cuts << i;
    }
    return decodeInParts(format, profile, data, cuts);
}

Decoded decodeInChunks(WireFormat format, const Profile &profile, const QByteArray &data,
                       qsizetype chunk)
{
    QList<qsizetype> cuts;
    for (qsizetype at = chunk; chunk > 0 && at < data.size(); at += chunk) {
        cuts << at;
    }
    return decodeInParts(format, profile, data, cuts);
}

QByteArray chunkSuffix(qsizetype chunk)
{
    return chunk == 0 ? " whole" : chunk == 1 ? " byte by byte" : " in chunks";
}

void verifySplitInvariance(WireFormat format, const Profile &profile, const QByteArray &data)
{
    const Decoded whole = decodeInParts(format, profile, data);
    for (qsizetype cut = 0; cut <= data.size(); ++cut) {
        const Decoded split = decodeInParts(format, profile, data, {cut});
        QVERIFY2(split.samples == whole.samples && split.errors == whole.errors,
                 qPrintable(QStringLiteral("split at %1:\n%2\n%3\nwhole:\n%4\n%5")
                                .arg(cut)
                                .arg(split.samples, split.errors, whole.samples, whole.errors)));
    }
    const Decoded bytes = decodeByteByByte(format, profile, data);
    QCOMPARE(bytes.samples, whole.samples);
    QCOMPARE(bytes.errors, whole.errors);
}

void verifyMutatedStreamsSplitInvariance(WireFormat format, const QByteArray &valid)
{
    const QByteArray alphabet = "{}[]\",:;\\ \t\r\n-+.eE0123456789tnaINu\xEF\xBB\xBF";
    std::mt19937 random(20240517);
    for (int round = 0; round < 40; ++round) {
        QByteArray stream = valid + valid;
        for (int i = 0; i < 4; ++i) {
            stream[qsizetype(random() % std::uint32_t(stream.size()))]
                = alphabet[qsizetype(random() % std::uint32_t(alphabet.size()))];
        }
        verifySplitInvariance(format, testProfile(), stream);
    }
}

void addDecodeCaseColumns()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Rows>("expected");
    QTest::addColumn<QString>("errors");
}

void addCase(const char *name, const QByteArray &input, const Rows &rows, const char *errors)
{
    QTest::newRow(name) << input << rows << QString::fromLatin1(errors);
}

void verifyDecodeCase(WireFormat format)
{
    QFETCH(QByteArray, input);
    QFETCH(Rows, expected);
    QFETCH(QString, errors);

    const Decoded decoded = decodeInParts(format, testProfile(), input);
    QCOMPARE(decoded.samples, render(expected));
    QCOMPARE(decoded.errors, errors);
    verifySplitInvariance(format, testProfile(), input);
}

} // namespace fw::test
