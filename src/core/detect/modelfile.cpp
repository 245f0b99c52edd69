// The model file, format version 1. One JSON object; QJsonObject sorts keys, so member order is
// alphabetical in the file whatever the order below. Names are snake_case.
//
// {
//   "format": "faultwatch-model",
//   "version": 1,
//   "profile": "spacecraft",                       profile the channels came from
//   "channels": ["temperature", "voltage"],        channel ids, in input order
//   "features": {
//     "window": 30,                                windowed features' W; 0 = raw channels only
//     "windowed": ["mean", "stddev", "slope"]      enabled windowed features ([] when window is 0)
//   },
//   "scaler": { "centers": [..], "scales": [..] }, one per feature (channels × (1 + windowed))
//   "forest": {
//     "feature_count": 8, "sample_size": 256,
//     "split": "axis" | "hyperplane",
//     "path_length": "exact" | "sklearn",
//     "precision": "double" | "float32",
//     "trees": [ {                                 one object per tree, node 0 its root
//       "left": [..], "right": [..],               child indices within the tree, -1 at a leaf
//       "feature": [..],                           split feature, -1 at leaves and hyperplane nodes
//       "threshold": [..],                         split threshold or hyperplane offset
//       "size": [..],                              training rows that reached the node
//       "normal": [..]                             hyperplane only: feature_count values per node
//     } ]
//   },
//   "calibration": [..],                           held-out nominal scores, sorted ascending
//   "policy": { "threshold": 0.995, "k": 3, "m": 5, "warning": 0.999, "critical": 0.9999,
//               "forest_raises": false },          absent (older files): true
//   "guard": {
//     "window": 30, "k": 8,
//     "channels": [ { "center": .., "scale": .., "low": .. | null, "high": .. | null (no
//                     check on that side: the level drifted that way in training),
//                     "excluded": false,
//                     "exclusion_reason": "", "noise_high": .. | null (no noise check),
//                     "jump_high": .. | null (no jump check),
//                     "roughness_high": .. | null, "trend_high": .. | null (no such check;
//                     also when absent, as in files from before these checks),
//                     "stuck_check": true,
//                     "stuck_after": 30,           repeats that flag Stuck; 0 or absent: one window
//                     "dropout_check": true,
//                     "low_variety": false,        training barely moved it (false when absent)
//                     "settle": 0,                 samples before a calm new level is adopted,
//                                                  0: never (also when absent)
//                     "context": true,             a context channel, never flagged (absent:
//                                                  false)
//                     "commanded_by": [4, 5],      context channels this one's level follows
//                                                  (absent: none)
//                     "limits": [low, high] | null } ]
//   },
//   "relations": {                                 absent when training was too short for them
//     "block": 10, "lags": [0, 1, 2, ..], "self_lag": 25, "smooth": 10, "k": 1.5,
//     "channels": [ { "coefficients": [..],        intercept, other channels' lags, own lag
//                     "below": .. | null, "above": .. | null } ]   largest residuals, null: no
//                     check
//   },
//   "forecast": {                                  absent when training was too short for it
//     "block": 1, "lags": [1, 2, 3, 5, 10], "smooth": 10,
//     "channels": [ { "season": 98,                steps in the channel's cycle, 0: none
//                     "coefficients": [..],        intercept, own changes at lags, 3 seasonal
//                     "bound": .. | null } ]       smoothed absolute error that flags; null:
//                                                  not forecast (a context channel)
//   },
//   "provenance": { "source": "train.csv", "rows": 10000, "forest_rows": 5000,
//                   "calibration_rows": 5000, "first_time": .., "last_time": ..,
//                   "software": "0.1.0" },
//   "sha256": "…"                                  see below
// }
//
// "sha256" is the lower-case hex SHA-256 of the document without that member, serialised by
// QJsonDocument::Compact. It is checked on the parsed content, so re-indenting a file keeps it
// valid while any change of a value does not.
//
// Numbers: Qt writes the shortest text that parses back to the same double, so every finite
// value round-trips bit for bit, except that -0 is written as 0 (they compare equal everywhere a
// model uses them). JSON has no NaN or infinities: +inf is null where the format allows it
// (noise_high, jump_high, roughness_high, trend_high, a guard's high), -inf is null for a guard's
// low, and any other non-finite value is written as
// a string ("nan", "inf",
// "-inf") that loading refuses, so a file is never silently different from its model. saveModel()
// refuses to write such a model in the first place. Integers must be integral and in range.
//
// Unknown members are ignored; a change of meaning needs a new version.
#include "detect/modelfile.h"

#include "detect/modelfilereader.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QSaveFile>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace fw::detect {

namespace {

// A real model is a few MB (100 trees of ψ 256 with hyperplanes); anything this large is not one,
// and reading it would only exhaust memory.
constexpr qint64 kMaxModelBytes = qint64(256) << 20;

// --- Writing -------------------------------------------------------------------------------------

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

// A finite double as a number; anything else as a string loading refuses (see the top).
QJsonValue number(double v)
{
    if (std::isfinite(v)) {
        return v;
    }
    if (std::isnan(v)) {
        return QStringLiteral("nan");
    }
    return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
}

// An upper bound whose check can be off: +inf (no check) as null.
QJsonValue bound(double v)
{
    return std::isinf(v) && v > 0 ? QJsonValue(QJsonValue::Null) : number(v);
}

QJsonValue lowBound(double v)
{
    return std::isinf(v) && v < 0 ? QJsonValue(QJsonValue::Null) : number(v);
}

QJsonValue count(std::size_t v)
{
    return qint64(std::min<std::size_t>(v, std::size_t(kMaxModelCount)));
}

QJsonArray doubleArray(const double *begin, const double *end)
{
    QJsonArray out;
    for (const double *v = begin; v != end; ++v) {
        out.append(number(*v));
    }
    return out;
}

QJsonArray doubleArray(const std::vector<double> &values)
{
    return doubleArray(values.data(), values.data() + values.size());
}

QJsonArray intArray(const std::int32_t *begin, const std::int32_t *end)
{
    QJsonArray out;
    for (const std::int32_t *v = begin; v != end; ++v) {
        out.append(int(*v));
    }
    return out;
}

QJsonObject forestObject(const ForestArrays &a)
{
    QJsonObject forest;
    forest.insert(QStringLiteral("feature_count"), a.featureCount);
    forest.insert(QStringLiteral("sample_size"), a.sampleSize);
    forest.insert(QStringLiteral("split"), a.splitKind == SplitKind::Hyperplane
                                               ? QStringLiteral("hyperplane")
                                               : QStringLiteral("axis"));
    forest.insert(QStringLiteral("path_length"), a.pathLength == PathLengthFormula::ScikitLearn
                                                     ? QStringLiteral("sklearn")
                                                     : QStringLiteral("exact"));
    forest.insert(QStringLiteral("precision"), a.precision == InputPrecision::Float32
                                                   ? QStringLiteral("float32")
                                                   : QStringLiteral("double"));
    const auto slice = [](const auto &values, std::size_t begin, std::size_t end) {
        return std::pair(values.data() + begin, values.data() + end);
    };
    QJsonArray trees;
    for (int t = 0; t < a.treeCount(); ++t) {
        const auto begin = std::size_t(a.treeOffsets[std::size_t(t)]);
        const auto end = std::size_t(a.treeOffsets[std::size_t(t) + 1]);
        QJsonObject tree;
        const auto ints = [&](const std::vector<std::int32_t> &values) {
            const auto [first, last] = slice(values, begin, end);
            return intArray(first, last);
        };
        tree.insert(QStringLiteral("left"), ints(a.childLeft));
        tree.insert(QStringLiteral("right"), ints(a.childRight));
        tree.insert(QStringLiteral("feature"), ints(a.feature));
        tree.insert(QStringLiteral("size"), ints(a.nodeSize));
        const auto [first, last] = slice(a.threshold, begin, end);
        tree.insert(QStringLiteral("threshold"), doubleArray(first, last));
        if (a.splitKind == SplitKind::Hyperplane) {
            const auto d = std::size_t(a.featureCount);
            const auto [nFirst, nLast] = slice(a.normal, begin * d, end * d);
            tree.insert(QStringLiteral("normal"), doubleArray(nFirst, nLast));
        }
        trees.append(tree);
    }
    forest.insert(QStringLiteral("trees"), trees);
    return forest;
}

QJsonObject guardObject(const RangeGuardOptions &options, const std::vector<GuardChannel> &guard)
{
    QJsonArray channels;
    for (const GuardChannel &c : guard) {
        QJsonObject channel;
        channel.insert(QStringLiteral("center"), number(c.center));
        channel.insert(QStringLiteral("scale"), number(c.scale));
        channel.insert(QStringLiteral("low"), lowBound(c.low));
        channel.insert(QStringLiteral("high"), bound(c.high));
        channel.insert(QStringLiteral("excluded"), c.excluded);
        channel.insert(QStringLiteral("exclusion_reason"), qs(c.exclusionReason));
        channel.insert(QStringLiteral("noise_high"), bound(c.noiseHigh));
        channel.insert(QStringLiteral("jump_high"), bound(c.jumpHigh));
        channel.insert(QStringLiteral("roughness_high"), bound(c.roughnessHigh));
        channel.insert(QStringLiteral("trend_high"), bound(c.trendHigh));
        channel.insert(QStringLiteral("stuck_check"), c.stuckCheck);
        channel.insert(QStringLiteral("stuck_after"), c.stuckAfter);
        channel.insert(QStringLiteral("dropout_check"), c.dropoutCheck);
        channel.insert(QStringLiteral("low_variety"), c.lowVariety);
        channel.insert(QStringLiteral("settle"), c.settle);
        if (c.context) {
            channel.insert(QStringLiteral("context"), true);
        }
        if (!c.commandedBy.empty()) {
            QJsonArray commanding;
            for (const int k : c.commandedBy) {
                commanding.append(k);
            }
            channel.insert(QStringLiteral("commanded_by"), commanding);
        }
        if (c.limits) {
            channel.insert(QStringLiteral("limits"),
                           QJsonArray{number(c.limits->first), number(c.limits->second)});
        } else {
            channel.insert(QStringLiteral("limits"), QJsonValue(QJsonValue::Null));
        }
        channels.append(channel);
    }
    QJsonObject out;
    out.insert(QStringLiteral("window"), options.window);
    out.insert(QStringLiteral("k"), number(options.k));
    out.insert(QStringLiteral("channels"), channels);
    return out;
}

QJsonObject relationsObject(const RelationOptions &options,
                            const std::vector<RelationChannel> &relations)
{
    QJsonArray channels;
    for (const RelationChannel &c : relations) {
        channels.append(QJsonObject{{QStringLiteral("coefficients"), doubleArray(c.coefficients)},
                                    {QStringLiteral("below"), bound(c.below)},
                                    {QStringLiteral("above"), bound(c.above)}});
    }
    QJsonArray lags;
    for (const int lag : options.lags) {
        lags.append(lag);
    }
    return QJsonObject{
        {QStringLiteral("block"), options.block},      {QStringLiteral("lags"), lags},
        {QStringLiteral("self_lag"), options.selfLag}, {QStringLiteral("smooth"), options.smooth},
        {QStringLiteral("k"), number(options.k)},      {QStringLiteral("channels"), channels},
    };
}

QJsonObject forecastObject(const ForecastOptions &options,
                           const std::vector<ForecastChannel> &forecasts)
{
    QJsonArray channels;
    for (const ForecastChannel &c : forecasts) {
        channels.append(QJsonObject{{QStringLiteral("season"), c.season},
                                    {QStringLiteral("coefficients"), doubleArray(c.coefficients)},
                                    {QStringLiteral("bound"), bound(c.bound)}});
    }
    QJsonArray lags;
    for (const int lag : options.lags) {
        lags.append(lag);
    }
    return QJsonObject{
        {QStringLiteral("block"), options.block},
        {QStringLiteral("lags"), lags},
        {QStringLiteral("smooth"), options.smooth},
        {QStringLiteral("channels"), channels},
    };
}

// Everything but "sha256".
QJsonObject contentObject(const DetectorModel &model)
{
    QJsonObject root;
    root.insert(QStringLiteral("format"), QLatin1StringView(kModelFormatName));
    root.insert(QStringLiteral("version"), kModelFormatVersion);
    root.insert(QStringLiteral("profile"), qs(model.profile));

    QJsonArray channels;
    for (const std::string &id : model.channels) {
        channels.append(qs(id));
    }
    root.insert(QStringLiteral("channels"), channels);

    QJsonArray windowed;
    for (const WindowedFeatureName &w : kWindowedFeatureNames) {
        if ((model.windowFlags & w.flag) != 0) {
            windowed.append(QLatin1StringView(w.name));
        }
    }
    root.insert(QStringLiteral("features"), QJsonObject{{QStringLiteral("window"), model.window},
                                                        {QStringLiteral("windowed"), windowed}});

    root.insert(QStringLiteral("scaler"),
                QJsonObject{{QStringLiteral("centers"), doubleArray(model.scaler.centers())},
                            {QStringLiteral("scales"), doubleArray(model.scaler.scales())}});
    root.insert(QStringLiteral("forest"), forestObject(model.forest));
    root.insert(QStringLiteral("calibration"), doubleArray(model.calibration));

    const AlarmPolicyOptions &p = model.policy;
    root.insert(QStringLiteral("policy"),
                QJsonObject{
                    {QStringLiteral("threshold"), number(p.threshold)},
                    {QStringLiteral("k"), p.k},
                    {QStringLiteral("m"), p.m},
                    {QStringLiteral("warning"), number(p.warningLevel)},
                    {QStringLiteral("critical"), number(p.criticalLevel)},
                    {QStringLiteral("forest_raises"), p.forestRaises},
                    {QStringLiteral("chatter_doublings"), p.chatterDoublings},
                });
    root.insert(QStringLiteral("guard"), guardObject(model.guardOptions, model.guard));
    if (!model.relations.empty()) {
        root.insert(QStringLiteral("relations"),
                    relationsObject(model.relationOptions, model.relations));
    }
    if (!model.forecasts.empty()) {
        root.insert(QStringLiteral("forecast"),
                    forecastObject(model.forecastOptions, model.forecasts));
    }

    const TrainingProvenance &prov = model.provenance;
    root.insert(QStringLiteral("provenance"),
                QJsonObject{
                    {QStringLiteral("source"), qs(prov.source)},
                    {QStringLiteral("rows"), count(prov.rows)},
                    {QStringLiteral("forest_rows"), count(prov.forestRows)},
                    {QStringLiteral("calibration_rows"), count(prov.calibrationRows)},
                    {QStringLiteral("first_time"), number(prov.firstTime)},
                    {QStringLiteral("last_time"), number(prov.lastTime)},
                    {QStringLiteral("software"), qs(prov.software)},
                });
    return root;
}

QString sha256Of(const QJsonObject &content)
{
    const QByteArray compact = QJsonDocument(content).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(
        QCryptographicHash::hash(compact, QCryptographicHash::Sha256).toHex());
}

// Whether a file's content hashes to its sha256. A file as saveModel() writes it is the compact
// content with the sha256 member spliced in, so hashing its bytes without that member gives the
// hash of the compact content without serialising it again (most of the load time otherwise).
// Any other layout (a re-indented file) or a mismatch takes the re-serialisation, so a file is
// accepted exactly when its content, serialised compactly, hashes to its sha256 — or when its own
// bytes do, which pins the content just as well.
bool contentMatches(const QByteArray &json, const QJsonObject &content, const QString &sha)
{
    const QByteArray expected = sha.toLower().toLatin1();
    // Outside a string a bare quote ends it, so this text can only be a member named sha256.
    const QByteArrayView member(",\"sha256\":\"");
    const qsizetype at = json.lastIndexOf(member);
    const qsizetype end = at + member.size() + expected.size() + 1;
    if (at >= 0 && expected.size() == 64 && end <= json.size() && json.at(end - 1) == '"'
        && QByteArrayView(json)
                   .sliced(at + member.size(), 64)
                   .compare(expected, Qt::CaseInsensitive)
               == 0) {
        QByteArrayView rest = QByteArrayView(json).sliced(end);
        while (!rest.isEmpty()
               && (rest.back() == '\n' || rest.back() == ' ' || rest.back() == '\r'
                   || rest.back() == '\t')) {
            rest.chop(1);
        }
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(QByteArrayView(json).first(at));
        hash.addData(rest);
        if (hash.result().toHex() == expected) {
            return true;
        }
    }
    return sha256Of(content).toLatin1() == expected;
}

void setError(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
}

} // namespace

QByteArray modelToJson(const DetectorModel &model)
{
    QJsonObject root = contentObject(model);
    root.insert(QStringLiteral("sha256"), sha256Of(root));
    return QJsonDocument(root).toJson(QJsonDocument::Compact) + '\n';
}

QString modelSha256(const DetectorModel &model)
{
    return sha256Of(contentObject(model));
}

std::optional<DetectorModel> modelFromJson(const QByteArray &json, QString *error)
{
    if (json.size() > kMaxModelBytes) {
        setError(error,
                 QStringLiteral("larger than %1 MiB: not a model file").arg(kMaxModelBytes >> 20));
        return std::nullopt;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        setError(error, QStringLiteral("not JSON: %1 at offset %2")
                            .arg(parseError.errorString())
                            .arg(parseError.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        setError(error, QStringLiteral("not a FaultWatch model file: the JSON is not an object"));
        return std::nullopt;
    }
    QJsonObject root = document.object();
    QString sha;
    if (!readModelHeader(root, &sha, error)) {
        return std::nullopt;
    }
    root.remove(QLatin1StringView("sha256"));
    if (!contentMatches(json, root, sha)) {
        setError(error, QStringLiteral("content does not match its sha256: the file was edited or "
                                       "damaged"));
        return std::nullopt;
    }
    DetectorModel model;
    if (!readModelContent(root, &model, error)) {
        return std::nullopt;
    }
    std::string invalid;
    if (!validateDetectorModel(model, &invalid)) {
        setError(error, QString::fromStdString(invalid));
        return std::nullopt;
    }
    return model;
}

bool saveModel(const DetectorModel &model, const QString &path, QString *error)
{
    const QByteArray json = modelToJson(model);
    // Never write a file that loading would refuse: a bad model is reported now, not at the next
    // start of the console.
    QString invalid;
    if (!modelFromJson(json, &invalid)) {
        setError(error, QStringLiteral("%1: not saved: %2").arg(path, invalid));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        setError(error, QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

std::optional<DetectorModel> loadModel(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    const auto tooLarge = [&] {
        setError(error, QStringLiteral("%1: larger than %2 MiB: not a model file")
                            .arg(path)
                            .arg(kMaxModelBytes >> 20));
        return std::nullopt;
    };
    if (!file.isSequential() && file.size() > kMaxModelBytes) {
        return tooLarge();
    }
    // Read with a cap rather than readAll(): a pipe or device has no size to check up front.
    QByteArray json;
    if (!file.isSequential()) {
        json.reserve(file.size());
    }
    while (true) {
        const QByteArray chunk = file.read(qint64(1) << 20);
        if (chunk.isEmpty()) {
            break;
        }
        json += chunk;
        if (json.size() > kMaxModelBytes) {
            return tooLarge();
        }
    }
    if (file.error() != QFileDevice::NoError) {
        setError(error, QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    QString why;
    std::optional<DetectorModel> model = modelFromJson(json, &why);
    if (!model) {
        setError(error, QStringLiteral("%1: %2").arg(path, why));
    }
    return model;
}

bool checkModelChannels(const DetectorModel &model, const QStringList &profileChannelIds,
                        QString *error)
{
    QStringList modelIds;
    for (const std::string &id : model.channels) {
        modelIds.append(QString::fromStdString(id));
    }
    if (modelIds == profileChannelIds) {
        return true;
    }
    setError(error, QStringLiteral("the model's channels (%1) differ from the profile's (%2): it "
                                   "was trained for other data")
                        .arg(modelIds.join(QStringLiteral(", ")),
                             profileChannelIds.join(QStringLiteral(", "))));
    return false;
}

QString defaultModelPath()
{
    return qEnvironmentVariable("MODEL_PATH");
}

QString bundledModelPath(const QString &profileName, const QStringList &channelIds)
{
    const QString path = QStringLiteral(":/models/%1.json").arg(profileName);
    if (!QFile::exists(path)) {
        return {};
    }
    // The bundled model reads the built-in profile's channels; the built-in profile of the same
    // name lies beside it in the resources.
    QFile profile(QStringLiteral(":/profiles/%1.json").arg(profileName));
    if (!profile.open(QIODevice::ReadOnly)) {
        return {};
    }
    QStringList builtinIds;
    const QJsonArray channels
        = QJsonDocument::fromJson(profile.readAll()).object().value(u"channels").toArray();
    for (const QJsonValue &channel : channels) {
        builtinIds << channel.toObject().value(u"id").toString();
    }
    return builtinIds == channelIds ? path : QString();
}

} // namespace fw::detect
