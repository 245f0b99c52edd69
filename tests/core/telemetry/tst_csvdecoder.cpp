#include "decodertestutil.h"
#include "telemetry/csvdecoder.h"

#include <QTest>

using namespace fw;
using namespace fw::test;

class TestCsvDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesRowsWithExactSamplesAndErrors_data();
    void decodesRowsWithExactSamplesAndErrors();
    void everySplitOfAValidStreamDecodesTheSame();
    void mutatedStreamsDecodeTheSameHoweverSplit();
    void overLongLineIsCountedOnceAndSkipped_data();
    void overLongLineIsCountedOnceAndSkipped();
    void overLongLineIsNeverBuffered();
    void resetForgetsPartialLineAndHeader();
    void skabRowsDecodeWithTheSkabProfile();
};

namespace {

constexpr auto kNo = SampleBlock::kNoSeq;

} // namespace

void TestCsvDecoder::decodesRowsWithExactSamplesAndErrors_data()
{
    addDecodeCaseColumns();

    // Columns before any header: t,seq,<ids>.
    addCase("a row in the default columns", "1732400000.125,17,21.4,28.1,3.5\n",
            {{1732400000.125, 17, {21.4, 28.1, 3.5}}}, "none");
    addCase("empty fields are missing", "1,,,28,\n", {{1, kNo, {kMissing, 28, kMissing}}}, "none");
    addCase("fields are trimmed", " 1 , 2 , 3 ,\t4, 5\n", {{1, 2, {3, 4, 5}}}, "none");
    addCase("signs and exponents", "-1.5e2,0,+2,-0.25,1E-3\n", {{-150, 0, {2, -0.25, 0.001}}},
            "none");
    addCase("an ISO time in the default time column", "2020-03-09T10:14:33.250Z,1,1,2,3\n",
            {{1583748873.25, 1, {1, 2, 3}}}, "none");

    // Headers.
    addCase("a header by profile columns", "t,seq,temperature,Bus Voltage,flow\n1,2,3,4,5\n",
            {{1, 2, {3, 4, 5}}}, "none");
    addCase("a header by channel ids, as recordings write it",
            "t,seq,temperature,voltage,flow\n1,2,3,4,5\n", {{1, 2, {3, 4, 5}}}, "none");
    addCase("columns in another order, unknown ones ignored",
            "flow,label,T,temperature\n5,valve open,1,3\n", {{1, kNo, {3, kMissing, 5}}}, "none");
    addCase("a timestamp column", "timestamp,flow\n1.5,2\n", {{1.5, kNo, {kMissing, kMissing, 2}}},
            "none");
    addCase("a datetime column with a space", "datetime,flow\n2020-03-09 10:14:33,2\n",
            {{1583748873, kNo, {kMissing, kMissing, 2}}}, "none");
    addCase("a datetime with an offset", "datetime,flow\n2020-03-09T12:14:33+02:00,2\n",
            {{1583748873, kNo, {kMissing, kMissing, 2}}}, "none");
    addCase("semicolons", "datetime;Bus Voltage;flow\n2020-03-09 10:14:33;1.5;2\n",
            {{1583748873, kNo, {kMissing, 1.5, 2}}}, "none");
    addCase("tabs", "t\tflow\ttemperature\n1\t2\t3\n", {{1, kNo, {3, kMissing, 2}}}, "none");
    addCase("quoted fields",
            "\"t\";\"note\";\"Bus Voltage\"\n\"1\";\"a;b \"\"c\"\"\";\"4\"\n\"2\"; \"\" ;5\n",
            {{1, kNo, {kMissing, 4, kMissing}}, {2, kNo, {kMissing, 5, kMissing}}}, "none");
    addCase("a header again replaces the columns", "t,flow\n1,2\nflow;temperature;t\n3;4;5\n",
            {{1, kNo, {kMissing, kMissing, 2}}, {5, kNo, {4, kMissing, 3}}}, "none");
    addCase("a repeated header is neither a sample nor an error", "t,flow\nt,flow\n1,2\nt,flow\n",
            {{1, kNo, {kMissing, kMissing, 2}}}, "none");
    addCase("a pandas index column", ",t,flow\n0,1,2\n1,3,4\n",
            {{1, kNo, {kMissing, kMissing, 2}}, {3, kNo, {kMissing, kMissing, 4}}}, "none");
    addCase("CRLF and empty lines", "\r\nt,flow\r\n\r\n1,2\r\n\n",
            {{1, kNo, {kMissing, kMissing, 2}}}, "none");
    addCase("blank lines are like empty lines", "t,flow\n   \n \t \n1,2\n",
            {{1, kNo, {kMissing, kMissing, 2}}}, "none");
    addCase("a byte order mark before the header", "\xEF\xBB\xBFt,flow\n1,2\n",
            {{1, kNo, {kMissing, kMissing, 2}}}, "none");
    addCase("a last row without newline is decoded at finish", "t,flow\n1,2",
            {{1, kNo, {kMissing, kMissing, 2}}}, "none");
    addCase("non-finite values are missing and counted once per value", "1,,nan,inf,-inf\n",
            {{1, kNo, {kMissing, kMissing, kMissing}}}, "non_finite=3");

    // Rows in error.
    addCase("too few fields", "1,2,3,4\n", {}, "malformed=1");
    addCase("too many fields", "1,2,3,4,5,6\n", {}, "malformed=1");
    addCase("a non-numeric channel field", "1,2,warm,4,5\n", {}, "malformed=1");
    addCase("a decimal comma", "t;flow\n1;2,5\n", {}, "malformed=1");
    addCase("a negative seq", "1,-2,3,4,5\n", {}, "malformed=1");
    addCase("a fractional seq", "1,2.5,3,4,5\n", {}, "malformed=1");
    addCase("an unterminated quote", "1,2,\"3,4,5\n", {}, "malformed=1");
    addCase("text after a closing quote", "1,2,\"3\"x,4,5\n", {}, "malformed=1");
    addCase("a malformed field beats a bad time", "x,2,warm,4,5\n", {}, "malformed=1");
    addCase("an empty time field", ",2,3,4,5\n", {}, "missing_time=1");
    addCase("a time that is not a time, first column", "yesterday,2,3,4,5\n", {}, "bad_time=1");
    addCase("an impossible date", "2020-13-01 00:00:00,2,3,4,5\n", {}, "bad_time=1");
    addCase("a non-finite time", "nan,2,3,4,5\n", {}, "bad_time=1");
    addCase("a bad time in a later column", "flow,t\n1,soon\n", {}, "bad_time=1");
    addCase("a header without time: once, then every row until a usable header",
            "temperature,flow\n1,2\n3,4\nt,temperature\n5,6\n", {{5, kNo, {6, kMissing, kMissing}}},
            "missing_time=3");
    addCase("a header naming no profile column: every row",
            "t,speed,torque\n1,2,3\n4,5,6\nt,flow\n7,8\n", {{7, kNo, {kMissing, kMissing, 8}}},
            "unknown_channel=2");
    addCase("the stream goes on after bad rows", "1,,1,,\n2,,x,,\n3,,\n4,,4,,\n",
            {{1, kNo, {1, kMissing, kMissing}}, {4, kNo, {4, kMissing, kMissing}}}, "malformed=2");
}

void TestCsvDecoder::decodesRowsWithExactSamplesAndErrors()
{
    verifyDecodeCase(WireFormat::Csv);
}

void TestCsvDecoder::everySplitOfAValidStreamDecodesTheSame()
{
    const QByteArray stream = "t,seq,temperature,Bus Voltage,flow\r\n"
                              "1732400000.125,1,21.5,28,\r\n"
                              "1732400000.25,2,21.625,,3\r\n"
                              "datetime;flow\r\n"
                              "2024-11-23T22:13:20.5Z;4\r\n"
                              "2024-11-23 22:13:21;5";
    const Decoded whole = decodeInParts(WireFormat::Csv, testProfile(), stream);
    QCOMPARE(whole.errors, QStringLiteral("none"));
    QCOMPARE(whole.samples, QStringLiteral("t=1732400000.125 seq=1 [21.5 28 -]\n"
                                           "t=1732400000.25 seq=2 [21.625 - 3]\n"
                                           "t=1732400000.5 seq=- [- - 4]\n"
                                           "t=1732400001 seq=- [- - 5]"));
    verifySplitInvariance(WireFormat::Csv, testProfile(), stream);
}

void TestCsvDecoder::mutatedStreamsDecodeTheSameHoweverSplit()
{
    // Broken input in any position must neither crash nor depend on how the bytes arrive.
    const QByteArray valid = "t;seq;\"Bus Voltage\";flow\r\n"
                             "1732400000.125;1;28.5;\"3\"\n"
                             "2024-11-23 22:13:20;;;4e-3\n"
                             ",t,flow\n0,1,2\n";
    verifyMutatedStreamsSplitInvariance(WireFormat::Csv, valid);
}

void TestCsvDecoder::overLongLineIsCountedOnceAndSkipped_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qsizetype>("chunk");
    QTest::addColumn<QString>("errors");

    const QByteArray tooLong = "1,2,3,4," + QByteArray(qsizetype(kMaxLineBytes), '5') + '\n';
    for (qsizetype chunk : {qsizetype(0), qsizetype(1000), qsizetype(1)}) {
        const QByteArray suffix = chunkSuffix(chunk);
        QTest::newRow("over-long row" + suffix) << "t,flow\n" + tooLong + "9,9\n"
                                                << chunk << QStringLiteral("line_too_long=1");
        QTest::newRow("over-long header keeps the columns" + suffix)
            << "t,flow\n" + QByteArray(qsizetype(kMaxLineBytes) + 1, 'h') + "\n9,9\n"
            << chunk << QStringLiteral("line_too_long=1");
    }
}

void TestCsvDecoder::overLongLineIsCountedOnceAndSkipped()
{
    QFETCH(QByteArray, input);
    QFETCH(qsizetype, chunk);
    QFETCH(QString, errors);

    const Decoded decoded = decodeInChunks(WireFormat::Csv, testProfile(), input, chunk);
    QCOMPARE(decoded.samples, QStringLiteral("t=9 seq=- [- - 9]"));
    QCOMPARE(decoded.errors, errors);
}

void TestCsvDecoder::overLongLineIsNeverBuffered()
{
    CsvDecoder decoder(testProfile());
    SampleBlock block(3);
    const std::string chunk(4096, '1');
    for (int i = 0; i < 256; ++i) {
        decoder.feed(chunk, block);
        QVERIFY(decoder.bufferedBytes() <= kMaxLineBytes);
    }
    decoder.feed("\n1,,2,3,4\n", block);
    QCOMPARE(render(decoder.errors()), QStringLiteral("line_too_long=1"));
    QCOMPARE(render(block), QStringLiteral("t=1 seq=- [2 3 4]"));
}

void TestCsvDecoder::resetForgetsPartialLineAndHeader()
{
    CsvDecoder decoder(testProfile());
    SampleBlock block(3);
    decoder.feed("flow;t\n1;2\n3;", block);
    decoder.reset();
    decoder.feed("5,6,7,8,9\n", block);
    decoder.finish(block);
    QCOMPARE(render(block), QStringLiteral("t=2 seq=- [- - 1]\nt=5 seq=6 [7 8 9]"));
    QCOMPARE(render(decoder.errors()), QStringLiteral("none"));
}

void TestCsvDecoder::skabRowsDecodeWithTheSkabProfile()
{
    // As in SKAB's files: semicolons, a datetime without zone, "Volume Flow RateRMS" with spaces,
    // and label columns the profile does not have.
    const QByteArray input
        = "datetime;Accelerometer1RMS;Accelerometer2RMS;Current;Pressure;Temperature;Thermocouple;"
          "Voltage;Volume Flow RateRMS;anomaly;changepoint\n"
          "2020-03-09 10:14:33;0.0265878;0.0401113;1.3302;0.054711;79.3366;26.0199;233.062;32.0;"
          "0.0;0.0\n";
    const Profile skab = builtinProfile(QStringLiteral("skab"));
    const Decoded decoded = decodeInParts(WireFormat::Csv, skab, input);
    QCOMPARE(decoded.errors, QStringLiteral("none"));
    // Profile order: temperature, voltage, vibration, pressure, vibration2, current,
    // thermocouple, flow_rate.
    QCOMPARE(decoded.samples,
             QStringLiteral("t=1583748873 seq=- [79.3366 233.062 0.0265878 0.054711 0.0401113 "
                            "1.3302 26.0199 32]"));
}

QTEST_GUILESS_MAIN(TestCsvDecoder)
#include "tst_csvdecoder.moc"
