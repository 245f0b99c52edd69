#include "decodertestutil.h"
#include "telemetry/ccsdsdecoder.h"
#include "telemetry/sequencetracker.h"

#include <QTest>

#include <bit>
#include <limits>
#include <random>

using namespace fw;
using namespace fw::test;

class TestCcsdsDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesPacketsWithExactSamplesAndErrors_data();
    void decodesPacketsWithExactSamplesAndErrors();
    void everySplitOfAValidStreamDecodesTheSame();
    void randomBytesDecodeTheSameHoweverSplit();
    void garbageIsNeverBuffered();
    void datagramWithAPartialPacketCountsTruncated();
    void resetForgetsAPartialPacket();
    void sequenceCountsWrapWithoutLossInTheTracker();
};

namespace {

constexpr double kEpoch = 946728000;         // the test profile's epoch
constexpr std::uint16_t kOurs = 0x0800 | 42; // version 0, telemetry, secondary header, APID 42
constexpr std::uint16_t kOurLength = 12 + 4 * 3 - 7;

void appendBe16(QByteArray &out, std::uint16_t v)
{
    out += char(v >> 8);
    out += char(v & 0xFF);
}

void appendBe32(QByteArray &out, std::uint32_t v)
{
    appendBe16(out, std::uint16_t(v >> 16));
    appendBe16(out, std::uint16_t(v & 0xFFFF));
}

// A packet written field by field, so the decoder is tested apart from the encoder.
QByteArray packet(std::uint16_t word0, std::uint16_t word1, std::uint16_t length,
                  std::uint32_t coarse, std::uint16_t fine, const QList<float> &values)
{
    QByteArray out;
    appendBe16(out, word0);
    appendBe16(out, word1);
    appendBe16(out, length);
    appendBe32(out, coarse);
    appendBe16(out, fine);
    for (float v : values) {
        appendBe32(out, std::bit_cast<std::uint32_t>(v));
    }
    return out;
}

QByteArray ours(std::uint16_t seq, std::uint32_t coarse, std::uint16_t fine = 0,
                const QList<float> &values = {1, 2, 3})
{
    return packet(kOurs, std::uint16_t(0xC000 | seq), kOurLength, coarse, fine, values);
}

// A packet of another kind: its data is just counted bytes.
QByteArray other(std::uint16_t word0, int dataBytes)
{
    QByteArray out;
    appendBe16(out, word0);
    appendBe16(out, 0xC000);
    appendBe16(out, std::uint16_t(dataBytes - 1));
    for (int i = 0; i < dataBytes; ++i) {
        out += char(0x3C);
    }
    return out;
}

Row row(std::int64_t seq, double sinceEpoch, QList<double> values = {1, 2, 3})
{
    return {kEpoch + sinceEpoch, seq, std::move(values)};
}

} // namespace

void TestCcsdsDecoder::decodesPacketsWithExactSamplesAndErrors_data()
{
    addDecodeCaseColumns();

    const float inf = std::numeric_limits<float>::infinity();
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const QByteArray garbage("\xE1\x02\x03\xFF\x00\x08", 6); // version 7 at the first byte

    addCase("one packet", ours(17, 5, 0x8000, {21.5f, -0.25f, 1e-3f}),
            {row(17, 5.5, {21.5, -0.25, double(1e-3f)})}, "none");
    addCase("back-to-back packets", ours(1, 10) + ours(2, 11, 1) + ours(3, 12, 0xFFFF),
            {row(1, 10), row(2, 11 + 1.0 / 65536), row(3, 12 + 65535.0 / 65536)}, "none");
    addCase("the largest time and sequence count",
            packet(kOurs, 0xFFFF, kOurLength, 0xFFFFFFFF, 0xFFFF, {1, 2, 3}),
            {row(16383, 4294967295.0 + 65535.0 / 65536)}, "none");
    addCase("sequence flags are not checked", packet(kOurs, 0x4005, kOurLength, 1, 0, {1, 2, 3}),
            {row(5, 1)}, "none");
    addCase("NaN is missing and not counted", ours(1, 1, 0, {nan, 2, nan}),
            {row(1, 1, {kMissing, 2, kMissing})}, "none");
    addCase("infinities are missing and counted", ours(1, 1, 0, {inf, -inf, 3}),
            {row(1, 1, {kMissing, kMissing, 3})}, "non_finite=2");
    addCase("an idle packet is skipped silently", ours(1, 1) + other(0x07FF, 7) + ours(2, 2),
            {row(1, 1), row(2, 2)}, "none");
    addCase("a long idle packet is skipped silently", other(0x07FF, 5000) + ours(2, 2), {row(2, 2)},
            "none");
    addCase("another APID is skipped by its length and counted",
            ours(1, 1) + other(0x0800 | 43, 14) + other(0x0000 | 7, 3) + ours(2, 2),
            {row(1, 1), row(2, 2)}, "unknown_apid=2");
    addCase("a wrong version resyncs", ours(1, 1) + other(0x2800 | 42, 18) + ours(2, 2),
            {row(1, 1), row(2, 2)}, "bad_header=1");
    addCase("no secondary header flag resyncs",
            ours(1, 1) + packet(0x0000 | 42, 0xC002, kOurLength, 2, 0, {1, 2, 3}) + ours(3, 3),
            {row(1, 1), row(3, 3)}, "bad_header=1");
    addCase("a telecommand of our APID resyncs",
            packet(0x1800 | 42, 0xC002, kOurLength, 2, 0, {1, 2, 3}) + ours(3, 3), {row(3, 3)},
            "bad_header=1");
    addCase("a length that does not fit the profile resyncs",
            ours(1, 1) + packet(kOurs, 0xC002, kOurLength + 4, 2, 0, {1, 2, 3, 4}) + ours(3, 3)
                + ours(4, 4),
            {row(1, 1), row(3, 3), row(4, 4)}, "bad_length=1");
    addCase("a short length resyncs", packet(kOurs, 0xC002, 3, 2, 0, {}) + ours(3, 3), {row(3, 3)},
            "bad_length=1");
    addCase("garbage before the first packet is one error",
            QByteArray(37, '\xFF') + ours(1, 1) + ours(2, 2), {row(1, 1), row(2, 2)},
            "bad_header=1");
    addCase("garbage between packets is one error per run",
            ours(1, 1) + garbage + ours(2, 2) + garbage + garbage + ours(3, 3),
            {row(1, 1), row(2, 2), row(3, 3)}, "bad_header=2");
    addCase("a resync ends at a header split over the garbage",
            ours(1, 1) + garbage + ours(2, 2).left(3) + ours(3, 3), {row(1, 1), row(3, 3)},
            "bad_header=1");
    addCase("garbage at the end is counted once and not as truncated",
            ours(1, 1) + QByteArray(100, '\xFF'), {row(1, 1)}, "bad_header=1");
    addCase("a packet cut short at the end", ours(1, 1) + ours(2, 2).chopped(1), {row(1, 1)},
            "truncated=1");
    addCase("a header cut short at the end", ours(1, 1) + ours(2, 2).left(3), {row(1, 1)},
            "truncated=1");
    addCase("a skipped packet cut short at the end", ours(1, 1) + other(0x0800 | 43, 14).left(9),
            {row(1, 1)}, "unknown_apid=1");
    // A corrupt length on an idle or foreign packet (60 000 bytes claimed, 7 or 14 there) must
    // not swallow the packets of ours that follow.
    const auto claiming = [](QByteArray p, std::uint16_t length) {
        p[4] = char(length >> 8);
        p[5] = char(length & 0xFF);
        return p;
    };
    addCase("an idle packet's corrupt length does not swallow ours",
            ours(1, 1) + claiming(other(0x07FF, 7), 59999) + ours(2, 2) + ours(3, 3),
            {row(1, 1), row(2, 2), row(3, 3)}, "bad_length=1");
    addCase("another APID's corrupt length does not swallow ours",
            claiming(other(0x0800 | 43, 14), 59999) + ours(2, 2) + ours(3, 3),
            {row(2, 2), row(3, 3)}, "unknown_apid=1");
    // Found by fuzz_ccsds: a header of ours that begins inside a short foreign packet and runs
    // past its end is no evidence of a corrupt length (and must decode the same however split).
    addCase("a header of ours across a foreign packet's end",
            QByteArray::fromHex("07260101000008"
                                "2ac011001100"
                                + QByteArray(32, 'f') + "182a180901"),
            {}, "unknown_apid=1 bad_header=1");
    addCase("an idle packet cut short at the end is truncated",
            ours(1, 1) + other(0x07FF, 5000).left(100), {row(1, 1)}, "truncated=1");
    addCase("nothing", QByteArray(), {}, "none");
}

void TestCcsdsDecoder::decodesPacketsWithExactSamplesAndErrors()
{
    verifyDecodeCase(WireFormat::Ccsds);
}

void TestCcsdsDecoder::everySplitOfAValidStreamDecodesTheSame()
{
    QByteArray stream;
    Rows expected;
    for (std::uint16_t i = 0; i < 6; ++i) {
        stream += ours(std::uint16_t(16381 + i) & 0x3FFF, 1000 + i, std::uint16_t(i * 4096),
                       {float(i), -float(i), 0.5f});
        expected << row((16381 + i) & 0x3FFF, 1000 + i + i / 16.0, {double(i), -double(i), 0.5});
    }
    const Decoded whole = decodeInParts(WireFormat::Ccsds, testProfile(), stream);
    QCOMPARE(whole.samples, render(expected));
    QCOMPARE(whole.errors, QStringLiteral("none"));
    verifySplitInvariance(WireFormat::Ccsds, testProfile(), stream);
}

void TestCcsdsDecoder::randomBytesDecodeTheSameHoweverSplit()
{
    // Whatever the bytes mean, the framing decisions must not depend on how they arrive.
    std::mt19937 random(20240517);
    for (int round = 0; round < 4; ++round) {
        QByteArray stream;
        for (int i = 0; i < 300; ++i) {
            stream += char(random() & 0xFF);
        }
        stream += ours(1, 1) + ours(2, 2);
        verifySplitInvariance(WireFormat::Ccsds, testProfile(), stream);
    }
}

void TestCcsdsDecoder::garbageIsNeverBuffered()
{
    CcsdsDecoder decoder(testProfile());
    SampleBlock block(3);
    const std::string garbage(4096, '\xFF');
    for (int i = 0; i < 256; ++i) { // 1 MiB that never resyncs
        decoder.feed(garbage, block);
        QVERIFY2(decoder.bufferedBytes() < 24,
                 qPrintable(QString::number(decoder.bufferedBytes())));
    }
    const QByteArray good = ours(7, 7);
    decoder.feed(std::string_view(good.constData(), std::size_t(good.size())), block);
    QCOMPARE(render(decoder.errors()), QStringLiteral("bad_header=1"));
    QCOMPARE(render(block), render({row(7, 7)}));
}

void TestCcsdsDecoder::datagramWithAPartialPacketCountsTruncated()
{
    const auto decoder = makeDecoder(WireFormat::Ccsds, testProfile());
    SampleBlock block(3);
    const QByteArray first = ours(1, 1) + ours(2, 2).left(20);
    const QByteArray second = ours(3, 3);
    decoder->feedDatagram(std::string_view(first.constData(), std::size_t(first.size())), block);
    // The next datagram starts afresh: nothing of the partial packet is carried over.
    decoder->feedDatagram(std::string_view(second.constData(), std::size_t(second.size())), block);
    QCOMPARE(render(block), render({row(1, 1), row(3, 3)}));
    QCOMPARE(render(decoder->errors()), QStringLiteral("truncated=1"));
}

void TestCcsdsDecoder::resetForgetsAPartialPacket()
{
    CcsdsDecoder decoder(testProfile());
    SampleBlock block(3);
    const QByteArray partial = ours(1, 1).left(10);
    const QByteArray whole = ours(2, 2);
    decoder.feed(std::string_view(partial.constData(), std::size_t(partial.size())), block);
    QCOMPARE(decoder.bufferedBytes(), std::size_t(10));
    decoder.reset();
    decoder.feed(std::string_view(whole.constData(), std::size_t(whole.size())), block);
    decoder.finish(block);
    QCOMPARE(render(block), render({row(2, 2)}));
    QCOMPARE(render(decoder.errors()), QStringLiteral("none"));
}

void TestCcsdsDecoder::sequenceCountsWrapWithoutLossInTheTracker()
{
    const QByteArray stream
        = ours(16382, 1) + ours(16383, 2) + ours(0, 3) + ours(1, 4) + ours(3, 5);
    SampleBlock block(3);
    const auto decoder = makeDecoder(WireFormat::Ccsds, testProfile());
    decoder->feedDatagram(std::string_view(stream.constData(), std::size_t(stream.size())), block);
    QCOMPARE(block.seqs(), (std::vector<std::int64_t>{16382, 16383, 0, 1, 3}));

    SequenceTracker tracker(16384);
    for (std::int64_t seq : block.seqs()) {
        tracker.observe(seq);
    }
    QCOMPARE(tracker.lost(), std::uint64_t(1)); // 2, not the wrap
    QCOMPARE(tracker.duplicates(), std::uint64_t(0));
    QCOMPARE(tracker.outOfOrder(), std::uint64_t(0));
}

QTEST_GUILESS_MAIN(TestCcsdsDecoder)
#include "tst_ccsdsdecoder.moc"
