#include "detect/calibration.h"

#include <QtTest>

#include <cmath>
#include <random>

using fw::detect::Calibration;

class TestCalibration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pValueCountsScoresAtLeastAsHigh_data();
    void pValueCountsScoresAtLeastAsHigh();
    void confidenceIsCappedByTheCalibrationSize();
    void nominalDataExceedsAThresholdAtMostAlphaOfTheTime();
    void nanScoreHasNoConfidence();
    void largeCalibrationCountsExactlyAsABinarySearch();
};

void TestCalibration::pValueCountsScoresAtLeastAsHigh_data()
{
    QTest::addColumn<double>("score");
    QTest::addColumn<double>("expected");
    // Calibration {0.1, 0.2, 0.2, 0.3}: n = 4.
    QTest::newRow("below all") << 0.05 << 5.0 / 5.0;
    QTest::newRow("equal to the lowest") << 0.1 << 5.0 / 5.0;
    QTest::newRow("tie counts as at least as strange") << 0.2 << 4.0 / 5.0;
    QTest::newRow("between") << 0.25 << 2.0 / 5.0;
    QTest::newRow("equal to the highest") << 0.3 << 2.0 / 5.0;
    QTest::newRow("above all") << 0.9 << 1.0 / 5.0;
}

void TestCalibration::pValueCountsScoresAtLeastAsHigh()
{
    QFETCH(double, score);
    QFETCH(double, expected);
    const Calibration calibration({0.3, 0.2, 0.1, 0.2}); // unsorted on purpose
    QCOMPARE(calibration.pValue(score), expected);
    QCOMPARE(calibration.confidence(score), 1.0 - expected);
}

void TestCalibration::confidenceIsCappedByTheCalibrationSize()
{
    const Calibration small(std::vector<double>(99, 0.5));
    QCOMPARE(small.maxConfidence(), 0.99);
    QVERIFY(small.canReach(0.99));
    QVERIFY(!small.canReach(0.995));
    QCOMPARE(small.confidence(1.0), 0.99);
}

void TestCalibration::nominalDataExceedsAThresholdAtMostAlphaOfTheTime()
{
    // Exchangeable nominal scores: the share with confidence ≥ 1 − α is about α.
    std::mt19937_64 random(7);
    std::normal_distribution<double> normal(0.45, 0.03);
    std::vector<double> held(1000);
    for (double &s : held) {
        s = normal(random);
    }
    const Calibration calibration(held);
    const double alpha = 0.01;
    int raised = 0;
    const int n = 100000;
    for (int i = 0; i < n; ++i) {
        raised += calibration.confidence(normal(random)) >= 1.0 - alpha ? 1 : 0;
    }
    const double rate = double(raised) / n;
    QVERIFY2(rate > 0.5 * alpha && rate <= 1.5 * alpha, qPrintable(QString::number(rate)));
}

void TestCalibration::nanScoreHasNoConfidence()
{
    const Calibration calibration({0.1, 0.2});
    QCOMPARE(calibration.confidence(std::nan("")), 0.0);
}

void TestCalibration::largeCalibrationCountsExactlyAsABinarySearch()
{
    // Enough scores for the bucket index, with ties, a cluster at one end and the extremes as
    // queries: every p-value equals the plain count.
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> uniform(0.3, 0.8);
    std::vector<double> scores;
    for (int i = 0; i < 20000; ++i) {
        scores.push_back(i % 7 == 0 ? 0.5 : uniform(rng));
    }
    for (int i = 0; i < 3000; ++i) {
        scores.push_back(0.8 - 1e-12 * i);
    }
    const Calibration calibration(scores);
    std::vector<double> sorted = scores;
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> queries{0.0,
                                0.3,
                                0.5,
                                0.8,
                                1.0,
                                sorted.front(),
                                sorted.back(),
                                std::nextafter(0.5, 0.0),
                                std::nextafter(0.5, 1.0),
                                -std::numeric_limits<double>::infinity(),
                                std::numeric_limits<double>::infinity()};
    for (int i = 0; i < 20000; ++i) {
        queries.push_back(i % 2 == 0 ? sorted[std::size_t(i)] : uniform(rng));
    }
    for (const double q : queries) {
        const auto atLeast
            = std::size_t(sorted.end() - std::lower_bound(sorted.begin(), sorted.end(), q));
        QCOMPARE(calibration.pValue(q), double(1 + atLeast) / double(sorted.size() + 1));
    }
}

QTEST_APPLESS_MAIN(TestCalibration)
#include "tst_calibration.moc"
