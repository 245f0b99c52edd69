#include "../sim/simtestutil.h"
#include "detect/detectorworker.h"
#include "scenarioharness.h"

#include <QSignalSpy>
#include <QtTest>

#include <array>
#include <memory>
#include <thread>

using namespace fw;
using namespace Qt::StringLiterals;

namespace {

// Blocks of uneven sizes cut from one run, so order across blocks matters.
std::vector<SampleBlockPtr> cut(const Profile &profile, const test::SimRun &run)
{
    const auto width = std::size_t(profile.channelCount());
    const std::size_t rows = run.rows.size() / width;
    std::vector<SampleBlockPtr> blocks;
    std::size_t row = 0;
    for (std::size_t size = 1; row < rows; size = size * 3 % 997 + 1) {
        auto block = std::make_shared<SampleBlock>(profile.channelCount());
        for (std::size_t end = std::min(rows, row + size); row < end; ++row) {
            block->append(1.7e9 + double(row) / profile.rateHz, std::int64_t(row),
                          std::span(run.rows).subspan(row * width, width));
        }
        blocks.push_back(std::move(block));
    }
    return blocks;
}

} // namespace

class TestDetectorWorker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void oneResultPerSampleInOrder();
    void withoutAModelBlocksAreSkipped();
    void aRefusedModelKeepsThePreviousOne();
    void aFullInboxDropsALiveBlockAndCountsIt();
    void aReplayWaitsForRoomAndLosesNothing();
    void aBusyOwnerCostsObserversNothing();
    void stoppingEndsTheBacklogAndCountsIt();
    void eachStreamHasADetectorOfItsOwn();

private:
    Profile m_profile;
    std::shared_ptr<const detect::DetectorModel> m_model;
};

void TestDetectorWorker::initTestCase()
{
    m_profile = test::loadProfile(QStringLiteral("spacecraft"));
    m_model
        = std::make_shared<const detect::DetectorModel>(test::trainOnNominal(m_profile, 1200, 1));
}

void TestDetectorWorker::oneResultPerSampleInOrder()
{
    const test::SimRun run
        = test::simulate(m_profile, QStringLiteral("step:voltage"), 2, 300, 100, 60);
    const std::vector<SampleBlockPtr> blocks = cut(m_profile, run);
    QVERIFY(blocks.size() > 10);

    DetectorThread thread;
    QSignalSpy changed(&thread, &DetectorThread::modelChanged);
    QSignalSpy results(&thread, &DetectorThread::resultsReady);
    thread.start();
    thread.setModel(m_model, QStringLiteral("abc"));
    for (const SampleBlockPtr &block : blocks) {
        thread.submit(block);
    }
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), qsizetype(blocks.size()), 20000);
    QCOMPARE(changed.size(), 1);
    thread.stop();
    QVERIFY(!thread.isRunning());

    // The same rows through a detector on this thread, in one go.
    detect::Detector reference = test::makeDetector(*m_model);
    const detect::DetectionResults expected = test::runDetector(reference, run.rows);
    std::size_t row = 0;
    for (qsizetype b = 0; b < results.size(); ++b) {
        const auto block = results[b][0].value<ResultBlockPtr>();
        QCOMPARE(block->size(), blocks[std::size_t(b)]->size());
        QCOMPARE(block->results.size(), block->size());
        QCOMPARE(block->modelSha256, QStringLiteral("abc"));
        for (std::size_t i = 0; i < block->size(); ++i, ++row) {
            QCOMPARE(block->seq[i], std::int64_t(row));
            QCOMPARE(block->results.score[i], expected.score[row]);
            QCOMPARE(block->results.alarm[i], expected.alarm[row]);
        }
    }
    QCOMPARE(row, expected.size());
    // The step is there to be found: the stream's alarms came through.
    QVERIFY(std::find(expected.alarm.begin(), expected.alarm.end(), 1) != expected.alarm.end());
}

void TestDetectorWorker::withoutAModelBlocksAreSkipped()
{
    DetectorThread thread;
    QSignalSpy skipped(&thread, &DetectorThread::blockSkipped);
    QSignalSpy results(&thread, &DetectorThread::resultsReady);
    thread.start();
    const test::SimRun run = test::simulate(m_profile, QStringLiteral("nominal"), 3, 10);
    for (const SampleBlockPtr &block : cut(m_profile, run)) {
        thread.submit(block);
    }
    QTRY_VERIFY(!skipped.isEmpty());
    qulonglong total = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            total = 0;
            for (const QList<QVariant> &args : skipped) {
                total += args[0].toULongLong();
            }
            return total == 100;
        }(),
        5000);
    QVERIFY(skipped[0][1].toString().contains(QStringLiteral("no model")));
    QVERIFY(results.isEmpty());
}

void TestDetectorWorker::aRefusedModelKeepsThePreviousOne()
{
    DetectorThread thread;
    QSignalSpy changed(&thread, &DetectorThread::modelChanged);
    QSignalSpy rejected(&thread, &DetectorThread::modelRejected);
    QSignalSpy results(&thread, &DetectorThread::resultsReady);
    thread.start();
    thread.setModel(m_model, QStringLiteral("good"));
    auto broken = std::make_shared<detect::DetectorModel>(*m_model);
    broken->calibration.clear();
    thread.setModel(broken, QStringLiteral("bad"));
    QTRY_COMPARE(rejected.size(), 1);
    QVERIFY(rejected[0][0].toString().contains(QStringLiteral("calibration")));
    QCOMPARE(changed.size(), 1);
    const test::SimRun run = test::simulate(m_profile, QStringLiteral("nominal"), 4, 5);
    thread.submit(cut(m_profile, run).front());
    QTRY_COMPARE(results.size(), 1);
    QCOMPARE(results[0][0].value<ResultBlockPtr>()->modelSha256, QStringLiteral("good"));
}

namespace {

SampleBlockPtr rows(const Profile &profile, std::size_t count, std::int64_t firstSeq)
{
    auto block = std::make_shared<SampleBlock>(profile.channelCount());
    const std::vector<double> values(std::size_t(profile.channelCount()), 1.0);
    for (std::size_t i = 0; i < count; ++i) {
        block->append(double(firstSeq) + double(i), firstSeq + std::int64_t(i), values);
    }
    return block;
}

} // namespace

void TestDetectorWorker::aFullInboxDropsALiveBlockAndCountsIt()
{
    DetectorThread thread;
    thread.setCapacities(100, 1000);
    QSignalSpy results(&thread, &DetectorThread::resultsReady);
    thread.setModel(m_model, QStringLiteral("m"));
    // Not started: nothing takes from the inbox, as with a detector that fell behind.
    using Submit = DetectorThread::Submit;
    QCOMPARE(thread.submit(rows(m_profile, 60, 0)), Submit::Queued);
    QCOMPARE(thread.submit(rows(m_profile, 60, 60)), Submit::Dropped);
    QCOMPARE(thread.submit(rows(m_profile, 40, 120)), Submit::Queued);
    QCOMPARE(thread.submit(rows(m_profile, 1, 160)), Submit::Dropped);
    QCOMPARE(thread.droppedInput(), 61U);
    thread.start();
    QTRY_COMPARE(thread.samplesScored(), 100U);
    QTRY_COMPARE(results.size(), 2);
    QCOMPARE(results[1][0].value<ResultBlockPtr>()->seq.front(), 120);
    QCOMPARE(thread.droppedOutput(), 0U);
}

void TestDetectorWorker::aReplayWaitsForRoomAndLosesNothing()
{
    DetectorThread thread;
    thread.setCapacities(100, 1U << 20);
    std::atomic<std::uint64_t> observed{0};
    thread.addObserver([&](const SampleBlock &block, const ResultBlock *scored) {
        if (scored != nullptr) {
            observed += block.size();
        }
    });
    thread.setModel(m_model, QStringLiteral("m"));
    thread.start();
    // A producer on a thread of its own, far faster than the inbox empties.
    std::thread producer([&] {
        for (std::int64_t b = 0; b < 200; ++b) {
            thread.submit(rows(m_profile, 50, b * 50), 0, true);
        }
    });
    producer.join();
    QTRY_COMPARE_WITH_TIMEOUT(observed.load(), 10000U, 20000);
    QCOMPARE(thread.droppedInput(), 0U);
    QCOMPARE(thread.samplesScored(), 10000U);
}

void TestDetectorWorker::stoppingEndsTheBacklogAndCountsIt()
{
    DetectorThread thread;
    thread.setModel(m_model, QStringLiteral("m"));
    for (std::int64_t b = 0; b < 50; ++b) {
        QCOMPARE(thread.submit(rows(m_profile, 1000, b * 1000)), DetectorThread::Submit::Queued);
    }
    thread.start();
    thread.stop(); // after at most the job in progress
    QVERIFY(!thread.isRunning());
    QCOMPARE(thread.samplesScored() + thread.droppedInput(), 50000U);
    QCOMPARE(thread.submit(rows(m_profile, 10, 0)), DetectorThread::Submit::Refused);
    QVERIFY(thread.flush(100));
}

void TestDetectorWorker::aBusyOwnerCostsObserversNothing()
{
    DetectorThread thread;
    thread.setCapacities(1U << 20, 100);
    std::atomic<std::uint64_t> observed{0};
    thread.addObserver([&](const SampleBlock &block, const ResultBlock *scored) {
        if (scored != nullptr) {
            observed += block.size();
        }
    });
    QSignalSpy samples(&thread, &DetectorThread::samplesReady);
    thread.setModel(m_model, QStringLiteral("m"));
    thread.start();
    for (std::int64_t b = 0; b < 5; ++b) {
        QCOMPARE(thread.submit(rows(m_profile, 60, b * 60)), DetectorThread::Submit::Queued);
    }
    // This (the owner's) thread runs no events meanwhile: it is busy, or frozen.
    const QDeadlineTimer deadline(10000);
    while (observed.load() < 300 && !deadline.hasExpired()) {
        QThread::msleep(5);
    }
    QCOMPARE(observed.load(), 300U);
    QCOMPARE(thread.samplesScored(), 300U);
    // The first block waits for the owner; the outbox had no room for the rest.
    QCOMPARE(thread.droppedOutput(), 240U);
    QTRY_COMPARE(samples.size(), 1);
    QTest::qWait(50);
    QCOMPARE(samples.size(), 1);
}

void TestDetectorWorker::eachStreamHasADetectorOfItsOwn()
{
    // Two vehicles in one source, their rows interleaved: stream 1 nominal, stream 2 with a step
    // on its voltage. Each must get exactly what a detector of its own would give it, so stream
    // 1's windows and alarm never see stream 2's rows.
    const test::SimRun healthy = test::simulate(m_profile, QStringLiteral("nominal"), 5, 200);
    const test::SimRun faulty
        = test::simulate(m_profile, QStringLiteral("step:voltage"), 6, 200, 100, 60);
    const auto width = std::size_t(m_profile.channelCount());
    const std::size_t rows = healthy.rows.size() / width;
    QCOMPARE(faulty.rows.size() / width, rows);

    std::vector<SampleBlockPtr> blocks;
    auto block = std::make_shared<SampleBlock>(m_profile.channelCount());
    for (std::size_t row = 0; row < rows; ++row) {
        // Uneven runs: 1, 2 or 3 rows of one stream before the other's.
        for (const auto &[run, id] : {std::pair(&healthy, 1u), std::pair(&faulty, 2u)}) {
            block->append(1.7e9 + double(row) / m_profile.rateHz, std::int64_t(row),
                          std::span(run->rows).subspan(row * width, width));
            block->setStream(block->size() - 1, id);
        }
        if (row % 97 == 96) {
            blocks.push_back(std::move(block));
            block = std::make_shared<SampleBlock>(m_profile.channelCount());
        }
    }
    blocks.push_back(std::move(block));

    DetectorThread thread;
    QSignalSpy results(&thread, &DetectorThread::resultsReady);
    thread.start();
    thread.setModel(m_model, QStringLiteral("abc"));
    for (const SampleBlockPtr &b : blocks) {
        thread.submit(b);
    }
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), qsizetype(blocks.size()), 20000);
    thread.stop();

    std::array<detect::DetectionResults, 2> got;
    for (auto &r : got) {
        r.channels = m_profile.channelCount();
    }
    for (const QList<QVariant> &signal : results) {
        const auto result = signal[0].value<ResultBlockPtr>();
        for (std::size_t i = 0; i < result->size(); ++i) {
            detect::DetectionResults &r = got[result->samples->stream(i) - 1];
            r.score.push_back(result->results.score[i]);
            r.alarm.push_back(result->results.alarm[i]);
        }
    }
    for (const auto &[run, index] : {std::pair(&healthy, 0), std::pair(&faulty, 1)}) {
        detect::Detector alone = test::makeDetector(*m_model);
        const detect::DetectionResults expected = test::runDetector(alone, run->rows);
        const detect::DetectionResults &actual = got[std::size_t(index)];
        QCOMPARE(actual.score.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(actual.score[i], expected.score[i]);
            QCOMPARE(actual.alarm[i], expected.alarm[i]);
        }
    }
    // The two streams' alarms differ, so mixing them up would have shown above.
    QVERIFY(got[0].alarm != got[1].alarm);
}

QTEST_GUILESS_MAIN(TestDetectorWorker)
#include "tst_detectorworker.moc"
