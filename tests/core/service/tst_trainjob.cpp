// Training in the background, as the console does from its history.
#include "../sim/simtestutil.h"
#include "service/trainjob.h"
#include "sim/simulator.h"

#include <QSignalSpy>
#include <QThread>
#include <QtTest>

using namespace fw;

namespace {

struct Rows
{
    std::vector<double> values;
    std::vector<double> times;
};

Rows nominal(const Profile &profile, std::size_t count)
{
    QString error;
    std::optional<Scenario> scenario
        = Scenario::make(QStringLiteral("nominal"), profile, {}, &error);
    Simulator simulator(profile, profile.rateHz, 3, *scenario, 1.7e9);
    SampleBlock block(profile.channelCount());
    simulator.generate(count, block);
    return {block.values(), block.times()};
}

} // namespace

class TestTrainJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void trainsOnItsOwnThreadAndHandsBackAModel();
    void tooFewRowsFailWithAReason();
    void stagesAreReportedInOrder();
    void theCheckCountsAlarmsOnAFaultInTheRows();
    void cancelDropsTheResult();
};

void TestTrainJob::trainsOnItsOwnThreadAndHandsBackAModel()
{
    const Profile profile = test::loadProfile(QStringLiteral("spacecraft"));
    Rows rows = nominal(profile, 4000);
    TrainJob job(profile, std::move(rows.values), std::move(rows.times), QStringLiteral("history"));
    QCOMPARE(job.rowCount(), 4000U);
    QSignalSpy finished(&job, &TrainJob::finished);
    QSignalSpy failed(&job, &TrainJob::failed);
    job.start();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(failed.count(), 0);
    const auto model
        = finished.constFirst().at(0).value<std::shared_ptr<const detect::DetectorModel>>();
    QVERIFY(model);
    QCOMPARE(model->channelCount(), profile.channelCount());
    QCOMPARE(model->provenance.rows, 4000U);
    QCOMPARE(model->provenance.source, std::string("history"));
    QTRY_VERIFY(!job.isRunning());
}

void TestTrainJob::tooFewRowsFailWithAReason()
{
    const Profile profile = test::loadProfile(QStringLiteral("spacecraft"));
    Rows rows = nominal(profile, 1);
    TrainJob job(profile, std::move(rows.values), std::move(rows.times), QStringLiteral("history"));
    QSignalSpy failed(&job, &TrainJob::failed);
    job.start();
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(!failed.constFirst().at(0).toString().isEmpty());
}

void TestTrainJob::stagesAreReportedInOrder()
{
    const Profile profile = test::loadProfile(QStringLiteral("spacecraft"));
    Rows rows = nominal(profile, 4000);
    TrainJob job(profile, std::move(rows.values), std::move(rows.times), QStringLiteral("history"));
    QSignalSpy stages(&job, &TrainJob::stageStarted);
    QSignalSpy finished(&job, &TrainJob::finished);
    job.start();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(stages.count(), TrainJob::kStageCount);
    QCOMPARE(stages.at(0).at(0).value<TrainJob::Stage>(), TrainJob::Stage::Training);
    QCOMPARE(stages.at(1).at(0).value<TrainJob::Stage>(), TrainJob::Stage::Checking);
    // Nominal rows: the new model raises nothing on what it was trained on.
    QCOMPARE(job.alarmRows(), 0U);
}

void TestTrainJob::theCheckCountsAlarmsOnAFaultInTheRows()
{
    const Profile profile = test::loadProfile(QStringLiteral("spacecraft"));
    Rows rows = nominal(profile, 4000);
    const auto width = std::size_t(profile.channelCount());
    // The last 100 rows: temperature far beyond the profile's alarm limit.
    for (std::size_t row = 3900; row < 4000; ++row) {
        rows.values[row * width] = 1000;
    }
    TrainJob job(profile, std::move(rows.values), std::move(rows.times), QStringLiteral("history"));
    QSignalSpy finished(&job, &TrainJob::finished);
    job.start();
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY2(job.alarmRows() >= 50 && job.alarmRows() <= 100,
             qPrintable(QString::number(job.alarmRows())));
}

void TestTrainJob::cancelDropsTheResult()
{
    const Profile profile = test::loadProfile(QStringLiteral("spacecraft"));
    Rows rows = nominal(profile, 4000);
    TrainJob job(profile, std::move(rows.values), std::move(rows.times), QStringLiteral("history"));
    QSignalSpy finished(&job, &TrainJob::finished);
    QSignalSpy failed(&job, &TrainJob::failed);
    QSignalSpy canceled(&job, &TrainJob::canceled);
    job.start();
    job.cancel();
    QVERIFY(job.isCanceled());
    QTRY_COMPARE(canceled.count(), 1);
    QTRY_VERIFY(!job.isRunning());
    QTest::qWait(50);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(failed.count(), 0);
}

QTEST_MAIN(TestTrainJob)
#include "tst_trainjob.moc"
