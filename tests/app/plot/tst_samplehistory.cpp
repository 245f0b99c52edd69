#include "plot/historychunk.h"
#include "plot/samplehistory.h"
#include "plottestutil.h"

#include <QtTest>

#include <cmath>
#include <limits>

using fw::HistoryChunk;
using fw::SampleHistory;
using fw::detect::Severity;
using fw::plottest::makeBlock;
using fw::plottest::makeResults;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kChunk = std::int64_t(HistoryChunk::kSamples);

double valueOf(std::size_t row, int channel)
{
    return double(row) * 0.5 + channel * 100;
}

std::vector<Severity> severitiesFor(std::size_t rows, Severity severity)
{
    return std::vector<Severity>(rows, severity);
}

} // namespace

class TestSampleHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendedBlocksAreStoredInOrder();
    void resultsAlignWithTheirSamples_data();
    void resultsAlignWithTheirSamples();
    void resultsForASkippedBlockDoNotShiftLaterSeverities();
    void resultsForClearedSamplesAreDropped();
    void budgetEvictionKeepsTheNewestSamples_data();
    void budgetEvictionKeepsTheNewestSamples();
    void shrinkingTheBudgetEvictsAtOnce();
    void bytesPerSampleIsTheRealCost();
    void missingValuesStayMissing();
    void smallStepsBackAreHeldAtTheNewestTime();
    void aLargeStepBackStartsANewStream();
    void aDifferentChannelCountStartsANewHistory();
};

void TestSampleHistory::appendedBlocksAreStoredInOrder()
{
    SampleHistory history;
    QVERIFY(history.isEmpty());
    QVERIFY(std::isnan(history.newestTime()));
    const auto first = makeBlock(3, 1000.0, 0.01, 100, valueOf);
    const auto second = makeBlock(3, 1001.0, 0.01, 50, valueOf);
    history.appendSamples(*first);
    history.appendSamples(*second);

    QCOMPARE(history.channelCount(), 3);
    QCOMPARE(history.size(), 150);
    QCOMPARE(history.samplesAppendedTotal(), 150u);
    QCOMPARE(history.samplesEvictedTotal(), 0u);
    QCOMPARE(history.firstTime(), 1000.0);
    QCOMPARE(history.newestTime(), 1001.0 + 49 * 0.01);
    const std::int64_t base = history.firstIndex();
    QCOMPARE(history.value(base + 7, 2), valueOf(7, 2));
    QCOMPARE(history.value(base + 100 + 3, 1), valueOf(3, 1));
    QCOMPARE(history.severity(base + 3), Severity::None);
}

void TestSampleHistory::resultsAlignWithTheirSamples_data()
{
    QTest::addColumn<bool>("withSamples");
    QTest::newRow("matched by block") << true;
    QTest::newRow("in order") << false;
}

void TestSampleHistory::resultsAlignWithTheirSamples()
{
    QFETCH(bool, withSamples);
    SampleHistory history;
    const fw::SampleBlockPtr a = makeBlock(2, 10.0, 0.1, 4, valueOf);
    const fw::SampleBlockPtr b = makeBlock(2, 10.4, 0.1, 3, valueOf);
    history.appendSamples(*a);
    history.appendSamples(*b);
    const std::uint64_t before = history.revision();

    // Results arrive later than the samples, one block at a time.
    history.appendResults(makeResults(
        a, {Severity::None, Severity::Watch, Severity::Warning, Severity::None}, withSamples));
    QVERIFY(history.revision() != before);
    QCOMPARE(history.scoredEnd(), history.firstIndex() + 4);
    QCOMPARE(history.severity(history.firstIndex() + 4), Severity::None);
    history.appendResults(
        makeResults(b, {Severity::Critical, Severity::None, Severity::Watch}, withSamples));

    const std::vector<Severity> expected
        = {Severity::None,     Severity::Watch, Severity::Warning, Severity::None,
           Severity::Critical, Severity::None,  Severity::Watch};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(history.severity(history.firstIndex() + std::int64_t(i)), expected[i]);
    }
    QCOMPARE(history.scoredEnd(), history.endIndex());
}

void TestSampleHistory::resultsForASkippedBlockDoNotShiftLaterSeverities()
{
    // Without a model the detector drops blocks; once one is loaded its results must land on
    // their own samples, not on the oldest unscored ones.
    SampleHistory history;
    const fw::SampleBlockPtr skipped = makeBlock(1, 0.0, 0.1, 5, valueOf);
    const fw::SampleBlockPtr scored = makeBlock(1, 0.5, 0.1, 5, valueOf);
    history.appendSamples(*skipped);
    history.appendSamples(*scored);
    history.appendResults(makeResults(scored, severitiesFor(5, Severity::Warning), true));

    for (std::int64_t i = 0; i < 5; ++i) {
        QCOMPARE(history.severity(history.firstIndex() + i), Severity::None);
        QCOMPARE(history.severity(history.firstIndex() + 5 + i), Severity::Warning);
    }
}

void TestSampleHistory::resultsForClearedSamplesAreDropped()
{
    SampleHistory history;
    const fw::SampleBlockPtr old = makeBlock(1, 0.0, 0.1, 5, valueOf);
    history.appendSamples(*old);
    history.clear();
    QVERIFY(history.isEmpty());
    const fw::SampleBlockPtr fresh = makeBlock(1, 100.0, 0.1, 5, valueOf);
    history.appendSamples(*fresh);
    history.appendResults(makeResults(old, severitiesFor(5, Severity::Critical), true));
    for (std::int64_t i = 0; i < 5; ++i) {
        QCOMPARE(history.severity(history.firstIndex() + i), Severity::None);
    }
    history.appendResults(makeResults(fresh, severitiesFor(5, Severity::Watch), true));
    QCOMPARE(history.severity(history.firstIndex()), Severity::Watch);
}

void TestSampleHistory::budgetEvictionKeepsTheNewestSamples_data()
{
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("budgetChunks");
    QTest::addColumn<int>("appendedChunks");
    QTest::newRow("1 channel, 3 of 8 chunks") << 1 << 3 << 8;
    QTest::newRow("4 channels, 2 of 5 chunks") << 4 << 2 << 5;
    QTest::newRow("4 channels, within budget") << 4 << 6 << 3;
}

void TestSampleHistory::budgetEvictionKeepsTheNewestSamples()
{
    QFETCH(int, channels);
    QFETCH(int, budgetChunks);
    QFETCH(int, appendedChunks);
    SampleHistory history(channels);
    const std::size_t budget = std::size_t(budgetChunks) * HistoryChunk::bytesFor(channels)
                               + sizeof(SampleHistory) + 4096;
    history.setMemoryBudget(budget);

    const std::int64_t total = appendedChunks * kChunk + 123; // ends inside a chunk
    constexpr std::size_t kBlock = 10000;
    double t = 0;
    for (std::int64_t done = 0; done < total;) {
        const auto n = std::size_t(std::min<std::int64_t>(kBlock, total - done));
        const auto block = makeBlock(channels, t, 0.001, n, [&](std::size_t row, int c) {
            return double(done + std::int64_t(row)) + c;
        });
        history.appendSamples(*block);
        done += std::int64_t(n);
        t += double(n) * 0.001;
    }

    QCOMPARE(history.samplesAppendedTotal(), std::uint64_t(total));
    QVERIFY(history.memoryBytes() <= budget);
    QCOMPARE(std::int64_t(history.samplesEvictedTotal()) + history.size(), total);
    // The newest sample is always kept, and what is kept is one contiguous run up to it.
    QCOMPARE(history.endIndex() - 1 - history.firstIndex(), history.size() - 1);
    QCOMPARE(history.value(history.endIndex() - 1, 0), double(total - 1));
    QCOMPARE(history.value(history.firstIndex(), 0), double(total - history.size()));
    if (appendedChunks < budgetChunks) {
        QCOMPARE(history.samplesEvictedTotal(), 0u);
    } else {
        QVERIFY(history.samplesEvictedTotal() > 0);
        QVERIFY(history.samplesEvictedTotal() % std::uint64_t(kChunk) == 0); // whole chunks
        QVERIFY(history.size() > (budgetChunks - 1) * kChunk);
    }
}

void TestSampleHistory::shrinkingTheBudgetEvictsAtOnce()
{
    SampleHistory history(2);
    history.appendSamples(*makeBlock(2, 0, 0.001, std::size_t(5 * kChunk), valueOf));
    QCOMPARE(history.size(), 5 * kChunk);
    history.setMemoryBudget(1); // below the two-chunk floor
    QCOMPARE(history.size(), 2 * kChunk);
    QCOMPARE(history.samplesEvictedTotal(), std::uint64_t(3 * kChunk));
    QCOMPARE(history.newestTime(), double(5 * kChunk - 1) * 0.001);
}

void TestSampleHistory::bytesPerSampleIsTheRealCost()
{
    SampleHistory history(4);
    history.appendSamples(*makeBlock(4, 0, 0.001, std::size_t(3 * kChunk), valueOf));
    const double perStored = double(history.memoryBytes()) / double(history.size());
    // Time, four values, a severity and four channels' blame cannot cost less than 45 bytes; the
    // pyramid adds a little.
    QVERIFY2(history.bytesPerSample() > 45 && history.bytesPerSample() < 52,
             qPrintable(QString::number(history.bytesPerSample())));
    QVERIFY(std::abs(perStored - history.bytesPerSample()) < 0.01 * history.bytesPerSample());
}

void TestSampleHistory::missingValuesStayMissing()
{
    SampleHistory history;
    history.appendSamples(*makeBlock(2, 0, 1, 5, [](std::size_t row, int channel) {
        return row == 2 && channel == 1 ? kNaN : 7.0;
    }));
    QVERIFY(std::isnan(history.value(history.firstIndex() + 2, 1)));
    QCOMPARE(history.value(history.firstIndex() + 2, 0), 7.0);
    QCOMPARE(history.value(history.firstIndex() + 3, 1), 7.0);
}

void TestSampleHistory::smallStepsBackAreHeldAtTheNewestTime()
{
    SampleHistory history;
    auto block = std::make_shared<fw::SampleBlock>(1);
    for (const double t : {10.0, 10.5, 10.2, 11.0}) {
        block->append(t, 0, std::vector<double>{1.0});
    }
    history.appendSamples(*block);
    QCOMPARE(history.size(), 4);
    QCOMPARE(history.time(history.firstIndex() + 2), 10.5);
    QCOMPARE(history.resetCount(), 0u);
}

void TestSampleHistory::aLargeStepBackStartsANewStream()
{
    // A looping replay or a restarted source: the old stream is not continued backwards.
    SampleHistory history;
    const fw::SampleBlockPtr before = makeBlock(1, 500.0, 1, 10, valueOf);
    history.appendSamples(*before);
    auto block = std::make_shared<fw::SampleBlock>(1);
    for (const double t : {510.0, 511.0, 20.0, 21.0}) {
        block->append(t, 0, std::vector<double>{t});
    }
    const fw::SampleBlockPtr looped = block;
    history.appendSamples(*looped);
    QCOMPARE(history.resetCount(), 1u);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.firstTime(), 20.0);
    QCOMPARE(history.newestTime(), 21.0);

    // Results for the looped block land on the rows that were kept.
    history.appendResults(makeResults(before, severitiesFor(10, Severity::Critical), true));
    history.appendResults(makeResults(
        looped, {Severity::None, Severity::None, Severity::Watch, Severity::Warning}, true));
    QCOMPARE(history.severity(history.firstIndex()), Severity::Watch);
    QCOMPARE(history.severity(history.firstIndex() + 1), Severity::Warning);
}

void TestSampleHistory::aDifferentChannelCountStartsANewHistory()
{
    SampleHistory history;
    history.appendSamples(*makeBlock(2, 0, 1, 10, valueOf));
    history.appendSamples(*makeBlock(3, 10, 1, 4, valueOf));
    QCOMPARE(history.channelCount(), 3);
    QCOMPARE(history.size(), 4);
    QCOMPARE(history.value(history.firstIndex() + 1, 2), valueOf(1, 2));
}

QTEST_GUILESS_MAIN(TestSampleHistory)
#include "tst_samplehistory.moc"
