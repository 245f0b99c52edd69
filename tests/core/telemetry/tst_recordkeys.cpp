// Decoders that file each record under the stream its key names (Decoder::keyRecords): the key
// each format yields, the records refused for want of one, and that keying does not depend on
// how the bytes arrive.

#include "decodertestutil.h"
#include "telemetry/ccsdsformat.h"
#include "telemetry/encoder.h"
#include "telemetry/streamtable.h"

#include <QTest>

#include <bit>

using namespace fw;
using namespace fw::test;

class TestRecordKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonlKeys_data();
    void jsonlKeys();
    void csvKeys_data();
    void csvKeys();
    void ccsdsKeysByApid();
    void keyingIsSplitInvariant_data();
    void keyingIsSplitInvariant();
    void streamKeyParses_data();
    void streamKeyParses();
};

namespace {

// Decodes data with records keyed by `field`, in chunks of `chunk` bytes (0: whole); returns
// "KEY:seq KEY:seq ..." and the errors.
Decoded decodeKeyed(WireFormat format, const Profile &profile, const QByteArray &data,
                    const std::string &field, qsizetype chunk = 0)
{
    StreamTable table;
    auto decoder = makeDecoder(format, profile);
    decoder->keyRecords([&table](std::string_view key) { return table.idOf(key); }, field);
    SampleBlock out(profile.channelCount());
    const qsizetype step = chunk > 0 ? chunk : std::max<qsizetype>(1, data.size());
    for (qsizetype at = 0; at < data.size(); at += step) {
        const QByteArray part = data.mid(at, step);
        decoder->feed(std::string_view(part.constData(), std::size_t(part.size())), out);
    }
    decoder->finish(out);
    QStringList rows;
    for (std::size_t row = 0; row < out.size(); ++row) {
        const StreamTable::Entry *entry = table.entry(out.stream(row));
        rows << (entry ? QString::fromStdString(entry->key) : QStringLiteral("?")) + u':'
                    + QString::number(out.seq(row));
    }
    return {rows.join(u' '), render(decoder->errors())};
}

QByteArray packet(int apid, std::uint16_t seq, int channels)
{
    Profile profile = testProfile();
    profile.apid = apid;
    while (profile.channelCount() > channels) {
        profile.channels.pop_back();
    }
    SampleBlock block(profile.channelCount());
    const std::vector<double> values(std::size_t(profile.channelCount()), 1.5);
    block.append(946728000 + seq, seq, values);
    std::string wire;
    makeEncoder(WireFormat::Ccsds, profile)->encode(block, 0, wire);
    return QByteArray(wire.data(), qsizetype(wire.size()));
}

} // namespace

void TestRecordKeys::jsonlKeys_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QString>("errors");
    QTest::newRow("a string") << QByteArray(R"({"t":1,"seq":3,"vehicle":"v7","flow":1})"
                                            "\n")
                              << "v7:3"
                              << "none";
    QTest::newRow("a number, as written") << QByteArray(R"({"vehicle":17,"t":1,"seq":4,"flow":1})"
                                                        "\n")
                                          << "17:4"
                                          << "none";
    QTest::newRow("escapes undone") << QByteArray(R"({"t":1,"seq":5,"vehicle":"v\u0031","flow":1})"
                                                  "\n")
                                    << "v1:5"
                                    << "none";
    QTest::newRow("interleaved") << QByteArray(R"({"t":1,"seq":1,"vehicle":"a","flow":1})"
                                               "\n"
                                               R"({"t":1,"seq":1,"vehicle":"b","flow":1})"
                                               "\n"
                                               R"({"t":2,"seq":2,"vehicle":"a","flow":1})"
                                               "\n")
                                 << "a:1 b:1 a:2"
                                 << "none";
    QTest::newRow("missing") << QByteArray(R"({"t":1,"seq":3,"flow":1})"
                                           "\n")
                             << ""
                             << "missing_stream=1";
    QTest::newRow("null") << QByteArray(R"({"t":1,"vehicle":null,"flow":1})"
                                        "\n")
                          << ""
                          << "missing_stream=1";
    QTest::newRow("empty") << QByteArray(R"({"t":1,"vehicle":"","flow":1})"
                                         "\n")
                           << ""
                           << "missing_stream=1";
    QTest::newRow("an object is malformed") << QByteArray(R"({"t":1,"vehicle":{},"flow":1})"
                                                          "\n")
                                            << ""
                                            << "malformed=1";
    QTest::newRow("bad time first") << QByteArray(R"({"t":"soon","flow":1})"
                                                  "\n")
                                    << ""
                                    << "bad_time=1";
}

void TestRecordKeys::jsonlKeys()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, keys);
    QFETCH(QString, errors);
    const Decoded decoded = decodeKeyed(WireFormat::Jsonl, testProfile(), input, "vehicle");
    QCOMPARE(decoded.samples, keys);
    QCOMPARE(decoded.errors, errors);
}

void TestRecordKeys::csvKeys_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QString>("errors");
    QTest::newRow("a column in the middle")
        << QByteArray("t,seq,bench,flow\n1,1,left,2\n1,1,right,2\n2,2,left,2\n")
        << "left:1 right:1 left:2"
        << "none";
    QTest::newRow("a quoted key") << QByteArray("t;seq;bench;flow\n1;4;\"bay 2\";2\n") << "bay 2:4"
                                  << "none";
    QTest::newRow("empty key") << QByteArray("t,seq,bench,flow\n1,1,,2\n2,2,left,2\n") << "left:2"
                               << "missing_stream=1";
    QTest::newRow("no such column") << QByteArray("t,seq,flow\n1,1,2\n2,2,2\n") << ""
                                    << "missing_stream=2";
}

void TestRecordKeys::csvKeys()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, keys);
    QFETCH(QString, errors);
    const Decoded decoded = decodeKeyed(WireFormat::Csv, testProfile(), input, "bench");
    QCOMPARE(decoded.samples, keys);
    QCOMPARE(decoded.errors, errors);
}

// Keyed by APID, every telemetry packet of the profile's layout is a stream's, the idle packet
// is skipped as always, and a packet of another length is another kind (unknown_apid). Garbage
// between packets resynchronises on the next packet of any APID.
void TestRecordKeys::ccsdsKeysByApid()
{
    const QByteArray idle = packet(ccsds::kIdleApid, 0, 3);
    const QByteArray data = packet(42, 1, 3) + packet(43, 7, 3) + idle + packet(44, 2, 1)
                            + packet(42, 2, 3) + QByteArray("\xE0garbage", 8) + packet(1, 9, 3);
    const Decoded decoded = decodeKeyed(WireFormat::Ccsds, testProfile(), data, {});
    QCOMPARE(decoded.samples, QStringLiteral("42:1 43:7 42:2 1:9"));
    QCOMPARE(decoded.errors, QStringLiteral("unknown_apid=1 bad_header=1"));
}

void TestRecordKeys::keyingIsSplitInvariant_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("field");
    QTest::newRow("jsonl") << int(WireFormat::Jsonl)
                           << QByteArray(R"({"t":1,"seq":1,"vehicle":"a","flow":1})"
                                         "\n"
                                         R"({"t":1,"seq":1,"vehicle":"bb","flow":1})"
                                         "\n"
                                         R"({"t":2,"seq":2,"flow":1})"
                                         "\n"
                                         R"({"t":2,"seq":2,"vehicle":3,"flow":1})")
                           << QByteArray("vehicle");
    QTest::newRow("csv") << int(WireFormat::Csv)
                         << QByteArray("t,seq,flow,bench\n1,1,2,left\n1,1,2,\n1,1,2,right")
                         << QByteArray("bench");
    QTest::newRow("ccsds") << int(WireFormat::Ccsds)
                           << packet(42, 1, 3) + packet(43, 7, 3) + packet(44, 2, 1)
                                  + packet(99, 3, 3)
                           << QByteArray();
}

void TestRecordKeys::keyingIsSplitInvariant()
{
    QFETCH(int, format);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, field);
    const auto wire = WireFormat(format);
    const Decoded whole = decodeKeyed(wire, testProfile(), data, field.toStdString());
    QVERIFY(!whole.samples.isEmpty());
    for (qsizetype chunk : {1, 2, 5, 13}) {
        const Decoded split = decodeKeyed(wire, testProfile(), data, field.toStdString(), chunk);
        QCOMPARE(split.samples, whole.samples);
        QCOMPARE(split.errors, whole.errors);
    }
}

void TestRecordKeys::streamKeyParses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("parsed"); // toString(), or empty when refused
    QTest::newRow("field") << "field:vehicle"
                           << "field:vehicle";
    QTest::newRow("field with a space") << "field:bench id"
                                        << "field:bench id";
    QTest::newRow("apid") << "apid"
                          << "apid";
    QTest::newRow("no name") << "field:"
                             << "";
    QTest::newRow("the time") << "field:t"
                              << "";
    QTest::newRow("the sequence") << "field:seq"
                                  << "";
    QTest::newRow("a quote") << "field:a\"b"
                             << "";
    QTest::newRow("a control character") << "field:a\tb"
                                         << "";
    QTest::newRow("apid with a number") << "apid:3"
                                        << "";
}

void TestRecordKeys::streamKeyParses()
{
    QFETCH(QString, text);
    QFETCH(QString, parsed);
    StreamKey key;
    std::string error;
    const bool ok = StreamKey::parse(text.toStdString(), &key, &error);
    QCOMPARE(ok, !parsed.isEmpty());
    if (ok) {
        QCOMPARE(QString::fromStdString(key.toString()), parsed);
        QVERIFY(key.fromRecords());
    } else {
        QVERIFY2(error.starts_with("stream: "), error.c_str());
    }
}

QTEST_GUILESS_MAIN(TestRecordKeys)
#include "tst_recordkeys.moc"
