// The relation check: a channel that stops following the others is flagged, even while it stays
// inside its own nominal range and moves no faster than it does in nominal operation.
#include "detect/detector.h"
#include "detect/relationcheck.h"

#include <QtTest>

#include <cmath>
#include <numbers>
#include <random>

using namespace fw::detect;

namespace {

constexpr double kRateHz = 10;
constexpr int kChannels = 3;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Drift
{
    double onsetS = -1; // no drift when negative
    double perS = 0;    // added to channel 1 per second after onset
    double step = 0;    // added to channel 1 from onset on
    // When above 0, channel 1 also carries a nominal sawtooth of this height: a slow climb over
    // each 600 s, then a drop back, so its nominal transients all fall below the prediction.
    double sawtooth = 0;
};

// Channel 0 drives, channel 1 follows it through an 8-s lag (a coolant loop behind a pack
// temperature), channel 2 is unrelated. Channel 1 swings ±8 at up to 0.25 a second.
std::vector<double> telemetry(double seconds, std::uint64_t seed, Drift drift = {})
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    const auto rows = std::size_t(seconds * kRateHz);
    std::vector<double> out;
    out.reserve(rows * kChannels);
    const double phase = double(seed);
    const auto driver = [phase](double t) {
        return 5 * std::sin(2 * std::numbers::pi * t / 600 + phase)
               + 3 * std::sin(2 * std::numbers::pi * t / 97 + 1 + phase);
    };
    // The follower starts settled: two minutes of lag behind the driver before the first row.
    double follower = 0;
    for (int r = -int(120 * kRateHz); r < 0; ++r) {
        follower += (driver(r / kRateHz) - follower) / (8 * kRateHz);
    }
    for (std::size_t r = 0; r < rows; ++r) {
        const double t = double(r) / kRateHz;
        follower += (driver(t) - follower) / (8 * kRateHz);
        double offset = drift.sawtooth * std::fmod(t, 600) / 600;
        if (drift.onsetS >= 0 && t >= drift.onsetS) {
            offset += drift.perS * (t - drift.onsetS) + drift.step;
        }
        out.push_back(driver(t) + 0.1 * noise(rng));
        out.push_back(10 + follower + offset + 0.1 * noise(rng));
        out.push_back(2 * std::sin(2 * std::numbers::pi * t / 300) + 0.2 * noise(rng));
    }
    return out;
}

RelationCheck fitted()
{
    const std::vector<double> rows = telemetry(3600, 1);
    std::string why;
    std::optional<RelationCheck> check = RelationCheck::fit(rows, kChannels, kRateHz, &why);
    if (!check) {
        qFatal("fit failed: %s", why.c_str());
    }
    return *check;
}

// Row index of the first flag at or after row `from`, with the channel flagged; -1 if none.
std::pair<long, int> firstFlag(RelationCheck &check, const std::vector<double> &rows,
                               std::size_t from = 0)
{
    std::pair<long, int> first{-1, -1};
    for (std::size_t r = 0; r < rows.size() / kChannels; ++r) {
        const int flagged = check.check(std::span(rows).subspan(r * kChannels, kChannels));
        if (first.first < 0 && r >= from && flagged >= 0) {
            first = {long(r), flagged};
        }
    }
    return first;
}

} // namespace

class TestRelationCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void slowDriftOfAFollowerIsFlaggedOnIt();
    void freshNominalDataIsNeverFlagged();
    void missingValuesNeverFlag();
    void resetForgetsTheHistory();
    void oneSidedTransientsLeaveTheOtherSideSharp();
    void tooLittleToLearnFromGivesNoCheck();
    void storedRelationsAreChecked();
    void detectorNamesTheDriftingChannel();
};

void TestRelationCheck::slowDriftOfAFollowerIsFlaggedOnIt()
{
    RelationCheck check = fitted();
    QCOMPARE(check.options().block, 2); // 0.2 s at 10 Hz
    // A fifth of the follower's own nominal rate, from t = 900 s.
    const std::vector<double> rows = telemetry(1200, 2, {900, 0.05});
    const auto onset = std::size_t(900 * kRateHz);
    int flaggedAfter = 0;
    int flaggedBefore = 0;
    long first = -1;
    for (std::size_t r = 0; r < rows.size() / kChannels; ++r) {
        const int flagged = check.check(std::span(rows).subspan(r * kChannels, kChannels));
        if (r < onset) {
            flaggedBefore += flagged >= 0 ? 1 : 0;
            continue;
        }
        if (flagged >= 0 && first < 0) {
            first = long(r);
        }
        if (first >= 0) {
            QCOMPARE(flagged, 1);
            ++flaggedAfter;
        }
    }
    QCOMPARE(flaggedBefore, 0);
    QVERIFY(first >= 0);
    const double delayS = double(first - long(onset)) / kRateHz;
    qInfo("drift of 0.05 a second flagged %.1f s after onset", delayS);
    QVERIFY2(delayS <= 15, qPrintable(QString::number(delayS)));
    // 15 s in, the drift has moved the follower by 0.75, well inside its ±8 swing.
    QVERIFY(flaggedAfter > 0);
}

void TestRelationCheck::freshNominalDataIsNeverFlagged()
{
    RelationCheck check = fitted();
    for (const std::uint64_t seed : {3, 4}) {
        check.reset();
        const std::vector<double> rows = telemetry(2 * 3600, seed);
        QCOMPARE(firstFlag(check, rows).first, -1L);
    }
}

void TestRelationCheck::missingValuesNeverFlag()
{
    RelationCheck check = fitted();
    std::vector<double> rows = telemetry(1800, 5);
    std::mt19937_64 rng(6);
    std::uniform_real_distribution<double> u(0, 1);
    for (std::size_t r = 0; r < rows.size() / kChannels; ++r) {
        const double t = double(r) / kRateHz;
        for (std::size_t c = 0; c < kChannels; ++c) {
            // Scattered gaps everywhere, and the driver silent for a minute.
            if (u(rng) < 0.02 || (c == 0 && t >= 600 && t < 660)) {
                rows[r * kChannels + c] = kNaN;
            }
        }
    }
    QCOMPARE(firstFlag(check, rows).first, -1L);
}

void TestRelationCheck::resetForgetsTheHistory()
{
    RelationCheck check = fitted();
    const std::vector<double> drifting = telemetry(1200, 2, {600, 0.2});
    const auto [at, channel] = firstFlag(check, drifting);
    QVERIFY(at > 0);
    QCOMPARE(channel, 1);
    // The drift is still on after the run, so the check is still flagging it...
    QCOMPARE(check.check(std::span(drifting).last(kChannels)), 1);
    // ...until reset: then nothing is flagged before the history has filled again.
    check.reset();
    const int memoryRows = (check.options().memory() + 1) * check.options().block;
    for (int r = 0; r < memoryRows; ++r) {
        QCOMPARE(check.check(std::span(drifting).last(kChannels)), -1);
    }
}

void TestRelationCheck::tooLittleToLearnFromGivesNoCheck()
{
    std::string why;
    // 20 memories of 161 steps of 2 rows: 6440 rows.
    const std::vector<double> shortRun = telemetry(640, 1);
    QVERIFY(!RelationCheck::fit(shortRun, kChannels, kRateHz, &why));
    QCOMPARE(why, std::string("relations: need 6440 training rows, have 6400"));
    const std::vector<double> rows = telemetry(3600, 1);
    QVERIFY(!RelationCheck::fit(rows, kChannels, 0, &why));
    QCOMPARE(why, std::string("relations: need the sample rate"));
    std::vector<double> single(1000, 1.0);
    QVERIFY(!RelationCheck::fit(single, 1, kRateHz, &why));
    QCOMPARE(why, std::string("relations: need at least two channels to relate"));
}

// A channel whose nominal transients are one-sided (a bus voltage that jumps up at every sunrise)
// keeps its bound on the other side from the rest of its behaviour: a step up of two thirds of
// the nominal drop is flagged; down, the same step is not, being well inside what training saw.
void TestRelationCheck::oneSidedTransientsLeaveTheOtherSideSharp()
{
    std::string why;
    std::optional<RelationCheck> check
        = RelationCheck::fit(telemetry(3600, 1, {-1, 0, 0, 3}), kChannels, kRateHz, &why);
    QVERIFY2(check, why.c_str());
    const RelationChannel &follower = check->channels()[1];
    qInfo("follower bounds: %.3f below, %.3f above", follower.below, follower.above);
    QVERIFY2(follower.below > 4 * follower.above,
             qPrintable(QStringLiteral("%1 %2").arg(follower.below).arg(follower.above)));
    for (const double step : {2.0, -2.0}) {
        check->reset();
        const std::vector<double> rows = telemetry(1200, 2, {1000, 0, step, 3});
        const std::pair<long, int> first = firstFlag(*check, rows);
        if (step < 0) {
            QCOMPARE(first.first, -1L);
            continue;
        }
        QCOMPARE(first.second, 1);
        QVERIFY2(first.first >= 1000 * long(kRateHz) && first.first <= 1002 * long(kRateHz),
                 qPrintable(QString::number(first.first)));
    }
}

void TestRelationCheck::storedRelationsAreChecked()
{
    const RelationCheck check = fitted();
    std::string error;
    QVERIFY(RelationCheck::fromStored(check.options(), check.channels(), &error));
    std::vector<RelationChannel> channels = check.channels();
    channels[1].below = std::numeric_limits<double>::quiet_NaN();
    QVERIFY(!RelationCheck::fromStored(check.options(), channels, &error));
    QCOMPARE(error, std::string("relations: channel 1: bounds must be above 0"));
    RelationOptions options = check.options();
    options.lags = {0, 2, 2};
    QVERIFY(!RelationCheck::fromStored(options, check.channels(), &error));
    QVERIFY(error.starts_with("relations: lags must be distinct, ascending"));
    options = check.options();
    options.smooth = 0;
    QVERIFY(!RelationCheck::fromStored(options, check.channels(), &error));
    QVERIFY(error.starts_with("relations: block, self lag and smoothing must be 1 to"));
}

void TestRelationCheck::detectorNamesTheDriftingChannel()
{
    const std::vector<double> train = telemetry(3600, 1);
    TrainingData data;
    data.rows = train;
    data.profile = "test";
    data.channels = {"driver", "follower", "other"};
    data.rateHz = kRateHz;
    std::string error;
    const std::optional<DetectorModel> model = trainDetector(data, {}, &error, nullptr);
    QVERIFY2(model, error.c_str());
    QCOMPARE(model->relations.size(), std::size_t(kChannels));
    std::optional<Detector> detector = Detector::create(*model, &error);
    QVERIFY2(detector, error.c_str());

    const std::vector<double> rows = telemetry(1200, 2, {900, 0.05});
    DetectionResults results;
    detector->process(rows, results);
    const auto onset = std::size_t(900 * kRateHz);
    long first = -1;
    for (std::size_t r = 0; r < results.size(); ++r) {
        const bool related = results.guardFlags[r * kChannels + 1] == GuardFlag::Relation;
        QVERIFY2(r >= onset || !related, qPrintable(QString::number(r)));
        if (first < 0 && related) {
            first = long(r);
            // Named alone, and alarmed on.
            QCOMPARE(results.attribution[r * kChannels + 1], 1.0);
            QCOMPARE(results.alarm[r], std::uint8_t(1));
            QCOMPARE(results.reason[r], AlarmReason::Relation);
        }
    }
    QVERIFY(first >= 0);
    QVERIFY2(double(first - long(onset)) / kRateHz <= 15, qPrintable(QString::number(first)));
}

QTEST_APPLESS_MAIN(TestRelationCheck)
#include "tst_relationcheck.moc"
