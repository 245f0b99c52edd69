#include "detect/robustscaler.h"

#include <QtTest>

#include <cmath>

using fw::detect::RobustScaler;

class TestRobustScaler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void centresOnTheMedianAndScalesByMad();
    void oneOutlierDoesNotMoveTheScale();
    void quantizedFeatureFallsBackToTheInterquartileRange();
    void constantFeatureGetsScaleOne();
    void missingValuesAreLeftOutAndStayMissing();
};

void TestRobustScaler::centresOnTheMedianAndScalesByMad()
{
    // One feature: 1..5, median 3, MAD 1.
    const std::vector<double> data{1, 2, 3, 4, 5};
    const RobustScaler scaler = RobustScaler::fit(data, 1);
    QCOMPARE(scaler.centers()[0], 3.0);
    QCOMPARE(scaler.scales()[0], 1.4826);
    std::vector<double> row{4.4826};
    scaler.transform(row);
    QVERIFY(std::abs(row[0] - 1.0) < 1e-12);
}

void TestRobustScaler::oneOutlierDoesNotMoveTheScale()
{
    const std::vector<double> clean{1, 2, 3, 4, 5, 6, 7};
    const std::vector<double> dirty{1, 2, 3, 4, 5, 6, 1e6};
    QCOMPARE(RobustScaler::fit(dirty, 1).scales()[0], RobustScaler::fit(clean, 1).scales()[0]);
}

void TestRobustScaler::quantizedFeatureFallsBackToTheInterquartileRange()
{
    // A flow sensor reading 32 with the odd 31 and 33: MAD is 0.
    std::vector<double> data(100, 32.0);
    for (int i = 0; i < 30; ++i) {
        data[std::size_t(i)] = i % 2 ? 31.0 : 33.0;
    }
    const RobustScaler scaler = RobustScaler::fit(data, 1);
    QCOMPARE(scaler.centers()[0], 32.0);
    QVERIFY(scaler.scales()[0] > 0);
    QVERIFY(std::isfinite(scaler.scales()[0]));
}

void TestRobustScaler::constantFeatureGetsScaleOne()
{
    const RobustScaler scaler = RobustScaler::fit(std::vector<double>(10, 4.0), 1);
    QCOMPARE(scaler.scales()[0], 1.0);
}

void TestRobustScaler::missingValuesAreLeftOutAndStayMissing()
{
    const double nan = std::nan("");
    // Two features, row-major; the second has a missing value that must not count as zero.
    const std::vector<double> data{1, 10, 2, nan, 3, 30, 4, 40, 5, 50};
    const RobustScaler scaler = RobustScaler::fit(data, 2);
    QCOMPARE(scaler.centers()[0], 3.0);
    QCOMPARE(scaler.centers()[1], 35.0);
    std::vector<double> row{3, nan};
    scaler.transform(row);
    QCOMPARE(row[0], 0.0);
    QVERIFY(std::isnan(row[1]));
}

QTEST_APPLESS_MAIN(TestRobustScaler)
#include "tst_robustscaler.moc"
