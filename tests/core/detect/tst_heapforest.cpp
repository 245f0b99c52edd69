#include "detect/forestrng.h"
#include "detect/heapforest.h"
#include "detect/isolationforest.h"

#include <QProcess>
#include <QTest>

#include <bit>
#include <cfloat>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

using namespace fw::detect;

Q_DECLARE_METATYPE(fw::detect::HeapKernel)

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Not a multiple of the 16 trees score() walks together, so its padding trees take part.
constexpr int kTrees = 21;
// Around a lane group (8), the wide group (64) and a block (256).
constexpr std::size_t kBatchSizes[] = {0, 1, 7, 8, 9, 255, 256, 257};
constexpr std::size_t kProbeRows = 257;
// The child process of kernelFollowsTheEnvironmentVariable() runs with this set to its row's tag.
const char *const kChildVariable = "FW_TST_HEAPFOREST_EXPECT";

enum class Mode {
    Exact,             // exact harmonic path lengths, double inputs
    ExactFloat32,      // exact harmonic path lengths, inputs rounded to float32
    ScikitLearnDouble, // scikit-learn's path lengths, double inputs
    ScikitLearnExport, // through fromScikitLearn(): scikit-learn's lengths and float32 inputs
};

// Values that sit on the edges of double, float32 and the float32 rounding of scoring.
constexpr double kSpecials[] = {kInf,
                                -kInf,
                                DBL_MAX,
                                -DBL_MAX,
                                1e300,
                                -1e300,
                                double(FLT_MAX),
                                -double(FLT_MAX),
                                0x1.fffffefffffffp127, // just below the float32 overflow midpoint
                                0x1.ffffffp127,        // the midpoint: float32 rounds it to inf
                                0x1p-1074,
                                -0.0,
                                0.0};

// Training rows: correlated Gaussian features, every third one rounded so that many rows share a
// value (ties next to thresholds).
std::vector<double> trainingRows(int features, std::size_t rows, std::uint64_t seed)
{
    ForestRng rng(seed);
    std::vector<double> out;
    out.reserve(rows * std::size_t(features));
    for (std::size_t i = 0; i < rows; ++i) {
        const double common = rng.normal();
        for (int f = 0; f < features; ++f) {
            const double v = 0.7 * common + rng.normal();
            out.push_back(f % 3 == 2 ? std::round(v * 4) : v);
        }
    }
    return out;
}

// Steps from a root to its deepest leaf over the forest's trees.
int deepestTree(const ForestArrays &a)
{
    int deepest = 0;
    for (int t = 0; t < a.treeCount(); ++t) {
        const std::size_t base = std::size_t(a.treeOffsets[std::size_t(t)]);
        std::vector<std::pair<std::int32_t, int>> stack{{0, 0}};
        while (!stack.empty()) {
            const auto [node, depth] = stack.back();
            stack.pop_back();
            deepest = std::max(deepest, depth);
            const std::size_t i = base + std::size_t(node);
            if (a.childLeft[i] != -1) {
                stack.emplace_back(a.childLeft[i], depth + 1);
                stack.emplace_back(a.childRight[i], depth + 1);
            }
        }
    }
    return deepest;
}

SklearnForest toScikitLearn(const ForestArrays &a)
{
    SklearnForest forest;
    forest.featureCount = a.featureCount;
    forest.maxSamples = a.sampleSize;
    for (int t = 0; t < a.treeCount(); ++t) {
        SklearnTree tree;
        for (auto i = std::size_t(a.treeOffsets[std::size_t(t)]);
             i < std::size_t(a.treeOffsets[std::size_t(t) + 1]); ++i) {
            const bool leaf = a.childLeft[i] == -1;
            tree.childrenLeft.push_back(a.childLeft[i]);
            tree.childrenRight.push_back(a.childRight[i]);
            tree.feature.push_back(leaf ? -2 : a.feature[i]);
            tree.threshold.push_back(leaf ? -2.0 : a.threshold[i]);
            tree.nodeSampleCount.push_back(a.nodeSize[i]);
        }
        tree.features.resize(std::size_t(a.featureCount));
        std::iota(tree.features.begin(), tree.features.end(), 0);
        forest.trees.push_back(std::move(tree));
    }
    return forest;
}

// Sets the features that tree `t`'s splits read along one path, each to `pick` of the split's
// threshold, unless an earlier split on the path already set it; so the sample meets at least
// the root's threshold exactly (or one step off it).
template<typename Pick>
void walkOntoThresholds(const ForestArrays &a, int t, double *x, Pick pick)
{
    std::vector<bool> set(std::size_t(a.featureCount), false);
    const std::size_t base = std::size_t(a.treeOffsets[std::size_t(t)]);
    std::size_t i = base;
    while (a.childLeft[i] != -1) {
        const auto f = std::size_t(a.feature[i]);
        if (!set[f]) {
            x[f] = pick(a.threshold[i]);
            set[f] = true;
        }
        i = base + std::size_t(x[f] <= a.threshold[i] ? a.childLeft[i] : a.childRight[i]);
    }
}

// kProbeRows samples for the forest: ordinary ones, ones exactly on, one double ulp above, at the
// float32 rounding of and one float32 ulp above thresholds, the values in kSpecials, and
// (withMissing) NaN. Every kind is among the first seven rows, so the small batches see each.
std::vector<double> probeRows(const ForestArrays &a, bool withMissing)
{
    const auto d = std::size_t(a.featureCount);
    std::vector<double> rows = trainingRows(a.featureCount, kProbeRows, 99);
    for (std::size_t i = 0; i < kProbeRows; ++i) {
        double *x = rows.data() + i * d;
        const int tree = int(i % std::size_t(a.treeCount()));
        const std::size_t special = (i / 8) % std::size(kSpecials);
        switch (i % 8) {
        case 0:
            walkOntoThresholds(a, tree, x, [](double t) { return t; });
            break;
        case 1:
            x[i % d] = kSpecials[special];
            break;
        case 2:
            // A missing value costs score() a walk of both subtrees, so only one row in 16
            // (one in 64 with every value missing) keeps it.
            if (withMissing && i % 16 == 2) {
                x[i % d] = kNaN;
                if (i % 64 == 2) {
                    std::fill(x, x + d, kNaN);
                }
            } else {
                x[i % d] = kSpecials[(special + 5) % std::size(kSpecials)];
            }
            break;
        case 3:
            walkOntoThresholds(a, tree, x, [](double t) { return std::nextafter(t, kInf); });
            break;
        case 4:
            walkOntoThresholds(a, tree, x, [](double t) { return double(float(t)); });
            break;
        case 5:
            walkOntoThresholds(a, tree, x, [](double t) {
                return double(std::nextafter(float(t), std::numeric_limits<float>::infinity()));
            });
            break;
        case 6:
            for (std::size_t f = 0; f < d; ++f) {
                x[f] = kSpecials[(special + f) % std::size(kSpecials)];
            }
            break;
        default:
            break;
        }
    }
    return rows;
}

QString bits(double v)
{
    return QString::number(v, 'g', 17);
}

} // namespace

Q_DECLARE_METATYPE(Mode)

class TestHeapForest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void batchScoresEqualSingleScoresBitForBit_data();
    void batchScoresEqualSingleScoresBitForBit();
    void kernelFollowsTheEnvironmentVariable_data();
    void kernelFollowsTheEnvironmentVariable();

private:
    const ForestArrays &trained(int features, int psi);

    HeapKernel m_initialKernel = HeapKernel::Portable;
    std::map<std::pair<int, int>, ForestArrays> m_trained;
};

void TestHeapForest::initTestCase()
{
    m_initialKernel = heapKernel();
    qInfo("AVX-512F: %s; initial walk: %s", cpuHasAvx512() ? "yes" : "no",
          m_initialKernel == HeapKernel::Avx512 ? "AVX-512" : "portable");
}

void TestHeapForest::cleanup()
{
    QVERIFY(setHeapKernel(m_initialKernel));
}

// Trained once per shape and shared by the modes and walks.
const ForestArrays &TestHeapForest::trained(int features, int psi)
{
    const auto key = std::pair(features, psi);
    auto it = m_trained.find(key);
    if (it == m_trained.end()) {
        IsolationForestParams params;
        params.treeCount = kTrees;
        params.sampleSize = psi;
        params.seed = std::uint64_t(features) * 10007 + std::uint64_t(psi);
        const std::vector<double> rows = trainingRows(features, std::size_t(psi) + 100, 5);
        std::string error;
        auto forest = IsolationForest::train(rows, features, params, &error);
        if (!forest) {
            qFatal("training failed: %s", error.c_str());
        }
        it = m_trained.emplace(key, forest->arrays()).first;
    }
    return it->second;
}

void TestHeapForest::batchScoresEqualSingleScoresBitForBit_data()
{
    QTest::addColumn<int>("features");
    QTest::addColumn<int>("psi");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<HeapKernel>("kernel");
    const std::pair<Mode, const char *> modes[] = {
        {Mode::Exact, "exact"},
        {Mode::ExactFloat32, "exact float32"},
        {Mode::ScikitLearnDouble, "sklearn lengths double"},
        {Mode::ScikitLearnExport, "sklearn export"},
    };
    // psi 4097 trains trees deeper than the heap layout takes: the node-layout fallback.
    for (const int features : {1, 2, 3, 4, 5, 8, 9, 13}) {
        for (const int psi : {1, 2, 255, 256, 4096, 4097}) {
            for (const auto &[mode, modeName] : modes) {
                for (const HeapKernel kernel : {HeapKernel::Avx512, HeapKernel::Portable}) {
                    QTest::addRow("d%d psi%d %s %s", features, psi, modeName,
                                  kernel == HeapKernel::Avx512 ? "avx512" : "portable")
                        << features << psi << mode << kernel;
                }
            }
        }
    }
}

void TestHeapForest::batchScoresEqualSingleScoresBitForBit()
{
    QFETCH(int, features);
    QFETCH(int, psi);
    QFETCH(Mode, mode);
    QFETCH(HeapKernel, kernel);
    if (!setHeapKernel(kernel)) {
        QSKIP("this CPU has no AVX-512F, so the AVX-512 walk cannot run here");
    }
    QCOMPARE(heapKernel(), kernel);

    ForestArrays arrays = trained(features, psi);
    if (mode == Mode::ExactFloat32 || mode == Mode::ScikitLearnExport) {
        // Thresholds a float32 input can equal, as scikit-learn's often are, so that the probes
        // on a threshold test the comparison and not only the rounding.
        for (double &t : arrays.threshold) {
            t = double(float(t));
        }
    }
    // Which batch walk the forest gets: the heap layout up to 12 levels, else the node layout.
    QCOMPARE(deepestTree(arrays) > HeapForest::kMaxDepth, psi > 4096);
    std::string error;
    std::optional<IsolationForest> forest;
    if (mode == Mode::ScikitLearnExport) {
        forest = IsolationForest::fromScikitLearn(toScikitLearn(arrays), &error);
    } else {
        arrays.pathLength = mode == Mode::ScikitLearnDouble ? PathLengthFormula::ScikitLearn
                                                            : PathLengthFormula::ExactHarmonic;
        arrays.precision
            = mode == Mode::ExactFloat32 ? InputPrecision::Float32 : InputPrecision::Double;
        forest = IsolationForest::fromArrays(std::move(arrays), &error);
    }
    QVERIFY2(forest, error.c_str());

    const auto d = std::size_t(features);
    for (const bool withMissing : {true, false}) {
        const std::vector<double> probes = probeRows(forest->arrays(), withMissing);
        for (const std::size_t n : kBatchSizes) {
            // One slot past the batch, which scoreBatch() must leave alone.
            std::vector<double> batch(n + 1, -1.0);
            forest->scoreBatch(std::span(probes).first(n * d), std::span(batch).first(n));
            QCOMPARE(batch[n], -1.0);
            // One QVERIFY per batch: a million of them would take most of the test's time.
            std::size_t i = 0;
            double single = 0;
            for (; i < n; ++i) {
                single = forest->score(std::span(probes).subspan(i * d, d));
                if (std::bit_cast<std::uint64_t>(single)
                    != std::bit_cast<std::uint64_t>(batch[i])) {
                    break;
                }
            }
            QVERIFY2(i == n, qPrintable(QStringLiteral("batch of %1, row %2%3: %4 vs %5")
                                            .arg(n)
                                            .arg(i)
                                            .arg(withMissing ? QStringLiteral(" (with NaN rows)")
                                                             : QString())
                                            .arg(bits(single), bits(batch[i]))));
        }
    }
}

void TestHeapForest::kernelFollowsTheEnvironmentVariable_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("refused");
    QTest::newRow("1") << QStringLiteral("1") << true;
    QTest::newRow("yes") << QStringLiteral("yes") << true;
    QTest::newRow("0") << QStringLiteral("0") << false;
    QTest::newRow("empty") << QString() << false;
}

// The variable is read once per process, so each value is checked in a child process that runs
// this test for the one row.
void TestHeapForest::kernelFollowsTheEnvironmentVariable()
{
    QFETCH(QString, value);
    QFETCH(bool, refused);
    const HeapKernel expected
        = refused || !cpuHasAvx512() ? HeapKernel::Portable : HeapKernel::Avx512;
    if (qEnvironmentVariableIsSet(kChildVariable)) {
        QCOMPARE(qEnvironmentVariable(kChildVariable),
                 QString::fromLatin1(QTest::currentDataTag()));
        QCOMPARE(m_initialKernel, expected);
        return;
    }
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("FW_FOREST_NO_AVX512"), value);
    environment.insert(QString::fromLatin1(kChildVariable),
                       QString::fromLatin1(QTest::currentDataTag()));
    QProcess child;
    child.setProcessEnvironment(environment);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("kernelFollowsTheEnvironmentVariable:")
                 + QString::fromLatin1(QTest::currentDataTag())});
    QVERIFY2(child.waitForFinished(30000), qPrintable(child.errorString()));
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
             child.readAllStandardOutput().constData());
}

QTEST_GUILESS_MAIN(TestHeapForest)
#include "tst_heapforest.moc"
