#include "detect/windowfeatures.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

using fw::detect::WindowFeatures;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// Pushes a one-channel series and returns the last output row.
std::vector<double> lastRow(WindowFeatures &extractor, const std::vector<double> &series)
{
    std::vector<double> out(std::size_t(extractor.featureCount()));
    for (const double v : series) {
        extractor.push(std::span<const double>(&v, 1), out);
    }
    return out;
}

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-12;
}

} // namespace

class TestWindowFeatures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layoutIsRawThenEachEnabledFeature();
    void computesMeanStdAndSlopeOfTheLastWindow_data();
    void computesMeanStdAndSlopeOfTheLastWindow();
    void warmUpUsesTheSamplesSeenSoFar();
    void missingValuesAreLeftOutNotCountedAsZero();
    void aWindowWithNoPresentValueGivesNaN();
    void streamingEqualsBatch();
    void longConstantSeriesKeepsStdExactlyZero();
    void longSeriesMatchesADirectComputation();
    void aLevelFarFromTheStartKeepsItsPrecision();
    void resetStartsANewWarmUp();
};

void TestWindowFeatures::layoutIsRawThenEachEnabledFeature()
{
    WindowFeatures all(2, 3, WindowFeatures::All);
    QCOMPARE(all.featureCount(), 8);
    WindowFeatures slopeOnly(2, 3, WindowFeatures::Slope);
    QCOMPARE(slopeOnly.featureCount(), 4);

    WindowFeatures meanAndSlope(2, 2, WindowFeatures::Mean | WindowFeatures::Slope);
    std::vector<double> out(6);
    meanAndSlope.push(std::vector<double>{1, 10}, out);
    meanAndSlope.push(std::vector<double>{3, 40}, out);
    const std::vector<double> expected{3, 40, 2, 25, 2, 30};
    QCOMPARE(out, expected);
}

void TestWindowFeatures::computesMeanStdAndSlopeOfTheLastWindow_data()
{
    QTest::addColumn<std::vector<double>>("series");
    QTest::addColumn<double>("mean");
    QTest::addColumn<double>("std");
    QTest::addColumn<double>("slope");
    // Window 3 sees {1, 2, 4}: mean 7/3, population variance 14/9, slope 3/2 per sample.
    QTest::newRow("rising") << std::vector<double>{1, 2, 4} << 7.0 / 3 << std::sqrt(14.0) / 3
                            << 1.5;
    // Older samples leave the window: only {5, 3, 1} counts.
    QTest::newRow("falling after slide")
        << std::vector<double>{100, -50, 5, 3, 1} << 3.0 << std::sqrt(8.0 / 3) << -2.0;
    QTest::newRow("flat") << std::vector<double>{7, 7, 7, 7} << 7.0 << 0.0 << 0.0;
}

void TestWindowFeatures::computesMeanStdAndSlopeOfTheLastWindow()
{
    QFETCH(std::vector<double>, series);
    QFETCH(double, mean);
    QFETCH(double, std);
    QFETCH(double, slope);
    WindowFeatures extractor(1, 3, WindowFeatures::All);
    const std::vector<double> out = lastRow(extractor, series);
    QCOMPARE(out[0], series.back());
    QVERIFY2(near(out[1], mean), qPrintable(QString::number(out[1], 'g', 17)));
    QVERIFY2(near(out[2], std), qPrintable(QString::number(out[2], 'g', 17)));
    QVERIFY2(near(out[3], slope), qPrintable(QString::number(out[3], 'g', 17)));
}

void TestWindowFeatures::warmUpUsesTheSamplesSeenSoFar()
{
    WindowFeatures extractor(1, 10, WindowFeatures::All);
    std::vector<double> out(4);
    const double first = 4;
    extractor.push(std::span<const double>(&first, 1), out);
    QCOMPARE(out[1], 4.0);
    QVERIFY(out[2] == 0.0);
    QVERIFY(std::isnan(out[3])); // one point has no slope
    const double second = 8;
    extractor.push(std::span<const double>(&second, 1), out);
    QCOMPARE(out[1], 6.0);
    QCOMPARE(out[2], 2.0);
    QCOMPARE(out[3], 4.0);
}

void TestWindowFeatures::missingValuesAreLeftOutNotCountedAsZero()
{
    // Window 4 sees {2, NaN, 4, 8} at indices −3, −1 … 0 with the gap keeping its index.
    WindowFeatures extractor(1, 4, WindowFeatures::All);
    const std::vector<double> out = lastRow(extractor, {2, kNaN, 4, 8});
    QCOMPARE(out[0], 8.0);
    QCOMPARE(out[1], 14.0 / 3);
    QVERIFY(near(out[2], std::sqrt(56.0 / 9)));
    // x = −3, −1, 0 (mean −4/3), y = 2, 4, 8 (mean 14/3): Sxy = 78/9, Sxx = 42/9.
    QVERIFY(near(out[3], 13.0 / 7));
}

void TestWindowFeatures::aWindowWithNoPresentValueGivesNaN()
{
    WindowFeatures extractor(2, 2, WindowFeatures::All);
    std::vector<double> out(8);
    extractor.push(std::vector<double>{1, 5}, out);
    extractor.push(std::vector<double>{kNaN, 6}, out);
    QCOMPARE(out[2], 1.0); // the 1 is still in the window
    extractor.push(std::vector<double>{kNaN, 7}, out);
    QVERIFY(std::isnan(out[2]));
    QVERIFY(std::isnan(out[4]));
    QVERIFY(std::isnan(out[6]));
    QCOMPARE(out[3], 6.5);
    // The channel comes back cleanly at its new level.
    extractor.push(std::vector<double>{100, 8}, out);
    QCOMPARE(out[2], 100.0);
    QVERIFY(out[4] == 0.0);
}

void TestWindowFeatures::streamingEqualsBatch()
{
    const int channels = 3;
    std::vector<double> rows;
    for (int r = 0; r < 200; ++r) {
        rows.push_back(std::sin(r * 0.1) * 10);
        rows.push_back(r % 7 == 0 ? kNaN : r * 0.5);
        rows.push_back(1e6 + (r % 3));
    }
    const std::vector<double> batch
        = WindowFeatures::extract(rows, channels, 16, WindowFeatures::All);
    WindowFeatures extractor(channels, 16, WindowFeatures::All);
    const auto width = std::size_t(extractor.featureCount());
    QCOMPARE(batch.size(), 200 * width);
    std::vector<double> out(width);
    for (std::size_t r = 0; r < 200; ++r) {
        extractor.push(std::span<const double>(rows).subspan(r * 3, 3), out);
        for (std::size_t i = 0; i < width; ++i) {
            const double b = batch[r * width + i];
            QVERIFY((std::isnan(b) && std::isnan(out[i])) || b == out[i]);
        }
    }
}

void TestWindowFeatures::longConstantSeriesKeepsStdExactlyZero()
{
    // 0.1 is not exact in binary; naive running sums would leave a tiny non-zero variance.
    WindowFeatures extractor(2, 30, WindowFeatures::StdDev | WindowFeatures::Slope);
    std::vector<double> out(6);
    const std::vector<double> row{0.1, 123456.789};
    for (int i = 0; i < 100000; ++i) {
        extractor.push(row, out);
        if (i > 0) {
            QVERIFY(out[2] == 0.0);
            QVERIFY(out[3] == 0.0);
            QVERIFY(out[4] == 0.0);
            QVERIFY(out[5] == 0.0);
        }
    }
}

void TestWindowFeatures::longSeriesMatchesADirectComputation()
{
    // Running sums drift over many pushes unless rebuilt; compare with a direct two-pass result.
    const int window = 25;
    WindowFeatures extractor(1, window, WindowFeatures::All);
    std::vector<double> series;
    std::vector<double> out(4);
    for (int i = 0; i < 50000; ++i) {
        const double v = 1e4 + std::sin(i * 0.37) * 3 + (i % 11) * 0.01;
        series.push_back(v);
        extractor.push(std::span<const double>(&v, 1), out);
    }
    double mean = 0;
    for (std::size_t i = series.size() - window; i < series.size(); ++i) {
        mean += series[i] / window;
    }
    double variance = 0;
    double sxy = 0;
    double sxx = 0;
    const double mx = -(window - 1) / 2.0;
    for (int j = 0; j < window; ++j) {
        const double y = series[series.size() - std::size_t(window) + std::size_t(j)];
        const double x = double(j - (window - 1));
        variance += (y - mean) * (y - mean) / window;
        sxy += (x - mx) * (y - mean);
        sxx += (x - mx) * (x - mx);
    }
    QVERIFY(std::abs(out[1] - mean) < 1e-9);
    QVERIFY(std::abs(out[2] - std::sqrt(variance)) < 1e-9);
    QVERIFY(std::abs(out[3] - sxy / sxx) < 1e-9);
}

void TestWindowFeatures::aLevelFarFromTheStartKeepsItsPrecision()
{
    // Sums kept relative to the first level would cancel catastrophically once the signal sits
    // at 1e8 with unit noise; the periodic rebuild moves the reference to the current level.
    const int window = 20;
    WindowFeatures extractor(1, window, WindowFeatures::StdDev);
    std::vector<double> series;
    std::vector<double> out(2);
    for (int i = 0; i < 2000; ++i) {
        const double v = i < 100 ? 0.0 : 1e8 + std::sin(i * 0.9);
        series.push_back(v);
        extractor.push(std::span<const double>(&v, 1), out);
    }
    double mean = 0;
    for (std::size_t i = series.size() - window; i < series.size(); ++i) {
        mean += (series[i] - 1e8) / window;
    }
    double variance = 0;
    for (std::size_t i = series.size() - window; i < series.size(); ++i) {
        variance += (series[i] - 1e8 - mean) * (series[i] - 1e8 - mean) / window;
    }
    QVERIFY2(std::abs(out[1] - std::sqrt(variance)) < 1e-6,
             qPrintable(QString::number(out[1] - std::sqrt(variance))));
}

void TestWindowFeatures::resetStartsANewWarmUp()
{
    WindowFeatures extractor(1, 5, WindowFeatures::Mean);
    [[maybe_unused]] const std::vector<double> before = lastRow(extractor, {1, 2, 3});
    extractor.reset();
    const std::vector<double> out = lastRow(extractor, {10});
    QCOMPARE(out[1], 10.0);
}

QTEST_APPLESS_MAIN(TestWindowFeatures)
#include "tst_windowfeatures.moc"
