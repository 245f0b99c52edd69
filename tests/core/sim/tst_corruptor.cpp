#include "sim/corruptor.h"
#include "sim/simulator.h"
#include "simtestutil.h"
#include "telemetry/decoder.h"
#include "telemetry/encoder.h"

#include <QtTest>

#include <set>
#include <string>

using namespace fw;
using fw::test::loadProfile;
using namespace Qt::Literals::StringLiterals;

namespace {

// Encoded records of a simulated run, with dropouts so that missing values are in the mix.
std::vector<std::string> records(WireFormat format, const Profile &profile, std::size_t n)
{
    ScenarioOptions options;
    options.runDurationS = double(n) / 10;
    QString error;
    const auto scenario = Scenario::make(u"dropout"_s, profile, options, &error);
    if (!scenario) {
        qFatal("%s", qPrintable(error));
    }
    Simulator simulator(profile, 10, 5, *scenario, 1732400000.0);
    SampleBlock block(profile.channelCount());
    simulator.generate(n, block);
    const auto encoder = makeEncoder(format, profile);
    std::vector<std::string> out;
    for (std::size_t row = 0; row < n; ++row) {
        std::string record;
        encoder->encode(block, row, record);
        out.push_back(record);
    }
    return out;
}

// The records to corrupt: both ends, a run of neighbours, and about a fifth of the rest.
bool chosen(std::size_t i, std::size_t n)
{
    if (i == 0 || i == n - 1 || (i >= 40 && i < 45)) {
        return true;
    }
    return (i * 2654435761u) % 97 < 19;
}

} // namespace

class TestCorruptor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void corruptedRecordsAreExactlyTheDecodeErrors_data();
    void corruptedRecordsAreExactlyTheDecodeErrors();
    void textRecordsStayOneLineAndPacketsKeepTheirLength_data();
    void textRecordsStayOneLineAndPacketsKeepTheirLength();
    void damageVariesAndFollowsTheSeed_data();
    void damageVariesAndFollowsTheSeed();
};

void TestCorruptor::corruptedRecordsAreExactlyTheDecodeErrors_data()
{
    QTest::addColumn<WireFormat>("format");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("feeding");
    for (WireFormat format : {WireFormat::Jsonl, WireFormat::Csv, WireFormat::Ccsds}) {
        for (const char *profile : {"spacecraft", "ev", "skab"}) {
            for (const char *feeding : {"stream", "chunks", "datagrams"}) {
                QTest::addRow("%s %s %s", qPrintable(wireFormatName(format)), profile, feeding)
                    << format << QString::fromLatin1(profile) << QString::fromLatin1(feeding);
            }
        }
    }
}

void TestCorruptor::corruptedRecordsAreExactlyTheDecodeErrors()
{
    QFETCH(WireFormat, format);
    QFETCH(QString, profile);
    QFETCH(QString, feeding);
    const Profile p = loadProfile(profile);
    const std::size_t n = 600;
    std::vector<std::string> stream = records(format, p, n);
    Corruptor corruptor(format, p, 17);
    std::vector<std::int64_t> expectedSeqs;
    std::uint64_t corrupted = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (chosen(i, n)) {
            const std::string before = stream[i];
            corruptor.corrupt(stream[i]);
            QVERIFY(stream[i] != before);
            ++corrupted;
        } else {
            expectedSeqs.push_back(std::int64_t(i));
        }
    }
    QVERIFY(corrupted > 50);

    const auto decoder = makeDecoder(format, p);
    const std::string header = makeEncoder(format, p)->header();
    SampleBlock out(p.channelCount());
    if (feeding == u"datagrams") {
        // Whole records packed into datagrams of at most 1400 bytes, as the UDP sink sends them.
        std::string datagram = header;
        for (const std::string &record : stream) {
            if (!datagram.empty() && datagram.size() + record.size() > 1400) {
                decoder->feedDatagram(datagram, out);
                datagram.clear();
            }
            datagram += record;
        }
        decoder->feedDatagram(datagram, out);
    } else {
        std::string all = header;
        for (const std::string &record : stream) {
            all += record;
        }
        if (feeding == u"stream") {
            decoder->feed(all, out);
        } else {
            // Split anywhere, including inside headers and numbers.
            std::size_t pos = 0;
            for (std::size_t k = 1; pos < all.size(); ++k) {
                const std::size_t size = std::min(all.size() - pos, 1 + (k * 7919) % 97);
                decoder->feed(std::string_view(all).substr(pos, size), out);
                pos += size;
            }
        }
        decoder->finish(out);
    }

    QCOMPARE(out.size(), n - corrupted);
    QCOMPARE(decoder->errors().total(), corrupted);
    QCOMPARE(decoder->errors().count(DecodeError::NonFinite), std::uint64_t(0));
    QCOMPARE(out.seqs(), expectedSeqs);
}

void TestCorruptor::textRecordsStayOneLineAndPacketsKeepTheirLength_data()
{
    QTest::addColumn<WireFormat>("format");
    QTest::newRow("jsonl") << WireFormat::Jsonl;
    QTest::newRow("csv") << WireFormat::Csv;
    QTest::newRow("ccsds") << WireFormat::Ccsds;
}

void TestCorruptor::textRecordsStayOneLineAndPacketsKeepTheirLength()
{
    QFETCH(WireFormat, format);
    const Profile p = loadProfile(u"spacecraft"_s);
    Corruptor corruptor(format, p, 3);
    for (std::string record : records(format, p, 300)) {
        const std::size_t size = record.size();
        corruptor.corrupt(record);
        if (format == WireFormat::Ccsds) {
            QCOMPARE(record.size(), size);
            const int apid = ((static_cast<unsigned char>(record[0]) & 0x07) << 8)
                             | static_cast<unsigned char>(record[1]);
            QVERIFY(apid != p.apid);
            QVERIFY(apid != 2047);
        } else {
            QVERIFY(!record.empty());
            QCOMPARE(record.back(), '\n');
            QCOMPARE(std::count(record.begin(), record.end(), '\n'), std::ptrdiff_t(1));
            QVERIFY(record.size() > 1);
        }
    }
}

void TestCorruptor::damageVariesAndFollowsTheSeed_data()
{
    QTest::addColumn<WireFormat>("format");
    QTest::addColumn<int>("kinds");
    QTest::newRow("jsonl") << WireFormat::Jsonl << 3;
    QTest::newRow("csv") << WireFormat::Csv << 3;
    QTest::newRow("ccsds") << WireFormat::Ccsds << 1;
}

void TestCorruptor::damageVariesAndFollowsTheSeed()
{
    QFETCH(WireFormat, format);
    QFETCH(int, kinds);
    const Profile p = loadProfile(u"ev"_s);
    const std::vector<std::string> original = records(format, p, 200);
    Corruptor first(format, p, 99);
    Corruptor again(format, p, 99);
    Corruptor other(format, p, 100);
    std::set<Corruptor::Kind> seen;
    std::size_t differentFromOtherSeed = 0;
    for (const std::string &record : original) {
        std::string a = record;
        std::string b = record;
        std::string c = record;
        seen.insert(first.corrupt(a));
        again.corrupt(b);
        other.corrupt(c);
        QCOMPARE(a, b);
        differentFromOtherSeed += a != c ? 1 : 0;
    }
    QCOMPARE(int(seen.size()), kinds);
    QVERIFY(!seen.contains(Corruptor::Kind::None));
    QVERIFY(differentFromOtherSeed > original.size() / 2);
}

QTEST_GUILESS_MAIN(TestCorruptor)
#include "tst_corruptor.moc"
