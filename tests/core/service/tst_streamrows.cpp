#include "service/streamrows.h"

#include <QtTest>

using namespace fw;

// One vehicle of a fleet out of blocks that interleave many, as the console shows it.
class TestStreamRows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aBlockWithoutStreamsIsKeptWhole();
    void samplesOfOneStreamAreCopiedInOrder();
    void resultsFollowTheirSamplesRowForRow();
};

namespace {

constexpr int kChannels = 2;

// Rows 0..n−1 with values (row, −row); stream ids given per row.
SampleBlockPtr makeBlock(const std::vector<std::uint32_t> &streams)
{
    auto block = std::make_shared<SampleBlock>(kChannels);
    for (std::size_t row = 0; row < streams.size(); ++row) {
        const double values[kChannels] = {double(row), -double(row)};
        block->append(100.0 + double(row), std::int64_t(row), values);
        block->setStream(row, streams[row]);
    }
    return block;
}

// Results whose every field says which row they belong to.
ResultBlockPtr makeResults(const SampleBlockPtr &samples)
{
    auto results = std::make_shared<ResultBlock>();
    results->samples = samples;
    results->epoch = 7;
    results->modelSha256 = QStringLiteral("abc");
    detect::DetectionResults &r = results->results;
    r.channels = kChannels;
    for (std::size_t row = 0; row < samples->size(); ++row) {
        results->t.push_back(samples->t(row));
        results->seq.push_back(samples->seq(row));
        r.score.push_back(0.5 + double(row) / 100);
        r.confidence.push_back(double(row) / 100);
        r.alarm.push_back(std::uint8_t(row % 2));
        r.severity.push_back(detect::Severity(row % 3));
        r.reason.push_back(detect::AlarmReason{});
        r.raisedNow.push_back(std::uint8_t(row == 3));
        r.clearedNow.push_back(0);
        for (int c = 0; c < kChannels; ++c) {
            r.attribution.push_back(double(row) + c * 0.1);
            r.guardFlags.push_back(detect::GuardFlag{});
        }
    }
    return results;
}

} // namespace

void TestStreamRows::aBlockWithoutStreamsIsKeptWhole()
{
    auto block = std::make_shared<SampleBlock>(kChannels);
    const double values[kChannels] = {1, 2};
    block->append(1, 0, values);
    const SampleBlockPtr shared = block;
    QCOMPARE(rowsOfStream(shared, 0).get(), shared.get());
    QCOMPARE(rowsOfStream(shared, 5).get(), shared.get());
    const ResultBlockPtr results = makeResults(shared);
    QCOMPARE(rowsOfStream(results, 5).get(), results.get());
}

void TestStreamRows::samplesOfOneStreamAreCopiedInOrder()
{
    const SampleBlockPtr block = makeBlock({1, 2, 1, 3, 1});
    const SampleBlockPtr one = rowsOfStream(block, 1);
    QVERIFY(one);
    QCOMPARE(one->size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        QCOMPARE(one->seq(i), std::int64_t(i * 2));
        QCOMPARE(one->t(i), 100.0 + double(i * 2));
        QCOMPARE(one->value(i, 1), -double(i * 2));
        QCOMPARE(one->stream(i), 1u);
    }
    QVERIFY(!rowsOfStream(block, 9)); // no row of it
    const SampleBlockPtr only = makeBlock({4, 4});
    QCOMPARE(rowsOfStream(only, 4).get(), only.get()); // all of it: no copy
}

void TestStreamRows::resultsFollowTheirSamplesRowForRow()
{
    const ResultBlockPtr all = makeResults(makeBlock({1, 2, 1, 2, 2}));
    const ResultBlockPtr two = rowsOfStream(all, 2);
    QVERIFY(two);
    QCOMPARE(two->size(), 3u);
    QCOMPARE(two->epoch, 7u);
    QCOMPARE(two->modelSha256, QStringLiteral("abc"));
    QCOMPARE(two->samples->size(), 3u);
    const std::vector<std::size_t> rows{1, 3, 4};
    const detect::DetectionResults &r = two->results;
    QCOMPARE(r.channels, kChannels);
    QCOMPARE(r.attribution.size(), 3u * kChannels);
    QCOMPARE(r.guardFlags.size(), 3u * kChannels);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::size_t row = rows[i];
        QCOMPARE(two->seq[i], std::int64_t(row));
        QCOMPARE(two->samples->seq(i), std::int64_t(row));
        QCOMPARE(r.score[i], all->results.score[row]);
        QCOMPARE(r.confidence[i], all->results.confidence[row]);
        QCOMPARE(r.alarm[i], all->results.alarm[row]);
        QCOMPARE(r.severity[i], all->results.severity[row]);
        QCOMPARE(r.raisedNow[i], all->results.raisedNow[row]);
        QCOMPARE(r.attribution[i * kChannels + 1], double(row) + 0.1);
    }
    QVERIFY(!rowsOfStream(all, 3));
}

QTEST_GUILESS_MAIN(TestStreamRows)
#include "tst_streamrows.moc"
