// Training from the console's history: what a range offers, what is refused, and the job's
// stages, name and cancellation as the console sees them.
#include "../core/sim/simtestutil.h"
#include "detect/trainingminimum.h"
#include "modeltrainer.h"
#include "plot/plottestutil.h"
#include "plot/samplehistory.h"
#include "sim/simulator.h"

#include <QSignalSpy>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace fw;

namespace {

constexpr double kT0 = 1.7e9; // 2023-11-14 22:13:20 UTC

// count nominal spacecraft samples at 10 Hz from kT0.
SampleBlockPtr nominal(const Profile &profile, std::size_t count)
{
    QString error;
    std::optional<Scenario> scenario
        = Scenario::make(QStringLiteral("nominal"), profile, {}, &error);
    Simulator simulator(profile, profile.rateHz, 3, *scenario, kT0);
    auto block = std::make_shared<SampleBlock>(profile.channelCount());
    simulator.generate(count, *block);
    return block;
}

} // namespace

class TestModelTrainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void inspectCountsCompleteAndFlaggedSamples();
    void tooFewCompleteSamplesAreRefused_data();
    void tooFewCompleteSamplesAreRefused();
    void trainsInStagesAndNamesWhatTheModelWasMadeFrom();
    void aSecondTrainingWaitsForTheFirst();
    void cancelLeavesNoModel();
};

void TestModelTrainer::inspectCountsCompleteAndFlaggedSamples()
{
    SampleHistory history(2);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // 100 samples at 10 Hz; every tenth misses channel 1.
    const SampleBlockPtr block = plottest::makeBlock(2, kT0, 0.1, 100, [&](std::size_t row, int c) {
        return c == 1 && row % 10 == 0 ? nan : double(row);
    });
    history.appendSamples(*block);
    std::vector<detect::Severity> severities(100, detect::Severity::None);
    for (std::size_t row = 40; row < 45; ++row) {
        severities[row] = detect::Severity::Warning;
    }
    history.appendResults(plottest::makeResults(block, severities, true));

    const TrainRange all = ModelTrainer::inspect(history, kT0, kT0 + 10);
    QCOMPARE(all.size(), 100);
    QCOMPARE(all.completeRows, 90);
    QCOMPARE(all.flaggedRows, 5);
    // Samples 20..42.
    const TrainRange part = ModelTrainer::inspect(history, kT0 + 1.95, kT0 + 4.25);
    QCOMPARE(part.rows.first, std::int64_t(20));
    QCOMPARE(part.size(), 23);
    QCOMPARE(part.completeRows, 20);
    QCOMPARE(part.flaggedRows, 3);
    QCOMPARE(ModelTrainer::inspect(history, kT0 + 20, kT0 + 30).size(), 0);
}

void TestModelTrainer::tooFewCompleteSamplesAreRefused_data()
{
    QTest::addColumn<QString>("profileName");
    QTest::addColumn<int>("rows");
    QTest::addColumn<bool>("refused");
    // Spacecraft at 10 Hz: two minutes are 1 200 samples.
    QTest::newRow("none") << QStringLiteral("spacecraft") << 0 << true;
    QTest::newRow("one short") << QStringLiteral("spacecraft") << 1199 << true;
    QTest::newRow("just enough") << QStringLiteral("spacecraft") << 1200 << false;
    // EV at 50 Hz: 2 000 samples are plenty of rows but 40 s of the bench (it used to train).
    QTest::newRow("many rows, too short") << QStringLiteral("ev") << 2000 << true;
    QTest::newRow("two minutes at 50 Hz") << QStringLiteral("ev") << 6000 << false;
}

void TestModelTrainer::tooFewCompleteSamplesAreRefused()
{
    QFETCH(QString, profileName);
    QFETCH(int, rows);
    QFETCH(bool, refused);
    const Profile profile = test::loadProfile(profileName);
    SampleHistory history(profile.channelCount());
    if (rows > 0) {
        history.appendSamples(*nominal(profile, std::size_t(rows)));
    }
    ModelTrainer trainer;
    const TrainRange range = ModelTrainer::inspect(history, kT0 - 1, kT0 + 1e6);
    QCOMPARE(range.size(), rows);
    QCOMPARE(trainer.refusal(range, profile.rateHz).isEmpty(), !refused);
    QString error;
    QCOMPARE(trainer.start(history, range, profile, QStringLiteral("sim://spacecraft"), &error),
             !refused);
    QCOMPARE(trainer.isBusy(), !refused);
    if (refused) {
        // The same minimum `train` warns about, in samples and in seconds.
        const auto needed = detect::minimumTrainingRows(profile.rateHz);
        QVERIFY2(error.contains(QLocale().toString(qulonglong(needed))), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("120 s")), qPrintable(error));
        QVERIFY(
            !detect::trainingShortfall(std::size_t(rows), range.seconds, profile.rateHz).empty());
    } else {
        QSignalSpy trained(&trainer, &ModelTrainer::trained);
        QTRY_COMPARE_WITH_TIMEOUT(trained.count(), 1, 20000);
    }
}

void TestModelTrainer::trainsInStagesAndNamesWhatTheModelWasMadeFrom()
{
    const Profile profile = test::loadProfile(QStringLiteral("spacecraft"));
    SampleHistory history(profile.channelCount());
    history.appendSamples(*nominal(profile, 3000));
    ModelTrainer trainer;
    QSignalSpy stages(&trainer, &ModelTrainer::stageStarted);
    QSignalSpy trained(&trainer, &ModelTrainer::trained);
    // The last 200 s of the 300 s.
    const TrainRange range = ModelTrainer::inspect(history, kT0 + 99.95, kT0 + 300);
    QCOMPARE(range.size(), 2000);
    QString error;
    QVERIFY2(
        trainer.start(history, range, profile, QStringLiteral("sim://spacecraft?seed=3"), &error),
        qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(trained.count(), 1, 20000);
    QVERIFY(!trainer.isBusy());
    QCOMPARE(stages.count(), 2);
    QCOMPARE(stages.at(0).at(0).toInt(), 0);
    QCOMPARE(stages.at(1).at(0).toInt(), 1);
    QCOMPARE(stages.at(1).at(1).toInt(), 2);
    QVERIFY(!stages.at(0).at(2).toString().isEmpty());

    const auto model = trained.at(0).at(0).value<std::shared_ptr<const detect::DetectorModel>>();
    QVERIFY(model);
    QCOMPARE(model->provenance.rows, 2000U);
    QCOMPARE(model->provenance.firstTime, kT0 + 100);
    const QString name = trained.at(0).at(1).toString();
    // TZ=UTC in tests.
    QVERIFY2(name.contains(QStringLiteral("2023-11-14 22:15:00")), qPrintable(name));
    QVERIFY2(name.contains(QStringLiteral("sim://spacecraft?seed=3")), qPrintable(name));
    // Nominal samples: nothing to note about alarms on them.
    const QStringList notes = trained.at(0).at(2).toStringList();
    for (const QString &note : notes) {
        QVERIFY2(!note.contains(QStringLiteral("alarm")), qPrintable(note));
    }
}

void TestModelTrainer::aSecondTrainingWaitsForTheFirst()
{
    const Profile profile = test::loadProfile(QStringLiteral("spacecraft"));
    SampleHistory history(profile.channelCount());
    history.appendSamples(*nominal(profile, 2000));
    ModelTrainer trainer;
    QSignalSpy trained(&trainer, &ModelTrainer::trained);
    const TrainRange range = ModelTrainer::inspect(history, kT0, kT0 + 1000);
    QString error;
    QVERIFY(trainer.start(history, range, profile, {}, &error));
    QVERIFY(!trainer.start(history, range, profile, {}, &error));
    QVERIFY(!error.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(trained.count(), 1, 20000);
    QVERIFY2(trained.at(0).at(1).toString().contains(ModelTrainer::tr("console history")),
             qPrintable(trained.at(0).at(1).toString()));
    QVERIFY(trainer.start(history, range, profile, {}, &error));
    QTRY_COMPARE_WITH_TIMEOUT(trained.count(), 2, 20000);
}

void TestModelTrainer::cancelLeavesNoModel()
{
    const Profile profile = test::loadProfile(QStringLiteral("spacecraft"));
    SampleHistory history(profile.channelCount());
    history.appendSamples(*nominal(profile, 2000));
    ModelTrainer trainer;
    QSignalSpy trained(&trainer, &ModelTrainer::trained);
    QSignalSpy canceled(&trainer, &ModelTrainer::canceled);
    QString error;
    QVERIFY(trainer.start(history, ModelTrainer::inspect(history, kT0, kT0 + 1000), profile, {},
                          &error));
    trainer.cancel();
    QTRY_COMPARE(canceled.count(), 1);
    QVERIFY(!trainer.isBusy());
    QTest::qWait(50);
    QCOMPARE(trained.count(), 0);
}

QTEST_MAIN(TestModelTrainer)
#include "tst_modeltrainer.moc"
