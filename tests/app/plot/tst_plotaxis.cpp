#include "plot/plotaxis.h"

#include <QtTest>

#include <cmath>

using fw::AxisTicks;
using fw::TimeLabels;
namespace plotaxis = fw::plotaxis;

class TestPlotAxis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valueTicksAreRoundAndInsideTheRange_data();
    void valueTicksAreRoundAndInsideTheRange();
    void relativeTimeTicksCountBackFromTheRightEdge();
    void clockTimeTicksSitOnWholeSteps_data();
    void clockTimeTicksSitOnWholeSteps();
    void utcLabelsDoNotDependOnTheTimeZone();
    void aTickAtZeroNeverReadsMinusZero();
    void degenerateRangesGiveNoTicks();
};

void TestPlotAxis::valueTicksAreRoundAndInsideTheRange_data()
{
    QTest::addColumn<double>("lo");
    QTest::addColumn<double>("hi");
    QTest::addColumn<int>("maxTicks");
    QTest::addColumn<double>("step");
    QTest::addColumn<double>("first");
    QTest::addColumn<int>("decimals");
    QTest::newRow("temperature") << -12.3 << 47.9 << 6 << 20.0 << 0.0 << 0;
    QTest::newRow("small voltage swing") << 27.93 << 28.41 << 5 << 0.1 << 28.0 << 1;
    QTest::newRow("pressure in pascal") << 101100.0 << 101600.0 << 4 << 200.0 << 101200.0 << 0;
    QTest::newRow("vibration") << -0.0042 << 0.0051 << 4 << 0.005 << 0.0 << 3;
}

void TestPlotAxis::valueTicksAreRoundAndInsideTheRange()
{
    QFETCH(double, lo);
    QFETCH(double, hi);
    QFETCH(int, maxTicks);
    QFETCH(double, step);
    QFETCH(double, first);
    QFETCH(int, decimals);
    const AxisTicks ticks = plotaxis::valueTicks(lo, hi, maxTicks);
    QCOMPARE(ticks.step, step);
    QVERIFY(std::abs(ticks.first - first) < 1e-9 * std::max(1.0, std::abs(first)));
    QCOMPARE(ticks.decimals, decimals);
    QVERIFY(ticks.count >= 1 && ticks.count <= maxTicks + 1);
    QVERIFY(ticks.at(0) >= lo);
    QVERIFY(ticks.at(ticks.count - 1) <= hi);
    QVERIFY(ticks.at(ticks.count - 1) + ticks.step > hi);
}

void TestPlotAxis::relativeTimeTicksCountBackFromTheRightEdge()
{
    const double t1 = 1.7e9 + 0.37; // the newest sample, not on a whole second
    const AxisTicks ticks = plotaxis::timeTicks(t1 - 60, t1, 6, TimeLabels::Relative);
    QCOMPARE(ticks.step, 10.0);
    QCOMPARE(ticks.count, 7);
    QCOMPARE(ticks.at(ticks.count - 1), t1);
    const QLocale c = QLocale::c();
    QCOMPARE(plotaxis::timeLabel(ticks.at(0), t1, ticks, TimeLabels::Relative, c),
             QStringLiteral("-60 s"));
    QCOMPARE(plotaxis::timeLabel(t1, t1, ticks, TimeLabels::Relative, c), QStringLiteral("0 s"));
    const AxisTicks hours = plotaxis::timeTicks(t1 - 3600, t1, 6, TimeLabels::Relative);
    QCOMPARE(hours.step, 600.0);
    QCOMPARE(plotaxis::timeLabel(hours.at(0), t1, hours, TimeLabels::Relative, c),
             QStringLiteral("-60 min"));
}

void TestPlotAxis::clockTimeTicksSitOnWholeSteps_data()
{
    QTest::addColumn<double>("span");
    QTest::addColumn<double>("step");
    QTest::addColumn<QString>("firstLabel");
    // 1 700 000 000 s is 22:13:20 UTC; the tests run with TZ=UTC.
    QTest::newRow("a minute") << 60.0 << 10.0 << QStringLiteral("22:13:30");
    QTest::newRow("an hour") << 3600.0 << 600.0 << QStringLiteral("22:20:00");
    QTest::newRow("two seconds") << 2.0 << 0.5 << QStringLiteral("22:13:20.500");
}

void TestPlotAxis::clockTimeTicksSitOnWholeSteps()
{
    QFETCH(double, span);
    QFETCH(double, step);
    QFETCH(QString, firstLabel);
    const double t0 = 1.7e9 + 0.25;
    const AxisTicks ticks = plotaxis::timeTicks(t0, t0 + span, 6, TimeLabels::Clock);
    QCOMPARE(ticks.step, step);
    QCOMPARE(std::fmod(ticks.first, step), 0.0);
    QVERIFY(ticks.first >= t0);
    // The expected labels are UTC; local time is the same labels in this machine's zone.
    QCOMPARE(plotaxis::timeLabel(ticks.first, t0 + span, ticks, TimeLabels::ClockUtc, QLocale::c()),
             firstLabel);
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(std::llround(ticks.first * 1000));
    QVERIFY(plotaxis::timeLabel(ticks.first, t0 + span, ticks, TimeLabels::Clock, QLocale::c())
                .startsWith(local.toString(QStringLiteral("HH:mm:ss"))));
}

void TestPlotAxis::utcLabelsDoNotDependOnTheTimeZone()
{
    // 1.7e9 s is 2023-11-14 22:13:20 UTC.
    const AxisTicks ticks = plotaxis::timeTicks(1.7e9 - 30, 1.7e9 + 30, 6, TimeLabels::ClockUtc);
    QCOMPARE(plotaxis::timeLabel(1.7e9, 1.7e9 + 30, ticks, TimeLabels::ClockUtc, QLocale::c()),
             QStringLiteral("22:13:20"));
}

void TestPlotAxis::aTickAtZeroNeverReadsMinusZero()
{
    const AxisTicks ticks = plotaxis::valueTicks(-0.3, 0.3, 6);
    bool sawZero = false;
    for (int i = 0; i < ticks.count; ++i) {
        const QString label = plotaxis::valueLabel(ticks.at(i), ticks.decimals, QLocale::c());
        QVERIFY(label != QStringLiteral("-0.0"));
        sawZero = sawZero || label == QStringLiteral("0.0");
    }
    QVERIFY(sawZero);
}

void TestPlotAxis::degenerateRangesGiveNoTicks()
{
    QCOMPARE(plotaxis::valueTicks(1, 1, 5).count, 0);
    QCOMPARE(plotaxis::valueTicks(2, 1, 5).count, 0);
    QCOMPARE(plotaxis::valueTicks(0, std::nan(""), 5).count, 0);
    QCOMPARE(plotaxis::timeTicks(10, 10, 5, TimeLabels::Clock).count, 0);
    QCOMPARE(plotaxis::timeTicks(0, 10, 0, TimeLabels::Relative).count, 0);
}

QTEST_GUILESS_MAIN(TestPlotAxis)
#include "tst_plotaxis.moc"
