// The forecast check: a channel that stops moving the way its own recent past forecasts is
// flagged, inside its range; a channel that steps to a new level and stays there is flagged for
// the step only; a channel that never moved in training is not flagged for a change below the
// floor.
#include "detect/forecastcheck.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace fw::detect;

namespace {

constexpr double kRateHz = 1; // one step per sample: a slow housekeeping channel
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kPeriod = 50; // samples per cycle of the pulse train
constexpr int kPulse = 8;   // samples high in each cycle

// A pulse train (high for kPulse of every kPeriod samples, as a heater duty cycle) with a little
// noise. missedFrom: from this sample on, one pulse is missing. stepFrom: from this sample on,
// the train sits 0.5 higher.
std::vector<double> pulses(int rows, std::uint64_t seed, int missedFrom = -1, int stepFrom = -1)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, 0.01);
    std::vector<double> out;
    out.reserve(std::size_t(rows));
    for (int r = 0; r < rows; ++r) {
        const bool high = r % kPeriod < kPulse;
        const bool missed = missedFrom >= 0 && r >= missedFrom && r < missedFrom + kPeriod;
        double v = (high && !missed ? 1.0 : -1.0) + noise(rng);
        if (stepFrom >= 0 && r >= stepFrom) {
            v += 0.5;
        }
        out.push_back(v);
    }
    return out;
}

ForecastCheck fitted(const std::vector<double> &rows, int channels = 1)
{
    std::string why;
    std::optional<ForecastCheck> check = ForecastCheck::fit(rows, channels, kRateHz, &why);
    if (!check) {
        qFatal("fit failed: %s", why.c_str());
    }
    return std::move(*check);
}

// The samples at which channel 0 is flagged.
std::vector<int> flaggedAt(ForecastCheck &check, const std::vector<double> &rows, int channels = 1)
{
    std::vector<int> flagged;
    for (std::size_t r = 0; r < rows.size() / std::size_t(channels); ++r) {
        const auto row = std::span(rows).subspan(r * std::size_t(channels), std::size_t(channels));
        if (check.check(row)[0] != 0) {
            flagged.push_back(int(r));
        }
    }
    return flagged;
}

} // namespace

class TestForecastCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theCycleIsFoundInTraining();
    void freshNominalDataIsNeverFlagged();
    void aMissedPulseIsFlaggedWhereItWasDue();
    void aStepIsFlaggedWhileItHappensAndNotOnceSettled();
    void aChangeBelowTheFloorOfAStillChannelIsNotFlagged();
    void aStillChannelThatMovesIsFlagged();
    void missingValuesAreNeverFlagged();
    void tooLittleTrainingFitsNoCheck();
    void resetForgetsTheHistory();
    void storedForecastsAreValidated();
    void contextChannelsAreNotForecast();
};

void TestForecastCheck::theCycleIsFoundInTraining()
{
    const ForecastCheck check = fitted(pulses(3000, 1));
    QCOMPARE(check.options().block, 1);
    QCOMPARE(check.channels().size(), std::size_t(1));
    QCOMPARE(check.channels()[0].season, kPeriod);
    // A channel without a cycle (noise) gets none.
    std::mt19937_64 rng(2);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> rows(3000);
    for (double &v : rows) {
        v = noise(rng);
    }
    QCOMPARE(fitted(rows).channels()[0].season, 0);
}

void TestForecastCheck::freshNominalDataIsNeverFlagged()
{
    ForecastCheck check = fitted(pulses(3000, 3));
    QVERIFY(flaggedAt(check, pulses(20000, 4)).empty());
}

void TestForecastCheck::aMissedPulseIsFlaggedWhereItWasDue()
{
    ForecastCheck check = fitted(pulses(3000, 5));
    const int missed = 40 * kPeriod; // a pulse was due here
    const std::vector<int> flagged = flaggedAt(check, pulses(6000, 6, missed));
    QVERIFY(!flagged.empty());
    QVERIFY2(flagged.front() >= missed && flagged.front() < missed + kPulse + 2,
             qPrintable(QString::number(flagged.front())));
    QVERIFY2(flagged.back() < missed + kPeriod + 20, qPrintable(QString::number(flagged.back())));
}

void TestForecastCheck::aStepIsFlaggedWhileItHappensAndNotOnceSettled()
{
    ForecastCheck check = fitted(pulses(3000, 7));
    const int step = 40 * kPeriod + 25; // between two pulses
    const std::vector<int> flagged = flaggedAt(check, pulses(6000, 8, -1, step));
    QVERIFY(!flagged.empty());
    QCOMPARE(flagged.front(), step);
    // Flagged while the step sits in the smoothing, and once more a cycle later (the seasonal
    // weights expect the change again), then no more: the new level is the guard's business.
    QVERIFY2(flagged.back() < step + kPeriod + 20, qPrintable(QString::number(flagged.back())));
}

void TestForecastCheck::aChangeBelowTheFloorOfAStillChannelIsNotFlagged()
{
    // A status word that read 0.999 all through training, and 1.0 now.
    ForecastCheck check = fitted(std::vector<double>(2000, 0.999));
    QVERIFY(check.channels()[0].bound >= ForecastCheck::kFloorShare * 0.999);
    std::vector<double> replay(500, 0.999);
    std::fill(replay.begin() + 200, replay.end(), 1.0);
    QVERIFY(flaggedAt(check, replay).empty());
}

void TestForecastCheck::aStillChannelThatMovesIsFlagged()
{
    ForecastCheck check = fitted(std::vector<double>(2000, -1.0));
    std::vector<double> replay(500, -1.0);
    replay[300] = 1.0; // one sample away and back: a glitch
    const std::vector<int> flagged = flaggedAt(check, replay);
    QVERIFY(!flagged.empty());
    QCOMPARE(flagged.front(), 300);
    QVERIFY(flagged.back() < 300 + check.options().smooth + 2);
}

void TestForecastCheck::missingValuesAreNeverFlagged()
{
    ForecastCheck check = fitted(pulses(3000, 9));
    std::vector<double> replay = pulses(3000, 10);
    for (std::size_t r = 1000; r < 1200; ++r) {
        replay[r] = r % 3 == 0 ? kNaN : replay[r];
    }
    for (std::size_t r = 2000; r < 2100; ++r) {
        replay[r] = kNaN;
    }
    QVERIFY(flaggedAt(check, replay).empty());
}

void TestForecastCheck::tooLittleTrainingFitsNoCheck()
{
    std::string why;
    QVERIFY(!ForecastCheck::fit(pulses(150, 11), 1, kRateHz, &why));
    QVERIFY2(why.find("need 200 training rows") != std::string::npos, why.c_str());
    QVERIFY(!ForecastCheck::fit(pulses(3000, 11), 1, 0, &why));
    QVERIFY2(why.find("rate") != std::string::npos, why.c_str());
}

void TestForecastCheck::resetForgetsTheHistory()
{
    ForecastCheck check = fitted(std::vector<double>(2000, -1.0));
    std::vector<double> replay(100, -1.0);
    (void)flaggedAt(check, replay);
    // Without a reset, a jump to +1 is flagged; after one, +1 is where the stream starts.
    check.reset();
    QVERIFY(flaggedAt(check, std::vector<double>(100, 1.0)).empty());
    QVERIFY(!flaggedAt(check, std::vector<double>(20, -1.0)).empty());
}

void TestForecastCheck::storedForecastsAreValidated()
{
    const ForecastCheck check = fitted(pulses(3000, 12));
    std::string error;
    QVERIFY(ForecastCheck::fromStored(check.options(), check.channels(), &error));
    std::vector<ForecastChannel> channels = check.channels();
    channels[0].bound = 0;
    QVERIFY(!ForecastCheck::fromStored(check.options(), channels, &error));
    QVERIFY2(error.find("bound must be above 0") != std::string::npos, error.c_str());
    channels = check.channels();
    channels[0].coefficients.pop_back();
    QVERIFY(!ForecastCheck::fromStored(check.options(), channels, &error));
    QVERIFY2(error.find("coefficients") != std::string::npos, error.c_str());
    ForecastOptions options = check.options();
    options.lags = {3, 1};
    QVERIFY(!ForecastCheck::fromStored(options, check.channels(), &error));
    QVERIFY2(error.find("ascending") != std::string::npos, error.c_str());
}

void TestForecastCheck::contextChannelsAreNotForecast()
{
    // Channel 0 a pulse train, channel 1 a command column: fitted without a forecast, never
    // flagged, however it moves; channel 0 is judged as on its own.
    const std::vector<double> train = pulses(3000, 13);
    std::vector<double> rows;
    for (std::size_t r = 0; r < train.size(); ++r) {
        rows.push_back(train[r]);
        rows.push_back(r % 97 == 0 ? 1.0 : 0.0);
    }
    const std::vector<std::uint8_t> context{0, 1};
    std::string why;
    std::optional<ForecastCheck> check = ForecastCheck::fit(rows, 2, kRateHz, &why, context);
    QVERIFY2(check, why.c_str());
    QVERIFY(std::isinf(check->channels()[1].bound));
    QCOMPARE(check->channels()[0].season, kPeriod);
    const std::vector<double> replay = pulses(6000, 14, 40 * kPeriod);
    int contextFlags = 0;
    int pulseFlags = 0;
    for (std::size_t r = 0; r < replay.size(); ++r) {
        const std::vector<double> row{replay[r], r % 13 == 0 ? 50.0 : -50.0};
        const std::span<const std::uint8_t> flags = check->check(row);
        pulseFlags += flags[0];
        contextFlags += flags[1];
    }
    QCOMPARE(contextFlags, 0);
    QVERIFY(pulseFlags > 0); // the missed pulse
}

QTEST_APPLESS_MAIN(TestForecastCheck)
#include "tst_forecastcheck.moc"
