#include "sim/simulator.h"
#include "simtestutil.h"

#include <QtTest>

#include <cmath>
#include <set>

using namespace fw;
using fw::test::loadProfile;
using namespace Qt::Literals::StringLiterals;

namespace {

std::vector<Label> labelsOf(const Profile &profile, const Scenario &scenario, double rate,
                            std::size_t n)
{
    Simulator simulator(profile, rate, 1, scenario, 1e9);
    SampleBlock block(profile.channelCount());
    std::vector<Label> labels;
    simulator.generate(n, block, &labels);
    return labels;
}

} // namespace

class TestScenario : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesListEveryScenario();
    void faultTypeNamesRoundTrip();
    void nominalHasNoFaults();
    void singleFaultDefaultsToThirtyAndTwentyPercent();
    void faultTypeGoesToItsTypicalChannel_data();
    void faultTypeGoesToItsTypicalChannel();
    void channelSuffixSelectsTheChannel();
    void missingDefaultChannelFallsBackToTheFirst();
    void labelsMatchTheConfiguredWindowExactly_data();
    void labelsMatchTheConfiguredWindowExactly();
    void mixedHasEveryTypeOnceWithGaps_data();
    void mixedHasEveryTypeOnceWithGaps();
    void mixedLabelsShowEveryFaultInTurn();
    void loopingScheduleRepeats();
    void badSpecsAreRefusedWithAReason_data();
    void badSpecsAreRefusedWithAReason();
};

void TestScenario::namesListEveryScenario()
{
    const QStringList names = Scenario::names();
    QCOMPARE(names.size(), 9);
    QCOMPARE(names.front(), QStringLiteral("nominal"));
    QCOMPARE(names.back(), QStringLiteral("mixed"));
    for (const QString &type : faultTypeNames()) {
        QVERIFY(names.contains(type));
    }
}

void TestScenario::faultTypeNamesRoundTrip()
{
    const QStringList names = faultTypeNames();
    QCOMPARE(names, QStringList({u"drift"_s, u"step"_s, u"spike"_s, u"stuck"_s, u"oscillation"_s,
                                 u"noise"_s, u"dropout"_s}));
    for (const QString &name : names) {
        const std::optional<FaultType> type = faultTypeFromName(name);
        QVERIFY(type);
        QCOMPARE(faultTypeName(*type), name);
    }
    QVERIFY(!faultTypeFromName(u"Drift"));
    QVERIFY(!faultTypeFromName(u"mixed"));
}

void TestScenario::nominalHasNoFaults()
{
    const Profile p = loadProfile(u"spacecraft"_s);
    QString error;
    for (const QString &spec : {u"nominal"_s, QString()}) {
        const auto scenario = Scenario::make(spec, p, {}, &error);
        QVERIFY(scenario);
        QVERIFY(scenario->faults.empty());
        QCOMPARE(scenario->name, u"nominal"_s);
    }
    const auto labels = labelsOf(p, Scenario{}, 10, 1000);
    QVERIFY(std::none_of(labels.begin(), labels.end(),
                         [](const Label &l) { return l.anomalous || l.channel != -1; }));
}

void TestScenario::singleFaultDefaultsToThirtyAndTwentyPercent()
{
    const Profile p = loadProfile(u"ev"_s);
    ScenarioOptions options;
    options.runDurationS = 1000;
    options.magnitude = 2;
    QString error;
    const auto scenario = Scenario::make(u"drift"_s, p, options, &error);
    QVERIFY2(scenario, qPrintable(error));
    QCOMPARE(scenario->faults.size(), std::size_t(1));
    const Fault &fault = scenario->faults.front();
    QCOMPARE(fault.type, FaultType::Drift);
    QCOMPARE(fault.channel, p.indexOf(u"temperature"));
    QCOMPARE(fault.onsetS, 300.0);
    QCOMPARE(fault.durationS, 200.0);
    QCOMPARE(fault.magnitude, 2.0);
    QCOMPARE(scenario->periodS, 0.0);

    options.onsetS = 10;
    options.faultDurationS = 5;
    const auto overridden = Scenario::make(u"drift"_s, p, options, &error);
    QVERIFY(overridden);
    QCOMPARE(overridden->faults.front().onsetS, 10.0);
    QCOMPARE(overridden->faults.front().durationS, 5.0);
}

void TestScenario::faultTypeGoesToItsTypicalChannel_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("channel");
    QTest::newRow("drift") << u"drift"_s << u"temperature"_s;
    QTest::newRow("step") << u"step"_s << u"voltage"_s;
    QTest::newRow("spike") << u"spike"_s << u"vibration"_s;
    QTest::newRow("stuck") << u"stuck"_s << u"pressure"_s;
    QTest::newRow("oscillation") << u"oscillation"_s << u"vibration"_s;
    QTest::newRow("noise") << u"noise"_s << u"voltage"_s;
    QTest::newRow("dropout") << u"dropout"_s << u"pressure"_s;
}

void TestScenario::faultTypeGoesToItsTypicalChannel()
{
    QFETCH(QString, spec);
    QFETCH(QString, channel);
    for (const QString &profile : {u"spacecraft"_s, u"ev"_s}) {
        const Profile p = loadProfile(profile);
        QString error;
        const auto scenario = Scenario::make(spec, p, {}, &error);
        QVERIFY2(scenario, qPrintable(error));
        QCOMPARE(scenario->faults.size(), std::size_t(1));
        QCOMPARE(scenario->faults.front().type, *faultTypeFromName(spec));
        QCOMPARE(scenario->faults.front().channel, p.indexOf(channel));
    }
}

void TestScenario::channelSuffixSelectsTheChannel()
{
    const Profile p = loadProfile(u"spacecraft"_s);
    QString error;
    const auto scenario = Scenario::make(u"stuck:voltage"_s, p, {}, &error);
    QVERIFY2(scenario, qPrintable(error));
    QCOMPARE(scenario->faults.front().type, FaultType::Stuck);
    QCOMPARE(scenario->faults.front().channel, 1);
    QCOMPARE(scenario->name, u"stuck:voltage"_s);
}

void TestScenario::missingDefaultChannelFallsBackToTheFirst()
{
    QString error;
    const auto p
        = Profile::fromJson(R"({"name": "x", "channels": [{"id": "a"}, {"id": "b"}]})", &error);
    QVERIFY2(p, qPrintable(error));
    const auto scenario = Scenario::make(u"spike"_s, *p, {}, &error);
    QVERIFY2(scenario, qPrintable(error));
    QCOMPARE(scenario->faults.front().channel, 0);
    const auto named = Scenario::make(u"spike:b"_s, *p, {}, &error);
    QVERIFY2(named, qPrintable(error));
    QCOMPARE(named->faults.front().channel, 1);
}

void TestScenario::labelsMatchTheConfiguredWindowExactly_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("onset");
    QTest::addColumn<double>("duration");
    QTest::addColumn<int>("firstIndex");
    QTest::addColumn<int>("lastIndex");
    QTest::newRow("10 Hz") << 10.0 << 12.5 << 3.25 << 125 << 157;
    QTest::newRow("3 Hz") << 3.0 << 10.0 << 5.0 << 30 << 44;
    QTest::newRow("7 Hz, onset between samples") << 7.0 << 1.05 << 2.0 << 8 << 21;
    QTest::newRow("1 Hz") << 1.0 << 100.0 << 1.0 << 100 << 100;
    QTest::newRow("1 kHz") << 1000.0 << 0.25 << 0.5 << 250 << 749;
    QTest::newRow("at the start") << 4.0 << 0.0 << 2.0 << 0 << 7;
}

void TestScenario::labelsMatchTheConfiguredWindowExactly()
{
    QFETCH(double, rate);
    QFETCH(double, onset);
    QFETCH(double, duration);
    QFETCH(int, firstIndex);
    QFETCH(int, lastIndex);
    const Profile p = loadProfile(u"spacecraft"_s);
    ScenarioOptions options;
    options.runDurationS = 200;
    options.onsetS = onset;
    options.faultDurationS = duration;
    QString error;
    const auto scenario = Scenario::make(u"step:pressure"_s, p, options, &error);
    QVERIFY2(scenario, qPrintable(error));
    const auto labels = labelsOf(p, *scenario, rate, std::size_t(lastIndex + 50));
    int first = -1;
    int last = -1;
    int count = 0;
    for (int i = 0; i < int(labels.size()); ++i) {
        if (labels[std::size_t(i)].anomalous) {
            QCOMPARE(labels[std::size_t(i)].channel, 3);
            first = first < 0 ? i : first;
            last = i;
            ++count;
        } else {
            QCOMPARE(labels[std::size_t(i)].channel, -1);
        }
    }
    QCOMPARE(first, firstIndex);
    QCOMPARE(last, lastIndex);
    QCOMPARE(count, lastIndex - firstIndex + 1);
}

void TestScenario::mixedHasEveryTypeOnceWithGaps_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<double>("run");
    QTest::newRow("spacecraft 600 s") << u"spacecraft"_s << 600.0;
    QTest::newRow("ev 240 s") << u"ev"_s << 240.0;
    QTest::newRow("skab 3600 s") << u"skab"_s << 3600.0;
}

void TestScenario::mixedHasEveryTypeOnceWithGaps()
{
    QFETCH(QString, profile);
    QFETCH(double, run);
    const Profile p = loadProfile(profile);
    ScenarioOptions options;
    options.runDurationS = run;
    QString error;
    const auto scenario = Scenario::make(u"mixed"_s, p, options, &error);
    QVERIFY2(scenario, qPrintable(error));
    QCOMPARE(scenario->name, u"mixed"_s);
    QCOMPARE(scenario->periodS, run);
    QCOMPARE(scenario->faults.size(), std::size_t(7));
    std::set<FaultType> types;
    std::set<int> channels;
    double previousEnd = 0;
    for (const Fault &fault : scenario->faults) {
        types.insert(fault.type);
        channels.insert(fault.channel);
        QVERIFY(fault.channel >= 0 && fault.channel < p.channelCount());
        QVERIFY(fault.durationS > 0);
        QVERIFY2(fault.onsetS > previousEnd, "a nominal gap before every fault");
        previousEnd = fault.onsetS + fault.durationS;
    }
    QVERIFY(previousEnd <= run);
    QCOMPARE(types.size(), std::size_t(7));
    QCOMPARE(channels.size(), std::size_t(std::min(7, p.channelCount())));
}

void TestScenario::mixedLabelsShowEveryFaultInTurn()
{
    const Profile p = loadProfile(u"ev"_s);
    ScenarioOptions options;
    options.runDurationS = 300;
    QString error;
    const auto scenario = Scenario::make(u"mixed"_s, p, options, &error);
    QVERIFY2(scenario, qPrintable(error));
    const double rate = 10;
    const auto labels = labelsOf(p, *scenario, rate, 3000);
    for (const Fault &fault : scenario->faults) {
        const auto first = std::size_t(std::ceil(fault.onsetS * rate));
        const auto end = std::size_t(std::ceil((fault.onsetS + fault.durationS) * rate));
        QVERIFY(!labels[first - 1].anomalous);
        for (std::size_t i = first; i < end; ++i) {
            QVERIFY(labels[i].anomalous);
            QCOMPARE(labels[i].channel, fault.channel);
        }
        QVERIFY(!labels[end].anomalous);
    }
}

void TestScenario::loopingScheduleRepeats()
{
    const Profile p = loadProfile(u"spacecraft"_s);
    ScenarioOptions options;
    options.runDurationS = 60;
    QString error;
    const auto scenario = Scenario::make(u"mixed"_s, p, options, &error);
    QVERIFY2(scenario, qPrintable(error));
    const double rate = 20;
    const std::size_t period = 60 * 20;
    Simulator simulator(p, rate, 3, *scenario, 0);
    SampleBlock block(p.channelCount());
    std::vector<Label> labels;
    simulator.generate(period * 3, block, &labels);
    std::size_t anomalous = 0;
    for (std::size_t i = 0; i < period; ++i) {
        anomalous += labels[i].anomalous ? 1 : 0;
        for (std::size_t repeat = 1; repeat < 3; ++repeat) {
            QCOMPARE(labels[i + repeat * period].anomalous, labels[i].anomalous);
            QCOMPARE(labels[i + repeat * period].channel, labels[i].channel);
            // Dropouts come back as missing values in every period.
            for (int c = 0; c < p.channelCount(); ++c) {
                QCOMPARE(block.isMissing(i + repeat * period, c), block.isMissing(i, c));
            }
        }
    }
    QCOMPARE(anomalous, std::size_t(7 * 4 * 20)); // seven faults of 60 / 15 s each
}

void TestScenario::badSpecsAreRefusedWithAReason_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("onset");
    QTest::addColumn<double>("duration");
    QTest::addColumn<double>("magnitude");
    QTest::addColumn<QStringList>("expected");
    const double none = -1;
    QTest::newRow("unknown name")
        << u"wobble"_s << none << none << 1.0
        << QStringList{u"unknown scenario 'wobble'"_s,
                       u"nominal, drift, step, spike, stuck, oscillation, noise, dropout, mixed"_s};
    QTest::newRow("unknown channel") << u"drift:humidity"_s << none << none << 1.0
                                     << QStringList{u"unknown channel 'humidity'"_s,
                                                    u"temperature, voltage, vibration, pressure"_s};
    QTest::newRow("empty channel")
        << u"drift:"_s << none << none << 1.0 << QStringList{u"unknown channel ''"_s};
    QTest::newRow("nominal with channel")
        << u"nominal:voltage"_s << none << none << 1.0 << QStringList{u"takes no channel"_s};
    QTest::newRow("mixed with channel")
        << u"mixed:voltage"_s << none << none << 1.0 << QStringList{u"takes no channel"_s};
    QTest::newRow("fault past the end")
        << u"drift"_s << 500.0 << 200.0 << 1.0 << QStringList{u"does not fit"_s, u"600"_s};
    QTest::newRow("default duration past the end")
        << u"step"_s << 590.0 << none << 1.0 << QStringList{u"does not fit"_s};
    QTest::newRow("mixed too long")
        << u"mixed"_s << none << 100.0 << 1.0 << QStringList{u"no nominal gap"_s};
    QTest::newRow("zero duration")
        << u"spike"_s << 10.0 << 0.0 << 1.0 << QStringList{u"duration"_s};
    QTest::newRow("negative onset") << u"spike"_s << -5.0 << 10.0 << 1.0 << QStringList{u"onset"_s};
    QTest::newRow("zero magnitude")
        << u"drift"_s << none << none << 0.0 << QStringList{u"magnitude"_s};
}

void TestScenario::badSpecsAreRefusedWithAReason()
{
    QFETCH(QString, spec);
    QFETCH(double, onset);
    QFETCH(double, duration);
    QFETCH(double, magnitude);
    QFETCH(QStringList, expected);
    const Profile p = loadProfile(u"spacecraft"_s);
    ScenarioOptions options;
    options.runDurationS = 600;
    options.magnitude = magnitude;
    if (onset != -1) {
        options.onsetS = onset;
    }
    if (duration != -1) {
        options.faultDurationS = duration;
    }
    QString error;
    QVERIFY(!Scenario::make(spec, p, options, &error));
    for (const QString &part : expected) {
        QVERIFY2(error.contains(part), qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
