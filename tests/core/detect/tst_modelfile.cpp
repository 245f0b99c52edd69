#include "detect/detector.h"
#include "detect/detectormodel.h"
#include "detect/modelfile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace fw::detect;

Q_DECLARE_METATYPE(fw::detect::SplitKind)

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kChannels = 4;

// Four channels: noise around different levels, a sine, and one that drifts (so the guard
// drops its upper bound and the file carries the reason); a few values missing.
std::vector<double> telemetry(int rows, std::uint64_t seed, double drift)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> out;
    out.reserve(std::size_t(rows) * kChannels);
    for (int r = 0; r < rows; ++r) {
        out.push_back(20 + noise(rng));
        out.push_back(r % 89 == 5 ? kNaN : 3.3 + 0.05 * noise(rng));
        out.push_back(std::sin(r * 0.05) + 0.1 * noise(rng));
        out.push_back(100 + drift * r + noise(rng));
    }
    return out;
}

struct Variant
{
    SplitKind kind = SplitKind::AxisParallel;
    int window = 0;
    WindowFeatures::Flags flags = WindowFeatures::All;
    PathLengthFormula pathLength = PathLengthFormula::ExactHarmonic;
    bool float32 = false;
};

DetectorModel trainedModel(const Variant &v, std::uint64_t seed = 7, std::uint64_t dataSeed = 1)
{
    const std::vector<double> rows = telemetry(3000, dataSeed, 0.01);
    TrainingData data;
    data.rows = rows;
    data.profile = "bench";
    data.channels = {"temperature", "voltage", "vibration", "pressure"};
    data.limits = {std::pair(-50.0, 50.0), std::nullopt, std::pair(-3.0, 3.0), std::nullopt};
    data.rateHz = 10; // enough steps for a forecast
    data.provenance.source = "tst_modelfile generated.csv";
    data.provenance.firstTime = 1732400000.125;
    data.provenance.lastTime = 1732400299.925;
    data.provenance.software = "test";
    DetectorTrainOptions options;
    options.forest.seed = seed;
    options.forest.splitKind = v.kind;
    options.forest.pathLength = v.pathLength;
    options.window = v.window;
    options.windowFlags = v.flags;
    options.policy.threshold = 0.99;
    std::string error;
    std::optional<DetectorModel> model = trainDetector(data, options, &error, nullptr);
    if (!model) {
        qFatal("training failed: %s", error.c_str());
    }
    if (v.float32) {
        model->forest.precision = InputPrecision::Float32;
    }
    return std::move(*model);
}

// Different options in one model: the model helpers' own defaults.
const DetectorModel &axisModel()
{
    static const DetectorModel model = trainedModel({SplitKind::AxisParallel, 16});
    return model;
}

const DetectorModel &hyperplaneModel()
{
    static const DetectorModel model = trainedModel({SplitKind::Hyperplane, 0});
    return model;
}

// Rows that make the detector do everything: forest hits, a spike, a stuck and a missing
// channel, a limit breach.
std::vector<double> replayRows()
{
    std::vector<double> rows = telemetry(2000, 99, 0.01);
    const auto at = [&](int row, int channel) -> double & {
        return rows[std::size_t(row) * kChannels + std::size_t(channel)];
    };
    for (int r = 500; r < 520; ++r) {
        at(r, 1) += 2;
    }
    for (int r = 900; r < 1000; ++r) {
        at(r, 2) = 0.25;
    }
    for (int r = 1300; r < 1340; ++r) {
        at(r, 0) = kNaN;
    }
    at(1500, 0) = 80;
    at(1600, 2) += 2.5;
    at(1601, 0) -= 6;
    return rows;
}

DetectionResults run(const DetectorModel &model, const std::vector<double> &rows)
{
    std::string error;
    std::optional<Detector> detector = Detector::create(model, &error);
    if (!detector) {
        qFatal("Detector::create failed: %s", error.c_str());
    }
    DetectionResults results;
    detector->process(rows, results);
    return results;
}

template<typename T>
bool sameBytes(const std::vector<T> &a, const std::vector<T> &b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

bool sameResults(const DetectionResults &a, const DetectionResults &b)
{
    return a.channels == b.channels && sameBytes(a.score, b.score)
           && sameBytes(a.confidence, b.confidence) && sameBytes(a.alarm, b.alarm)
           && sameBytes(a.severity, b.severity) && sameBytes(a.reason, b.reason)
           && sameBytes(a.raisedNow, b.raisedNow) && sameBytes(a.clearedNow, b.clearedNow)
           && sameBytes(a.attribution, b.attribution) && sameBytes(a.guardFlags, b.guardFlags);
}

bool sameGuard(const GuardChannel &a, const GuardChannel &b)
{
    return a.center == b.center && a.scale == b.scale && a.low == b.low && a.high == b.high
           && a.excluded == b.excluded && a.exclusionReason == b.exclusionReason
           && a.noiseHigh == b.noiseHigh && a.jumpHigh == b.jumpHigh
           && a.roughnessHigh == b.roughnessHigh && a.trendHigh == b.trendHigh
           && a.stuckCheck == b.stuckCheck && a.dropoutCheck == b.dropoutCheck
           && a.limits == b.limits && a.lowVariety == b.lowVariety && a.settle == b.settle
           && a.stuckAfter == b.stuckAfter && a.context == b.context
           && a.commandedBy == b.commandedBy;
}

bool sameForecasts(const DetectorModel &a, const DetectorModel &b)
{
    const ForecastOptions &o = a.forecastOptions;
    const ForecastOptions &q = b.forecastOptions;
    return o.block == q.block && o.lags == q.lags && o.smooth == q.smooth
           && std::equal(a.forecasts.begin(), a.forecasts.end(), b.forecasts.begin(),
                         b.forecasts.end(), [](const ForecastChannel &x, const ForecastChannel &y) {
                             return x.season == y.season && x.coefficients == y.coefficients
                                    && x.bound == y.bound;
                         });
}

bool sameRelations(const DetectorModel &a, const DetectorModel &b)
{
    const RelationOptions &o = a.relationOptions;
    const RelationOptions &q = b.relationOptions;
    return o.block == q.block && o.lags == q.lags && o.selfLag == q.selfLag && o.smooth == q.smooth
           && o.k == q.k
           && std::equal(a.relations.begin(), a.relations.end(), b.relations.begin(),
                         b.relations.end(), [](const RelationChannel &x, const RelationChannel &y) {
                             return x.coefficients == y.coefficients && x.below == y.below
                                    && x.above == y.above;
                         });
}

// Every member, so a member the file forgets shows up here even though it would also be missing
// from both serialisations.
bool sameModel(const DetectorModel &a, const DetectorModel &b)
{
    const ForestArrays &f = a.forest;
    const ForestArrays &g = b.forest;
    const bool sameForest = f.featureCount == g.featureCount && f.sampleSize == g.sampleSize
                            && f.splitKind == g.splitKind && f.pathLength == g.pathLength
                            && f.precision == g.precision && f.treeOffsets == g.treeOffsets
                            && f.childLeft == g.childLeft && f.childRight == g.childRight
                            && f.feature == g.feature && f.threshold == g.threshold
                            && f.nodeSize == g.nodeSize && f.normal == g.normal;
    const AlarmPolicyOptions &p = a.policy;
    const AlarmPolicyOptions &q = b.policy;
    const TrainingProvenance &s = a.provenance;
    const TrainingProvenance &t = b.provenance;
    return sameForest && a.profile == b.profile && a.channels == b.channels && a.window == b.window
           && a.windowFlags == b.windowFlags && a.scaler.centers() == b.scaler.centers()
           && a.scaler.scales() == b.scaler.scales() && a.calibration == b.calibration
           && p.threshold == q.threshold && p.k == q.k && p.m == q.m
           && p.warningLevel == q.warningLevel && p.criticalLevel == q.criticalLevel
           && p.forestRaises == q.forestRaises && p.chatterDoublings == q.chatterDoublings
           && a.guardOptions.window == b.guardOptions.window && a.guardOptions.k == b.guardOptions.k
           && std::equal(a.guard.begin(), a.guard.end(), b.guard.begin(), b.guard.end(), sameGuard)
           && sameRelations(a, b) && sameForecasts(a, b) && s.source == t.source && s.rows == t.rows
           && s.forestRows == t.forestRows && s.calibrationRows == t.calibrationRows
           && s.firstTime == t.firstTime && s.lastTime == t.lastTime && s.software == t.software;
}

QJsonObject parsed(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// A file whose sha256 fits its (edited) content, so that the edit reaches the checks behind the
// hash.
QByteArray resigned(QJsonObject root)
{
    root.remove(QStringLiteral("sha256"));
    const QByteArray content = QJsonDocument(root).toJson(QJsonDocument::Compact);
    root.insert(
        QStringLiteral("sha256"),
        QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()));
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QJsonValue editedValue(const QJsonValue &node, QStringList path, const QJsonValue &value)
{
    if (path.isEmpty()) {
        return value;
    }
    const QString head = path.takeFirst();
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        const int i = head.toInt();
        array[i] = editedValue(array.at(i), path, value);
        return array;
    }
    QJsonObject object = node.toObject();
    if (path.isEmpty() && value.isUndefined()) {
        object.remove(head);
    } else {
        object.insert(head, editedValue(object.value(head), path, value));
    }
    return object;
}

// Sets the value at a dotted path ("forest.trees.3.right.0"); an undefined value removes it.
QJsonObject edited(const QJsonObject &root, const QString &path, const QJsonValue &value)
{
    return editedValue(root, path.split(u'.'), value).toObject();
}

QJsonValue at(const QJsonObject &root, const QString &path)
{
    QJsonValue node = root;
    for (const QString &part : path.split(u'.')) {
        node = node.isArray() ? node.toArray().at(part.toInt()) : node.toObject().value(part);
    }
    return node;
}

QByteArray unsignedEdit(const QJsonObject &root, const QString &path, const QJsonValue &value)
{
    return QJsonDocument(edited(root, path, value)).toJson(QJsonDocument::Compact);
}

QByteArray signedEdit(const QJsonObject &root, const QString &path, const QJsonValue &value)
{
    return resigned(edited(root, path, value));
}

const QJsonValue kRemove(QJsonValue::Undefined);

} // namespace

class TestModelFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savedModelLoadsAndScoresIdentically_data();
    void savedModelLoadsAndScoresIdentically();
    void sameDataAndSeedGiveSameBytes();
    void differentSeedGivesDifferentSha();
    void shaIsTheHashOfTheCompactContent();
    void fileStartsWithItsFormatAndVersion();
    void awkwardDoublesRoundTripBitForBit_data();
    void awkwardDoublesRoundTripBitForBit();
    void negativeZeroIsWrittenAsZero();
    void disabledGuardChecksAreStoredAsNull();
    void guardBoundsAddedLaterAreOptional();
    void membersAddedForUnseenTelemetryAreOptional();
    void relationsRoundTripAndAreChecked_data();
    void forecastsRoundTripAndAreChecked_data();
    void forecastsRoundTripAndAreChecked();
    void relationsRoundTripAndAreChecked();
    void nonFiniteValueIsNotSaved_data();
    void nonFiniteValueIsNotSaved();
    void reindentedFileStillLoads();
    void corruptFileIsRefusedWithItsOwnMessage_data();
    void corruptFileIsRefusedWithItsOwnMessage();
    void loadErrorsNameThePath();
    void oversizedFileIsRefusedBeforeReading();
    void savingReplacesTheFileAndFailsCleanly();
    void modelChannelsMustMatchTheProfile_data();
    void modelChannelsMustMatchTheProfile();
    void defaultModelPathIsModelPathVariable();
};

void TestModelFile::savedModelLoadsAndScoresIdentically_data()
{
    QTest::addColumn<SplitKind>("kind");
    QTest::addColumn<int>("window");
    QTest::addColumn<uint>("flags");
    QTest::addColumn<bool>("sklearnPaths");
    QTest::addColumn<bool>("float32");
    const SplitKind axis = SplitKind::AxisParallel;
    const SplitKind hyper = SplitKind::Hyperplane;
    const uint all = WindowFeatures::All;
    const uint meanSlope = WindowFeatures::Mean | WindowFeatures::Slope;
    QTest::newRow("axis, raw channels") << axis << 0 << all << false << false;
    QTest::newRow("axis, all windowed features") << axis << 20 << all << false << false;
    QTest::newRow("axis, mean and slope") << axis << 8 << meanSlope << false << false;
    QTest::newRow("axis, sklearn path length, float32") << axis << 0 << all << true << true;
    QTest::newRow("hyperplane, raw channels") << hyper << 0 << all << false << false;
    QTest::newRow("hyperplane, all windowed features") << hyper << 20 << all << false << false;
    QTest::newRow("hyperplane, stddev only")
        << hyper << 5 << uint(WindowFeatures::StdDev) << true << false;
}

void TestModelFile::savedModelLoadsAndScoresIdentically()
{
    QFETCH(SplitKind, kind);
    QFETCH(int, window);
    QFETCH(uint, flags);
    QFETCH(bool, sklearnPaths);
    QFETCH(bool, float32);
    const PathLengthFormula pathLength
        = sklearnPaths ? PathLengthFormula::ScikitLearn : PathLengthFormula::ExactHarmonic;
    DetectorModel model = trainedModel({kind, window, flags, pathLength, float32});
    model.guard[1].noiseHigh = kInf; // the null cases of the optional bounds
    model.guard[2].jumpHigh = kInf;
    // The drifting channel keeps its lower bound and loses the upper one, with a reason.
    QVERIFY(std::isinf(model.guard[3].high) && std::isfinite(model.guard[3].low));
    QVERIFY(!model.guard[3].exclusionReason.empty());
    QVERIFY(model.guard[0].limits);
    QCOMPARE(model.forecasts.size(), std::size_t(kChannels));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("model.json"));
    QString error;
    QVERIFY2(saveModel(model, path, &error), qPrintable(error));
    const std::optional<DetectorModel> loaded = loadModel(path, &error);
    QVERIFY2(loaded, qPrintable(error));

    QVERIFY(sameModel(model, *loaded));
    QCOMPARE(modelToJson(*loaded), modelToJson(model));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), modelToJson(model));

    const std::vector<double> rows = replayRows();
    const DetectionResults original = run(model, rows);
    const DetectionResults reloaded = run(*loaded, rows);
    QVERIFY(sameResults(original, reloaded));
    // The comparison covers alarms and attribution only if there are some.
    QVERIFY(std::count(original.alarm.begin(), original.alarm.end(), 1) > 0);
    QVERIFY(std::any_of(original.attribution.begin(), original.attribution.end(),
                        [](double share) { return share > 0; }));
}

void TestModelFile::sameDataAndSeedGiveSameBytes()
{
    const Variant hyper{SplitKind::Hyperplane, 10};
    const QByteArray first = modelToJson(trainedModel(hyper, 3));
    const QByteArray second = modelToJson(trainedModel(hyper, 3));
    QCOMPARE(first, second);
    QCOMPARE(modelSha256(trainedModel(hyper, 3)), parsed(first).value(u"sha256").toString());
}

void TestModelFile::differentSeedGivesDifferentSha()
{
    const Variant axis{};
    const QString a = modelSha256(trainedModel(axis, 3));
    const QString b = modelSha256(trainedModel(axis, 4));
    const QString c = modelSha256(trainedModel(axis, 3, 2)); // other data
    QCOMPARE(a.size(), 64);
    QVERIFY(a != b);
    QVERIFY(a != c);
}

void TestModelFile::shaIsTheHashOfTheCompactContent()
{
    QJsonObject root = parsed(modelToJson(axisModel()));
    const QString sha = root.take(u"sha256").toString();
    const QByteArray content = QJsonDocument(root).toJson(QJsonDocument::Compact);
    QCOMPARE(sha, QString::fromLatin1(
                      QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(sha, modelSha256(axisModel()));
}

void TestModelFile::fileStartsWithItsFormatAndVersion()
{
    const QJsonObject root = parsed(modelToJson(hyperplaneModel()));
    QCOMPARE(root.value(u"format").toString(), QStringLiteral("faultwatch-model"));
    QCOMPARE(root.value(u"version").toInt(), kModelFormatVersion);
    QCOMPARE(at(root, QStringLiteral("forest.split")).toString(), QStringLiteral("hyperplane"));
    QCOMPARE(at(root, QStringLiteral("forest.trees")).toArray().size(), 100);
    QCOMPARE(at(root, QStringLiteral("channels.2")).toString(), QStringLiteral("vibration"));
    QCOMPARE(at(root, QStringLiteral("guard.channels.0.limits.1")).toDouble(), 50.0);
    QVERIFY(at(root, QStringLiteral("guard.channels.1.limits")).isNull());
    QVERIFY(!at(root, QStringLiteral("guard.channels.3.exclusion_reason")).toString().isEmpty());
    const QJsonArray windowed = parsed(modelToJson(axisModel()))
                                    .value(u"features")
                                    .toObject()
                                    .value(u"windowed")
                                    .toArray();
    QCOMPARE(windowed, (QJsonArray{QStringLiteral("mean"), QStringLiteral("stddev"),
                                   QStringLiteral("slope")}));
}

void TestModelFile::awkwardDoublesRoundTripBitForBit_data()
{
    QTest::addColumn<double>("value");
    QTest::newRow("0.1 + 0.2") << 0.1 + 0.2;
    QTest::newRow("1/3") << 1.0 / 3;
    QTest::newRow("1e-300") << 1e-300;
    QTest::newRow("smallest denormal") << std::numeric_limits<double>::denorm_min();
    QTest::newRow("largest denormal") << std::nextafter(std::numeric_limits<double>::min(), 0.0);
    QTest::newRow("smallest normal") << std::numeric_limits<double>::min();
    QTest::newRow("largest double") << std::numeric_limits<double>::max();
    QTest::newRow("next after 1") << std::nextafter(1.0, 2.0);
    QTest::newRow("integer beyond 2^53") << 123456789012345678.0;
    QTest::newRow("2^63") << 9223372036854775808.0;
    QTest::newRow("negative") << -2.5e-7;
}

void TestModelFile::awkwardDoublesRoundTripBitForBit()
{
    QFETCH(double, value);
    DetectorModel model = axisModel();
    const double scaled = model.scaler.scales()[0];
    std::vector<double> centers = model.scaler.centers();
    centers[0] = value;
    model.scaler = RobustScaler(centers, model.scaler.scales());
    model.provenance.firstTime = value;
    model.guard[1].limits = std::pair(value, value);
    model.guard[2].noiseHigh = std::abs(value);
    model.guard[3].jumpHigh = std::abs(value);
    // A leaf's threshold is stored although scoring never reads it.
    const auto leaf = std::find(model.forest.childLeft.begin(), model.forest.childLeft.end(), -1)
                      - model.forest.childLeft.begin();
    model.forest.threshold[std::size_t(leaf)] = value;

    QString error;
    const std::optional<DetectorModel> loaded = modelFromJson(modelToJson(model), &error);
    QVERIFY2(loaded, qPrintable(error));
    const auto bits = [](double v) {
        return std::bit_cast<std::uint64_t>(v);
    };
    QCOMPARE(bits(loaded->scaler.centers()[0]), bits(value));
    QCOMPARE(bits(loaded->scaler.scales()[0]), bits(scaled));
    QCOMPARE(bits(loaded->provenance.firstTime), bits(value));
    QCOMPARE(bits(loaded->guard[1].limits->first), bits(value));
    QCOMPARE(bits(loaded->guard[2].noiseHigh), bits(std::abs(value)));
    QCOMPARE(bits(loaded->guard[3].jumpHigh), bits(std::abs(value)));
    QCOMPARE(bits(loaded->forest.threshold[std::size_t(leaf)]), bits(value));
    QVERIFY(sameModel(model, *loaded));
    QCOMPARE(modelToJson(*loaded), modelToJson(model));
}

void TestModelFile::negativeZeroIsWrittenAsZero()
{
    DetectorModel negative = axisModel();
    DetectorModel positive = axisModel();
    std::vector<double> centers = negative.scaler.centers();
    centers[1] = -0.0;
    negative.scaler = RobustScaler(centers, negative.scaler.scales());
    centers[1] = 0.0;
    positive.scaler = RobustScaler(centers, positive.scaler.scales());

    QCOMPARE(modelToJson(negative), modelToJson(positive));
    QString error;
    const std::optional<DetectorModel> loaded = modelFromJson(modelToJson(negative), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->scaler.centers()[1], 0.0);
    QVERIFY(!std::signbit(loaded->scaler.centers()[1]));
    QCOMPARE(modelToJson(*loaded), modelToJson(negative));
}

void TestModelFile::disabledGuardChecksAreStoredAsNull()
{
    DetectorModel model = axisModel();
    model.guard[2].noiseHigh = kInf;
    model.guard[1].jumpHigh = kInf;
    model.guard[0].noiseHigh = 1.5;
    model.guard[0].jumpHigh = 2.5;
    // One-sided ranges: a channel that drifted down in training has no lower bound, and up, no
    // upper bound.
    model.guard[0].low = -kInf;
    model.guard[1].high = kInf;
    const double high0 = model.guard[0].high;
    const double low1 = model.guard[1].low;
    const QByteArray json = modelToJson(model);
    QVERIFY(at(parsed(json), QStringLiteral("guard.channels.2.noise_high")).isNull());
    QVERIFY(at(parsed(json), QStringLiteral("guard.channels.1.jump_high")).isNull());
    QVERIFY(at(parsed(json), QStringLiteral("guard.channels.0.low")).isNull());
    QVERIFY(at(parsed(json), QStringLiteral("guard.channels.1.high")).isNull());
    QCOMPARE(at(parsed(json), QStringLiteral("guard.channels.0.noise_high")).toDouble(), 1.5);
    QCOMPARE(at(parsed(json), QStringLiteral("guard.channels.0.jump_high")).toDouble(), 2.5);
    QString error;
    const std::optional<DetectorModel> loaded = modelFromJson(json, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->guard[2].noiseHigh, kInf);
    QCOMPARE(loaded->guard[1].jumpHigh, kInf);
    QCOMPARE(loaded->guard[0].noiseHigh, 1.5);
    QCOMPARE(loaded->guard[0].jumpHigh, 2.5);
    QCOMPARE(loaded->guard[0].low, -kInf);
    QCOMPARE(loaded->guard[0].high, high0);
    QCOMPARE(loaded->guard[1].low, low1);
    QCOMPARE(loaded->guard[1].high, kInf);
    QVERIFY(!loaded->guard[0].excluded);
}

void TestModelFile::guardBoundsAddedLaterAreOptional()
{
    DetectorModel model = axisModel();
    model.guard[0].roughnessHigh = 0.75;
    model.guard[0].trendHigh = 3.25;
    model.guard[1].trendHigh = kInf;
    const QJsonObject root = parsed(modelToJson(model));
    QCOMPARE(at(root, QStringLiteral("guard.channels.0.roughness_high")).toDouble(), 0.75);
    QCOMPARE(at(root, QStringLiteral("guard.channels.0.trend_high")).toDouble(), 3.25);
    QVERIFY(at(root, QStringLiteral("guard.channels.1.trend_high")).isNull());
    QString error;
    std::optional<DetectorModel> loaded = modelFromJson(modelToJson(model), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->guard[0].roughnessHigh, 0.75);
    QCOMPARE(loaded->guard[0].trendHigh, 3.25);
    QCOMPARE(loaded->guard[1].trendHigh, kInf);

    // A file written before these checks existed has neither member: it loads, without them.
    const QByteArray old = signedEdit(
        parsed(signedEdit(root, QStringLiteral("guard.channels.0.roughness_high"), kRemove)),
        QStringLiteral("guard.channels.0.trend_high"), kRemove);
    loaded = modelFromJson(old, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->guard[0].roughnessHigh, kInf);
    QCOMPARE(loaded->guard[0].trendHigh, kInf);

    // Present, they are checked like the other bounds.
    QVERIFY(!modelFromJson(
        signedEdit(root, QStringLiteral("guard.channels.0.trend_high"), QStringLiteral("inf")),
        &error));
    QVERIFY2(error.contains(QStringLiteral("guard.channels[0].trend_high: expected a finite "
                                           "number or null")),
             qPrintable(error));
    QVERIFY(!modelFromJson(
        signedEdit(root, QStringLiteral("guard.channels.0.roughness_high"), -1.0), &error));
    QVERIFY2(error.contains(QStringLiteral("trend bounds must be 0 or more")), qPrintable(error));
}

// The axis model with relations: awkward coefficients, one side without a bound (+inf).
DetectorModel modelWithRelations()
{
    DetectorModel model = axisModel();
    model.relationOptions = RelationOptions{};
    model.relationOptions.block = 3;
    const std::size_t count = model.relationOptions.coefficientCount(kChannels);
    for (int c = 0; c < kChannels; ++c) {
        RelationChannel channel;
        for (std::size_t i = 0; i < count; ++i) {
            channel.coefficients.push_back((double(i) - 7.5) / (3.0 + c) * 1e-3);
        }
        channel.below = c == 2 ? kInf : 0.1 + c / 3.0;
        channel.above = 0.2 + c / 7.0;
        model.relations.push_back(channel);
    }
    return model;
}

void TestModelFile::relationsRoundTripAndAreChecked_data()
{
    const QJsonObject root = parsed(modelToJson(modelWithRelations()));
    const auto s = [](const char *text) {
        return QString::fromUtf8(text);
    };
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("message");
    QTest::newRow("as written") << modelToJson(modelWithRelations()) << QString();
    QTest::newRow("a file from before relations")
        << signedEdit(root, s("relations"), kRemove) << QString();
    QJsonArray coefficients = at(root, s("relations.channels.1.coefficients")).toArray();
    coefficients.removeLast();
    QTest::newRow("short coefficients")
        << signedEdit(root, s("relations.channels.1.coefficients"), coefficients)
        << s("relations: channel 1: has 28 coefficients, expected 29");
    QTest::newRow("NaN coefficient")
        << signedEdit(root, s("relations.channels.0.coefficients.3"), s("nan"))
        << s("relations.channels[0].coefficients[3]: expected a finite number");
    QTest::newRow("lags out of order") << signedEdit(root, s("relations.lags.1"), 7)
                                       << s("relations: lags must be distinct, ascending");
    QTest::newRow("negative lag") << signedEdit(root, s("relations.lags.0"), -1)
                                  << s("relations.lags[0]: expected an integer from 0");
    QTest::newRow("block 0") << signedEdit(root, s("relations.block"), 0)
                             << s("relations.block: expected an integer from 1");
    QTest::newRow("k 0") << signedEdit(root, s("relations.k"), 0)
                         << s("relations: k must be a finite number above 0");
    QTest::newRow("negative bound") << signedEdit(root, s("relations.channels.3.above"), -0.5)
                                    << s("relations: channel 3: bounds must be above 0");
    QTest::newRow("missing bound") << signedEdit(root, s("relations.channels.1.below"), kRemove)
                                   << s("relations.channels[1].below");
    QJsonArray channels = at(root, s("relations.channels")).toArray();
    channels.removeLast();
    QTest::newRow("relations for fewer channels")
        << signedEdit(root, s("relations.channels"), channels)
        << s("relations have 3 channels, the model 4");
}

void TestModelFile::membersAddedForUnseenTelemetryAreOptional()
{
    // Written now: the forest raises nothing alone, and the guard says what it learnt.
    DetectorModel model = axisModel();
    QVERIFY(!model.policy.forestRaises);
    model.guard[1].lowVariety = true;
    model.guard[1].settle = 30;
    model.guard[2].stuckAfter = 64;
    const QJsonObject root = parsed(modelToJson(model));
    QCOMPARE(at(root, QStringLiteral("policy.forest_raises")).toBool(true), false);
    QCOMPARE(at(root, QStringLiteral("policy.chatter_doublings")).toInt(-1),
             model.policy.chatterDoublings);
    QString error;
    std::optional<DetectorModel> loaded = modelFromJson(modelToJson(model), &error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(sameModel(*loaded, model));

    // A file from before them: the forest raises as it did when that model was trained, no
    // channel settles, and Stuck takes one window.
    QJsonObject old = root;
    for (const char *member :
         {"policy.forest_raises", "policy.chatter_doublings", "guard.channels.1.low_variety",
          "guard.channels.1.settle", "guard.channels.2.stuck_after"}) {
        old = parsed(signedEdit(old, QString::fromUtf8(member), kRemove));
    }
    loaded = modelFromJson(resigned(old), &error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(loaded->policy.forestRaises);
    QCOMPARE(loaded->policy.chatterDoublings, 0);
    QVERIFY(!loaded->guard[1].lowVariety);
    QCOMPARE(loaded->guard[1].settle, 0);
    QCOMPARE(loaded->guard[2].stuckAfter, 0);

    // Present, they are checked.
    QVERIFY(
        !modelFromJson(signedEdit(root, QStringLiteral("guard.channels.1.settle"), -3), &error));
    QVERIFY2(error.contains(QStringLiteral("guard.channels[1].settle")), qPrintable(error));
    QVERIFY(!modelFromJson(signedEdit(root, QStringLiteral("policy.forest_raises"), 1), &error));
    QVERIFY2(error.contains(QStringLiteral("policy.forest_raises")), qPrintable(error));
    QVERIFY(
        !modelFromJson(signedEdit(root, QStringLiteral("policy.chatter_doublings"), 9), &error));
    QVERIFY2(error.contains(QStringLiteral("chatter_doublings")), qPrintable(error));
    QVERIFY(
        !modelFromJson(signedEdit(root, QStringLiteral("policy.chatter_doublings"), -1), &error));
    QVERIFY2(error.contains(QStringLiteral("chatter_doublings")), qPrintable(error));
}

void TestModelFile::forecastsRoundTripAndAreChecked_data()
{
    const QJsonObject root = parsed(modelToJson(axisModel()));
    const auto s = [](const char *text) {
        return QString::fromUtf8(text);
    };
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("message");
    QTest::newRow("as written") << modelToJson(axisModel()) << QString();
    QTest::newRow("a file from before forecasts")
        << signedEdit(root, s("forecast"), kRemove) << QString();
    QJsonArray coefficients = at(root, s("forecast.channels.1.coefficients")).toArray();
    coefficients.removeLast();
    QTest::newRow("short coefficients")
        << signedEdit(root, s("forecast.channels.1.coefficients"), coefficients)
        << s("forecast: channel 1: has 8 coefficients, expected 9");
    QTest::newRow("NaN coefficient")
        << signedEdit(root, s("forecast.channels.0.coefficients.2"), s("nan"))
        << s("forecast.channels[0].coefficients[2]: expected a finite number");
    QTest::newRow("lags out of order") << signedEdit(root, s("forecast.lags.1"), 9)
                                       << s("forecast: lags must be distinct, ascending");
    QTest::newRow("lag 0") << signedEdit(root, s("forecast.lags.0"), 0)
                           << s("forecast.lags[0]: expected an integer from 1");
    QTest::newRow("smooth 0") << signedEdit(root, s("forecast.smooth"), 0)
                              << s("forecast.smooth: expected an integer from 1");
    QTest::newRow("zero bound") << signedEdit(root, s("forecast.channels.3.bound"), 0)
                                << s("forecast: channel 3: bound must be above 0");
    QTest::newRow("season past the longest")
        << signedEdit(root, s("forecast.channels.2.season"), 5000)
        << s("forecast: channel 2: season must be 0 to 1000");
    QJsonArray channels = at(root, s("forecast.channels")).toArray();
    channels.removeLast();
    QTest::newRow("forecasts for fewer channels")
        << signedEdit(root, s("forecast.channels"), channels)
        << s("forecasts have 3 channels, the model 4");
}

void TestModelFile::forecastsRoundTripAndAreChecked()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, message);
    QString error;
    const std::optional<DetectorModel> loaded = modelFromJson(file, &error);
    if (!message.isEmpty()) {
        QVERIFY(!loaded);
        QVERIFY2(error.contains(message), qPrintable(error));
        return;
    }
    QVERIFY2(loaded, qPrintable(error));
    if (parsed(file).contains(QStringLiteral("forecast"))) {
        QVERIFY(!loaded->forecasts.empty());
        QVERIFY(sameModel(*loaded, axisModel()));
    } else {
        QVERIFY(loaded->forecasts.empty());
    }
}

void TestModelFile::relationsRoundTripAndAreChecked()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, message);
    QString error;
    const std::optional<DetectorModel> loaded = modelFromJson(file, &error);
    if (!message.isEmpty()) {
        QVERIFY(!loaded);
        QVERIFY2(error.contains(message), qPrintable(error));
        return;
    }
    QVERIFY2(loaded, qPrintable(error));
    const bool written = parsed(file).contains(QStringLiteral("relations"));
    QVERIFY(sameModel(*loaded, written ? modelWithRelations() : axisModel()));
    if (written) {
        QVERIFY(at(parsed(file), QStringLiteral("relations.channels.2.below")).isNull());
        QVERIFY(sameResults(run(*loaded, replayRows()), run(modelWithRelations(), replayRows())));
    }
}

void TestModelFile::nonFiniteValueIsNotSaved_data()
{
    QTest::addColumn<int>("where");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("NaN scaler centre")
        << 0 << kNaN
        << QStringLiteral("scaler.centers[0]: expected a finite number, found the "
                          "string \"nan\"");
    QTest::newRow("infinite first time")
        << 1 << kInf
        << QStringLiteral("provenance.first_time: expected a finite number, found the "
                          "string \"inf\"");
    QTest::newRow("NaN noise bound")
        << 2 << kNaN
        << QStringLiteral("guard.channels[1].noise_high: expected a finite number or null");
    QTest::newRow("negative infinite noise bound")
        << 2 << -kInf << QStringLiteral("found the string \"-inf\"");
}

void TestModelFile::nonFiniteValueIsNotSaved()
{
    QFETCH(int, where);
    QFETCH(double, value);
    QFETCH(QString, message);
    DetectorModel model = axisModel();
    if (where == 0) {
        std::vector<double> centers = model.scaler.centers();
        centers[0] = value;
        model.scaler = RobustScaler(centers, model.scaler.scales());
    } else if (where == 1) {
        model.provenance.firstTime = value;
    } else {
        model.guard[1].noiseHigh = value;
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("model.json"));
    QString error;
    QVERIFY(!saveModel(model, path, &error));
    QVERIFY2(error.startsWith(path + QStringLiteral(": not saved: ")), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

void TestModelFile::reindentedFileStillLoads()
{
    // The hash covers values, not layout: a file pretty-printed for reading still loads.
    const QByteArray indented
        = QJsonDocument(parsed(modelToJson(axisModel()))).toJson(QJsonDocument::Indented);
    QString error;
    const std::optional<DetectorModel> loaded = modelFromJson(indented, &error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(sameModel(*loaded, axisModel()));
}

void TestModelFile::corruptFileIsRefusedWithItsOwnMessage_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    const QByteArray good = modelToJson(axisModel());
    const QJsonObject axis = parsed(good);
    const QJsonObject hyper = parsed(modelToJson(hyperplaneModel()));
    const auto s = [](const char *text) {
        return QString::fromUtf8(text);
    };

    QTest::newRow("truncated") << good.left(good.size() / 2) << s("not JSON: ");
    QTest::newRow("empty") << QByteArray() << s("not JSON: ");
    {
        QByteArray withNaN = QJsonDocument(edited(axis, s("forest.trees.1.threshold.0"), s("@")))
                                 .toJson(QJsonDocument::Compact);
        withNaN.replace("\"@\"", "NaN");
        QTest::newRow("NaN threshold as text")
            << withNaN << s("not JSON: illegal number at offset");
    }
    QTest::newRow("not an object") << QByteArray("[1, 2]") << s("the JSON is not an object");
    QTest::newRow("wrong format") << signedEdit(axis, s("format"), s("faultwatch-profile"))
                                  << s("not a FaultWatch model file: \"format\" is the string "
                                       "\"faultwatch-profile\", expected \"faultwatch-model\"");
    QTest::newRow("no format") << signedEdit(axis, s("format"), kRemove)
                               << s("\"format\" is missing");
    QTest::newRow("newer version") << signedEdit(axis, s("version"), 2)
                                   << s("unsupported model format version 2 (this build reads "
                                        "version 1 only)");
    QTest::newRow("fractional version")
        << signedEdit(axis, s("version"), 1.5) << s("version: expected an integer from 0 to");
    QTest::newRow("no version") << signedEdit(axis, s("version"), kRemove) << s("version: missing");
    QTest::newRow("edited value, old sha256")
        << unsignedEdit(axis, s("policy.threshold"), 0.9)
        << s("content does not match its sha256: the file was edited or damaged");
    QTest::newRow("edited threshold, old sha256")
        << unsignedEdit(axis, s("forest.trees.0.threshold.0"), 0.25)
        << s("content does not match its sha256");
    QTest::newRow("no sha256") << unsignedEdit(axis, s("sha256"), kRemove) << s("sha256: missing");
    QTest::newRow("missing member")
        << signedEdit(axis, s("policy"), kRemove) << s("policy: missing");
    QTest::newRow("missing nested member") << signedEdit(axis, s("forest.trees.0.size"), kRemove)
                                           << s("forest.trees[0].size: missing");
    QTest::newRow("wrongly typed member")
        << signedEdit(axis, s("policy.k"), s("3"))
        << s("policy.k: expected an integer from 1 to 2147483647, found the string \"3\"");
    QTest::newRow("object where an array belongs")
        << signedEdit(axis, s("calibration"), QJsonObject())
        << s("calibration: expected an array, found an object");
    QTest::newRow("child index out of range")
        << signedEdit(axis, s("forest.trees.3.right.0"), 900)
        << s("forest tree 3 node 0: right child 900 out of range (the tree has");
    QTest::newRow("leaf with one child") << signedEdit(axis, s("forest.trees.2.right.0"), -1)
                                         << s("forest tree 2 node 0: left child");
    QTest::newRow("fractional child index")
        << signedEdit(axis, s("forest.trees.0.left.0"), 2.5)
        << s("forest.trees[0].left[0]: expected an integer from -1 to 2147483647, found 2.5");
    QTest::newRow("huge child index")
        << signedEdit(axis, s("forest.trees.0.left.0"), 1e20)
        << s("forest.trees[0].left[0]: expected an integer from -1 to 2147483647, found 1e+20");
    QTest::newRow("negative node size") << signedEdit(axis, s("forest.trees.0.size.0"), -5)
                                        << s("forest.trees[0].size[0]: expected");
    QTest::newRow("null threshold")
        << signedEdit(axis, s("forest.trees.1.threshold.0"), QJsonValue(QJsonValue::Null))
        << s("forest.trees[1].threshold[0]: expected a finite number, found null");
    QTest::newRow("string threshold")
        << signedEdit(axis, s("forest.trees.1.threshold.0"), s("NaN"))
        << s("forest.trees[1].threshold[0]: expected a finite number, found the string \"NaN\"");
    QTest::newRow("cycle back to the root")
        << signedEdit(axis, s("forest.trees.0.right.0"), 0)
        << s("forest: tree 0 node 0: child 0 is one of its ancestors (cycle)");
    QTest::newRow("tree not an object") << signedEdit(axis, s("forest.trees.2"), 5)
                                        << s("forest.trees[2]: expected an object, found 5");
    QTest::newRow("unknown split") << signedEdit(axis, s("forest.split"), s("oblique"))
                                   << s("forest.split: expected one of \"axis\", \"hyperplane\"");
    {
        QJsonArray normal = at(hyper, s("forest.trees.4.normal")).toArray();
        normal.removeLast();
        QTest::newRow("short normal") << signedEdit(hyper, s("forest.trees.4.normal"), normal)
                                      << s("forest.trees[4].normal: has");
    }
    QTest::newRow("no normal in a hyperplane forest")
        << signedEdit(hyper, s("forest.trees.4.normal"), kRemove)
        << s("forest.trees[4].normal: missing");
    QTest::newRow("normal in an axis forest")
        << signedEdit(axis, s("forest.trees.4.normal"), QJsonArray{1.0})
        << s("forest.trees[4].normal: only hyperplane forests have normals");
    {
        QJsonArray calibration = at(axis, s("calibration")).toArray();
        const QJsonValue first = calibration.first();
        calibration[0] = calibration.last();
        calibration[calibration.size() - 1] = first;
        QTest::newRow("unsorted calibration")
            << signedEdit(axis, s("calibration"), calibration)
            << s("calibration: scores must be sorted ascending, but score 1");
    }
    QTest::newRow("empty calibration") << signedEdit(axis, s("calibration"), QJsonArray())
                                       << s("calibration scores must be non-empty");
    {
        QJsonArray channels = at(axis, s("channels")).toArray();
        channels.removeLast();
        QTest::newRow("fewer channels than guard entries")
            << signedEdit(axis, s("channels"), channels)
            << s("guard.channels: has 4 entries for 3 channels");
    }
    {
        QJsonObject scaler = at(axis, s("scaler")).toObject();
        QJsonArray centers = scaler.value(u"centers").toArray();
        QJsonArray scales = scaler.value(u"scales").toArray();
        centers.removeLast();
        scales.removeLast();
        scaler.insert(s("centers"), centers);
        scaler.insert(s("scales"), scales);
        QTest::newRow("scaler for fewer features")
            << signedEdit(axis, s("scaler"), scaler) << s("scaler has 15 features, the model 16");
        QTest::newRow("scaler sizes differ") << signedEdit(axis, s("scaler.centers"), centers)
                                             << s("scaler: 15 centers but 16 scales");
    }
    QTest::newRow("features for a different forest")
        << signedEdit(axis, s("features.windowed"), QJsonArray{s("mean")})
        << s("scaler has 16 features, the model 8");
    QTest::newRow("unknown windowed feature")
        << signedEdit(axis, s("features.windowed.1"), s("median"))
        << s("features.windowed[1]: unknown windowed feature \"median\"");
    QTest::newRow("windowed feature twice") << signedEdit(axis, s("features.windowed.1"), s("mean"))
                                            << s("features.windowed[1]: \"mean\" is listed twice");
    QTest::newRow("huge window") << signedEdit(axis, s("features.window"), 1e20)
                                 << s("features.window: expected an integer");
    QTest::newRow("limits not a pair")
        << signedEdit(axis, s("guard.channels.0.limits"), QJsonArray{1.0})
        << s("guard.channels[0].limits: expected [low, high] or null, found an array");
    QTest::newRow("null guard centre")
        << signedEdit(axis, s("guard.channels.0.center"), QJsonValue(QJsonValue::Null))
        << s("guard.channels[0].center: expected a finite number, found null");
    QTest::newRow("string jump bound")
        << signedEdit(axis, s("guard.channels.1.jump_high"), s("inf"))
        << s("guard.channels[1].jump_high: expected a finite number or null, found the string");
    QTest::newRow("guard low above high")
        << signedEdit(axis, s("guard.channels.0.low"), 1e6)
        << s("guard channel 0: bounds must be numbers with scale above 0 and low <= high");
    QTest::newRow("string guard bound")
        << signedEdit(axis, s("guard.channels.0.high"), s("inf"))
        << s("guard.channels[0].high: expected a finite number or null, found the string");
    QTest::newRow("guard flag not a bool") << signedEdit(axis, s("guard.channels.2.stuck_check"), 1)
                                           << s("guard.channels[2].stuck_check: expected true or "
                                                "false, found 1");
    QTest::newRow("policy threshold above 1")
        << signedEdit(axis, s("policy.threshold"), 1.5)
        << s("policy: threshold and levels must be in (0, 1]");
    QTest::newRow("huge row count") << signedEdit(axis, s("provenance.rows"), 1e300)
                                    << s("provenance.rows: expected an integer from 0 to "
                                         "9007199254740992, found 1e+300");
    QTest::newRow("duplicate channel ids") << signedEdit(axis, s("channels.1"), s("temperature"))
                                           << s("channel ids must be non-empty and unique");
}

void TestModelFile::corruptFileIsRefusedWithItsOwnMessage()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!modelFromJson(json, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestModelFile::loadErrorsNameThePath()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("missing.json"));
    QString error;
    QVERIFY(!loadModel(missing, &error));
    QVERIFY2(error.startsWith(missing + QStringLiteral(": cannot open")), qPrintable(error));

    const QString edited = dir.filePath(QStringLiteral("edited.json"));
    QFile file(edited);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(unsignedEdit(parsed(modelToJson(axisModel())), QStringLiteral("policy.k"), 4));
    file.close();
    QVERIFY(!loadModel(edited, &error));
    QCOMPARE(error, edited
                        + QStringLiteral(": content does not match its sha256: the file was "
                                         "edited or damaged"));
}

void TestModelFile::oversizedFileIsRefusedBeforeReading()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("huge.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize((qint64(256) << 20) + 1)); // sparse: costs no disk
    file.close();
    QString error;
    QVERIFY(!loadModel(path, &error));
    QCOMPARE(error, path + QStringLiteral(": larger than 256 MiB: not a model file"));
}

void TestModelFile::savingReplacesTheFileAndFailsCleanly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("model.json"));
    QString error;
    QVERIFY2(saveModel(axisModel(), path, &error), qPrintable(error));
    QVERIFY2(saveModel(hyperplaneModel(), path, &error), qPrintable(error));
    const std::optional<DetectorModel> loaded = loadModel(path, &error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(sameModel(*loaded, hyperplaneModel()));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("model.json")});

    const QString nowhere = dir.filePath(QStringLiteral("no/such/dir/model.json"));
    QVERIFY(!saveModel(axisModel(), nowhere, &error));
    QVERIFY2(error.startsWith(nowhere + QStringLiteral(": cannot write: ")), qPrintable(error));
}

void TestModelFile::modelChannelsMustMatchTheProfile_data()
{
    QTest::addColumn<QStringList>("profile");
    QTest::addColumn<bool>("fits");
    const QString t = QStringLiteral("temperature");
    const QString v = QStringLiteral("voltage");
    const QString x = QStringLiteral("vibration");
    const QString p = QStringLiteral("pressure");
    QTest::newRow("same ids, same order") << QStringList{t, v, x, p} << true;
    QTest::newRow("other order") << QStringList{v, t, x, p} << false;
    QTest::newRow("one missing") << QStringList{t, v, x} << false;
    QTest::newRow("one extra") << QStringList{t, v, x, p, QStringLiteral("current")} << false;
    QTest::newRow("one renamed") << QStringList{t, v, x, QStringLiteral("flow")} << false;
}

void TestModelFile::modelChannelsMustMatchTheProfile()
{
    QFETCH(QStringList, profile);
    QFETCH(bool, fits);
    QString error;
    QCOMPARE(checkModelChannels(axisModel(), profile, &error), fits);
    if (!fits) {
        QCOMPARE(error, QStringLiteral("the model's channels (temperature, voltage, vibration, "
                                       "pressure) differ from the profile's (%1): it was trained "
                                       "for other data")
                            .arg(profile.join(QStringLiteral(", "))));
    }
}

void TestModelFile::defaultModelPathIsModelPathVariable()
{
    const QByteArray saved = qgetenv("MODEL_PATH");
    const bool wasSet = qEnvironmentVariableIsSet("MODEL_PATH");
    qputenv("MODEL_PATH", "/var/lib/faultwatch/model.json");
    QCOMPARE(defaultModelPath(), QStringLiteral("/var/lib/faultwatch/model.json"));
    qunsetenv("MODEL_PATH");
    QCOMPARE(defaultModelPath(), QString());
    if (wasSet) {
        qputenv("MODEL_PATH", saved);
    }
}

QTEST_GUILESS_MAIN(TestModelFile)
#include "tst_modelfile.moc"
