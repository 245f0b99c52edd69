#include "detect/isolationforest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace fw::detect;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

template<typename T>
std::vector<T> toVector(const QJsonValue &value)
{
    std::vector<T> out;
    const QJsonArray array = value.toArray();
    out.reserve(std::size_t(array.size()));
    for (const QJsonValue &v : array) {
        if constexpr (std::is_integral_v<T>) {
            out.push_back(T(v.toInteger()));
        } else {
            out.push_back(v.toDouble());
        }
    }
    return out;
}

// Two small trees in scikit-learn's layout (children_right of a node may point anywhere).
SklearnForest smallForest()
{
    SklearnForest forest;
    forest.featureCount = 2;
    forest.maxSamples = 8;
    SklearnTree a;
    a.childrenLeft = {1, 3, -1, -1, -1};
    a.childrenRight = {2, 4, -1, -1, -1};
    a.feature = {0, 1, -2, -2, -2};
    a.threshold = {0.5, -1.25, -2, -2, -2};
    a.nodeSampleCount = {8, 5, 3, 2, 3};
    a.features = {0, 1};
    SklearnTree b;
    b.childrenLeft = {1, -1, -1};
    b.childrenRight = {2, -1, -1};
    b.feature = {1, -2, -2};
    b.threshold = {3.0, -2, -2};
    b.nodeSampleCount = {8, 7, 1};
    b.features = {1, 0};
    forest.trees = {a, b};
    return forest;
}

} // namespace

class TestSklearnExactness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scoresEqualScikitLearnForEverySample();
    void batchScoresEqualScikitLearnForEverySample();
    void float32CastDecidesSamplesNextToAThreshold();
    void wellFormedSmallExportIsAccepted();
    void corruptExportIsRefusedWithItsOwnMessage_data();
    void corruptExportIsRefusedWithItsOwnMessage();

private:
    void requireReference();

    QString m_skipReason;
    SklearnForest m_forest;
    std::vector<double> m_samples;
    std::vector<double> m_expected; // -score_samples
};

void TestSklearnExactness::initTestCase()
{
    if (!QFile::exists(kPython)) {
        m_skipReason = kPython + QStringLiteral(" is not installed");
        return;
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess python;
    python.start(kPython,
                 {QStringLiteral(FW_SOURCE_DIR "/tests/reference/sklearn_forest.py"), dir.path()});
    QVERIFY2(python.waitForFinished(240000), qPrintable(python.errorString()));
    const QString stderrText = QString::fromLocal8Bit(python.readAllStandardError());
    if (python.exitStatus() == QProcess::NormalExit && python.exitCode() == 3) {
        m_skipReason = QStringLiteral("scikit-learn unavailable: ") + stderrText.trimmed();
        return;
    }
    QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0,
             qPrintable(stderrText));

    QFile file(dir.filePath(QStringLiteral("forest.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError parseError;
    const QJsonObject doc = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    qInfo("scikit-learn %s", qPrintable(doc.value(QStringLiteral("sklearn_version")).toString()));

    m_forest.featureCount = doc.value(QStringLiteral("n_features")).toInt();
    m_forest.maxSamples = doc.value(QStringLiteral("max_samples")).toInt();
    for (const QJsonValue &t : doc.value(QStringLiteral("trees")).toArray()) {
        const QJsonObject tree = t.toObject();
        SklearnTree out;
        out.childrenLeft = toVector<std::int64_t>(tree.value(QStringLiteral("children_left")));
        out.childrenRight = toVector<std::int64_t>(tree.value(QStringLiteral("children_right")));
        out.feature = toVector<std::int64_t>(tree.value(QStringLiteral("feature")));
        out.threshold = toVector<double>(tree.value(QStringLiteral("threshold")));
        out.nodeSampleCount = toVector<std::int64_t>(tree.value(QStringLiteral("n_node_samples")));
        out.features = toVector<std::int64_t>(tree.value(QStringLiteral("features")));
        m_forest.trees.push_back(std::move(out));
    }
    m_samples = toVector<double>(doc.value(QStringLiteral("samples")));
    m_expected = toVector<double>(doc.value(QStringLiteral("score_samples")));
    for (double &v : m_expected) {
        v = -v;
    }
    QCOMPARE(m_forest.trees.size(), std::size_t(100));
    QCOMPARE(m_forest.maxSamples, 256);
    QCOMPARE(m_expected.size(), std::size_t(10000));
    QCOMPARE(m_samples.size(), m_expected.size() * std::size_t(m_forest.featureCount));
}

void TestSklearnExactness::requireReference()
{
    if (!m_skipReason.isEmpty()) {
        QSKIP(qPrintable(m_skipReason));
    }
}

void TestSklearnExactness::scoresEqualScikitLearnForEverySample()
{
    requireReference();
    std::string error;
    const auto forest = IsolationForest::fromScikitLearn(m_forest, &error);
    QVERIFY2(forest, error.c_str());
    const std::size_t d = std::size_t(forest->featureCount());
    double worst = 0;
    for (std::size_t i = 0; i < m_expected.size(); ++i) {
        const double s = forest->score(std::span(m_samples).subspan(i * d, d));
        const double delta = std::fabs(s - m_expected[i]);
        worst = std::max(worst, delta);
        QVERIFY2(delta <= 1e-9, qPrintable(QStringLiteral("sample %1: %2 vs scikit-learn %3")
                                               .arg(i)
                                               .arg(s, 0, 'g', 17)
                                               .arg(m_expected[i], 0, 'g', 17)));
    }
    qInfo("largest |score - (-score_samples)| over %zu samples: %g", m_expected.size(), worst);
}

void TestSklearnExactness::batchScoresEqualScikitLearnForEverySample()
{
    requireReference();
    std::string error;
    const auto forest = IsolationForest::fromScikitLearn(m_forest, &error);
    QVERIFY2(forest, error.c_str());
    std::vector<double> scores(m_expected.size());
    forest->scoreBatch(m_samples, scores);
    for (std::size_t i = 0; i < scores.size(); ++i) {
        QVERIFY2(std::fabs(scores[i] - m_expected[i]) <= 1e-9, qPrintable(QString::number(i)));
    }
}

// The reference ends with samples placed just above a split threshold in float64; scikit-learn
// rounds them to float32 first, which sends many of them left. Scoring them in float64 must
// therefore disagree with scikit-learn, or the exactness test above proves nothing about it.
void TestSklearnExactness::float32CastDecidesSamplesNextToAThreshold()
{
    requireReference();
    ForestArrays arrays;
    std::string error;
    QVERIFY2(arraysFromScikitLearn(m_forest, &arrays, &error), error.c_str());
    arrays.precision = InputPrecision::Double;
    const auto forest64 = IsolationForest::fromArrays(arrays, &error);
    QVERIFY2(forest64, error.c_str());
    const std::size_t d = std::size_t(arrays.featureCount);
    int disagreements = 0;
    for (std::size_t i = 9000; i < m_expected.size(); ++i) {
        const double s = forest64->score(std::span(m_samples).subspan(i * d, d));
        disagreements += std::fabs(s - m_expected[i]) > 1e-9 ? 1 : 0;
    }
    qInfo("float64 comparison disagrees with scikit-learn on %d of 1000 edge samples",
          disagreements);
    QVERIFY(disagreements > 50);
}

void TestSklearnExactness::wellFormedSmallExportIsAccepted()
{
    std::string error;
    const auto forest = IsolationForest::fromScikitLearn(smallForest(), &error);
    QVERIFY2(forest, error.c_str());
    QCOMPARE(forest->treeCount(), 2);
    // x = (0, 0): tree a goes left, right (depth 2, 3 rows); tree b goes left (depth 1, 7 rows).
    const auto c = [](std::int64_t n) {
        return averagePathLength(n, PathLengthFormula::ScikitLearn);
    };
    const double sum = (2 + c(3)) + (1 + c(7));
    const double expected = std::exp2(-sum / (2 * c(8)));
    const double x[] = {0.0, 0.0};
    QVERIFY(std::fabs(forest->score(x) - expected) <= 1e-15);
}

void TestSklearnExactness::corruptExportIsRefusedWithItsOwnMessage_data()
{
    QTest::addColumn<int>("defect");
    QTest::addColumn<QString>("message");
    QTest::newRow("child out of range")
        << 0 << QStringLiteral("tree 0 node 1: child index 9 out of range (tree has 5 nodes)");
    QTest::newRow("cycle") << 1
                           << QStringLiteral(
                                  "tree 0 node 1: child 0 is one of its ancestors (cycle)");
    QTest::newRow("self loop") << 2
                               << QStringLiteral(
                                      "tree 1 node 0: child 0 is one of its ancestors (cycle)");
    QTest::newRow("shared child") << 3
                                  << QStringLiteral(
                                         "tree 0 node 0: child 2 already has another parent");
    QTest::newRow("feature out of range")
        << 4 << QStringLiteral("tree 0 node 0: feature index 5 out of range (2 features)");
    QTest::newRow("NaN threshold") << 5 << QStringLiteral("tree 1 node 0: threshold is not finite");
    QTest::newRow("arrays differ in length")
        << 6 << QStringLiteral("tree 1: node arrays differ in length");
    QTest::newRow("one child only")
        << 7 << QStringLiteral("tree 0 node 1: child index -1 out of range (tree has 5 nodes)");
}

void TestSklearnExactness::corruptExportIsRefusedWithItsOwnMessage()
{
    QFETCH(int, defect);
    QFETCH(QString, message);
    SklearnForest forest = smallForest();
    SklearnTree &a = forest.trees[0];
    SklearnTree &b = forest.trees[1];
    switch (defect) {
    case 0:
        a.childrenRight[1] = 9;
        break;
    case 1:
        a.childrenRight[1] = 0;
        break;
    case 2:
        b.childrenLeft[0] = 0;
        break;
    case 3:
        a.childrenRight[1] = 2;
        break;
    case 4:
        a.feature[0] = 5;
        break;
    case 5:
        b.threshold[0] = std::numeric_limits<double>::quiet_NaN();
        break;
    case 6:
        b.threshold.pop_back();
        break;
    case 7:
        a.childrenLeft[1] = -1;
        break;
    default:
        QFAIL("unknown defect");
    }
    std::string error;
    const auto refused = IsolationForest::fromScikitLearn(forest, &error);
    QVERIFY(!refused);
    QCOMPARE(QString::fromStdString(error), message);
}

QTEST_GUILESS_MAIN(TestSklearnExactness)
#include "tst_sklearnexactness.moc"
