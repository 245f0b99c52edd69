#include "sim/evmodel.h"
#include "sim/simulator.h"
#include "sim/simulatormodel.h"
#include "sim/spacecraftmodel.h"
#include "simtestutil.h"

#include <QtTest>

#include <cmath>
#include <cstring>

using namespace fw;
using fw::test::loadProfile;

namespace {

constexpr double kStart = 1732400000.0;

// A profile only the generic model knows, with limits on some channels.
Profile customProfile()
{
    QString error;
    const auto profile = Profile::fromJson(R"({"name": "bench", "channels": [
        {"id": "flow", "limits": {"warn": [10, 30], "alarm": [0, 40]}},
        {"id": "speed", "limits": {"alarm": [-100, 100]}},
        {"id": "level"}]})",
                                           &error);
    if (!profile) {
        qFatal("bad test profile: %s", qPrintable(error));
    }
    return *profile;
}

Scenario faultScenario(FaultType type, int channel, double onsetS, double durationS)
{
    Scenario scenario;
    scenario.name = faultTypeName(type);
    scenario.faults.push_back(Fault{type, channel, onsetS, durationS, 1});
    return scenario;
}

SampleBlock run(const Profile &profile, double rate, std::uint64_t seed, const Scenario &scenario,
                std::size_t n, std::vector<Label> *labels = nullptr)
{
    Simulator simulator(profile, rate, seed, scenario, kStart);
    SampleBlock block(profile.channelCount());
    simulator.generate(n, block, labels);
    return block;
}

bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

double mean(const std::vector<double> &v)
{
    double sum = 0;
    for (double x : v) {
        sum += x;
    }
    return v.empty() ? 0 : sum / double(v.size());
}

double deviation(const std::vector<double> &v)
{
    const double m = mean(v);
    double sum = 0;
    for (double x : v) {
        sum += (x - m) * (x - m);
    }
    return v.size() < 2 ? 0 : std::sqrt(sum / double(v.size() - 1));
}

double correlation(const std::vector<double> &x, const std::vector<double> &y)
{
    const double mx = mean(x);
    const double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / std::sqrt(sxx * syy);
}

std::vector<double> column(const SampleBlock &block, int channel, std::size_t first = 0,
                           std::size_t last = std::size_t(-1))
{
    std::vector<double> values;
    for (std::size_t row = first; row < std::min(last, block.size()); ++row) {
        values.push_back(block.value(row, channel));
    }
    return values;
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedGivesIdenticalSamples_data();
    void sameSeedGivesIdenticalSamples();
    void generatingInChunksGivesTheSameSamples();
    void differentSeedsGiveDifferentValues();
    void timesAndSequenceNumbersFollowTheRate();
    void nominalValuesStayWithinWarnLimits_data();
    void nominalValuesStayWithinWarnLimits();
    void spacecraftIsColderAndItsBusLowerInEclipse();
    void evVoltageSagsUnderLoad();
    void evTemperatureFollowsCurrent();
    void faultChangesOnlyItsChannelInsideItsWindow_data();
    void faultChangesOnlyItsChannelInsideItsWindow();
    void slowRatesAndFastRatesWork_data();
    void slowRatesAndFastRatesWork();
    void rateChangesOnlyWhereSignalsAreSampled_data();
    void rateChangesOnlyWhereSignalsAreSampled();
};

void TestSimulator::sameSeedGivesIdenticalSamples_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("scenario");
    for (const char *profile : {"spacecraft", "ev", "skab"}) {
        for (const char *scenario : {"nominal", "mixed"}) {
            QTest::addRow("%s %s", profile, scenario)
                << QString::fromLatin1(profile) << QString::fromLatin1(scenario);
        }
    }
}

void TestSimulator::sameSeedGivesIdenticalSamples()
{
    QFETCH(QString, profile);
    QFETCH(QString, scenario);
    const Profile p = loadProfile(profile);
    ScenarioOptions options;
    options.runDurationS = 300;
    QString error;
    const auto s = Scenario::make(scenario, p, options, &error);
    QVERIFY2(s, qPrintable(error));
    std::vector<Label> labelsA;
    std::vector<Label> labelsB;
    const SampleBlock a = run(p, 20, 42, *s, 6000, &labelsA);
    const SampleBlock b = run(p, 20, 42, *s, 6000, &labelsB);
    QCOMPARE(a.size(), std::size_t(6000));
    QCOMPARE(b.size(), a.size());
    for (std::size_t i = 0; i < a.values().size(); ++i) {
        QVERIFY2(sameBits(a.values()[i], b.values()[i]), qPrintable(QString::number(i)));
    }
    QCOMPARE(a.missing(), b.missing());
    QCOMPARE(a.times(), b.times());
    for (std::size_t i = 0; i < labelsA.size(); ++i) {
        QCOMPARE(labelsA[i].anomalous, labelsB[i].anomalous);
        QCOMPARE(labelsA[i].channel, labelsB[i].channel);
    }
}

void TestSimulator::generatingInChunksGivesTheSameSamples()
{
    const Profile p = loadProfile(QStringLiteral("ev"));
    const Scenario s = faultScenario(FaultType::Stuck, 0, 20, 30);
    const SampleBlock whole = run(p, 50, 7, s, 4000);
    Simulator simulator(p, 50, 7, s, kStart);
    SampleBlock chunked(p.channelCount());
    for (std::size_t n : {1, 2, 997, 3, 1500, 1497}) {
        simulator.generate(n, chunked);
    }
    QCOMPARE(simulator.generated(), std::uint64_t(4000));
    QCOMPARE(chunked.size(), whole.size());
    for (std::size_t i = 0; i < whole.values().size(); ++i) {
        QVERIFY(sameBits(whole.values()[i], chunked.values()[i]));
    }
}

void TestSimulator::differentSeedsGiveDifferentValues()
{
    for (const QString &name : {QStringLiteral("spacecraft"), QStringLiteral("ev")}) {
        const Profile p = loadProfile(name);
        const SampleBlock a = run(p, 10, 1, Scenario{}, 1000);
        const SampleBlock b = run(p, 10, 2, Scenario{}, 1000);
        std::size_t different = 0;
        for (std::size_t i = 0; i < a.values().size(); ++i) {
            different += a.values()[i] != b.values()[i] ? 1 : 0;
        }
        // Sensor noise differs on every value.
        QVERIFY2(different > a.values().size() * 9 / 10, qPrintable(name));
    }
}

void TestSimulator::timesAndSequenceNumbersFollowTheRate()
{
    const Profile p = loadProfile(QStringLiteral("spacecraft"));
    const SampleBlock block = run(p, 250, 3, Scenario{}, 1000);
    for (std::size_t i = 0; i < block.size(); ++i) {
        QCOMPARE(block.seq(i), std::int64_t(i));
        QCOMPARE(block.t(i), kStart + double(i) / 250);
    }
    Simulator defaultRate(p, 0, 3, Scenario{}, kStart);
    QCOMPARE(defaultRate.rateHz(), p.rateHz);
}

void TestSimulator::nominalValuesStayWithinWarnLimits_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<std::uint64_t>("seed");
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("hours");
    // Two simulated hours at 10 Hz, and longer runs at 1 Hz: a day of orbits, and the ev's
    // drive blocks with their charging hours.
    for (std::uint64_t seed : {1, 2, 3}) {
        QTest::addRow("spacecraft seed %d", int(seed))
            << loadProfile(QStringLiteral("spacecraft")) << seed << 10.0 << 2.0;
        QTest::addRow("ev seed %d", int(seed))
            << loadProfile(QStringLiteral("ev")) << seed << 10.0 << 2.0;
        QTest::addRow("generic seed %d", int(seed)) << customProfile() << seed << 10.0 << 2.0;
    }
    QTest::addRow("spacecraft for a day")
        << loadProfile(QStringLiteral("spacecraft")) << std::uint64_t(4) << 1.0 << 24.0;
    QTest::addRow("ev for 12 hours")
        << loadProfile(QStringLiteral("ev")) << std::uint64_t(4) << 1.0 << 12.0;
}

void TestSimulator::nominalValuesStayWithinWarnLimits()
{
    QFETCH(Profile, profile);
    QFETCH(std::uint64_t, seed);
    QFETCH(double, rate);
    QFETCH(double, hours);
    const SampleBlock block
        = run(profile, rate, seed, Scenario{}, std::size_t(hours * 3600 * rate));
    for (int c = 0; c < profile.channelCount(); ++c) {
        const Channel &channel = profile.channels[std::size_t(c)];
        // Without warn limits: the narrowed alarm range, or 0..1.
        Range range{0, 1};
        if (channel.warn) {
            range = *channel.warn;
        } else if (channel.alarm) {
            range = *channel.alarm;
        }
        std::size_t inside = 0;
        for (std::size_t row = 0; row < block.size(); ++row) {
            QVERIFY(!block.isMissing(row, c));
            inside += range.contains(block.value(row, c)) ? 1 : 0;
        }
        const double fraction = double(inside) / double(block.size());
        QVERIFY2(fraction >= 0.999,
                 qPrintable(QStringLiteral("%1: %2 inside").arg(channel.id).arg(fraction)));
        // Not a flat line either: the signal moves well beyond its sensor noise.
        const double spread = deviation(column(block, c));
        const double sigma = SimulatorModel::make(profile, seed)->noiseSigma(c);
        QVERIFY2(spread > 3 * sigma,
                 qPrintable(QStringLiteral("%1: %2 vs %3").arg(channel.id).arg(spread).arg(sigma)));
    }
}

void TestSimulator::spacecraftIsColderAndItsBusLowerInEclipse()
{
    const Profile p = loadProfile(QStringLiteral("spacecraft"));
    const double rate = 10;
    const SampleBlock block = run(p, rate, 5, Scenario{}, 72000);
    std::vector<double> sunTemp;
    std::vector<double> eclipseTemp;
    std::vector<double> sunVolt;
    std::vector<double> eclipseVolt;
    for (std::size_t i = 0; i < block.size(); ++i) {
        const bool eclipse = SpacecraftModel::isEclipse(double(i) / rate);
        (eclipse ? eclipseTemp : sunTemp).push_back(block.value(i, 0));
        (eclipse ? eclipseVolt : sunVolt).push_back(block.value(i, 1));
    }
    QVERIFY(!eclipseTemp.empty() && !sunTemp.empty());
    QVERIFY2(mean(eclipseTemp) < mean(sunTemp) - 2,
             qPrintable(QStringLiteral("%1 vs %2").arg(mean(eclipseTemp)).arg(mean(sunTemp))));
    QVERIFY2(mean(eclipseVolt) < mean(sunVolt) - 0.4,
             qPrintable(QStringLiteral("%1 vs %2").arg(mean(eclipseVolt)).arg(mean(sunVolt))));
    // The voltage keeps sagging through the eclipse as the battery discharges.
    const std::size_t sunset = std::size_t(
        std::ceil(SpacecraftModel::kOrbitPeriodS * (1 - SpacecraftModel::kEclipseFraction) * rate));
    const std::size_t sunrise = std::size_t(SpacecraftModel::kOrbitPeriodS * rate);
    const double early = mean(column(block, 1, sunset, sunset + 600));
    const double late = mean(column(block, 1, sunrise - 600, sunrise));
    QVERIFY2(late < early - 0.3, qPrintable(QStringLiteral("%1 vs %2").arg(late).arg(early)));
    // And the battery cools through it: a first-order lag, falling all the way.
    QVERIFY(mean(column(block, 0, sunrise - 600, sunrise))
            < mean(column(block, 0, sunset, sunset + 600)) - 3);
}

void TestSimulator::evVoltageSagsUnderLoad()
{
    const Profile p = loadProfile(QStringLiteral("ev"));
    const double rate = 10;
    const std::uint64_t seed = 9;
    const SampleBlock block = run(p, rate, seed, Scenario{}, 36000);
    const EvModel model(seed);
    std::vector<double> loaded;
    std::vector<double> idle;
    for (std::size_t i = 0; i < block.size(); ++i) {
        const double current = model.current(double(i) / rate);
        if (current > 120) {
            loaded.push_back(block.value(i, 1));
        } else if (std::abs(current) < 5) {
            idle.push_back(block.value(i, 1));
        }
    }
    QVERIFY(loaded.size() > 100);
    QVERIFY(idle.size() > 100);
    QVERIFY2(mean(loaded) < mean(idle) - 5,
             qPrintable(QStringLiteral("%1 vs %2").arg(mean(loaded)).arg(mean(idle))));
}

void TestSimulator::evTemperatureFollowsCurrent()
{
    const Profile p = loadProfile(QStringLiteral("ev"));
    const double rate = 10;
    const std::uint64_t seed = 4;
    const SampleBlock block = run(p, rate, seed, Scenario{}, 36000);
    const EvModel model(seed);
    // Per 10 s block: I²R heating against how much the pack warmed over the block.
    const std::size_t window = 100;
    std::vector<double> heating;
    std::vector<double> warming;
    for (std::size_t first = 0; first + window <= block.size(); first += window) {
        double sum = 0;
        for (std::size_t i = first; i < first + window; ++i) {
            const double current = model.current(double(i) / rate);
            sum += current * current;
        }
        heating.push_back(sum / double(window));
        warming.push_back(mean(column(block, 0, first + window - 10, first + window))
                          - mean(column(block, 0, first, first + 10)));
    }
    const double r = correlation(heating, warming);
    QVERIFY2(r > 0.6, qPrintable(QString::number(r)));
}

void TestSimulator::faultChangesOnlyItsChannelInsideItsWindow_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<FaultType>("type");
    QTest::addColumn<int>("channel");
    for (const char *profile : {"spacecraft", "ev"}) {
        for (const QString &name : faultTypeNames()) {
            for (int channel = 0; channel < 4; ++channel) {
                QTest::addRow("%s %s channel %d", profile, qPrintable(name), channel)
                    << QString::fromLatin1(profile) << *faultTypeFromName(name) << channel;
            }
        }
    }
}

void TestSimulator::faultChangesOnlyItsChannelInsideItsWindow()
{
    QFETCH(QString, profile);
    QFETCH(FaultType, type);
    QFETCH(int, channel);
    const Profile p = loadProfile(profile);
    const double rate = 10;
    const std::uint64_t seed = 11;
    const std::size_t n = 6000;
    const std::size_t first = 1800; // window [180 s, 300 s)
    const std::size_t end = 3000;
    std::vector<Label> labels;
    const SampleBlock nominal = run(p, rate, seed, Scenario{}, n);
    const SampleBlock faulty
        = run(p, rate, seed, faultScenario(type, channel, 180, 120), n, &labels);
    const auto model = SimulatorModel::make(p, seed);
    const double scale = model->faultScale(channel);
    const double sigma = model->noiseSigma(channel);
    const double spread = deviation(column(nominal, channel));

    std::vector<double> diff;
    for (std::size_t row = 0; row < n; ++row) {
        const bool inside = row >= first && row < end;
        QCOMPARE(labels[row].anomalous, inside);
        QCOMPARE(labels[row].channel, inside ? channel : -1);
        for (int c = 0; c < p.channelCount(); ++c) {
            if (inside && c == channel) {
                continue;
            }
            QVERIFY2(sameBits(nominal.value(row, c), faulty.value(row, c)),
                     qPrintable(QStringLiteral("row %1 channel %2").arg(row).arg(c)));
        }
        if (inside && type != FaultType::Dropout) {
            QVERIFY(!faulty.isMissing(row, channel));
            diff.push_back(faulty.value(row, channel) - nominal.value(row, channel));
        }
    }

    const auto maxAbs = [&] {
        double m = 0;
        for (double d : diff) {
            m = std::max(m, std::abs(d));
        }
        return m;
    };
    switch (type) {
    case FaultType::Drift:
        // A ramp: nothing at onset, several spreads by the end.
        QVERIFY(std::abs(diff.front()) < 0.01 * scale);
        QVERIFY(std::abs(diff[diff.size() / 2]) > 2 * scale);
        QVERIFY(std::abs(diff.back()) > 4 * scale);
        QVERIFY(std::abs(diff.back()) > 1.5 * spread);
        break;
    case FaultType::Step:
        for (double d : diff) {
            QVERIFY(std::abs(std::abs(d) - std::abs(diff.front())) < 1e-9 * (1 + std::abs(d)));
        }
        QVERIFY(std::abs(diff.front()) > 3 * scale);
        QVERIFY(std::abs(diff.front()) > 1.5 * spread);
        break;
    case FaultType::Spike: {
        std::size_t spiked = 0;
        for (double d : diff) {
            spiked += std::abs(d) > 1e-12 ? 1 : 0;
        }
        QVERIFY2(spiked >= 10, qPrintable(QString::number(spiked)));
        QVERIFY2(spiked < diff.size() / 10, qPrintable(QString::number(spiked)));
        QVERIFY(maxAbs() > 6 * scale);
        QVERIFY(maxAbs() > 3 * spread);
        break;
    }
    case FaultType::Stuck:
        for (std::size_t row = first; row < end; ++row) {
            QCOMPARE(faulty.value(row, channel), faulty.value(first, channel));
        }
        QVERIFY(maxAbs() > 2 * sigma);
        break;
    case FaultType::Oscillation: {
        const auto [low, high] = std::minmax_element(diff.begin(), diff.end());
        QVERIFY(*high > 2 * scale);
        QVERIFY(*low < -2 * scale);
        QVERIFY(*high > spread);
        break;
    }
    case FaultType::Noise:
        QVERIFY(std::abs(mean(diff)) < 0.5 * deviation(diff));
        QVERIFY(deviation(diff) > 3 * sigma);
        break;
    case FaultType::Dropout:
        for (std::size_t row = first; row < end; ++row) {
            QVERIFY(faulty.isMissing(row, channel));
        }
        break;
    }
    for (std::size_t row = 0; row < n; ++row) {
        if (row < first || row >= end) {
            QVERIFY(!faulty.isMissing(row, channel));
        }
    }
}

void TestSimulator::slowRatesAndFastRatesWork_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("seconds");
    for (const char *profile : {"spacecraft", "ev"}) {
        QTest::addRow("%s 1 Hz", profile) << QString::fromLatin1(profile) << 1.0 << 7200.0;
        QTest::addRow("%s 10 kHz", profile) << QString::fromLatin1(profile) << 1e4 << 60.0;
    }
}

void TestSimulator::slowRatesAndFastRatesWork()
{
    QFETCH(QString, profile);
    QFETCH(double, rate);
    QFETCH(double, seconds);
    const Profile p = loadProfile(profile);
    const auto n = std::size_t(seconds * rate);
    std::vector<Label> labels;
    // A drift over the middle fifth of the run.
    const SampleBlock block = run(
        p, rate, 1, faultScenario(FaultType::Drift, 0, 0.4 * seconds, 0.2 * seconds), n, &labels);
    QCOMPARE(block.size(), n);
    QCOMPARE(block.t(n - 1), kStart + double(n - 1) / rate);
    std::size_t inside = 0;
    std::size_t nominal = 0;
    for (std::size_t row = 0; row < n; ++row) {
        if (labels[row].anomalous) {
            continue;
        }
        ++nominal;
        bool ok = true;
        for (int c = 0; c < p.channelCount(); ++c) {
            ok = ok && p.channels[std::size_t(c)].warn->contains(block.value(row, c));
        }
        inside += ok ? 1 : 0;
    }
    QVERIFY(double(inside) >= 0.999 * double(nominal));
    const auto firstFaulty = std::size_t(std::ceil(0.4 * seconds * rate));
    QVERIFY(!labels[firstFaulty - 1].anomalous);
    QVERIFY(labels[firstFaulty].anomalous);
    QCOMPARE(std::size_t(std::count_if(labels.begin(), labels.end(),
                                       [](const Label &l) { return l.anomalous; })),
             std::size_t(std::llround(0.2 * seconds * rate)));
}

void TestSimulator::rateChangesOnlyWhereSignalsAreSampled_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addRow("spacecraft") << QStringLiteral("spacecraft");
    QTest::addRow("ev") << QStringLiteral("ev");
    QTest::addRow("skab") << QStringLiteral("skab");
}

void TestSimulator::rateChangesOnlyWhereSignalsAreSampled()
{
    QFETCH(QString, profile);
    const Profile p = loadProfile(profile);
    const SampleBlock slow = run(p, 1, 8, Scenario{}, 600);
    const SampleBlock fast = run(p, 100, 8, Scenario{}, 60000);
    const auto model = SimulatorModel::make(p, 8);
    for (std::size_t k = 0; k < slow.size(); ++k) {
        QCOMPARE(fast.t(100 * k), slow.t(k));
        for (int c = 0; c < p.channelCount(); ++c) {
            // The same signal at the same time: only the sensor noise differs.
            const double limit = 8 * model->noiseSigma(c);
            const double d = fast.value(100 * k, c) - slow.value(k, c);
            QVERIFY2(std::abs(d) < limit,
                     qPrintable(QStringLiteral("t=%1 channel %2: %3").arg(k).arg(c).arg(d)));
        }
    }
}

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
