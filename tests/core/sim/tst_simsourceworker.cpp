#include "io/source.h"
#include "sim/simsourceworker.h"
#include "simtestutil.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

using namespace fw;
using fw::test::loadProfile;
using namespace Qt::Literals::StringLiterals;

namespace {

// A sim:// source built the way the source factory builds it.
std::unique_ptr<Source> makeSource(const QString &text, std::shared_ptr<SourceCounters> counters)
{
    QString error;
    const std::optional<SourceUri> uri = SourceUri::parse(text, &error);
    if (!uri) {
        qFatal("bad uri %s: %s", qPrintable(text), qPrintable(error));
    }
    auto worker = std::make_unique<SimSourceWorker>(loadProfile(uri->profile), uri->rateHz,
                                                    uri->scenario, uri->seed, counters);
    return std::make_unique<Source>(*uri, std::move(worker), counters);
}

} // namespace

class TestSimSourceWorker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samplesArriveInOrderAtTheRate();
    void zeroRateUsesTheProfileRate();
    void mixedScenarioLoopsThroughEveryFault();
    void invalidScenarioFailsWithItsReason();
};

void TestSimSourceWorker::samplesArriveInOrderAtTheRate()
{
    auto counters = std::make_shared<SourceCounters>();
    const auto source = makeSource(u"sim://spacecraft?rate=200"_s, counters);
    std::vector<double> times;
    std::vector<std::int64_t> seqs;
    connect(source.get(), &Source::blockReady, this, [&](const SampleBlockPtr &block) {
        QCOMPARE(block->channelCount(), 4);
        for (std::size_t row = 0; row < block->size(); ++row) {
            times.push_back(block->t(row));
            seqs.push_back(block->seq(row));
        }
    });
    QSignalSpy states(source.get(), &Source::stateChanged);
    QElapsedTimer clock;
    clock.start();
    const double wallStart = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    source->start();
    QTRY_COMPARE_WITH_TIMEOUT(source->state(), SourceState::Live, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(seqs.size() >= 300, 10000);
    const double elapsedS = double(clock.nsecsElapsed()) * 1e-9;
    const std::size_t received = seqs.size();

    QElapsedTimer stopping;
    stopping.start();
    source->stop();
    QVERIFY(!source->isRunning());
    QVERIFY(stopping.elapsed() < Source::kStopTimeoutMs);
    QCOMPARE(source->state(), SourceState::Disconnected);
    // The last block, flushed on stop, is still on its way through the event loop.
    QTRY_COMPARE(std::uint64_t(seqs.size()), counters->samples.load());

    for (std::size_t i = 0; i < seqs.size(); ++i) {
        QCOMPARE(seqs[i], std::int64_t(i));
        if (i > 0) {
            QVERIFY(std::abs(times[i] - times[i - 1] - 1.0 / 200) < 1e-6);
        }
    }
    // t is wall-clock time from the moment the source opened.
    QVERIFY(std::abs(times.front() - wallStart) < 5);
    // Loose: about 200 per second, whatever else the machine is doing.
    const double rate = double(received) / elapsedS;
    QVERIFY2(rate > 50 && rate < 400, qPrintable(QString::number(rate)));

    QTRY_VERIFY(states.size() >= 3);
    QCOMPARE(states.at(0).at(0).value<SourceState>(), SourceState::Connecting);
    QCOMPARE(states.at(1).at(0).value<SourceState>(), SourceState::Live);
    QCOMPARE(states.last().at(0).value<SourceState>(), SourceState::Disconnected);
}

void TestSimSourceWorker::zeroRateUsesTheProfileRate()
{
    auto counters = std::make_shared<SourceCounters>();
    const auto source = makeSource(u"sim://ev"_s, counters);
    std::vector<double> times;
    connect(source.get(), &Source::blockReady, this, [&](const SampleBlockPtr &block) {
        for (std::size_t row = 0; row < block->size(); ++row) {
            times.push_back(block->t(row));
        }
    });
    source->start();
    QTRY_VERIFY_WITH_TIMEOUT(times.size() >= 10, 10000);
    source->stop();
    QVERIFY(std::abs(times[1] - times[0] - 1.0 / 50) < 1e-6); // ev.json: 50 Hz
}

void TestSimSourceWorker::mixedScenarioLoopsThroughEveryFault()
{
    auto counters = std::make_shared<SourceCounters>();
    QString error;
    const auto uri = SourceUri::parse(u"sim://spacecraft?rate=1000&scenario=mixed"_s, &error);
    QVERIFY2(uri, qPrintable(error));
    auto worker = std::make_unique<SimSourceWorker>(loadProfile(uri->profile), uri->rateHz,
                                                    uri->scenario, uri->seed, counters);
    // Seven faults of 0.125 s with 0.125 s gaps after a 0.125 s lead-in; the last one, a
    // dropout, hits channel 6 % 4 = 2 from 1.625 s to 1.75 s of every period.
    worker->setSchedulePeriodS(1.875);
    Source source(*uri, std::move(worker), counters);
    std::vector<std::uint8_t> missing;
    connect(&source, &Source::blockReady, this, [&](const SampleBlockPtr &block) {
        for (std::size_t row = 0; row < block->size(); ++row) {
            missing.push_back(block->isMissing(row, 2) ? 1 : 0);
        }
    });
    source.start();
    QTRY_VERIFY_WITH_TIMEOUT(missing.size() >= 3750, 20000);
    source.stop();
    for (std::size_t i = 0; i < 3750; ++i) {
        const std::size_t inPeriod = i % 1875;
        QCOMPARE(missing[i] != 0, inPeriod >= 1625 && inPeriod < 1750);
    }
}

void TestSimSourceWorker::invalidScenarioFailsWithItsReason()
{
    auto counters = std::make_shared<SourceCounters>();
    const auto source = makeSource(u"sim://spacecraft?scenario=wobble"_s, counters);
    QSignalSpy failed(source.get(), &Source::failed);
    QSignalSpy blocks(source.get(), &Source::blockReady);
    source->start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains(u"unknown scenario 'wobble'"_s), qPrintable(message));
    QVERIFY2(message.contains(u"mixed"_s), qPrintable(message));
    QTRY_COMPARE(source->state(), SourceState::Disconnected);
    source->stop();
    QCOMPARE(blocks.size(), 0);
    QCOMPARE(counters->samples.load(), std::uint64_t(0));
}

QTEST_GUILESS_MAIN(TestSimSourceWorker)
#include "tst_simsourceworker.moc"
