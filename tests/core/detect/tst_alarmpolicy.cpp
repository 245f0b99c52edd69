#include "detect/alarmpolicy.h"

#include <QtTest>

#include <limits>
#include <stdexcept>
#include <utility>

using fw::detect::AlarmDecision;
using fw::detect::AlarmPolicy;
using fw::detect::AlarmPolicyOptions;
using fw::detect::AlarmReason;
using fw::detect::Severity;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kHit = 0.996; // above the default threshold, below the warning level
constexpr double kQuiet = 0.5;

// 'H' is a forest hit, anything else a quiet sample.
double confidenceFor(QChar c)
{
    return c == QLatin1Char('H') ? kHit : kQuiet;
}

} // namespace

class TestAlarmPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void raisesOnKOfTheLastMSamples_data();
    void raisesOnKOfTheLastMSamples();
    void clearsAfterExactlyMSamplesBelow();
    void aHitRestartsTheClearCount();
    void flappingInputKeepsOneAlarmRaised();
    void severityFollowsTheConfidenceLevels_data();
    void severityFollowsTheConfidenceLevels();
    void guardFlagRaisesAWarningAtOnce();
    void limitFlagRaisesACriticalAtOnce();
    void severityOnlyEscalatesWhileRaised();
    void aFlagHoldsTheAlarmUntilMCleanSamples();
    void nanConfidenceCountsAsBelow();
    void aChatteringAlarmWaitsLongerToClear();
    void evidenceWhileWaitingToClearCountsAsChatter();
    void withoutChatterDoublingsItClearsAfterM();
    void resetForgetsTheHistory();
    void invalidOptionsAreRefused();
};

void TestAlarmPolicy::raisesOnKOfTheLastMSamples_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("raisedAt"); // −1: never
    QTest::newRow("three in a row") << QStringLiteral("HHH..") << 2;
    QTest::newRow("spread over five") << QStringLiteral("H.H.H") << 4;
    QTest::newRow("first hit leaves the window") << QStringLiteral("H..H.H") << -1;
    QTest::newRow("third hit within five") << QStringLiteral("H..H.HH") << 6;
    QTest::newRow("k minus one of m never") << QStringLiteral("HH...HH...HH...HH...") << -1;
    QTest::newRow("quiet") << QStringLiteral("..........") << -1;
}

void TestAlarmPolicy::raisesOnKOfTheLastMSamples()
{
    QFETCH(QString, pattern);
    QFETCH(int, raisedAt);
    AlarmPolicy policy;
    int raised = -1;
    for (int i = 0; i < pattern.size(); ++i) {
        const AlarmDecision decision = policy.update(confidenceFor(pattern[i]), false, false);
        QCOMPARE(decision.alarm, raised >= 0 || decision.raisedNow);
        if (decision.raisedNow) {
            QCOMPARE(raised, -1);
            raised = i;
            QCOMPARE(decision.reason, AlarmReason::Forest);
            QCOMPARE(decision.severity, Severity::Watch);
        }
    }
    QCOMPARE(raised, raisedAt);
}

void TestAlarmPolicy::clearsAfterExactlyMSamplesBelow()
{
    AlarmPolicy policy;
    for (int i = 0; i < 3; ++i) {
        (void)policy.update(kHit, false, false);
    }
    QVERIFY(policy.active());
    for (int i = 1; i <= 4; ++i) {
        const AlarmDecision decision = policy.update(kQuiet, false, false);
        QVERIFY(decision.alarm);
        QVERIFY(!decision.clearedNow);
    }
    const AlarmDecision cleared = policy.update(kQuiet, false, false);
    QVERIFY(!cleared.alarm);
    QVERIFY(cleared.clearedNow);
    QCOMPARE(cleared.severity, Severity::None);
    QCOMPARE(cleared.reason, AlarmReason::None);
    const AlarmDecision after = policy.update(kQuiet, false, false);
    QVERIFY(!after.alarm);
    QVERIFY(!after.clearedNow);
}

void TestAlarmPolicy::aHitRestartsTheClearCount()
{
    AlarmPolicy policy;
    const QString pattern = QStringLiteral("HHH....H....");
    for (int i = 0; i < pattern.size(); ++i) {
        // Raised on the third hit, then held through four quiet samples, a hit, four more.
        QCOMPARE(policy.update(confidenceFor(pattern[i]), false, false).alarm, i >= 2);
    }
    QVERIFY(policy.update(kQuiet, false, false).clearedNow);
}

void TestAlarmPolicy::flappingInputKeepsOneAlarmRaised()
{
    AlarmPolicy policy;
    int raises = 0;
    int clears = 0;
    for (int i = 0; i < 200; ++i) {
        const AlarmDecision decision = policy.update(i % 2 == 0 ? kHit : kQuiet, false, false);
        raises += decision.raisedNow ? 1 : 0;
        clears += decision.clearedNow ? 1 : 0;
        if (i >= 4) {
            QVERIFY(decision.alarm);
        }
    }
    QCOMPARE(raises, 1);
    QCOMPARE(clears, 0);
}

void TestAlarmPolicy::severityFollowsTheConfidenceLevels_data()
{
    QTest::addColumn<double>("confidence");
    QTest::addColumn<Severity>("severity");
    QTest::newRow("at threshold") << 0.995 << Severity::Watch;
    QTest::newRow("below warning") << 0.9989 << Severity::Watch;
    QTest::newRow("at warning") << 0.999 << Severity::Warning;
    QTest::newRow("below critical") << 0.99989 << Severity::Warning;
    QTest::newRow("at critical") << 0.9999 << Severity::Critical;
}

void TestAlarmPolicy::severityFollowsTheConfidenceLevels()
{
    QFETCH(double, confidence);
    QFETCH(Severity, severity);
    AlarmPolicy policy;
    QVERIFY(!policy.update(confidence, false, false).alarm);
    QVERIFY(!policy.update(confidence, false, false).alarm);
    const AlarmDecision decision = policy.update(confidence, false, false);
    QVERIFY(decision.raisedNow);
    QCOMPARE(decision.severity, severity);
    QCOMPARE(decision.reason, AlarmReason::Forest);
}

void TestAlarmPolicy::guardFlagRaisesAWarningAtOnce()
{
    AlarmPolicy policy;
    const AlarmDecision decision = policy.update(kQuiet, true, false);
    QVERIFY(decision.alarm);
    QVERIFY(decision.raisedNow);
    QCOMPARE(decision.severity, Severity::Warning);
    QCOMPARE(decision.reason, AlarmReason::RangeGuard);
    AlarmPolicy related;
    QCOMPARE(related.update(kQuiet, true, false, true).reason, AlarmReason::Relation);
}

void TestAlarmPolicy::limitFlagRaisesACriticalAtOnce()
{
    AlarmPolicy policy;
    const AlarmDecision decision = policy.update(kNaN, true, true);
    QVERIFY(decision.raisedNow);
    QCOMPARE(decision.severity, Severity::Critical);
    QCOMPARE(decision.reason, AlarmReason::Limit);
}

void TestAlarmPolicy::severityOnlyEscalatesWhileRaised()
{
    AlarmPolicy policy;
    (void)policy.update(kHit, false, false);
    (void)policy.update(kHit, false, false);
    QCOMPARE(policy.update(kHit, false, false).severity, Severity::Watch);
    QCOMPARE(policy.update(0.99995, false, false).severity, Severity::Critical);
    const AlarmDecision later = policy.update(kHit, false, false);
    QVERIFY(!later.raisedNow);
    QCOMPARE(later.severity, Severity::Critical);
    QCOMPARE(later.reason, AlarmReason::Forest);
}

void TestAlarmPolicy::aFlagHoldsTheAlarmUntilMCleanSamples()
{
    AlarmPolicy policy;
    for (int i = 0; i < 10; ++i) {
        QVERIFY(policy.update(kQuiet, true, false).alarm);
    }
    for (int i = 0; i < 4; ++i) {
        QVERIFY(policy.update(kQuiet, false, false).alarm);
    }
    QVERIFY(policy.update(kQuiet, false, false).clearedNow);
}

void TestAlarmPolicy::nanConfidenceCountsAsBelow()
{
    AlarmPolicy policy;
    for (int i = 0; i < 20; ++i) {
        QVERIFY(!policy.update(kNaN, false, false).alarm);
    }
    // Two hits and a NaN are not three hits.
    (void)policy.update(kHit, false, false);
    (void)policy.update(kHit, false, false);
    QVERIFY(!policy.update(kNaN, false, false).alarm);
    QVERIFY(policy.update(kHit, false, false).raisedNow);
    // NaN samples count towards clearing.
    for (int i = 0; i < 4; ++i) {
        QVERIFY(policy.update(kNaN, false, false).alarm);
    }
    QVERIFY(policy.update(kNaN, false, false).clearedNow);
}

namespace {

// Feeds flagged samples at `flags` (ascending sample indices) and quiet ones elsewhere up to
// `samples`; returns the indices of the samples that raised and that cleared.
std::pair<QList<int>, QList<int>> raisesAndClears(AlarmPolicy &policy, const QList<int> &flags,
                                                  int samples)
{
    QList<int> raised;
    QList<int> cleared;
    for (int i = 0; i < samples; ++i) {
        const AlarmDecision d = policy.update(kQuiet, flags.contains(i), false);
        if (d.raisedNow) {
            raised.append(i);
        }
        if (d.clearedNow) {
            cleared.append(i);
        }
    }
    return {raised, cleared};
}

} // namespace

void TestAlarmPolicy::aChatteringAlarmWaitsLongerToClear()
{
    AlarmPolicy policy; // m = 5, two doublings
    // An isolated alarm clears after 5 clean samples; raised again 4 samples later it needs 10,
    // then 20, and no more; a raise 35 samples after the last clear is isolated again.
    const auto [raised, cleared] = raisesAndClears(policy, {0, 9, 22, 45, 100}, 120);
    QCOMPARE(raised, (QList<int>{0, 9, 22, 45, 100}));
    QCOMPARE(cleared, (QList<int>{5, 19, 42, 65, 105}));
}

void TestAlarmPolicy::evidenceWhileWaitingToClearCountsAsChatter()
{
    AlarmPolicy policy;
    // Raised again at 9 it waits for 10 clean samples; the flag at 16 (6 clean) would have
    // cleared it under m alone, so the wait doubles again: 20 clean samples from 17.
    const auto [raised, cleared] = raisesAndClears(policy, {0, 9, 16}, 60);
    QCOMPARE(raised, (QList<int>{0, 9}));
    QCOMPARE(cleared, (QList<int>{5, 36}));
}

void TestAlarmPolicy::withoutChatterDoublingsItClearsAfterM()
{
    AlarmPolicyOptions options;
    options.chatterDoublings = 0; // as model files from before the rule read
    AlarmPolicy policy(options);
    const auto [raised, cleared] = raisesAndClears(policy, {0, 9, 16, 22}, 40);
    QCOMPARE(raised, (QList<int>{0, 9, 16, 22}));
    QCOMPARE(cleared, (QList<int>{5, 14, 21, 27}));
}

void TestAlarmPolicy::resetForgetsTheHistory()
{
    AlarmPolicy policy;
    (void)policy.update(kHit, false, false);
    (void)policy.update(kHit, false, false);
    policy.reset();
    QVERIFY(!policy.update(kHit, false, false).alarm);
    QVERIFY(!policy.update(kHit, false, false).alarm);
    QVERIFY(policy.update(kHit, false, false).raisedNow);
    policy.reset();
    QVERIFY(!policy.active());
}

void TestAlarmPolicy::invalidOptionsAreRefused()
{
    AlarmPolicyOptions options;
    options.k = 6;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, AlarmPolicy{options});
    options.k = 0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, AlarmPolicy{options});
    options.k = 3;
    options.chatterDoublings = -1;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, AlarmPolicy{options});
    options.chatterDoublings = AlarmPolicy::kMaxChatterDoublings + 1;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, AlarmPolicy{options});
}

QTEST_APPLESS_MAIN(TestAlarmPolicy)
#include "tst_alarmpolicy.moc"
