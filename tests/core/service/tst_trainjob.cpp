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

QTEST_MAIN(TestTrainJob)
#include "tst_trainjob.moc"
