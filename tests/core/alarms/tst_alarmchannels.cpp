#include "alarms/alarmchannels.h"
#include "resultrows.h"

#include <QtTest>

#include <cmath>
#include <vector>

using fw::Alarm;
using fw::nameAlarmChannels;
using fw::namedChannels;
using namespace fw::alarmtest;

Q_DECLARE_METATYPE(GuardFlag)

class TestAlarmChannels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namedByGuardFlagsElseAttribution_data();
    void namedByGuardFlagsElseAttribution();
    void nanSharesNameNothing();
    void alarmTakesIdsLabelsUnitAndValueFromTheRow();
    void valueIsUnknownWithoutSamplesOrWhenMissing();
    void channelsTheProfileLacksAreNamedByPosition();
};

void TestAlarmChannels::namedByGuardFlagsElseAttribution_data()
{
    QTest::addColumn<std::vector<double>>("shares");
    QTest::addColumn<std::vector<GuardFlag>>("flags");
    QTest::addColumn<std::vector<int>>("named");
    const std::vector<GuardFlag> none(kChannels, GuardFlag::Within);
    using Shares = std::vector<double>;
    using Flags = std::vector<GuardFlag>;
    using Named = std::vector<int>;
    QTest::newRow("top share") << Shares{0.1, 0.2, 0.7} << none << Named{2};
    // Named: a share of at least 90 % of the top share.
    QTest::newRow("within ten percent of the top, most first")
        << Shares{0.35, 0.27, 0.38} << none << Named{2, 0};
    QTest::newRow("tie keeps channel order") << Shares{0.5, 0.5, 0.0} << none << Named{0, 1};
    QTest::newRow("just inside ten percent") << Shares{0.52, 0.0, 0.48} << none << Named{0, 2};
    QTest::newRow("just outside ten percent") << Shares{0.56, 0.0, 0.44} << none << Named{0};
    QTest::newRow("guard flags win over attribution")
        << Shares{0.9, 0.05, 0.05} << Flags{GuardFlag::Within, GuardFlag::Stuck, GuardFlag::Within}
        << Named{1};
    QTest::newRow("most severe guard flag first")
        << Shares{0.0, 0.5, 0.5}
        << Flags{GuardFlag::Dropout, GuardFlag::Jump, GuardFlag::OutOfLimits} << Named{2, 1, 0};
    QTest::newRow("nothing to name") << Shares{0, 0, 0} << none << Named{};
}

void TestAlarmChannels::namedByGuardFlagsElseAttribution()
{
    QFETCH(std::vector<double>, shares);
    QFETCH(std::vector<GuardFlag>, flags);
    QFETCH(std::vector<int>, named);
    Row row = raise();
    row.shares = shares;
    row.flags = flags;
    // The row under test comes second, so that the row offset is exercised.
    const fw::ResultBlock block = blockOf({raise(), row});
    QCOMPARE(namedChannels(block.results, 1), named);
}

void TestAlarmChannels::nanSharesNameNothing()
{
    Row row = raise();
    row.shares = {std::nan(""), std::nan(""), std::nan("")};
    QVERIFY(namedChannels(blockOf({row}).results, 0).empty());
    Alarm alarm;
    QVERIFY(!nameAlarmChannels(alarm, blockOf({row}), 0, profile()));
    QVERIFY(alarm.channels.isEmpty());
}

void TestAlarmChannels::alarmTakesIdsLabelsUnitAndValueFromTheRow()
{
    Row row = raise();
    row.shares = {0.45, 0.5, 0.05};
    row.values = {20.0, 31.25, 99.0};
    Alarm alarm;
    QVERIFY(nameAlarmChannels(alarm, blockOf({{}, row}), 1, profile()));
    QCOMPARE(alarm.channels,
             (QStringList{QStringLiteral("voltage"), QStringLiteral("temperature")}));
    QCOMPARE(alarm.channelLabels,
             (QStringList{QStringLiteral("Voltage"), QStringLiteral("Temperature")}));
    QCOMPARE(alarm.unit, QStringLiteral("V"));
    QCOMPARE(alarm.value, 31.25);
}

void TestAlarmChannels::valueIsUnknownWithoutSamplesOrWhenMissing()
{
    Alarm withoutSamples;
    QVERIFY(nameAlarmChannels(withoutSamples, blockOf({raise()}, 1000.0, false), 0, profile()));
    QCOMPARE(withoutSamples.channels.constFirst(), QStringLiteral("temperature"));
    QVERIFY(std::isnan(withoutSamples.value));
    Row missing = raise();
    missing.values = {std::nan(""), 1.0, 2.0};
    Alarm alarm;
    QVERIFY(nameAlarmChannels(alarm, blockOf({missing}), 0, profile()));
    QVERIFY(std::isnan(alarm.value));
}

void TestAlarmChannels::channelsTheProfileLacksAreNamedByPosition()
{
    fw::Profile two = profile();
    two.channels.pop_back();
    Row row = raise();
    row.shares = {0.0, 0.0, 1.0};
    Alarm alarm;
    QVERIFY(nameAlarmChannels(alarm, blockOf({row}), 0, two));
    QCOMPARE(alarm.channels, QStringList{QStringLiteral("channel 3")});
    QVERIFY(alarm.unit.isEmpty());
    QCOMPARE(alarm.value, 101.3);
}

QTEST_GUILESS_MAIN(TestAlarmChannels)
#include "tst_alarmchannels.moc"
