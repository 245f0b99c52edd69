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

#ifdef __x86_64__
#include <xmmintrin.h>
#endif

using namespace fw::detect;

Q_DECLARE_METATYPE(fw::detect::HeapKernel)

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Not a multiple of the 16 trees score() walks together, so its padding trees take part.
constexpr int kTrees = 21;
// Around a lane group (16), past the wide group (64) and around a block (256).
constexpr std::size_t kBatchSizes[] = {0, 1, 7, 15, 16, 17, 65, 255, 256, 257};
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

// Trees built by hand for HeapForest::addTree(), and the sums HeapForest::sumBlock() must give
// for them, from a plain walk of the nodes in double.
struct HandForest
{
    int features = 1;
    std::vector<ScoringNode> nodes;
    std::vector<double> leafValue;
    std::vector<std::int32_t> roots;
    std::vector<std::int32_t> depths;

    // A node with no children yet: a leaf (it loops to itself with threshold +inf) worth `value`.
    std::int32_t leaf(double value)
    {
        const auto at = std::int32_t(nodes.size());
        nodes.push_back({.feature = 0, .left = at, .threshold = kInf});
        leafValue.push_back(value);
        return at;
    }
    // Makes `at` split on x[feature] <= threshold; returns its left child (the right is next).
    std::int32_t split(std::int32_t at, int feature, double threshold)
    {
        const auto left = std::int32_t(nodes.size());
        nodes[std::size_t(at)] = {.feature = feature, .left = left, .threshold = threshold};
        leaf(0);
        leaf(0);
        return left;
    }

    [[nodiscard]] HeapForest heap() const
    {
        HeapForest heap(features);
        for (std::size_t t = 0; t < roots.size(); ++t) {
            heap.addTree(nodes, leafValue, roots[t], depths[t]);
        }
        return heap;
    }

    // The leaf sample x reaches in tree t.
    [[nodiscard]] std::int32_t leafOf(std::size_t t, const double *x) const
    {
        std::int32_t at = roots[t];
        while (nodes[std::size_t(at)].left != at) {
            const ScoringNode &n = nodes[std::size_t(at)];
            at = x[n.feature] <= n.threshold ? n.left : n.left + 1;
        }
        return at;
    }

    // What sumBlock() must give for sample x: its leaves' values added in tree order.
    [[nodiscard]] double sum(const double *x) const
    {
        double sum = 0;
        for (std::size_t t = 0; t < roots.size(); ++t) {
            sum += leafValue[std::size_t(leafOf(t, x))];
        }
        return sum;
    }
};

// Samples (row-major, forest.features values each) through heap.sumBlock() in one block, heap
// built from `forest`; returns the first sample whose sum differs from HandForest::sum() in any
// bit, with both sums, or nothing.
std::optional<QString> firstWrongSum(const HandForest &forest, const HeapForest &heap,
                                     const std::vector<double> &samples)
{
    const auto d = std::size_t(forest.features);
    const std::size_t count = samples.size() / d;
    std::vector<double> block(HeapForest::kBlock * HeapForest::blockRows(forest.features));
    for (std::size_t i = 0; i < count; ++i) {
        for (std::size_t f = 0; f < d; ++f) {
            block[f * HeapForest::kBlock + i] = samples[i * d + f];
        }
    }
    std::vector<double> sums(HeapForest::kBlock);
    heap.sumBlock(block.data(), count, sums.data());
    for (std::size_t i = 0; i < count; ++i) {
        const double expected = forest.sum(samples.data() + i * d);
        if (std::bit_cast<std::uint64_t>(expected) != std::bit_cast<std::uint64_t>(sums[i])) {
            return QStringLiteral("sample %1 of %2: %3 vs %4")
                .arg(i)
                .arg(count)
                .arg(bits(expected), bits(sums[i]));
        }
    }
    return std::nullopt;
}

// Thresholds whose neighbours the float32 walk cannot tell apart from them: not a float32, a
// float32, beyond float32's range (rounds to infinity), in float32's subnormal range (flushed to
// zero), a double subnormal, zero, and ones at the ends of float32 and double.
constexpr double kTieThresholds[]
    = {0.1, 1.5,  -1.5,    1e300,   -1e300,   1e-40,     -1e-40,        1e-310,
       0.0, -0.0, FLT_MIN, FLT_MAX, -DBL_MAX, 0x1p-1074, 0x1.ffffffp127};

// v stepped `steps` doubles towards `to`.
double stepped(double v, int steps, double to)
{
    for (int i = 0; i < steps; ++i) {
        v = std::nextafter(v, to);
    }
    return v;
}

// A tree of each depth the layout takes, thresholds from kTieThresholds, features at random.
HandForest randomTieForest(ForestRng &rng, int features)
{
    HandForest forest;
    forest.features = features;
    for (int depth = 0; depth <= HeapForest::kMaxDepth; ++depth) {
        // Splits down to `depth` along the leftmost path (so that it is the tree's depth),
        // elsewhere stopping early one time in four, which pads the rest of the heap.
        struct Open
        {
            std::int32_t at;
            int level;
            bool leftmost;
        };
        std::vector<Open> open{{.at = forest.leaf(0), .level = 0, .leftmost = true}};
        forest.roots.push_back(open[0].at);
        forest.depths.push_back(depth);
        while (!open.empty()) {
            const Open o = open.back();
            open.pop_back();
            if (o.level == depth || (!o.leftmost && rng.below(4) == 0)) {
                forest.leafValue[std::size_t(o.at)] = 1.0 + rng.uniform() / 3;
                continue;
            }
            const std::int32_t left
                = forest.split(o.at, int(rng.below(std::uint64_t(features))),
                               kTieThresholds[rng.below(std::size(kTieThresholds))]);
            open.push_back({.at = left + 1, .level = o.level + 1, .leftmost = false});
            open.push_back({.at = left, .level = o.level + 1, .leftmost = o.leftmost});
        }
    }
    return forest;
}

// `count` samples of `features` values: on, a few doubles next to, twice or half of a threshold
// of kTieThresholds, or at infinity, NaN, the ends of double, subnormal, zero.
std::vector<double> tieSamples(ForestRng &rng, int features, std::size_t count)
{
    const double special[] = {kInf, -kInf, kNaN, DBL_MAX, -DBL_MAX, 0x1p-1074, -0x1p-1074, 0.0};
    std::vector<double> samples;
    for (std::size_t i = 0; i < count * std::size_t(features); ++i) {
        const double t = kTieThresholds[rng.below(std::size(kTieThresholds))];
        switch (rng.below(5)) {
        case 0:
            samples.push_back(t);
            break;
        case 1:
            samples.push_back(stepped(t, int(rng.below(3)) + 1, kInf));
            break;
        case 2:
            samples.push_back(stepped(t, int(rng.below(3)) + 1, -kInf));
            break;
        case 3:
            samples.push_back(rng.below(2) == 0 ? t * 2 : t / 2);
            break;
        default:
            samples.push_back(special[rng.below(std::size(special))]);
            break;
        }
    }
    return samples;
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
    void tieAtEachLevelIsWalkedInDouble_data();
    void tieAtEachLevelIsWalkedInDouble();
    void handBuiltForestsSumBitForBit_data();
    void handBuiltForestsSumBitForBit();
    void flushToZeroSetLaterKeepsTheSums_data();
    void flushToZeroSetLaterKeepsTheSums();
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
    qInfo("AVX-512F and BW: %s; initial walk: %s", cpuHasAvx512() ? "yes" : "no",
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
        QSKIP("this CPU has no AVX-512F and BW, so the AVX-512 walk cannot run here");
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

void TestHeapForest::tieAtEachLevelIsWalkedInDouble_data()
{
    QTest::addColumn<int>("depth");
    QTest::addColumn<int>("tieLevel");
    QTest::addColumn<HeapKernel>("kernel");
    // Each way the vector walk looks a level up: the root, a pair of broadcasts, one and two
    // permuted registers, a tree of them (levels 6 and 7) and gathers (8 and deeper).
    for (const int depth : {1, 2, 5, 8, 9, HeapForest::kMaxDepth}) {
        for (int level = 0; level < depth; ++level) {
            for (const HeapKernel kernel : {HeapKernel::Avx512, HeapKernel::Portable}) {
                QTest::addRow("depth %d tie at %d %s", depth, level,
                              kernel == HeapKernel::Avx512 ? "avx512" : "portable")
                    << depth << level << kernel;
            }
        }
    }
}

// A complete tree whose level tieLevel splits on x0 <= t, every other level on x1 <= 0 (x1 = -1
// goes left), so a sample reaches the leftmost node of tieLevel without a tie and meets t there.
// x0 one or two doubles above t rounds to float(t) as t does yet must go right: without the walk
// in double it would go left and end on another leaf.
void TestHeapForest::tieAtEachLevelIsWalkedInDouble()
{
    QFETCH(int, depth);
    QFETCH(int, tieLevel);
    QFETCH(HeapKernel, kernel);
    if (!setHeapKernel(kernel)) {
        QSKIP("this CPU has no AVX-512F and BW, so the AVX-512 walk cannot run here");
    }
    for (const double t : kTieThresholds) {
        HandForest forest;
        forest.features = 2;
        // Level by level, each node split and its children next.
        std::vector<std::int32_t> level{forest.leaf(0)};
        forest.roots.push_back(level[0]);
        forest.depths.push_back(depth);
        for (int l = 0; l < depth; ++l) {
            std::vector<std::int32_t> next;
            for (const std::int32_t at : level) {
                const std::int32_t left
                    = l == tieLevel ? forest.split(at, 0, t) : forest.split(at, 1, 0.0);
                next.push_back(left);
                next.push_back(left + 1);
            }
            level = std::move(next);
        }
        for (std::size_t i = 0; i < level.size(); ++i) {
            forest.leafValue[std::size_t(level[i])] = 1000.0 + double(i);
        }

        const double up = stepped(t, 1, kInf);
        const double upTwice = stepped(t, 2, kInf);
        const double down = stepped(t, 1, -kInf);
        // The test would not test the fallback if float32 could tell these apart from t.
        QVERIFY(float(up) == float(t) && float(upTwice) == float(t));
        const double left[] = {t, -1.0};
        const double right[] = {up, -1.0};
        QVERIFY(forest.leafOf(0, left) != forest.leafOf(0, right));

        // 80 samples: a whole wide group of the vector walk and one more vector; the right-going
        // ones in every lane.
        std::vector<double> samples;
        for (int i = 0; i < 80; ++i) {
            const double kinds[] = {up, t, down, upTwice, up};
            samples.push_back(kinds[i % 5]);
            samples.push_back(-1.0);
        }
        const std::optional<QString> wrong = firstWrongSum(forest, forest.heap(), samples);
        QVERIFY2(!wrong, qPrintable(QStringLiteral("threshold %1: ").arg(bits(t))
                                    + wrong.value_or(QString())));
    }
}

void TestHeapForest::handBuiltForestsSumBitForBit_data()
{
    QTest::addColumn<int>("features");
    QTest::addColumn<HeapKernel>("kernel");
    // Each way the vector walk picks a feature: one, two or four pairs of rows, or gathers.
    for (const int features : {1, 3, 5, 9}) {
        for (const HeapKernel kernel : {HeapKernel::Avx512, HeapKernel::Portable}) {
            QTest::addRow("d%d %s", features, kernel == HeapKernel::Avx512 ? "avx512" : "portable")
                << features << kernel;
        }
    }
}

// randomTieForest() and tieSamples(): samples on, next to and around thresholds, at infinity,
// NaN (which goes right, as !(x <= t)), subnormal, beyond float32's range; against a plain walk
// in double.
void TestHeapForest::handBuiltForestsSumBitForBit()
{
    QFETCH(int, features);
    QFETCH(HeapKernel, kernel);
    if (!setHeapKernel(kernel)) {
        QSKIP("this CPU has no AVX-512F and BW, so the AVX-512 walk cannot run here");
    }
    ForestRng rng(std::uint64_t(features) * 31 + 7);
    const HandForest forest = randomTieForest(rng, features);
    QCOMPARE(forest.roots.size(), std::size_t(HeapForest::kMaxDepth + 1));

    for (const std::size_t count : {std::size_t(1), std::size_t(15), std::size_t(16),
                                    std::size_t(17), std::size_t(80), HeapForest::kBlock}) {
        const std::vector<double> samples = tieSamples(rng, features, count);
        const std::optional<QString> wrong = firstWrongSum(forest, forest.heap(), samples);
        QVERIFY2(!wrong, qPrintable(wrong.value_or(QString())));
    }
}

void TestHeapForest::flushToZeroSetLaterKeepsTheSums_data()
{
    QTest::addColumn<unsigned>("modes");
    QTest::addColumn<HeapKernel>("kernel");
    // MXCSR's flush-to-zero and denormals-are-zero bits.
    const std::pair<unsigned, const char *> modes[]
        = {{0x8000, "FTZ"}, {0x0040, "DAZ"}, {0x8040, "FTZ+DAZ"}};
    for (const auto &[bits, name] : modes) {
        for (const HeapKernel kernel : {HeapKernel::Avx512, HeapKernel::Portable}) {
            QTest::addRow("%s %s", name, kernel == HeapKernel::Avx512 ? "avx512" : "portable")
                << bits << kernel;
        }
    }
}

// A model loaded in the default mode, then scored after something else in the process set
// flush-to-zero: the samples are rounded to float32 in that mode, the thresholds were not, and
// still compare the same way (the sums are what the plain walk gives in that mode).
void TestHeapForest::flushToZeroSetLaterKeepsTheSums()
{
#ifndef __x86_64__
    QSKIP("flush-to-zero and denormals-are-zero are x86 modes");
#else
    QFETCH(unsigned, modes);
    QFETCH(HeapKernel, kernel);
    if (!setHeapKernel(kernel)) {
        QSKIP("this CPU has no AVX-512F and BW, so the AVX-512 walk cannot run here");
    }
    ForestRng rng(12);
    const HandForest forest = randomTieForest(rng, 3);
    const HeapForest heap = forest.heap();
    const std::vector<double> samples = tieSamples(rng, 3, HeapForest::kBlock);
    const unsigned saved = _mm_getcsr();
    _mm_setcsr(saved | modes);
    const std::optional<QString> wrong = firstWrongSum(forest, heap, samples);
    _mm_setcsr(saved);
    QVERIFY2(!wrong, qPrintable(wrong.value_or(QString())));
#endif
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
