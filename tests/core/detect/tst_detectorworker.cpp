#include "../sim/simtestutil.h"
#include "detect/detectorworker.h"
#include "scenarioharness.h"

#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace fw;

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

QTEST_GUILESS_MAIN(TestDetectorWorker)
#include "tst_detectorworker.moc"
