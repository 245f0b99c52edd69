#include "detect/forestrng.h"
#include "detect/isolationforest.h"

#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>

using namespace fw::detect;

Q_DECLARE_METATYPE(fw::detect::SplitKind)

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kFeatures = 4;

// One tree: root splits feature 0 at 0 into a leaf of 3 rows and a node of 5 rows that splits
// feature 1 at 2 into leaves of 4 and 1.
ForestArrays oneTreeArrays()
{
    ForestArrays a;
    a.featureCount = 2;
    a.sampleSize = 8;
    a.treeOffsets = {0, 5};
    a.childLeft = {1, -1, 3, -1, -1};
    a.childRight = {2, -1, 4, -1, -1};
    a.feature = {0, -1, 1, -1, -1};
    a.threshold = {0.0, 0.0, 2.0, 0.0, 0.0};
    a.nodeSize = {8, 3, 5, 4, 1};
    return a;
}

// A correlated Gaussian cloud; `constantLast` pins the last feature so no tree can split on it.
std::vector<double> cloud(std::size_t rows, std::uint64_t seed, bool constantLast = false)
{
    ForestRng rng(seed);
    std::vector<double> out;
    out.reserve(rows * kFeatures);
    for (std::size_t i = 0; i < rows; ++i) {
        const double a = rng.normal();
        const double b = rng.normal();
        out.push_back(a);
        out.push_back(0.8 * a + 0.6 * b);
        out.push_back(-0.5 * a + 0.9 * b + 0.1 * rng.normal());
        out.push_back(constantLast ? 1.0 : 0.3 * b + 0.2 * rng.normal());
    }
    return out;
}

IsolationForest trained(SplitKind kind, std::uint64_t seed, const std::vector<double> &rows)
{
    IsolationForestParams params;
    params.seed = seed;
    params.splitKind = kind;
    std::string error;
    auto forest = IsolationForest::train(rows, kFeatures, params, &error);
    if (!forest) {
        qFatal("training failed: %s", error.c_str());
    }
    return std::move(*forest);
}

template<typename T>
bool sameBytes(const std::vector<T> &a, const std::vector<T> &b)
{
    // memcmp must not be given the null data() of an empty vector, even for 0 bytes.
    return a.size() == b.size()
           && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

bool sameArrays(const ForestArrays &a, const ForestArrays &b)
{
    return a.featureCount == b.featureCount && a.sampleSize == b.sampleSize
           && a.splitKind == b.splitKind && a.pathLength == b.pathLength
           && a.precision == b.precision && sameBytes(a.treeOffsets, b.treeOffsets)
           && sameBytes(a.childLeft, b.childLeft) && sameBytes(a.childRight, b.childRight)
           && sameBytes(a.feature, b.feature) && sameBytes(a.threshold, b.threshold)
           && sameBytes(a.nodeSize, b.nodeSize) && sameBytes(a.normal, b.normal);
}

std::span<const double> row(const std::vector<double> &rows, std::size_t i)
{
    return std::span(rows).subspan(i * kFeatures, kFeatures);
}

void addSplitKinds()
{
    QTest::addColumn<SplitKind>("kind");
    QTest::newRow("axis-parallel") << SplitKind::AxisParallel;
    QTest::newRow("hyperplane") << SplitKind::Hyperplane;
}

} // namespace

class TestIsolationForest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void averagePathLengthHasExactValues_data();
    void averagePathLengthHasExactValues();
    void scoresLieStrictlyBetweenZeroAndOne_data() { addSplitKinds(); }
    void scoresLieStrictlyBetweenZeroAndOne();
    void obviousOutlierScoresAboveEveryInlier_data() { addSplitKinds(); }
    void obviousOutlierScoresAboveEveryInlier();
    void hyperplaneForestScoresFarPointAboveEveryTrainingPoint();
    void sameSeedGivesByteIdenticalForest_data() { addSplitKinds(); }
    void sameSeedGivesByteIdenticalForest();
    void differentSeedGivesDifferentForest_data() { addSplitKinds(); }
    void differentSeedGivesDifferentForest();
    void batchScoringEqualsSingleScoringBitForBit_data();
    void batchScoringEqualsSingleScoringBitForBit();
    void hyperplaneScoresFollowTheArraysBitForBit();
    void missingValueGivesFiniteScore_data() { addSplitKinds(); }
    void missingValueGivesFiniteScore();
    void missingIrrelevantFeatureLeavesScoreUnchanged_data() { addSplitKinds(); }
    void missingIrrelevantFeatureLeavesScoreUnchanged();
    void missingSplitFeatureWeighsChildrenByTrainingShare();
    void exportedArraysRebuildToIdenticalScores_data() { addSplitKinds(); }
    void exportedArraysRebuildToIdenticalScores();
    void corruptArraysAreRefusedWithAMessage_data();
    void corruptArraysAreRefusedWithAMessage();
    void badTrainingInputIsRefused();
};

void TestIsolationForest::averagePathLengthHasExactValues_data()
{
    QTest::addColumn<qint64>("n");
    QTest::addColumn<double>("exact");
    QTest::addColumn<double>("sklearn");

    constexpr double gamma = 0.5772156649015329;
    long double h255 = 0;
    for (int k = 1; k <= 255; ++k) {
        h255 += 1.0L / k;
    }
    QTest::newRow("0") << qint64(0) << 0.0 << 0.0;
    QTest::newRow("1") << qint64(1) << 0.0 << 0.0;
    QTest::newRow("2") << qint64(2) << 1.0 << 1.0;
    QTest::newRow("3") << qint64(3) << 5.0 / 3.0 << 2.0 * (std::log(2.0) + gamma) - 4.0 / 3.0;
    QTest::newRow("256") << qint64(256) << double(2.0L * h255 - 510.0L / 256.0L)
                         << 2.0 * (std::log(255.0) + gamma) - 510.0 / 256.0;
}

void TestIsolationForest::averagePathLengthHasExactValues()
{
    QFETCH(qint64, n);
    QFETCH(double, exact);
    QFETCH(double, sklearn);
    QVERIFY(std::fabs(averagePathLength(n, PathLengthFormula::ExactHarmonic) - exact) <= 1e-13);
    QVERIFY(std::fabs(averagePathLength(n, PathLengthFormula::ScikitLearn) - sklearn) <= 1e-13);
}

void TestIsolationForest::scoresLieStrictlyBetweenZeroAndOne()
{
    QFETCH(SplitKind, kind);
    const auto rows = cloud(2000, 1);
    const IsolationForest forest = trained(kind, 7, rows);
    const auto probes = cloud(500, 2);
    for (std::size_t i = 0; i < 500; ++i) {
        for (const auto &set : {rows, probes}) {
            const double s = forest.score(row(set, i));
            QVERIFY2(s > 0 && s < 1, qPrintable(QString::number(s)));
        }
    }
    const double far[] = {1e6, -1e6, 1e6, -1e6};
    QVERIFY(forest.score(far) > 0 && forest.score(far) < 1);
}

void TestIsolationForest::obviousOutlierScoresAboveEveryInlier()
{
    QFETCH(SplitKind, kind);
    const auto rows = cloud(2000, 3);
    const IsolationForest forest = trained(kind, 11, rows);
    const double outlier[] = {6.0, -6.0, 6.0, 6.0};
    const double outlierScore = forest.score(outlier);
    double worstInlier = 0;
    for (std::size_t i = 0; i < 2000; ++i) {
        const auto x = row(rows, i);
        if (std::fabs(x[0]) < 1 && std::fabs(x[1]) < 1) {
            worstInlier = std::max(worstInlier, forest.score(x));
        }
    }
    QVERIFY2(outlierScore > 0.65, qPrintable(QString::number(outlierScore)));
    QVERIFY2(outlierScore > worstInlier,
             qPrintable(QStringLiteral("%1 <= %2").arg(outlierScore).arg(worstInlier)));
}

// Axis-parallel trees saturate outside the data along the axes; hyperplanes keep isolating a
// point far off in a diagonal direction faster than anything inside the cloud.
void TestIsolationForest::hyperplaneForestScoresFarPointAboveEveryTrainingPoint()
{
    const auto rows = cloud(2000, 5);
    const IsolationForest forest = trained(SplitKind::Hyperplane, 13, rows);
    const double far[] = {9.0, 9.0, -9.0, 9.0};
    const double farScore = forest.score(far);
    for (std::size_t i = 0; i < 2000; ++i) {
        QVERIFY2(forest.score(row(rows, i)) < farScore, qPrintable(QString::number(i)));
    }
}

void TestIsolationForest::sameSeedGivesByteIdenticalForest()
{
    QFETCH(SplitKind, kind);
    const auto rows = cloud(3000, 4);
    const IsolationForest a = trained(kind, 42, rows);
    const IsolationForest b = trained(kind, 42, rows);
    QVERIFY(sameArrays(a.arrays(), b.arrays()));
    QCOMPARE(a.treeCount(), 100);
    QCOMPARE(a.sampleSize(), 256);
}

void TestIsolationForest::differentSeedGivesDifferentForest()
{
    QFETCH(SplitKind, kind);
    const auto rows = cloud(3000, 4);
    const IsolationForest a = trained(kind, 42, rows);
    const IsolationForest b = trained(kind, 43, rows);
    QVERIFY(!sameBytes(a.arrays().threshold, b.arrays().threshold));
    QVERIFY(a.score(row(rows, 0)) != b.score(row(rows, 0)));
}

void TestIsolationForest::batchScoringEqualsSingleScoringBitForBit_data()
{
    QTest::addColumn<SplitKind>("kind");
    QTest::addColumn<bool>("sklearnMode");
    QTest::newRow("axis-parallel") << SplitKind::AxisParallel << false;
    QTest::newRow("axis-parallel, scikit-learn mode") << SplitKind::AxisParallel << true;
    QTest::newRow("hyperplane") << SplitKind::Hyperplane << false;
}

void TestIsolationForest::batchScoringEqualsSingleScoringBitForBit()
{
    QFETCH(SplitKind, kind);
    QFETCH(bool, sklearnMode);
    const auto rows = cloud(2000, 6);
    ForestArrays arrays = trained(kind, 17, rows).arrays();
    if (sklearnMode) {
        arrays.pathLength = PathLengthFormula::ScikitLearn;
        arrays.precision = InputPrecision::Float32;
    }
    std::string error;
    const auto forest = IsolationForest::fromArrays(arrays, &error);
    QVERIFY2(forest, error.c_str());

    // An odd count so the last block and the last lane group are partial; some rows miss values.
    auto probes = cloud(1037, 8);
    for (std::size_t i = 0; i < 1037; i += 97) {
        probes[i * kFeatures + i % kFeatures] = kNaN;
    }
    std::vector<double> batch(1037);
    forest->scoreBatch(probes, batch);
    for (std::size_t i = 0; i < 1037; ++i) {
        const double single = forest->score(row(probes, i));
        QVERIFY2(std::memcmp(&single, &batch[i], sizeof(double)) == 0,
                 qPrintable(QStringLiteral("row %1: %2 vs %3")
                                .arg(i)
                                .arg(single, 0, 'g', 17)
                                .arg(batch[i], 0, 'g', 17)));
    }
}

void TestIsolationForest::hyperplaneScoresFollowTheArraysBitForBit()
{
    // The scorer walks dense normals branch-free; the reference walks the stored arrays node by
    // node with the projection training used. Rows include values exactly on a hyperplane and
    // infinite values, which the dense walk must leave to the exact path.
    const auto rows = cloud(2000, 21);
    const IsolationForest forest = trained(SplitKind::Hyperplane, 22, rows);
    const ForestArrays &a = forest.arrays();
    const auto d = std::size_t(a.featureCount);
    const auto reference = [&](const double *x) {
        double sum = 0;
        for (int t = 0; t < a.treeCount(); ++t) {
            const auto base = std::size_t(a.treeOffsets[std::size_t(t)]);
            std::size_t i = base;
            double depth = 0;
            while (a.childLeft[i] != -1) {
                const double dot = projectOnNormal(a.normal.data() + i * d, x, a.featureCount);
                i = base + std::size_t(dot <= a.threshold[i] ? a.childLeft[i] : a.childRight[i]);
                ++depth;
            }
            sum += depth + averagePathLength(a.nodeSize[i], a.pathLength);
        }
        return std::exp2(-sum / (a.treeCount() * averagePathLength(a.sampleSize, a.pathLength)));
    };
    auto probes = cloud(1000, 23);
    // Row 1: on the root's hyperplane of the first tree along its normal (the split's offset).
    for (std::size_t f = 0; f < d; ++f) {
        probes[d + f] = 0;
    }
    const double *normal = a.normal.data();
    double norm2 = 0;
    for (std::size_t f = 0; f < d; ++f) {
        norm2 += normal[f] * normal[f];
    }
    for (std::size_t f = 0; f < d; ++f) {
        probes[d + f] = normal[f] * a.threshold[0] / norm2;
    }
    probes[2 * d] = std::numeric_limits<double>::infinity();
    probes[3 * d + 1] = -std::numeric_limits<double>::infinity();
    std::vector<double> batch(1000);
    forest.scoreBatch(probes, batch);
    for (std::size_t i = 0; i < 1000; ++i) {
        const double expected = reference(probes.data() + i * d);
        const double single = forest.score(row(probes, i));
        QVERIFY2(std::memcmp(&expected, &single, sizeof(double)) == 0,
                 qPrintable(QStringLiteral("row %1: %2 vs %3")
                                .arg(i)
                                .arg(expected, 0, 'g', 17)
                                .arg(single, 0, 'g', 17)));
        QVERIFY2(std::memcmp(&expected, &batch[i], sizeof(double)) == 0,
                 qPrintable(QStringLiteral("row %1 in batch").arg(i)));
    }
}

void TestIsolationForest::missingValueGivesFiniteScore()
{
    QFETCH(SplitKind, kind);
    const auto rows = cloud(2000, 9);
    const IsolationForest forest = trained(kind, 19, rows);
    for (int f = 0; f < kFeatures; ++f) {
        double x[kFeatures] = {0.1, 0.2, -0.1, 0.05};
        x[f] = kNaN;
        const double s = forest.score(x);
        QVERIFY2(std::isfinite(s) && s > 0 && s < 1, qPrintable(QString::number(f)));
    }
    const double none[kFeatures] = {kNaN, kNaN, kNaN, kNaN};
    QVERIFY(std::isfinite(forest.score(none)));
}

void TestIsolationForest::missingIrrelevantFeatureLeavesScoreUnchanged()
{
    QFETCH(SplitKind, kind);
    const auto rows = cloud(2000, 10, true);
    const IsolationForest forest = trained(kind, 23, rows);
    const auto probes = cloud(200, 11);
    int differsFromZero = 0;
    for (std::size_t i = 0; i < 200; ++i) {
        double x[kFeatures];
        std::copy_n(row(probes, i).begin(), kFeatures, x);
        const double known = forest.score(x);
        x[kFeatures - 1] = kNaN;
        QCOMPARE(forest.score(x), known);
        // A missing relevant feature is not read as zero.
        x[kFeatures - 1] = 1.0;
        x[0] = kNaN;
        const double missing = forest.score(x);
        x[0] = 0.0;
        differsFromZero += missing != forest.score(x) ? 1 : 0;
    }
    QVERIFY2(differsFromZero > 150, qPrintable(QString::number(differsFromZero)));
}

// One tree: root splits feature 0 at 0 (left leaf of 3 rows, right node of 5 rows that splits
// feature 1 at 2 into 4 + 1). With feature 0 missing the path length is the training-share
// mix 3/8 * (1 + c(3)) + 5/8 * (depth-2 leaf the sample reaches on feature 1).
void TestIsolationForest::missingSplitFeatureWeighsChildrenByTrainingShare()
{
    ForestArrays a = oneTreeArrays();
    std::string error;
    const auto forest = IsolationForest::fromArrays(a, &error);
    QVERIFY2(forest, error.c_str());
    const auto c = [](std::int64_t n) {
        return averagePathLength(n, PathLengthFormula::ExactHarmonic);
    };
    const double x[] = {kNaN, 1.0};
    QCOMPARE(forest->meanPathLength(x), 3.0 / 8.0 * (1 + c(3)) + 5.0 / 8.0 * (2 + c(4)));
    const double both[] = {kNaN, kNaN};
    QCOMPARE(forest->meanPathLength(both),
             3.0 / 8.0 * (1 + c(3)) + 5.0 / 8.0 * (4.0 / 5.0 * (2 + c(4)) + 1.0 / 5.0 * 2));
    const double known[] = {-1.0, 1.0};
    QCOMPARE(forest->meanPathLength(known), 1 + c(3));
}

void TestIsolationForest::exportedArraysRebuildToIdenticalScores()
{
    QFETCH(SplitKind, kind);
    const auto rows = cloud(2000, 12);
    const IsolationForest original = trained(kind, 29, rows);
    std::string error;
    const auto rebuilt = IsolationForest::fromArrays(original.arrays(), &error);
    QVERIFY2(rebuilt, error.c_str());
    QVERIFY(sameArrays(rebuilt->arrays(), original.arrays()));
    const auto probes = cloud(500, 13);
    for (std::size_t i = 0; i < 500; ++i) {
        const double a = original.score(row(probes, i));
        const double b = rebuilt->score(row(probes, i));
        QVERIFY(std::memcmp(&a, &b, sizeof a) == 0);
    }
}

void TestIsolationForest::corruptArraysAreRefusedWithAMessage_data()
{
    QTest::addColumn<int>("defect");
    QTest::addColumn<QString>("message");
    QTest::newRow("no trees") << 0 << QStringLiteral("forest has no trees");
    QTest::newRow("normals on an axis forest")
        << 1 << QStringLiteral("normal array has 1 values, expected 0");
    QTest::newRow("offsets past the end")
        << 2 << QStringLiteral("tree offsets must start at 0 and end at the node count");
    QTest::newRow("orphan node") << 3
                                 << QStringLiteral(
                                        "tree 0 has 2 nodes not reachable from its root");
    QTest::newRow("negative size") << 4 << QStringLiteral("tree 0 node 2: negative node size");
    QTest::newRow("infinite threshold")
        << 5 << QStringLiteral("tree 0 node 0: threshold is not finite");
    QTest::newRow("float32 hyperplanes")
        << 6 << QStringLiteral("float32 inputs are only for axis-parallel (scikit-learn) forests");
    // Bounds from what training makes: a tree of psi rows has at most 2 psi - 1 nodes and
    // ceil(log2 psi) levels (a hostile file had one tree of 2 000 001 nodes).
    QTest::newRow("more nodes than the sample size allows")
        << 7 << QStringLiteral("tree 0 has 5 nodes; a tree grown from 2 rows has at most 3");
    QTest::newRow("deeper than the height limit")
        << 8 << QStringLiteral("tree 0 is deeper than 2 levels, the height limit of sample size 4");
    QTest::newRow("a sample size train cannot make")
        << 9 << QStringLiteral("sample size must be 1 to 16777216");
}

void TestIsolationForest::corruptArraysAreRefusedWithAMessage()
{
    QFETCH(int, defect);
    QFETCH(QString, message);
    ForestArrays a = oneTreeArrays();
    std::string error;
    QVERIFY2(IsolationForest::fromArrays(a, &error), error.c_str());
    switch (defect) {
    case 0:
        a.treeOffsets = {0};
        break;
    case 1:
        a.normal = {1.0};
        break;
    case 2:
        a.treeOffsets = {0, 6};
        break;
    case 3:
        a.childLeft[2] = -1;
        a.childRight[2] = -1;
        break;
    case 4:
        a.nodeSize[2] = -1;
        break;
    case 5:
        a.threshold[0] = std::numeric_limits<double>::infinity();
        break;
    case 6:
        a.splitKind = SplitKind::Hyperplane;
        a.precision = InputPrecision::Float32;
        break;
    case 7:
        a.sampleSize = 2;
        break;
    case 8:
        // A chain three levels deep: root -> node 2 -> node 4 -> two leaves, from 4 rows.
        a.sampleSize = 4;
        a.treeOffsets = {0, 7};
        a.childLeft = {1, -1, 3, -1, 5, -1, -1};
        a.childRight = {2, -1, 4, -1, 6, -1, -1};
        a.feature = {0, -1, 1, -1, 0, -1, -1};
        a.threshold = {0.0, 0.0, 2.0, 0.0, 1.0, 0.0, 0.0};
        a.nodeSize = {4, 1, 3, 1, 2, 1, 1};
        break;
    case 9:
        a.sampleSize = (1 << 24) + 1;
        break;
    default:
        QFAIL("unknown defect");
    }
    QVERIFY(!IsolationForest::fromArrays(a, &error));
    QCOMPARE(QString::fromStdString(error), message);
}

void TestIsolationForest::badTrainingInputIsRefused()
{
    std::vector<double> rows = cloud(100, 14);
    rows[7 * kFeatures + 2] = kNaN;
    std::string error;
    QVERIFY(!IsolationForest::train(rows, kFeatures, {}, &error));
    QCOMPARE(QString::fromStdString(error),
             QStringLiteral("training row 7 feature 2 is not finite"));
    rows.pop_back();
    QVERIFY(!IsolationForest::train(rows, kFeatures, {}, &error));
    IsolationForestParams params;
    params.extensionLevel = kFeatures;
    QVERIFY(!IsolationForest::train(cloud(100, 14), kFeatures, params, &error));
    QVERIFY(IsolationForest::train(cloud(1, 14), kFeatures, {}, &error));
}

QTEST_GUILESS_MAIN(TestIsolationForest)
#include "tst_isolationforest.moc"
