#include "sourceharness.h"

#include <QTest>

namespace fw::test {

namespace {

void compareSamples(const SampleBlock &got, const SampleBlock &expected)
{
    QCOMPARE(got.size(), expected.size());
    for (std::size_t row = 0; row < got.size(); ++row) {
        QCOMPARE(got.t(row), expected.t(row));
        QCOMPARE(got.seq(row), expected.seq(row));
        for (int c = 0; c < expected.channelCount(); ++c) {
            QCOMPARE(got.value(row, c), expected.value(row, c));
        }
    }
}

} // namespace

Profile benchProfile(double staleAfterS)
{
    QString error;
    const auto profile
        = Profile::fromJson(QStringLiteral(R"({"name":"bench","apid":42,"stale_after_s":%1,
                           "channels":[{"id":"a"},{"id":"b"}]})")
                                .arg(staleAfterS)
                                .toUtf8(),
                            &error);
    if (!profile) {
        qFatal("test profile: %s", qPrintable(error));
    }
    return *profile;
}

SampleBlock makeSamples(const std::vector<std::int64_t> &seqs)
{
    SampleBlock block(2);
    for (std::int64_t seq : seqs) {
        const double values[] = {double(seq) * 0.25, -double(seq) * 1.5};
        block.append(1732400000.0 + double(seq) / 64.0, seq, values);
    }
    return block;
}

std::vector<std::int64_t> range(std::int64_t first, std::int64_t last)
{
    std::vector<std::int64_t> seqs;
    for (std::int64_t s = first; s < last; ++s) {
        seqs.push_back(s);
    }
    return seqs;
}

std::string encodeStream(WireFormat format, const Profile &profile, const SampleBlock &block,
                         bool withHeader)
{
    const auto encoder = makeEncoder(format, profile);
    std::string wire = withHeader ? encoder->header() : std::string();
    for (std::size_t row = 0; row < block.size(); ++row) {
        encoder->encode(block, row, wire);
    }
    return wire;
}

bool verifySame(const SampleBlock &got, const SampleBlock &expected)
{
    const bool failedBefore = QTest::currentTestFailed();
    compareSamples(got, expected); // QCOMPARE returns from there, not from the caller
    return failedBefore || !QTest::currentTestFailed();
}

Harness::Harness(const QString &uriText, const Profile &profile)
    : received(profile.channelCount())
{
    QString error;
    const auto uri = SourceUri::parse(uriText, &error);
    if (!uri) {
        qFatal("bad test uri: %s", qPrintable(error));
    }
    source = createSource(*uri, profile, &error);
    if (!source) {
        qFatal("createSource: %s", qPrintable(error));
    }
    QObject::connect(source.get(), &Source::blockReady, source.get(),
                     [this](const SampleBlockPtr &block) {
                         for (std::size_t row = 0; row < block->size(); ++row) {
                             received.append(*block, row);
                         }
                     });
    states = std::make_unique<QSignalSpy>(source.get(), &Source::stateChanged);
    failures = std::make_unique<QSignalSpy>(source.get(), &Source::failed);
    source->start();
}

std::vector<SourceState> Harness::stateHistory() const
{
    std::vector<SourceState> history;
    for (const auto &args : *states) {
        history.push_back(args.at(0).value<SourceState>());
    }
    return history;
}

} // namespace fw::test
