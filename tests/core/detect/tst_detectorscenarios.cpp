// The whole detector on simulated telemetry: every fault type on every channel of both built-in
// profiles, and hours of nominal data for false alarms.
#include "../sim/simtestutil.h"
#include "scenarioharness.h"

#include <QtTest>

#include <algorithm>

using namespace fw;

namespace {

constexpr double kTrainS = 2 * 95 * 60; // two spacecraft orbits; 3 h of EV drive cycles
constexpr double kRunS = 240;
constexpr double kOnsetS = 120;
constexpr double kFaultS = 60;
constexpr double kDetectWithinS = 5;

// The simulator seeds: training 1, faults 7, nominal hours 99. FW_SCENARIO_SEED=N runs the same
// tests on other data instead (training N, faults 10 + N, nominal 50 + N), to see how far the
// figures depend on the one drive or orbit the model was trained on.
struct Seeds
{
    std::uint64_t train = 1;
    std::uint64_t faults = 7;
    std::uint64_t nominal = 99;
};

Seeds seeds()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("FW_SCENARIO_SEED", &ok);
    if (!ok || n <= 0) {
        return {};
    }
    const auto base = std::uint64_t(n);
    return {base, 10 + base, 50 + base};
}

struct FaultOutcome
{
    bool detected = false; // an alarm within kDetectWithinS of onset
    int falseRaises = 0;   // alarms raised before onset
    int alarmedInFault = 0;
    int attributedRight = 0; // of those, samples whose largest share is the faulty channel
};

// The default model (raw channels, axis-parallel splits), or the one an operator gets with
// `train --extended --window 30`: hyperplane splits over the channels and their rolling mean,
// deviation and slope, which sees channels that stop moving together.
detect::DetectorTrainOptions trainOptions(bool extended)
{
    detect::DetectorTrainOptions options;
    if (extended) {
        options.forest.splitKind = detect::SplitKind::Hyperplane;
        options.window = 30;
    }
    return options;
}

FaultOutcome runFault(const Profile &profile, detect::Detector &detector, const QString &spec)
{
    const test::SimRun run = test::simulate(profile, spec, seeds().faults, kRunS, kOnsetS, kFaultS);
    detector.reset();
    const detect::DetectionResults r = test::runDetector(detector, run.rows);
    FaultOutcome out;
    const auto width = std::size_t(profile.channelCount());
    for (std::size_t i = 0; i < r.size(); ++i) {
        const double t = double(i) / run.rateHz;
        out.falseRaises += r.raisedNow[i] && t < kOnsetS ? 1 : 0;
        out.detected
            = out.detected || (r.alarm[i] && t >= kOnsetS && t <= kOnsetS + kDetectWithinS);
        if (r.alarm[i] && run.labels[i].anomalous) {
            ++out.alarmedInFault;
            const double *shares = r.attribution.data() + i * width;
            const auto best = std::max_element(shares, shares + width) - shares;
            out.attributedRight += best == run.labels[i].channel ? 1 : 0;
        }
    }
    return out;
}

} // namespace

class TestDetectorScenarios : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void faultsAreDetectedAndAttributed_data();
    void faultsAreDetectedAndAttributed();
    void nominalHoursRaiseAtMostOneAlarmAnHour_data();
    void nominalHoursRaiseAtMostOneAlarmAnHour();
    void forestHitRateMatchesAlpha();
};

void TestDetectorScenarios::faultsAreDetectedAndAttributed_data()
{
    QTest::addColumn<QString>("profile");
    // Fault windows detected within 5 s, as floors: 26 of 28 for both profiles and both models
    // (27 for the extended spacecraft model with FW_SCENARIO_SEED=2), with every seed from 1 to
    // 4. The target is 90 %. What is left: slow drifts on channels nothing else measures the
    // physics of (a 60-s drift is a fraction of a fault scale 5 s in, inside the channel's own
    // nominal moves).
    QTest::addColumn<bool>("extended");
    QTest::addColumn<double>("detectedFloor");
    QTest::newRow("spacecraft") << QStringLiteral("spacecraft") << false << 0.92;
    QTest::newRow("ev") << QStringLiteral("ev") << false << 0.92;
    QTest::newRow("spacecraft, extended") << QStringLiteral("spacecraft") << true << 0.92;
    QTest::newRow("ev, extended") << QStringLiteral("ev") << true << 0.92;
}

void TestDetectorScenarios::faultsAreDetectedAndAttributed()
{
    QFETCH(QString, profile);
    QFETCH(bool, extended);
    QFETCH(double, detectedFloor);
    const Profile p = test::loadProfile(profile);
    detect::Detector detector = test::makeDetector(
        test::trainOnNominal(p, kTrainS, seeds().train, trainOptions(extended)));
    int windows = 0;
    int detected = 0;
    int alarmed = 0;
    int attributedRight = 0;
    for (const QString &type : faultTypeNames()) {
        for (const Channel &channel : p.channels) {
            const QString spec = type + u':' + channel.id;
            const FaultOutcome o = runFault(p, detector, spec);
            // Every run shares its first 120 s (same seed); on the EV they include one false
            // alarm, in the warm-up from a cold pack that training saw only once.
            QVERIFY2(o.falseRaises <= 1, qPrintable(spec));
            ++windows;
            detected += o.detected ? 1 : 0;
            alarmed += o.alarmedInFault;
            attributedRight += o.attributedRight;
            if (!o.detected) {
                qInfo("%s: not detected within %.0f s", qPrintable(spec), kDetectWithinS);
            }
        }
    }
    const double detectedShare = double(detected) / windows;
    const double rightShare = double(attributedRight) / std::max(alarmed, 1);
    qInfo("%s: %d of %d fault windows detected within %.0f s; faulty channel first in %.1f %% of "
          "%d alarmed fault samples",
          qPrintable(profile), detected, windows, kDetectWithinS, 100 * rightShare, alarmed);
    QVERIFY2(detectedShare >= detectedFloor, qPrintable(QString::number(detectedShare)));
    QVERIFY2(rightShare >= 0.9, qPrintable(QString::number(rightShare)));
}

void TestDetectorScenarios::nominalHoursRaiseAtMostOneAlarmAnHour_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<bool>("extended");
    QTest::newRow("spacecraft") << QStringLiteral("spacecraft") << false;
    QTest::newRow("ev") << QStringLiteral("ev") << false;
    QTest::newRow("spacecraft, extended") << QStringLiteral("spacecraft") << true;
    QTest::newRow("ev, extended") << QStringLiteral("ev") << true;
}

void TestDetectorScenarios::nominalHoursRaiseAtMostOneAlarmAnHour()
{
    QFETCH(QString, profile);
    QFETCH(bool, extended);
    const Profile p = test::loadProfile(profile);
    detect::Detector detector = test::makeDetector(
        test::trainOnNominal(p, kTrainS, seeds().train, trainOptions(extended)));
    constexpr int kHours = 3;
    const test::SimRun run
        = test::simulate(p, QStringLiteral("nominal"), seeds().nominal, kHours * 3600.0);
    const detect::DetectionResults r = test::runDetector(detector, run.rows);
    const auto raises = std::count(r.raisedNow.begin(), r.raisedNow.end(), 1);
    qInfo("%s: %lld alarms in %d h of nominal data", qPrintable(profile),
          static_cast<long long>(raises), kHours);
    QVERIFY2(raises <= kHours, qPrintable(QString::number(raises)));
}

void TestDetectorScenarios::forestHitRateMatchesAlpha()
{
    // Conformal calibration promises a rate of at most α of nominal samples at confidence
    // ≥ 1 − α, and near α when calibration and new data are alike: the generic model's
    // stationary telemetry (the skab profile's channels), before any persistence rule.
    const Profile p = test::loadProfile(QStringLiteral("skab"));
    detect::Detector detector = test::makeDetector(test::trainOnNominal(p, 4 * 3600, 11));
    const test::SimRun run = test::simulate(p, QStringLiteral("nominal"), 12, 8 * 3600);
    const detect::DetectionResults r = test::runDetector(detector, run.rows);
    const auto hits = std::count_if(r.confidence.begin(), r.confidence.end(),
                                    [](double c) { return c >= 0.99; });
    const double rate = double(hits) / double(r.size());
    qInfo("hit rate at confidence 0.99: %.4f over %zu samples", rate, r.size());
    QVERIFY2(rate >= 0.005 && rate <= 0.015, qPrintable(QString::number(rate)));
}

QTEST_APPLESS_MAIN(TestDetectorScenarios)
#include "tst_detectorscenarios.moc"
