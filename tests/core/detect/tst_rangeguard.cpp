#include "detect/rangeguard.h"

#include <QtTest>

#include <cmath>
#include <deque>
#include <limits>
#include <numbers>
#include <optional>
#include <random>
#include <utility>
#include <vector>

using fw::detect::GuardFlag;
using fw::detect::GuardState;
using fw::detect::RangeGuard;
using fw::detect::RangeGuardOptions;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
using Limits = std::optional<std::pair<double, double>>;

// Two channels: 0 is noise around 10, 1 is noise around 50 plus drift per row.
std::vector<double> trainingRows(int rows, double drift, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> data;
    for (int r = 0; r < rows; ++r) {
        data.push_back(10 + noise(rng));
        data.push_back(50 + drift * r + noise(rng));
    }
    return data;
}

} // namespace

class TestRangeGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void boundsAreMedianPlusMinusKScalesOfTheRollingMean();
    void aStepIsFlaggedOnceTheRollingMeanCrosses();
    void nominalDataIsNeverFlagged();
    void aDriftingTrainingChannelIsExcluded();
    void limitsFlagEvenExcludedChannels();
    void missingValuesNeverFlag();
    void aWindowWithoutValuesIsDropout();
    void aFrozenValueIsStuck();
    void aStillChannelIsJudgedAtAFloorOfItsMagnitude();
    void aStillChannelSettlesAtANewLevel();
    void aLevelChangeAfterACommandIsExpected();
    void quantizedChannelsAreStuckOnlyPastTwiceTheirLongestRun();
    void extraNoiseIsFlagged();
    void noiseIsFlaggedWhereStepsWidenTheDeviation();
    void aSlowChannelStartingToDriftIsFlagged();
    void shortTrainingGetsNoTrendCheck();
    void aChannelBetweenTwoLevelsIsGuardedFromItsExtremes();
    void aLongTrainingDriftLeavesTheOtherSideGuarded();
    void quantizedChannelGetsANonZeroScale();
    void wrongLimitCountIsRefused();
};

void TestRangeGuard::boundsAreMedianPlusMinusKScalesOfTheRollingMean()
{
    const RangeGuard guard
        = RangeGuard::fit(trainingRows(600, 0, 1), 2, RangeGuardOptions{30, 8.0}, {});
    const auto &info = guard.channelInfo();
    QCOMPARE(info.size(), std::size_t(2));
    QVERIFY(std::abs(info[0].center - 10) < 0.3);
    // The mean of 30 unit-variance samples has a spread near 1/√30 ≈ 0.18.
    QVERIFY2(info[0].scale > 0.1 && info[0].scale < 0.3,
             qPrintable(QString::number(info[0].scale)));
    QCOMPARE(info[0].low, info[0].center - 8 * info[0].scale);
    QCOMPARE(info[0].high, info[0].center + 8 * info[0].scale);
    QVERIFY(!info[0].excluded);
    QVERIFY(!info[1].excluded);
}

void TestRangeGuard::aStepIsFlaggedOnceTheRollingMeanCrosses()
{
    RangeGuard guard = RangeGuard::fit(trainingRows(600, 0, 2), 2, RangeGuardOptions{}, {});
    const double high = guard.channelInfo()[0].high;
    // Replay nominal data, then step channel 0 up by 10 and follow the rolling mean ourselves.
    std::vector<double> replay = trainingRows(100, 0, 3);
    std::deque<double> window;
    int firstFlag = -1;
    int crossing = -1;
    for (int r = 0; r < 100; ++r) {
        double *row = replay.data() + 2 * r;
        if (r >= 60) {
            row[0] += 10;
        }
        window.push_back(row[0]);
        if (window.size() > 30) {
            window.pop_front();
        }
        double mean = 0;
        for (const double v : window) {
            mean += v / double(window.size());
        }
        if (crossing < 0 && r >= 29 && mean > high) {
            crossing = r;
        }
        const GuardState state = guard.check(std::span<const double>(row, 2));
        QCOMPARE(state.flags[1], GuardFlag::Within);
        if (firstFlag < 0 && state.flags[0] == GuardFlag::OutOfNominalRange) {
            firstFlag = r;
            QVERIFY(state.anyOutOfNominalRange);
            QVERIFY(!state.anyOutOfLimits);
        }
    }
    QVERIFY2(crossing > 60 && crossing < 90, qPrintable(QString::number(crossing)));
    QCOMPARE(firstFlag, crossing);
}

void TestRangeGuard::nominalDataIsNeverFlagged()
{
    RangeGuard guard = RangeGuard::fit(trainingRows(2000, 0, 4), 2, RangeGuardOptions{}, {});
    const std::vector<double> replay = trainingRows(5000, 0, 5);
    for (std::size_t r = 0; r < 5000; ++r) {
        QVERIFY(!guard.check(std::span<const double>(replay).subspan(2 * r, 2)).any());
    }
}

void TestRangeGuard::aDriftingTrainingChannelIsExcluded()
{
    // Channel 1 climbs by 10 over a short training (under 20 windows): more than its own spread.
    RangeGuard guard = RangeGuard::fit(trainingRows(500, 0.02, 6), 2, RangeGuardOptions{}, {});
    const auto &info = guard.channelInfo();
    QVERIFY(!info[0].excluded);
    QVERIFY(info[1].excluded);
    QVERIFY(info[1].exclusionReason.find("drift") != std::string::npos);
    // Far outside anything seen: still not flagged, the channel is not guarded.
    std::vector<double> replay = trainingRows(60, 0, 16);
    GuardState state;
    for (std::size_t r = 0; r < 60; ++r) {
        replay[2 * r + 1] += 450;
        state = guard.check(std::span<const double>(replay).subspan(2 * r, 2));
    }
    QCOMPARE(state.flags[1], GuardFlag::Within);
    QVERIFY(!state.any());
}

void TestRangeGuard::limitsFlagEvenExcludedChannels()
{
    const std::vector<Limits> limits{std::nullopt, std::pair{0.0, 100.0}};
    RangeGuard guard = RangeGuard::fit(trainingRows(500, 0.02, 7), 2, RangeGuardOptions{}, limits);
    QVERIFY(guard.channelInfo()[1].excluded);
    // Limits hold from the first sample, before any rolling window is full.
    const std::vector<double> over{10, 150};
    GuardState state = guard.check(over);
    QCOMPARE(state.flags[0], GuardFlag::Within);
    QCOMPARE(state.flags[1], GuardFlag::OutOfLimits);
    QVERIFY(state.anyOutOfLimits);
    const std::vector<double> under{10, -1};
    state = guard.check(under);
    QCOMPARE(state.flags[1], GuardFlag::OutOfLimits);
    const std::vector<double> inside{10, 99};
    state = guard.check(inside);
    QCOMPARE(state.flags[1], GuardFlag::Within);
    QVERIFY(!state.any());
}

void TestRangeGuard::missingValuesNeverFlag()
{
    const std::vector<Limits> limits{std::pair{0.0, 20.0}, std::pair{40.0, 60.0}};
    RangeGuard guard = RangeGuard::fit(trainingRows(600, 0, 8), 2, RangeGuardOptions{}, limits);
    // Every other sample missing: the rolling means go on from the present ones.
    std::vector<double> replay = trainingRows(200, 0, 17);
    for (std::size_t r = 0; r < 200; r += 2) {
        replay[2 * r] = kNaN;
        replay[2 * r + 1] = kNaN;
    }
    for (std::size_t r = 0; r < 200; ++r) {
        const GuardState state = guard.check(std::span<const double>(replay).subspan(2 * r, 2));
        QCOMPARE(state.flags[0], GuardFlag::Within);
        QCOMPARE(state.flags[1], GuardFlag::Within);
    }
    // A channel missing throughout training has no range and is excluded, not flagged.
    std::vector<double> partial = trainingRows(200, 0, 9);
    for (std::size_t r = 0; r < 200; ++r) {
        partial[2 * r + 1] = kNaN;
    }
    RangeGuard sparse = RangeGuard::fit(partial, 2, RangeGuardOptions{}, {});
    QVERIFY(sparse.channelInfo()[1].excluded);
    const std::vector<double> row{10, 1e9};
    for (int i = 0; i < 40; ++i) {
        QCOMPARE(sparse.check(row).flags[1], GuardFlag::Within);
    }
}

void TestRangeGuard::aWindowWithoutValuesIsDropout()
{
    RangeGuard guard = RangeGuard::fit(trainingRows(600, 0, 18), 2, RangeGuardOptions{}, {});
    QVERIFY(guard.channelInfo()[0].dropoutCheck);
    std::vector<double> replay = trainingRows(100, 0, 19);
    for (std::size_t r = 0; r < 100; ++r) {
        std::span<double> row = std::span(replay).subspan(2 * r, 2);
        if (r >= 50) {
            row[1] = kNaN;
        }
        const GuardState state = guard.check(row);
        QCOMPARE(state.flags[0], GuardFlag::Within);
        // The 30th missing value in a row completes a window without any.
        QCOMPARE(state.flags[1], r >= 79 ? GuardFlag::Dropout : GuardFlag::Within);
        QCOMPARE(state.anyOutOfNominalRange, r >= 79);
    }
    // Training with such a gap: the channel is known to go quiet, so it is not flagged.
    std::vector<double> gappy = trainingRows(600, 0, 20);
    for (std::size_t r = 100; r < 140; ++r) {
        gappy[2 * r + 1] = kNaN;
    }
    QVERIFY(!RangeGuard::fit(gappy, 2, RangeGuardOptions{}, {}).channelInfo()[1].dropoutCheck);
}

void TestRangeGuard::aFrozenValueIsStuck()
{
    RangeGuard guard = RangeGuard::fit(trainingRows(600, 0, 21), 2, RangeGuardOptions{}, {});
    QVERIFY(guard.channelInfo()[0].stuckCheck);
    std::vector<double> replay = trainingRows(100, 0, 22);
    for (std::size_t r = 0; r < 100; ++r) {
        std::span<double> row = std::span(replay).subspan(2 * r, 2);
        if (r >= 40) {
            row[0] = replay[2 * 40];
        }
        const GuardState state = guard.check(row);
        // 30 equal values from row 40 on: flagged from row 69, though the level is nominal.
        QCOMPARE(state.flags[0], r >= 69 ? GuardFlag::Stuck : GuardFlag::Within);
        QCOMPARE(state.flags[1], GuardFlag::Within);
    }
}

void TestRangeGuard::aStillChannelIsJudgedAtAFloorOfItsMagnitude()
{
    // A status word that read 0.999 all through training reads 1.0 now: 0.1 % of its size.
    RangeGuard guard = RangeGuard::fit(std::vector<double>(900, 0.999), 1, RangeGuardOptions{}, {});
    const fw::detect::GuardChannel &info = guard.channelInfo()[0];
    QVERIFY(info.lowVariety);
    QVERIFY(!info.stuckCheck);
    QCOMPARE(info.settle, RangeGuardOptions{}.window);
    QVERIFY(info.high >= 0.999 + RangeGuard::kVarietyShare * 0.999 - 1e-12);
    QVERIFY(info.jumpHigh >= RangeGuard::kVarietyShare * 0.999 - 1e-12);
    for (int r = 0; r < 300; ++r) {
        const double value = r < 100 ? 0.999 : 1.0;
        QCOMPARE(guard.check(std::span<const double>(&value, 1)).flags[0], GuardFlag::Within);
    }
    // 2 % of its size is past the floor.
    const double further = 0.999 * 1.02;
    bool flagged = false;
    for (int r = 0; r < 60; ++r) {
        flagged = flagged || guard.check(std::span<const double>(&further, 1)).any();
    }
    QVERIFY(flagged);
}

void TestRangeGuard::aStillChannelSettlesAtANewLevel()
{
    // A mode flag at -1 all through training switches to +1 and stays: flagged while it moves,
    // then taken as the channel's level once calm there for a window; back at -1, at once fine.
    RangeGuard guard = RangeGuard::fit(std::vector<double>(900, -1.0), 1, RangeGuardOptions{}, {});
    const int window = RangeGuardOptions{}.window;
    std::vector<GuardFlag> flags;
    double settledOffset = 0;
    for (int r = 0; r < 400; ++r) {
        const double value = r < 100 || r >= 300 ? -1.0 : 1.0;
        flags.push_back(guard.check(std::span<const double>(&value, 1)).flags[0]);
        settledOffset = r == 299 ? guard.offset(0) : settledOffset;
    }
    QCOMPARE(flags[99], GuardFlag::Within);
    QVERIFY(flags[100] != GuardFlag::Within); // the switch itself
    const auto lastFlag = std::find_if(flags.rbegin() + 100, flags.rend(),
                                       [](GuardFlag f) { return f != GuardFlag::Within; });
    const int clearedAt = int(flags.rend() - lastFlag);
    // Jump while the window straddles the switch, out of range until a window of calm at +1.
    QVERIFY2(clearedAt > 100 + window && clearedAt <= 100 + 3 * window,
             qPrintable(QString::number(clearedAt)));
    QCOMPARE(settledOffset, 2.0);
    // The switch back shows as a jump, and the trained level needs no settling.
    for (int r = clearedAt; r < 300; ++r) {
        QCOMPARE(flags[std::size_t(r)], GuardFlag::Within);
    }
    QCOMPARE(flags[399], GuardFlag::Within);
    QCOMPARE(guard.offset(0), 0.0);
}

void TestRangeGuard::aLevelChangeAfterACommandIsExpected()
{
    // Channel 0 sits at 10 × the mode (column 1, context) plus noise; column 2 is a command that
    // fires now and then with no effect on channel 0.
    std::mt19937_64 rng(31);
    std::normal_distribution<double> noise(0.0, 0.1);
    const auto rows = [&](int count, int firstMode, int modeChangeAt, int secondMode) {
        std::vector<double> out;
        for (int r = 0; r < count; ++r) {
            const int mode = modeChangeAt >= 0 && r >= modeChangeAt ? secondMode : firstMode;
            out.push_back(10.0 * mode + noise(rng));
            out.push_back(mode);
            out.push_back(r % 170 == 0 ? 1.0 : 0.0);
        }
        return out;
    };
    std::vector<double> training;
    for (int block = 0; block < 12; ++block) {
        const std::vector<double> part = rows(300, 1 + block % 2, -1, 0);
        training.insert(training.end(), part.begin(), part.end());
    }
    const std::vector<std::uint8_t> context{0, 1, 1};
    RangeGuard guard = RangeGuard::fit(training, 3, RangeGuardOptions{}, {}, context);
    const auto &info = guard.channelInfo();
    QVERIFY(info[1].context && info[2].context);
    QCOMPARE(info[0].commandedBy, std::vector<int>{1});
    QVERIFY(info[0].high < 30);

    // The mode goes to 3, a level training never saw, and channel 0 follows: expected.
    int contextFlags = 0;
    const auto flagsOf = [&](const std::vector<double> &replay) {
        guard.reset();
        int flagged = 0;
        for (std::size_t r = 0; r < replay.size() / 3; ++r) {
            const GuardState state = guard.check(std::span(replay).subspan(3 * r, 3));
            contextFlags
                += state.flags[1] != GuardFlag::Within || state.flags[2] != GuardFlag::Within;
            flagged += state.any() ? 1 : 0;
        }
        return flagged;
    };
    QCOMPARE(flagsOf(rows(600, 2, 200, 3)), 0);
    QCOMPARE(contextFlags, 0); // context is never flagged
    // The same move with the mode unchanged is flagged, and keeps being flagged.
    std::vector<double> unexplained = rows(600, 2, -1, 0);
    for (std::size_t r = 200; r < 600; ++r) {
        unexplained[3 * r] += 10;
    }
    QVERIFY(flagsOf(unexplained) > 300);
}

void TestRangeGuard::quantizedChannelsAreStuckOnlyPastTwiceTheirLongestRun()
{
    // A reading that sits at one value for up to 51 samples in training may do so again;
    // sitting there for 102 is more than it ever did.
    std::vector<double> training;
    for (int r = 0; r < 600; ++r) {
        training.push_back(r % 100 < 50 ? 5.0 : 5.0 + (r % 7) * 0.1);
    }
    RangeGuard guard = RangeGuard::fit(training, 1, RangeGuardOptions{}, {});
    QVERIFY(guard.channelInfo()[0].stuckCheck);
    QCOMPARE(guard.channelInfo()[0].stuckAfter, 102);
    for (int r = 0; r < 120; ++r) {
        const double value = 5.0;
        QCOMPARE(guard.check(std::span<const double>(&value, 1)).flags[0],
                 r >= 101 ? GuardFlag::Stuck : GuardFlag::Within);
    }
}

void TestRangeGuard::extraNoiseIsFlagged()
{
    RangeGuard guard = RangeGuard::fit(trainingRows(2000, 0, 23), 2, RangeGuardOptions{}, {});
    const double bound = guard.channelInfo()[1].noiseHigh;
    // The standard deviation of 30 unit-variance samples: near 1, bound well above.
    QVERIFY2(bound > 1.3 && bound < 4, qPrintable(QString::number(bound)));
    const double jump = guard.channelInfo()[1].jumpHigh;
    // Twice the furthest of ~2000 unit-variance values from their rolling mean (~3.5σ).
    QVERIFY2(jump > 5 && jump < 10, qPrintable(QString::number(jump)));
    std::mt19937 rng(24);
    std::normal_distribution<double> noise(0.0, 1.0);
    int flagged = 0;
    int noisy = 0;
    for (int r = 0; r < 200; ++r) {
        // Channel 1's noise grows tenfold from row 100 on; its mean stays where it was.
        const double sigma = r >= 100 ? 10.0 : 1.0;
        const std::vector<double> row{10 + noise(rng), 50 + sigma * noise(rng)};
        const GuardState state = guard.check(row);
        QCOMPARE(state.flags[0], GuardFlag::Within);
        if (r < 100) {
            QCOMPARE(state.flags[1], GuardFlag::Within);
        } else if (state.flags[1] != GuardFlag::Within) {
            // Wide noise also moves the rolling mean and throws values far from it; those
            // findings take precedence.
            QVERIFY(state.flags[1] == GuardFlag::Noisy || state.flags[1] == GuardFlag::Jump
                    || state.flags[1] == GuardFlag::OutOfNominalRange);
            noisy += state.flags[1] == GuardFlag::Noisy ? 1 : 0;
            ++flagged;
        }
    }
    QVERIFY2(noisy > 10, qPrintable(QString::number(noisy)));
    QVERIFY2(flagged > 90, qPrintable(QString::number(flagged)));
}

void TestRangeGuard::noiseIsFlaggedWhereStepsWidenTheDeviation()
{
    // A level that switches between 0 and 1 every 100 rows, with little noise: a window holding a
    // switch has a deviation near 0.5, so the deviation bound cannot see noise of 0.2.
    std::mt19937 rng(31);
    std::normal_distribution<double> noise(0.0, 1.0);
    const auto level = [](int r) {
        return (r / 100) % 2 == 0 ? 0.0 : 1.0;
    };
    std::vector<double> training;
    for (int r = 0; r < 20000; ++r) {
        training.push_back(level(r) + 0.01 * noise(rng));
    }
    RangeGuard guard = RangeGuard::fit(training, 1, RangeGuardOptions{}, {});
    const auto &channel = guard.channelInfo()[0];
    QVERIFY2(channel.noiseHigh > 0.5, qPrintable(QString::number(channel.noiseHigh)));
    // A switch adds 1/30 to the mean change; 29 changes of noise add 29/30 · 1.13 · 0.01.
    QVERIFY2(channel.roughnessHigh > 0.06 && channel.roughnessHigh < 0.12,
             qPrintable(QString::number(channel.roughnessHigh)));

    int flagged = 0;
    for (int r = 0; r < 400; ++r) {
        // The same process for 200 rows, then noise of 0.2 at the low level.
        const double value = r < 200 ? level(r) + 0.01 * noise(rng) : 0.2 * noise(rng);
        const GuardFlag flag = guard.check(std::span<const double>(&value, 1)).flags[0];
        if (r < 200) {
            QCOMPARE(flag, GuardFlag::Within);
        } else if (r >= 200 + 30) {
            QCOMPARE(flag, GuardFlag::Noisy);
            ++flagged;
        }
    }
    QCOMPARE(flagged, 170);
}

namespace {

// A tank pressure: a slow swing of ±0.5 over 5000 rows with noise of 0.05.
double slowSwing(int r, std::mt19937 &rng)
{
    std::normal_distribution<double> noise(0.0, 0.05);
    return 20 + 0.5 * std::sin(2 * std::numbers::pi * r / 5000) + noise(rng);
}

} // namespace

void TestRangeGuard::aSlowChannelStartingToDriftIsFlagged()
{
    std::mt19937 rng(41);
    std::vector<double> training;
    for (int r = 0; r < 20000; ++r) {
        training.push_back(slowSwing(r, rng));
    }
    const RangeGuardOptions options{10, 8.0};
    RangeGuard guard = RangeGuard::fit(training, 1, options, {});
    const auto &channel = guard.channelInfo()[0];
    // Twice the widest move of a 10-row mean over 10 rows: noise of 0.05 · √(2/10) ≈ 0.022 at
    // ~4.5σ, and the swing's 0.006.
    QVERIFY2(channel.trendHigh > 0.12 && channel.trendHigh < 0.35,
             qPrintable(QString::number(channel.trendHigh)));
    const double rangeHalfWidth = (channel.high - channel.low) / 2;

    // Fresh data from the same process never flags.
    for (int r = 20000; r < 40000; ++r) {
        const double value = slowSwing(r, rng);
        QCOMPARE(guard.check(std::span<const double>(&value, 1)).flags[0], GuardFlag::Within);
    }
    // Then a drift of 0.05 a row: the level moves 0.5 a window, and stays inside the nominal
    // range for the first rows.
    guard.reset();
    int firstFlag = -1;
    GuardFlag first = GuardFlag::Within;
    for (int r = 0; r < 200; ++r) {
        const double drift = r >= 100 ? 0.05 * (r - 100) : 0.0;
        const double value = slowSwing(r, rng) + drift;
        const GuardFlag flag = guard.check(std::span<const double>(&value, 1)).flags[0];
        if (r < 100) {
            QCOMPARE(flag, GuardFlag::Within);
        } else if (firstFlag < 0 && flag != GuardFlag::Within) {
            firstFlag = r;
            first = flag;
        }
    }
    QCOMPARE(first, GuardFlag::Trend);
    QVERIFY2(firstFlag - 100 <= 12, qPrintable(QString::number(firstFlag)));
    // The range check alone would have waited until the drift crossed about half the range.
    QVERIFY(0.05 * (firstFlag - 100) < rangeHalfWidth * 0.75);
}

void TestRangeGuard::shortTrainingGetsNoTrendCheck()
{
    // 800 rows with a window of 10 hold ~80 separate windows: fewer than the 100 a trend bound
    // needs (SKAB's 400 rows at a window of 30 hold 13).
    std::mt19937 rng(43);
    std::vector<double> training;
    for (int r = 0; r < 800; ++r) {
        training.push_back(slowSwing(r, rng));
    }
    const RangeGuard guard = RangeGuard::fit(training, 1, RangeGuardOptions{10, 8.0}, {});
    QCOMPARE(guard.channelInfo()[0].trendHigh, std::numeric_limits<double>::infinity());
    QVERIFY(std::isfinite(guard.channelInfo()[0].roughnessHigh));
}

namespace {

// A bus voltage over orbits of 3000 rows: 28.5 in sunlight for 70 % of each, 27.0 in eclipse,
// with noise of 0.02.
double orbitVoltage(int r, std::mt19937 &rng)
{
    std::normal_distribution<double> noise(0.0, 0.02);
    return (r % 3000 < 2100 ? 28.5 : 27.0) + noise(rng);
}

// Feeds n rows of one channel from value(r) and returns the first row flagged, or -1.
template<typename Value>
int firstFlagged(RangeGuard &guard, int n, Value value, GuardFlag *flag)
{
    for (int r = 0; r < n; ++r) {
        const double v = value(r);
        const GuardFlag f = guard.check(std::span<const double>(&v, 1)).flags[0];
        if (f != GuardFlag::Within) {
            *flag = f;
            return r;
        }
    }
    return -1;
}

} // namespace

void TestRangeGuard::aChannelBetweenTwoLevelsIsGuardedFromItsExtremes()
{
    std::mt19937 rng(47);
    std::vector<double> training;
    for (int r = 0; r < 6000; ++r) {
        training.push_back(orbitVoltage(r, rng));
    }
    RangeGuard guard = RangeGuard::fit(training, 1, RangeGuardOptions{}, {});
    const auto &channel = guard.channelInfo()[0];
    // The last quarter is in eclipse for longer than the first, but each half holds one whole
    // orbit: that is no drift.
    QVERIFY(!channel.excluded);
    QVERIFY2(channel.exclusionReason.empty(), channel.exclusionReason.c_str());
    // 8 robust scales of the rolling means would be about ±0.03 around the sunlit level, which
    // most means sit at: every eclipse would be out of range. The extremes 27.0 and 28.5 with
    // 0.3 of their span beyond them give about 26.55 to 28.95.
    QVERIFY2(channel.low > 26.5 && channel.low < 26.6, qPrintable(QString::number(channel.low)));
    QVERIFY2(channel.high > 28.9 && channel.high < 29.0, qPrintable(QString::number(channel.high)));

    // Fresh orbits, starting elsewhere in one, never flag.
    GuardFlag flag = GuardFlag::Within;
    QCOMPARE(firstFlagged(
                 guard, 9000, [&](int r) { return orbitVoltage(r + 1234, rng); }, &flag),
             -1);
    // A rise of 0.6 in sunlight does, once the rolling mean passes 28.95: after 23 of 30 rows.
    guard.reset();
    const int at = firstFlagged(
        guard, 200, [&](int r) { return orbitVoltage(r, rng) + (r >= 100 ? 0.6 : 0.0); }, &flag);
    QVERIFY2(at >= 100 + 20 && at <= 100 + 26, qPrintable(QString::number(at)));
    QCOMPARE(flag, GuardFlag::OutOfNominalRange);
}

void TestRangeGuard::aLongTrainingDriftLeavesTheOtherSideGuarded()
{
    // Channel 1 climbs by 6 over 6000 rows: long enough to tell a drift from a cycle.
    RangeGuard guard = RangeGuard::fit(trainingRows(6000, 0.001, 48), 2, RangeGuardOptions{}, {});
    const auto &channel = guard.channelInfo()[1];
    QVERIFY(!channel.excluded);
    QVERIFY2(channel.exclusionReason.find("drifted up") != std::string::npos,
             channel.exclusionReason.c_str());
    QCOMPARE(channel.high, std::numeric_limits<double>::infinity());
    QVERIFY(std::isfinite(channel.low));
    QVERIFY(!guard.channelInfo()[0].excluded);
    QVERIFY(std::isfinite(guard.channelInfo()[0].high));

    // Far above anything seen: the way it drifted, so not flagged.
    std::vector<double> replay = trainingRows(60, 0, 49);
    GuardState state;
    for (std::size_t r = 0; r < 60; ++r) {
        replay[2 * r + 1] += 450;
        state = guard.check(std::span<const double>(replay).subspan(2 * r, 2));
    }
    QCOMPARE(state.flags[1], GuardFlag::Within);
    // Below where it started: flagged.
    guard.reset();
    replay = trainingRows(60, 0, 50);
    for (std::size_t r = 0; r < 60; ++r) {
        replay[2 * r + 1] -= 10;
        state = guard.check(std::span<const double>(replay).subspan(2 * r, 2));
    }
    QCOMPARE(state.flags[1], GuardFlag::OutOfNominalRange);
    QCOMPARE(state.flags[0], GuardFlag::Within);
}

void TestRangeGuard::quantizedChannelGetsANonZeroScale()
{
    // A flow sensor reading 32 with the odd 31 or 33.
    const auto flow = [](int r) {
        if (r % 37 == 0) {
            return 31.0;
        }
        if (r % 53 == 0) {
            return 33.0;
        }
        return 32.0;
    };
    std::vector<double> training;
    for (int r = 0; r < 2000; ++r) {
        training.push_back(flow(r));
    }
    RangeGuard guard = RangeGuard::fit(training, 1, RangeGuardOptions{}, {});
    const auto &channel = guard.channelInfo()[0];
    QVERIFY(!channel.excluded);
    QCOMPARE(channel.center, 32.0);
    QVERIFY(channel.scale > 0);
    QVERIFY(std::isfinite(channel.scale));
    for (int r = 0; r < 5000; ++r) {
        const double value = flow(r + 11);
        QCOMPARE(guard.check(std::span<const double>(&value, 1)).flags[0], GuardFlag::Within);
    }
}

void TestRangeGuard::wrongLimitCountIsRefused()
{
    const std::vector<Limits> limits{std::pair{0.0, 1.0}};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, [[maybe_unused]] const RangeGuard guard
                                                    = RangeGuard::fit(trainingRows(100, 0, 10), 2,
                                                                      RangeGuardOptions{}, limits));
}

QTEST_APPLESS_MAIN(TestRangeGuard)
#include "tst_rangeguard.moc"
