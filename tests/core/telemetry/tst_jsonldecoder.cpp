#include "decodertestutil.h"
#include "telemetry/jsonldecoder.h"

#include <QTest>

using namespace fw;
using namespace fw::test;

class TestJsonlDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesLinesWithExactSamplesAndErrors_data();
    void decodesLinesWithExactSamplesAndErrors();
    void everySplitOfAValidStreamDecodesTheSame();
    void mutatedStreamsDecodeTheSameHoweverSplit();
    void overLongLineIsCountedOnceAndSkipped_data();
    void overLongLineIsCountedOnceAndSkipped();
    void overLongLineIsNeverBuffered();
    void resetForgetsAPartialLine();
    void datagramEndsItsLastLine();
};

namespace {

constexpr double kT = 1732400000.125;

QByteArray line(const QByteArray &json)
{
    return json + '\n';
}

// A valid line of exactly `length` bytes before its newline.
QByteArray paddedLine(qsizetype length)
{
    const QByteArray head = R"({"t":1,"temperature":2,"pad":")";
    const QByteArray tail = R"("})";
    return head + QByteArray(length - head.size() - tail.size(), 'x') + tail;
}

} // namespace

void TestJsonlDecoder::decodesLinesWithExactSamplesAndErrors_data()
{
    addDecodeCaseColumns();

    // Valid and boundary input.
    addCase("a full line",
            line(R"({"t":1732400000.125,"seq":17,"temperature":21.4,"voltage":28.1,"flow":3.5})"),
            {{kT, 17, {21.4, 28.1, 3.5}}}, "none");
    addCase("keys in another order with spaces",
            line(R"(  { "flow" : 3.5 , "voltage":28.1,"seq" :17, "temperature":21.4, "t":1 }  )"),
            {{1, 17, {21.4, 28.1, 3.5}}}, "none");
    addCase("a channel not in the line is missing", line(R"({"t":1,"voltage":28})"),
            {{1, SampleBlock::kNoSeq, {kMissing, 28, kMissing}}}, "none");
    addCase("null is missing and not an error", line(R"({"t":1,"temperature":null,"voltage":1})"),
            {{1, SampleBlock::kNoSeq, {kMissing, 1, kMissing}}}, "none");
    addCase("all channels null still make a sample",
            line(R"({"t":1,"temperature":null,"voltage":null,"flow":null})"),
            {{1, SampleBlock::kNoSeq, {kMissing, kMissing, kMissing}}}, "none");
    addCase("seq zero and the largest seq",
            line(R"({"t":1,"seq":0,"flow":1})")
                + line(R"({"t":2,"seq":9223372036854775807,"flow":2})"),
            {{1, 0, {kMissing, kMissing, 1}}, {2, 9223372036854775807LL, {kMissing, kMissing, 2}}},
            "none");
    addCase("numbers with sign, exponent and zero",
            line(R"({"t":1.5e3,"temperature":-0.25,"voltage":2E-3,"flow":0})"),
            {{1500, SampleBlock::kNoSeq, {-0.25, 0.002, 0}}}, "none");
    addCase("ISO 8601 time with Z", line(R"({"t":"2024-11-23T22:13:20.125Z","flow":1})"),
            {{kT, SampleBlock::kNoSeq, {kMissing, kMissing, 1}}}, "none");
    addCase("ISO 8601 time with an offset",
            line(R"({"t":"2024-11-24T00:13:20.125+02:00","flow":1})"),
            {{kT, SampleBlock::kNoSeq, {kMissing, kMissing, 1}}}, "none");
    addCase("ISO 8601 time without a zone is UTC", line(R"({"t":"2020-03-09 10:14:33","flow":1})"),
            {{1583748873, SampleBlock::kNoSeq, {kMissing, kMissing, 1}}}, "none");
    addCase("nested unknown values are skipped, brackets in strings too",
            line(R"({"t":1,"meta":{"a":[1,{"b":"}]{[\""}],"c":[]},"x":[[],{}],"flow":2})"),
            {{1, SampleBlock::kNoSeq, {kMissing, kMissing, 2}}}, "none");
    addCase("unknown scalars are skipped",
            line(R"({"t":1,"s":"a\"b\\","b":true,"f":false,"n":null,"flow":2})"),
            {{1, SampleBlock::kNoSeq, {kMissing, kMissing, 2}}}, "none");
    addCase("an escaped key matches its channel",
            line(R"({"t":1,"temp\u0065rature":2,"\u0066low":3})"),
            {{1, SampleBlock::kNoSeq, {2, kMissing, 3}}}, "none");
    addCase("a key that only looks like a channel does not match",
            line(R"({"t":1,"temperature ":2,"flow":3})"),
            {{1, SampleBlock::kNoSeq, {kMissing, kMissing, 3}}}, "none");
    addCase("a repeated key keeps its last value", line(R"({"t":1,"flow":1,"flow":2})"),
            {{1, SampleBlock::kNoSeq, {kMissing, kMissing, 2}}}, "none");
    addCase("empty lines, blank lines and CRLF are fine",
            "\n\r\n   \n" + line(R"({"t":1,"flow":1})").chopped(1) + "\r\n\n"
                + line(R"({"t":2,"flow":2})"),
            {{1, SampleBlock::kNoSeq, {kMissing, kMissing, 1}},
             {2, SampleBlock::kNoSeq, {kMissing, kMissing, 2}}},
            "none");
    addCase("a last line without newline is decoded at finish", R"({"t":1,"flow":1})",
            {{1, SampleBlock::kNoSeq, {kMissing, kMissing, 1}}}, "none");
    addCase("a byte order mark is ignored", "\xEF\xBB\xBF" + line(R"({"t":1,"flow":1})"),
            {{1, SampleBlock::kNoSeq, {kMissing, kMissing, 1}}}, "none");
    addCase("NaN and infinities are missing and counted once per value",
            line(R"({"t":1,"temperature":NaN,"voltage":Infinity,"flow":-Infinity})"),
            {{1, SampleBlock::kNoSeq, {kMissing, kMissing, kMissing}}}, "non_finite=3");
    addCase("a number beyond double range is non-finite",
            line(R"({"t":1,"flow":1e999,"voltage":1})"),
            {{1, SampleBlock::kNoSeq, {kMissing, 1, kMissing}}}, "non_finite=1");

    // Malformed JSON and wrong value types.
    const char *malformed[][2] = {
        {"not an object", R"([1,2])"},
        {"a bare number", R"(17)"},
        {"trailing garbage", R"({"t":1,"flow":2}x)"},
        {"two objects", R"({"t":1,"flow":2}{"t":2})"},
        {"missing closing brace", R"({"t":1,"flow":2)"},
        {"missing quote", R"({"t":1,"flow:2})"},
        {"unterminated string value", R"({"t":1,"flow":2,"s":"abc})"},
        {"trailing comma", R"({"t":1,"flow":2,})"},
        {"missing colon", R"({"t":1,"flow" 2})"},
        {"single quotes", R"({'t':1,'flow':2})"},
        {"leading zero", R"({"t":1,"flow":012})"},
        {"number ending in a dot", R"({"t":1,"flow":1.})"},
        {"number with a plus sign", R"({"t":1,"flow":+1})"},
        {"exponent without digits", R"({"t":1,"flow":1e})"},
        {"a string channel value", R"({"t":1,"flow":"2"})"},
        {"a boolean channel value", R"({"t":1,"flow":true})"},
        {"an object channel value", R"({"t":1,"flow":{}})"},
        {"an array channel value", R"({"t":1,"flow":[2]})"},
        {"a negative seq", R"({"t":1,"seq":-1,"flow":2})"},
        {"a fractional seq", R"({"t":1,"seq":1.5,"flow":2})"},
        {"a seq with exponent", R"({"t":1,"seq":1e3,"flow":2})"},
        {"a seq string", R"({"t":1,"seq":"3","flow":2})"},
        {"a null seq", R"({"t":1,"seq":null,"flow":2})"},
        {"a seq beyond int64", R"({"t":1,"seq":9223372036854775808,"flow":2})"},
        {"an unknown escape", R"({"t":1,"s":"\q","flow":2})"},
        {"a short unicode escape", R"({"t":1,"s":"\u12","flow":2})"},
        {"a control character in a string", "{\"t\":1,\"s\":\"a\tb\",\"flow\":2}"},
        {"a lone surrogate in a key", R"({"t":1,"\udc00":1,"flow":2})"},
        {"mismatched brackets in a skipped value", R"({"t":1,"x":[1,2},"flow":2})"},
        {"a misspelled literal", R"({"t":1,"x":nul,"flow":2})"},
        {"a bad channel value beats a missing time", R"({"flow":"x"})"},
    };
    for (const auto &[name, json] : malformed) {
        addCase(name, line(json), {}, "malformed=1");
    }
    addCase("nesting beyond 256 levels",
            line(R"({"t":1,"x":)" + QByteArray(300, '[') + QByteArray(300, ']') + R"(,"flow":2})"),
            {}, "malformed=1");
    addCase("nesting of 255 levels is fine",
            line(R"({"t":1,"x":)" + QByteArray(255, '[') + QByteArray(255, ']') + R"(,"flow":2})"),
            {{1, SampleBlock::kNoSeq, {kMissing, kMissing, 2}}}, "none");

    // Time and channel reasons.
    addCase("no t", line(R"({"seq":1,"flow":2})"), {}, "missing_time=1");
    addCase("an empty object has no t", line(R"({})"), {}, "missing_time=1");
    addCase("t null", line(R"({"t":null,"flow":2})"), {}, "bad_time=1");
    addCase("t true", line(R"({"t":true,"flow":2})"), {}, "bad_time=1");
    addCase("t an object", line(R"({"t":{"s":1},"flow":2})"), {}, "bad_time=1");
    addCase("t a word", line(R"({"t":"yesterday","flow":2})"), {}, "bad_time=1");
    addCase("t an impossible date", line(R"({"t":"2023-02-29T00:00:00Z","flow":2})"), {},
            "bad_time=1");
    addCase("t NaN", line(R"({"t":NaN,"flow":2})"), {}, "bad_time=1");
    addCase("t infinite", line(R"({"t":1e999,"flow":2})"), {}, "bad_time=1");
    addCase("a bad time beats a non-finite value", line(R"({"t":null,"flow":NaN})"), {},
            "bad_time=1");
    addCase("no channel of the profile", line(R"({"t":1,"seq":2,"other":3})"), {},
            "unknown_channel=1");

    addCase("the stream goes on after bad lines",
            line(R"({"t":1,"flow":1})") + line(R"({"t":2,"flow":)") + line(R"({"flow":3})")
                + line(R"({"t":"x","flow":4})") + line(R"({"t":5,"nothing":5})")
                + line(R"({"t":6,"flow":6})"),
            {{1, SampleBlock::kNoSeq, {kMissing, kMissing, 1}},
             {6, SampleBlock::kNoSeq, {kMissing, kMissing, 6}}},
            "malformed=1 missing_time=1 bad_time=1 unknown_channel=1");
}

void TestJsonlDecoder::decodesLinesWithExactSamplesAndErrors()
{
    verifyDecodeCase(WireFormat::Jsonl);
}

void TestJsonlDecoder::everySplitOfAValidStreamDecodesTheSame()
{
    QByteArray stream;
    for (int i = 0; i < 5; ++i) {
        stream += QStringLiteral(
                      R"({"t":%1.25,"seq":%2,"temperature":%3,"voltage":null,"flow":-%4e-3})"
                      "\r\n")
                      .arg(1732400000 + i)
                      .arg(i)
                      .arg(20 + i)
                      .arg(i)
                      .toLatin1();
    }
    const Decoded whole = decodeInParts(WireFormat::Jsonl, testProfile(), stream);
    QCOMPARE(whole.errors, QStringLiteral("none"));
    QCOMPARE(whole.samples.count(u'\n'), 4);
    verifySplitInvariance(WireFormat::Jsonl, testProfile(), stream);
}

void TestJsonlDecoder::mutatedStreamsDecodeTheSameHoweverSplit()
{
    // Broken input in any position must neither crash nor depend on how the bytes arrive.
    const QByteArray valid
        = R"({"t":1732400000.125,"seq":17,"temperature":21.4,"x":[{"a":"}"}],"flow":3.5})"
          "\n"
          R"({"t":"2024-11-23T22:13:20Z","voltage":null,"k\u0065y":-1e-3})"
          "\r\n";
    verifyMutatedStreamsSplitInvariance(WireFormat::Jsonl, valid);
}

void TestJsonlDecoder::overLongLineIsCountedOnceAndSkipped_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qsizetype>("chunk");
    QTest::addColumn<QString>("samples");
    QTest::addColumn<QString>("errors");

    const QByteArray next = R"({"t":9,"flow":9})"
                            "\n";
    const QString nextRow = QStringLiteral("t=9 seq=- [- - 9]");
    const QByteArray tooLong = paddedLine(qsizetype(kMaxLineBytes) + 1) + '\n';
    for (qsizetype chunk : {qsizetype(0), qsizetype(1000), qsizetype(1)}) {
        const QByteArray suffix = chunkSuffix(chunk);
        QTest::newRow("over-long line, then a line" + suffix)
            << tooLong + next << chunk << nextRow << QStringLiteral("line_too_long=1");
        QTest::newRow("two over-long lines" + suffix)
            << tooLong + tooLong + next << chunk << nextRow << QStringLiteral("line_too_long=2");
        QTest::newRow("an over-long last line without newline" + suffix)
            << next + tooLong.chopped(1) << chunk << nextRow << QStringLiteral("line_too_long=1");
        QTest::newRow("a line of exactly the limit is decoded" + suffix)
            << paddedLine(qsizetype(kMaxLineBytes)) + '\n' + next << chunk
            << QStringLiteral("t=1 seq=- [2 - -]\n") + nextRow << QStringLiteral("none");
    }
}

void TestJsonlDecoder::overLongLineIsCountedOnceAndSkipped()
{
    QFETCH(QByteArray, input);
    QFETCH(qsizetype, chunk);
    QFETCH(QString, samples);
    QFETCH(QString, errors);

    const Decoded decoded = decodeInChunks(WireFormat::Jsonl, testProfile(), input, chunk);
    QCOMPARE(decoded.samples, samples);
    QCOMPARE(decoded.errors, errors);
}

void TestJsonlDecoder::overLongLineIsNeverBuffered()
{
    JsonlDecoder decoder(testProfile());
    SampleBlock block(3);
    const std::string chunk(4096, 'x');
    for (int i = 0; i < 256; ++i) { // 1 MiB without a newline
        decoder.feed(chunk, block);
        QVERIFY2(decoder.bufferedBytes() <= kMaxLineBytes,
                 qPrintable(QString::number(decoder.bufferedBytes())));
    }
    QCOMPARE(decoder.bufferedBytes(), std::size_t(0));
    decoder.feed("xx\n{\"t\":1,\"flow\":2}\n", block);
    QCOMPARE(render(decoder.errors()), QStringLiteral("line_too_long=1"));
    QCOMPARE(render(block), QStringLiteral("t=1 seq=- [- - 2]"));
}

void TestJsonlDecoder::resetForgetsAPartialLine()
{
    JsonlDecoder decoder(testProfile());
    SampleBlock block(3);
    decoder.feed(R"({"t":1,"fl)", block);
    QVERIFY(decoder.bufferedBytes() > 0);
    decoder.reset();
    QCOMPARE(decoder.bufferedBytes(), std::size_t(0));
    decoder.feed("{\"t\":2,\"flow\":3}\n", block);
    decoder.finish(block);
    QCOMPARE(render(block), QStringLiteral("t=2 seq=- [- - 3]"));
    QCOMPARE(render(decoder.errors()), QStringLiteral("none"));
}

void TestJsonlDecoder::datagramEndsItsLastLine()
{
    const auto decoder = makeDecoder(WireFormat::Jsonl, testProfile());
    SampleBlock block(3);
    decoder->feedDatagram("{\"t\":1,\"flow\":1}\n{\"t\":2,\"flow\":2}", block);
    decoder->feedDatagram(R"({"t":3,"flow":3})", block);
    QCOMPARE(render(block), QStringLiteral("t=1 seq=- [- - 1]\nt=2 seq=- [- - 2]\n"
                                           "t=3 seq=- [- - 3]"));
    QCOMPARE(render(decoder->errors()), QStringLiteral("none"));
}

QTEST_GUILESS_MAIN(TestJsonlDecoder)
#include "tst_jsonldecoder.moc"
