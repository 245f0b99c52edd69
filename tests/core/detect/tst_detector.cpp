// The composed detector and its training: split, warnings, attribution, missing values.
#include "detect/detector.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <random>

using namespace fw::detect;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// Three correlated channels of Gaussian noise around (10, 20, 30).
std::vector<double> nominalRows(int rows, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> data;
    for (int r = 0; r < rows; ++r) {
        const double common = noise(rng);
        data.push_back(10 + common + 0.5 * noise(rng));
        data.push_back(20 + common + 0.5 * noise(rng));
        data.push_back(30 + 0.5 * noise(rng));
    }
    return data;
}

TrainingData trainingData(const std::vector<double> &rows)
{
    TrainingData data;
    data.rows = rows;
    data.profile = "test";
    data.channels = {"a", "b", "c"};
    return data;
}

DetectorModel train(const std::vector<double> &rows, DetectorTrainOptions options = {},
                    std::vector<std::string> *warnings = nullptr)
{
    std::string error;
    std::optional<DetectorModel> model
        = trainDetector(trainingData(rows), options, &error, warnings);
    if (!model) {
        qFatal("training failed: %s", error.c_str());
    }
    return *model;
}

Detector detectorFor(const DetectorModel &model)
{
    std::string error;
    std::optional<Detector> detector = Detector::create(model, &error);
    if (!detector) {
        qFatal("detector refused: %s", error.c_str());
    }
    return std::move(*detector);
}

} // namespace

class TestDetector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void calibrationIsTheHeldOutTail();
    void unreachableThresholdIsWarned();
    void persistenceFollowsTheRate();
    void farOutChannelGetsTheLargestShare();
    void forestAttributionFollowsTheIsolatingFeature();
    void sharesSumToOneOnlyWhenAnomalous();
    void missingValuesAreNotZeros();
    void badTrainingInputIsRefused();
    void resultsDoNotDependOnHowRowsAreCut();
    void copiesShareTheModelsTablesAndKeepTheirOwnState();
    void theForestRaisesOnlyWhenAsked_data();
    void theForestRaisesOnlyWhenAsked();
};

void TestDetector::calibrationIsTheHeldOutTail()
{
    DetectorTrainOptions options;
    options.calibrationFraction = 0.25;
    const DetectorModel model = train(nominalRows(1000, 1), options);
    QCOMPARE(model.provenance.rows, std::size_t(1000));
    QCOMPARE(model.provenance.forestRows, std::size_t(750));
    QCOMPARE(model.provenance.calibrationRows, std::size_t(250));
    QCOMPARE(model.calibration.size(), std::size_t(250));
    QVERIFY(std::is_sorted(model.calibration.begin(), model.calibration.end()));
    QCOMPARE(model.forest.sampleSize, 256);
    QCOMPARE(model.featureCount(), 3);

    options.window = 10;
    options.windowFlags = WindowFeatures::Mean | WindowFeatures::Slope;
    const DetectorModel windowed = train(nominalRows(1000, 1), options);
    QCOMPARE(windowed.featureCount(), 9);
    QCOMPARE(windowed.forest.featureCount, 9);
    QCOMPARE(windowed.channelOfFeature(7), 1);
}

void TestDetector::unreachableThresholdIsWarned()
{
    // 100 calibration rows reach at most 100/101 < 0.995.
    std::vector<std::string> warnings;
    const DetectorModel model = train(nominalRows(200, 2), {}, &warnings);
    QCOMPARE(model.calibration.size(), std::size_t(100));
    QVERIFY(!warnings.empty());
    QVERIFY2(warnings[0].find("needs at least 199 calibration rows") != std::string::npos,
             warnings[0].c_str());
    warnings.clear();
    (void)train(nominalRows(400, 2), {}, &warnings);
    for (const std::string &w : warnings) {
        QVERIFY2(w.find("calibration rows") == std::string::npos, w.c_str());
    }
}

void TestDetector::persistenceFollowsTheRate()
{
    std::vector<double> rows = nominalRows(500, 3);
    TrainingData data = trainingData(rows);
    std::string error;
    data.rateHz = 50;
    const std::optional<DetectorModel> fast = trainDetector(data, {}, &error, nullptr);
    QVERIFY(fast);
    QCOMPARE(fast->policy.k, 150);
    QCOMPARE(fast->policy.m, 250);
    data.rateHz = 1;
    const std::optional<DetectorModel> slow = trainDetector(data, {}, &error, nullptr);
    QCOMPARE(slow->policy.k, 3);
    QCOMPARE(slow->policy.m, 5);
    data.rateHz = 0; // unknown: the policy's own k of m
    DetectorTrainOptions options;
    options.policy.k = 2;
    options.policy.m = 4;
    const std::optional<DetectorModel> given = trainDetector(data, options, &error, nullptr);
    QCOMPARE(given->policy.k, 2);
    QCOMPARE(given->policy.m, 4);
}

void TestDetector::farOutChannelGetsTheLargestShare()
{
    const DetectorModel model = train(nominalRows(2000, 4));
    for (int channel = 0; channel < 3; ++channel) {
        Detector detector = detectorFor(model);
        std::vector<double> rows = nominalRows(50, 5);
        // One sample with the channel 14 standard deviations out, in a nominal stream.
        rows[std::size_t(40 * 3 + channel)] += 16;
        DetectionResults results;
        detector.process(rows, results);
        QCOMPARE(results.guardFlags[std::size_t(40 * 3 + channel)], GuardFlag::Jump);
        const double *shares = results.attribution.data() + 40 * 3;
        QCOMPARE(std::max_element(shares, shares + 3) - shares, channel);
    }
}

void TestDetector::forestAttributionFollowsTheIsolatingFeature()
{
    const std::vector<double> rows = nominalRows(2000, 13);
    std::string error;
    std::optional<IsolationForest> forest
        = IsolationForest::train(rows, 3, IsolationForestParams{}, &error);
    QVERIFY(forest);
    const Attribution attribution(std::make_shared<const ForestArrays>(forest->arrays()), {0, 1, 2},
                                  3);
    for (int feature = 0; feature < 3; ++feature) {
        std::vector<double> sample{10, 20, 30};
        sample[std::size_t(feature)] += 6;
        std::vector<double> shares(3);
        attribution.shares(sample, shares);
        QVERIFY2(shares[std::size_t(feature)] > 0.5,
                 qPrintable(QString::number(shares[std::size_t(feature)])));
        QCOMPARE(std::accumulate(shares.begin(), shares.end(), 0.0), 1.0);
    }
    // Features of one channel pool their credit.
    const Attribution pooled(std::make_shared<const ForestArrays>(forest->arrays()), {0, 0, 1}, 2);
    std::vector<double> shares(2);
    const std::vector<double> sample{10, 26, 30};
    pooled.shares(sample, shares);
    QVERIFY(shares[0] > 0.5);
}

void TestDetector::sharesSumToOneOnlyWhenAnomalous()
{
    const DetectorModel model = train(nominalRows(2000, 6));
    Detector detector = detectorFor(model);
    std::vector<double> rows = nominalRows(3000, 7);
    for (std::size_t r = 1000; r < 1100; ++r) {
        rows[r * 3 + 2] += 8; // channel c far off for 100 samples
    }
    DetectionResults results;
    detector.process(rows, results);
    int anomalous = 0;
    for (std::size_t i = 0; i < results.size(); ++i) {
        const double *shares = results.attribution.data() + i * 3;
        const double sum = std::accumulate(shares, shares + 3, 0.0);
        const bool isAnomalous
            = results.alarm[i] != 0 || results.confidence[i] >= model.policy.threshold
              || std::any_of(results.guardFlags.begin() + std::ptrdiff_t(i * 3),
                             results.guardFlags.begin() + std::ptrdiff_t(i * 3 + 3),
                             [](GuardFlag f) { return f != GuardFlag::Within; });
        anomalous += isAnomalous ? 1 : 0;
        if (isAnomalous) {
            QVERIFY2(std::abs(sum - 1) < 1e-12, qPrintable(QString::number(sum)));
        } else {
            QCOMPARE(sum, 0.0);
        }
        QVERIFY(results.score[i] > 0 && results.score[i] < 1);
    }
    QVERIFY(anomalous >= 100);
    QCOMPARE(results.alarm[1050], std::uint8_t(1));
}

void TestDetector::missingValuesAreNotZeros()
{
    const DetectorModel model = train(nominalRows(2000, 8));
    Detector detector = detectorFor(model);
    // Nominal values with channel a missing score like nominal data, not like a at 0.
    std::vector<double> rows = nominalRows(60, 9);
    std::vector<double> zeros = rows;
    for (std::size_t r = 0; r < 60; ++r) {
        rows[r * 3] = kNaN;
        zeros[r * 3] = 0;
    }
    DetectionResults missing;
    detector.process(rows, missing);
    Detector other = detectorFor(model);
    DetectionResults zeroed;
    other.process(zeros, zeroed);
    for (std::size_t i = 0; i < 60; ++i) {
        QVERIFY(std::isfinite(missing.score[i]));
        // Until a whole window has gone by without a value: then it is a dropout.
        QCOMPARE(missing.alarm[i], std::uint8_t(i >= 29 ? 1 : 0));
        QCOMPARE(missing.guardFlags[i * 3], i >= 29 ? GuardFlag::Dropout : GuardFlag::Within);
    }
    // A zero where 10 belongs raises once the guard's first window is full.
    QCOMPARE(zeroed.alarm[29], std::uint8_t(1));
    QCOMPARE(zeroed.guardFlags[29 * 3], GuardFlag::OutOfNominalRange);
    // Nothing at all: invalid, not normal.
    const std::vector<double> empty{kNaN, kNaN, kNaN};
    DetectionResults none;
    detector.process(empty, none);
    QVERIFY(std::isnan(none.score[0]));
    QVERIFY(std::isnan(none.confidence[0]));
}

void TestDetector::badTrainingInputIsRefused()
{
    const std::vector<double> rows = nominalRows(100, 10);
    std::string error;
    TrainingData data = trainingData(rows);
    DetectorTrainOptions options;
    options.calibrationFraction = 1;
    QVERIFY(!trainDetector(data, options, &error, nullptr));
    QVERIFY2(error.find("calibration fraction") != std::string::npos, error.c_str());

    const std::vector<double> ragged(7, 1.0);
    data.rows = ragged;
    QVERIFY(!trainDetector(data, {}, &error, nullptr));
    QVERIFY2(error.find("one value per channel") != std::string::npos, error.c_str());

    std::vector<double> holes = rows;
    for (std::size_t r = 0; r < 100; ++r) {
        holes[r * 3 + 1] = kNaN;
    }
    data.rows = holes;
    QVERIFY(!trainDetector(data, {}, &error, nullptr));
    QVERIFY2(error.find("complete rows") != std::string::npos, error.c_str());
}

void TestDetector::resultsDoNotDependOnHowRowsAreCut()
{
    DetectorTrainOptions options;
    options.window = 20;
    const DetectorModel model = train(nominalRows(2000, 11), options);
    std::vector<double> rows = nominalRows(3000, 12);
    for (std::size_t r = 2000; r < 2400; ++r) {
        rows[r * 3] += 5;
    }
    Detector whole = detectorFor(model);
    DetectionResults once;
    whole.process(rows, once);
    Detector pieces = detectorFor(model);
    DetectionResults cut;
    for (std::size_t start = 0, size = 1; start < 3000; start += size, size = size * 2 + 1) {
        const std::size_t n = std::min<std::size_t>(size, 3000 - start);
        pieces.process(std::span<const double>(rows).subspan(start * 3, n * 3), cut);
    }
    QCOMPARE(cut.score, once.score);
    QCOMPARE(cut.alarm, once.alarm);
    QCOMPARE(cut.attribution, once.attribution);
}

// A fleet keeps one detector per stream, copied from one: the forest and the calibration are
// shared (most of the memory), the windows and alarm state are each copy's own.
void TestDetector::copiesShareTheModelsTablesAndKeepTheirOwnState()
{
    const DetectorModel model = train(nominalRows(2000, 11));
    const Detector original = detectorFor(model);
    Detector faulty = original;
    Detector healthy = original;
    QCOMPARE(&faulty.forest(), &original.forest());
    QCOMPARE(&faulty.calibration(), &original.calibration());
    std::vector<double> rows = nominalRows(600, 12);
    for (std::size_t r = 300; r < 600; ++r) {
        rows[r * 3] += 5;
    }
    DetectionResults out;
    faulty.process(rows, out);
    QVERIFY(faulty.alarmActive());
    QVERIFY(!healthy.alarmActive());
    DetectionResults calm;
    healthy.process(std::span<const double>(rows).first(300 * 3), calm);
    QVERIFY(std::none_of(calm.alarm.begin(), calm.alarm.end(), [](auto a) { return a != 0; }));
}

void TestDetector::theForestRaisesOnlyWhenAsked_data()
{
    QTest::addColumn<bool>("forestRaises");
    QTest::newRow("by default") << false;
    QTest::newRow("when asked") << true;
}

void TestDetector::theForestRaisesOnlyWhenAsked()
{
    QFETCH(bool, forestRaises);
    // Two varying channels and one that sits at 5, with a threshold the forest reaches on
    // ordinary samples, so that it would raise all the time.
    DetectorTrainOptions options;
    options.policy.threshold = 0.6;
    options.forestRaises = forestRaises;
    const auto rows = [](int count, unsigned seed) {
        std::mt19937 rng(seed);
        std::normal_distribution<double> noise(0.0, 1.0);
        std::vector<double> out;
        for (int r = 0; r < count; ++r) {
            out.push_back(10 + noise(rng));
            out.push_back(20 + noise(rng));
            out.push_back(5.0);
        }
        return out;
    };
    const DetectorModel model = train(rows(3000, 41), options);
    QCOMPARE(model.policy.forestRaises, forestRaises);
    QVERIFY(!model.guard[0].lowVariety && !model.guard[1].lowVariety);
    QVERIFY(model.guard[2].lowVariety); // left out of the forest
    Detector detector = detectorFor(model);
    DetectionResults out;
    detector.process(rows(3000, 42), out);
    const auto hits = std::count_if(out.confidence.begin(), out.confidence.end(),
                                    [](double c) { return c >= 0.6; });
    QVERIFY(hits > 300); // the forest finds plenty over its threshold
    const auto forestAlarms = std::count(out.reason.begin(), out.reason.end(), AlarmReason::Forest);
    QCOMPARE(forestAlarms > 0, forestRaises);
    if (!forestRaises) {
        QVERIFY(std::none_of(out.alarm.begin(), out.alarm.end(), [](auto a) { return a != 0; }));
    }
}

QTEST_APPLESS_MAIN(TestDetector)
#include "tst_detector.moc"
