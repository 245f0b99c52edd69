#include "decodertestutil.h"
#include "telemetry/encoder.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace fw;
using namespace fw::test;

class TestEncoders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodeOfEncodeGivesTheBlockBack_data();
    void decodeOfEncodeGivesTheBlockBack();
    void textFormatsKeepExtremeDoublesExactly_data();
    void textFormatsKeepExtremeDoublesExactly();
    void writesTheDocumentedText();
    void writesTheDocumentedPacket();
    void ccsdsTimeRoundsCarriesAndClamps_data();
    void ccsdsTimeRoundsCarriesAndClamps();
};

namespace {

constexpr double kEpoch = 946728000; // the test profile's epoch

// Rows of varied values, every fifth value missing, every third row without seq.
SampleBlock sampleBlock(int channels, int rows)
{
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> value(-1000, 1000);
    SampleBlock block(channels);
    std::vector<double> row(std::size_t(channels), 0.0);
    int k = 0;
    for (int r = 0; r < rows; ++r) {
        for (double &v : row) {
            v = ++k % 5 == 0 ? std::numeric_limits<double>::quiet_NaN() : value(random);
        }
        const double t = 1732400000.0 + r * 0.1 + value(random) * 1e-6;
        block.append(t, r % 3 == 2 ? SampleBlock::kNoSeq : 16380 + r, row);
    }
    return block;
}

SampleBlock roundTrip(WireFormat format, const Profile &profile, const SampleBlock &block,
                      DecodeCounts *errors)
{
    const auto encoder = makeEncoder(format, profile);
    std::string wire = encoder->header();
    for (std::size_t row = 0; row < block.size(); ++row) {
        encoder->encode(block, row, wire);
    }
    const auto decoder = makeDecoder(format, profile);
    SampleBlock decoded(profile.channelCount());
    decoder->feed(wire, decoded);
    decoder->finish(decoded);
    *errors = decoder->errors();
    return decoded;
}

std::string encodeRow(WireFormat format, const Profile &profile, const SampleBlock &block,
                      std::size_t row)
{
    std::string out;
    makeEncoder(format, profile)->encode(block, row, out);
    return out;
}

} // namespace

void TestEncoders::decodeOfEncodeGivesTheBlockBack_data()
{
    QTest::addColumn<WireFormat>("format");
    QTest::addColumn<QString>("profileName");

    for (const QString &profile :
         {QStringLiteral("test"), QStringLiteral("spacecraft"), QStringLiteral("skab")}) {
        for (WireFormat format : {WireFormat::Jsonl, WireFormat::Csv, WireFormat::Ccsds}) {
            QTest::addRow("%s %s", qPrintable(wireFormatName(format)), qPrintable(profile))
                << format << profile;
        }
    }
}

void TestEncoders::decodeOfEncodeGivesTheBlockBack()
{
    QFETCH(WireFormat, format);
    QFETCH(QString, profileName);
    const Profile profile = profileName == u"test" ? testProfile() : builtinProfile(profileName);
    const SampleBlock block = sampleBlock(profile.channelCount(), 50);

    DecodeCounts errors;
    const SampleBlock decoded = roundTrip(format, profile, block, &errors);
    QCOMPARE(render(errors), QStringLiteral("none"));
    if (format != WireFormat::Ccsds) {
        QCOMPARE(render(decoded), render(block));
        return;
    }
    // ccsds carries float32 values, 14-bit counts and 1/65536 s.
    QCOMPARE(decoded.size(), block.size());
    for (std::size_t row = 0; row < block.size(); ++row) {
        const double dt = decoded.t(row) - block.t(row);
        QVERIFY2(std::abs(dt) <= 0.5 / 65536 + 1e-6, qPrintable(QString::number(dt)));
        const std::int64_t seq = block.seq(row);
        QCOMPARE(decoded.seq(row), seq == SampleBlock::kNoSeq ? 0 : seq & 0x3FFF);
        for (int c = 0; c < block.channelCount(); ++c) {
            QCOMPARE(decoded.isMissing(row, c), block.isMissing(row, c));
            if (!block.isMissing(row, c)) {
                QCOMPARE(decoded.value(row, c), double(float(block.value(row, c))));
            }
        }
    }
}

void TestEncoders::textFormatsKeepExtremeDoublesExactly_data()
{
    QTest::addColumn<WireFormat>("format");
    QTest::newRow("jsonl") << WireFormat::Jsonl;
    QTest::newRow("csv") << WireFormat::Csv;
}

void TestEncoders::textFormatsKeepExtremeDoublesExactly()
{
    QFETCH(WireFormat, format);
    SampleBlock block(3);
    const double values[][3] = {
        {5e-324, std::numeric_limits<double>::max(), -0.0},
        {0.1, 1.0 / 3, -2.2250738585072014e-308},
        {1e21, 123456789012345680.0, 0.30000000000000004},
    };
    std::int64_t seq = std::numeric_limits<std::int64_t>::max() - 3;
    for (const auto &row : values) {
        block.append(std::nextafter(1732400000.1, 2e9), seq++, row);
    }
    DecodeCounts errors;
    const SampleBlock decoded = roundTrip(format, testProfile(), block, &errors);
    QCOMPARE(render(errors), QStringLiteral("none"));
    QCOMPARE(render(decoded), render(block));
    QVERIFY(std::signbit(decoded.value(0, 2)));
}

void TestEncoders::writesTheDocumentedText()
{
    SampleBlock block(3);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    block.append(1732400000.125, 17, std::vector<double>{21.4, nan, 3});
    block.append(0.1, SampleBlock::kNoSeq, std::vector<double>{nan, nan, -0.0});
    const Profile profile = testProfile();

    QCOMPARE(encodeRow(WireFormat::Jsonl, profile, block, 0),
             R"({"t":1732400000.125,"seq":17,"temperature":21.4,"voltage":null,"flow":3})"
             "\n");
    QCOMPARE(encodeRow(WireFormat::Jsonl, profile, block, 1),
             R"({"t":0.1,"temperature":null,"voltage":null,"flow":-0})"
             "\n");
    // Recordings name channels by id, whatever their csv column.
    QCOMPARE(makeEncoder(WireFormat::Csv, profile)->header(),
             std::string("t,seq,temperature,voltage,flow\n"));
    QCOMPARE(encodeRow(WireFormat::Csv, profile, block, 0),
             std::string("1732400000.125,17,21.4,,3\n"));
    QCOMPARE(encodeRow(WireFormat::Csv, profile, block, 1), std::string("0.1,,,,-0\n"));
    QVERIFY(makeEncoder(WireFormat::Jsonl, profile)->header().empty());
    QVERIFY(makeEncoder(WireFormat::Ccsds, profile)->header().empty());
}

void TestEncoders::writesTheDocumentedPacket()
{
    SampleBlock block(3);
    block.append(kEpoch + 5.5, 16384 + 17,
                 std::vector<double>{1.0, std::numeric_limits<double>::quiet_NaN(), -2.0});
    const std::string packet = encodeRow(WireFormat::Ccsds, testProfile(), block, 0);
    const QByteArray expected = QByteArray::fromHex("082a"       // version 0, TM, sec. hdr, APID 42
                                                    "c011"       // unsegmented, count 17
                                                    "0011"       // 24 bytes - 7
                                                    "00000005"   // coarse
                                                    "8000"       // fine: half a second
                                                    "3f800000"   // 1.0f
                                                    "7fc00000"   // NaN: missing
                                                    "c0000000"); // -2.0f
    QCOMPARE(QByteArray::fromStdString(packet).toHex(), expected.toHex());
}

void TestEncoders::ccsdsTimeRoundsCarriesAndClamps_data()
{
    QTest::addColumn<double>("sinceEpoch");
    QTest::addColumn<QByteArray>("cuc"); // coarse + fine, hex

    QTest::newRow("whole second") << 7.0 << QByteArray("000000070000");
    QTest::newRow("rounds to the nearest tick") << 7.0 + 1.4 / 65536 << QByteArray("000000070001");
    QTest::newRow("rounding up carries into coarse") << 7.99999999 << QByteArray("000000080000");
    QTest::newRow("before the epoch is zero") << -10.0 << QByteArray("000000000000");
    QTest::newRow("NaN is zero") << std::numeric_limits<double>::quiet_NaN()
                                 << QByteArray("000000000000");
    QTest::newRow("last coarse second") << 4294967295.5 << QByteArray("ffffffff8000");
    QTest::newRow("past the coarse range clamps") << 4294967296.5 << QByteArray("ffffffffffff");
}

void TestEncoders::ccsdsTimeRoundsCarriesAndClamps()
{
    QFETCH(double, sinceEpoch);
    QFETCH(QByteArray, cuc);
    SampleBlock block(3);
    block.append(kEpoch + sinceEpoch, 1, std::vector<double>{1, 2, 3});
    const std::string packet = encodeRow(WireFormat::Ccsds, testProfile(), block, 0);
    QCOMPARE(QByteArray::fromStdString(packet).mid(6, 6).toHex(), cuc);
}

QTEST_GUILESS_MAIN(TestEncoders)
#include "tst_encoders.moc"
