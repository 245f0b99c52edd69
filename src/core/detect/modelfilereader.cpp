// Reading a parsed model file member by member; the layout is described in modelfile.cpp.
#include "detect/modelfilereader.h"

#include "detect/modelfile.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

namespace fw::detect {

namespace {

constexpr qint64 kInt32Max = std::numeric_limits<std::int32_t>::max();

QString memberPath(const QString &path, QLatin1StringView key)
{
    return path.isEmpty() ? QString(key) : path + u'.' + key;
}

QString elementPath(const QString &path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

QString shortest(double v)
{
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

// What a value is, for "expected X, found Y".
QString describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return shortest(v.toDouble());
    case QJsonValue::String:
        return QStringLiteral("the string \"%1\"").arg(v.toString().left(40));
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

bool isIntegerIn(const QJsonValue &v, qint64 min, qint64 max, qint64 *out)
{
    if (!v.isDouble()) {
        return false;
    }
    const double d = v.toDouble();
    // Both bounds are exact doubles (|bound| <= 2^53), so the comparisons are exact.
    if (!(d >= double(min) && d <= double(max)) || d != std::trunc(d)) {
        return false;
    }
    *out = qint64(d);
    return true;
}

// Reads members and array elements, setting *error to "<member path>: <what is wrong>" on the
// first problem. Paths are built only on failure: a forest has hundreds of thousands of values.
class Reader
{
public:
    explicit Reader(QString *error)
        : m_error(error)
    {}

    bool fail(const QString &where, const QString &what)
    {
        if (m_error) {
            *m_error = where.isEmpty() ? what : where + QStringLiteral(": ") + what;
        }
        return false;
    }

    bool expected(const QString &where, const QString &what, const QJsonValue &found)
    {
        return fail(where, QStringLiteral("expected %1, found %2").arg(what, describe(found)));
    }

    bool member(const QJsonObject &o, const QString &path, QLatin1StringView key, QJsonValue *out)
    {
        *out = o.value(key);
        if (out->isUndefined()) {
            return fail(memberPath(path, key), QStringLiteral("missing"));
        }
        return true;
    }

    bool object(const QJsonObject &o, const QString &path, QLatin1StringView key, QJsonObject *out)
    {
        QJsonValue v;
        if (!member(o, path, key, &v)) {
            return false;
        }
        if (!v.isObject()) {
            return expected(memberPath(path, key), QStringLiteral("an object"), v);
        }
        *out = v.toObject();
        return true;
    }

    bool array(const QJsonObject &o, const QString &path, QLatin1StringView key, QJsonArray *out)
    {
        QJsonValue v;
        if (!member(o, path, key, &v)) {
            return false;
        }
        if (!v.isArray()) {
            return expected(memberPath(path, key), QStringLiteral("an array"), v);
        }
        *out = v.toArray();
        return true;
    }

    bool string(const QJsonObject &o, const QString &path, QLatin1StringView key, QString *out)
    {
        QJsonValue v;
        if (!member(o, path, key, &v)) {
            return false;
        }
        if (!v.isString()) {
            return expected(memberPath(path, key), QStringLiteral("a string"), v);
        }
        *out = v.toString();
        return true;
    }

    bool string(const QJsonObject &o, const QString &path, QLatin1StringView key, std::string *out)
    {
        QString s;
        if (!string(o, path, key, &s)) {
            return false;
        }
        *out = s.toStdString();
        return true;
    }

    bool boolean(const QJsonObject &o, const QString &path, QLatin1StringView key, bool *out)
    {
        QJsonValue v;
        if (!member(o, path, key, &v)) {
            return false;
        }
        if (!v.isBool()) {
            return expected(memberPath(path, key), QStringLiteral("true or false"), v);
        }
        *out = v.toBool();
        return true;
    }

    bool finite(const QJsonValue &v, const QString &where, double *out)
    {
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            return expected(where, QStringLiteral("a finite number"), v);
        }
        *out = v.toDouble();
        return true;
    }

    bool finite(const QJsonObject &o, const QString &path, QLatin1StringView key, double *out)
    {
        QJsonValue v;
        return member(o, path, key, &v) && finite(v, memberPath(path, key), out);
    }

    // A bound whose check can be off: a finite number, or null for none (+inf, or -inf for a
    // lower bound).
    bool bound(const QJsonObject &o, const QString &path, QLatin1StringView key, double *out,
               double none = std::numeric_limits<double>::infinity())
    {
        QJsonValue v;
        if (!member(o, path, key, &v)) {
            return false;
        }
        if (v.isNull()) {
            *out = none;
            return true;
        }
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            return expected(memberPath(path, key), QStringLiteral("a finite number or null"), v);
        }
        *out = v.toDouble();
        return true;
    }

    // bound() for a member added after the format's first files: absent means no check.
    bool optionalBound(const QJsonObject &o, const QString &path, QLatin1StringView key,
                       double *out)
    {
        if (!o.contains(key)) {
            *out = std::numeric_limits<double>::infinity();
            return true;
        }
        return bound(o, path, key, out);
    }

    bool integer(const QJsonValue &v, const QString &where, qint64 min, qint64 max, qint64 *out)
    {
        if (!isIntegerIn(v, min, max, out)) {
            return expected(where, QStringLiteral("an integer from %1 to %2").arg(min).arg(max), v);
        }
        return true;
    }

    bool int32(const QJsonObject &o, const QString &path, QLatin1StringView key, qint64 min,
               int *out)
    {
        QJsonValue v;
        qint64 value = 0;
        if (!member(o, path, key, &v)
            || !integer(v, memberPath(path, key), min, kInt32Max, &value)) {
            return false;
        }
        *out = int(value);
        return true;
    }

    bool count(const QJsonObject &o, const QString &path, QLatin1StringView key, std::size_t *out)
    {
        QJsonValue v;
        qint64 value = 0;
        if (!member(o, path, key, &v)
            || !integer(v, memberPath(path, key), 0, kMaxModelCount, &value)) {
            return false;
        }
        *out = std::size_t(value);
        return true;
    }

    // Appends the elements of a number array to *out.
    bool doubles(const QJsonArray &a, const QString &path, std::vector<double> *out)
    {
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QJsonValue v = a.at(i);
            const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
            if (!v.isDouble() || !std::isfinite(d)) {
                return expected(elementPath(path, i), QStringLiteral("a finite number"), v);
            }
            out->push_back(d);
        }
        return true;
    }

    bool doubles(const QJsonObject &o, const QString &path, QLatin1StringView key,
                 std::vector<double> *out)
    {
        QJsonArray a;
        return array(o, path, key, &a) && doubles(a, memberPath(path, key), out);
    }

    // Appends the elements of an array of integers in [min, int32 max] to *out.
    bool int32s(const QJsonArray &a, const QString &path, qint64 min,
                std::vector<std::int32_t> *out)
    {
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QJsonValue v = a.at(i);
            qint64 value = 0;
            if (!isIntegerIn(v, min, kInt32Max, &value)) {
                return integer(v, elementPath(path, i), min, kInt32Max, &value);
            }
            out->push_back(std::int32_t(value));
        }
        return true;
    }

    bool strings(const QJsonArray &a, const QString &path, QStringList *out)
    {
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QJsonValue v = a.at(i);
            if (!v.isString()) {
                return expected(elementPath(path, i), QStringLiteral("a string"), v);
            }
            out->append(v.toString());
        }
        return true;
    }

    // A string member that must be one of `options`; *index is the position of the match.
    bool choice(const QJsonObject &o, const QString &path, QLatin1StringView key,
                std::initializer_list<QLatin1StringView> options, int *index)
    {
        QJsonValue v;
        if (!member(o, path, key, &v)) {
            return false;
        }
        int i = 0;
        QStringList quoted;
        for (const QLatin1StringView option : options) {
            if (v.isString() && v.toString() == option) {
                *index = i;
                return true;
            }
            quoted.append(QStringLiteral("\"%1\"").arg(option));
            ++i;
        }
        return expected(memberPath(path, key), QStringLiteral("one of ") + quoted.join(u", "), v);
    }

private:
    QString *m_error;
};

bool readFeatures(Reader &r, const QJsonObject &root, DetectorModel *model)
{
    const QString path = QStringLiteral("features");
    QJsonObject features;
    QJsonArray windowed;
    QStringList names;
    if (!r.object(root, {}, QLatin1StringView("features"), &features)
        || !r.int32(features, path, QLatin1StringView("window"), 0, &model->window)
        || !r.array(features, path, QLatin1StringView("windowed"), &windowed)
        || !r.strings(windowed, path + QStringLiteral(".windowed"), &names)) {
        return false;
    }
    model->windowFlags = 0;
    for (qsizetype i = 0; i < names.size(); ++i) {
        const auto *known = std::find_if(
            std::begin(kWindowedFeatureNames), std::end(kWindowedFeatureNames),
            [&](const WindowedFeatureName &w) { return names[i] == QLatin1StringView(w.name); });
        const QString where = elementPath(path + QStringLiteral(".windowed"), i);
        if (known == std::end(kWindowedFeatureNames)) {
            return r.fail(where, QStringLiteral("unknown windowed feature \"%1\" (known: mean, "
                                                "stddev, slope)")
                                     .arg(names[i]));
        }
        if ((model->windowFlags & known->flag) != 0) {
            return r.fail(where, QStringLiteral("\"%1\" is listed twice").arg(names[i]));
        }
        model->windowFlags |= known->flag;
    }
    return true;
}

bool readTree(Reader &r, const QJsonObject &tree, int t, ForestArrays *a)
{
    const QString path = QStringLiteral("forest.trees[%1]").arg(t);
    const std::size_t base = a->childLeft.size();
    QJsonArray left;
    QJsonArray right;
    QJsonArray feature;
    QJsonArray threshold;
    QJsonArray size;
    if (!r.array(tree, path, QLatin1StringView("left"), &left)
        || !r.array(tree, path, QLatin1StringView("right"), &right)
        || !r.array(tree, path, QLatin1StringView("feature"), &feature)
        || !r.array(tree, path, QLatin1StringView("threshold"), &threshold)
        || !r.array(tree, path, QLatin1StringView("size"), &size)) {
        return false;
    }
    const qsizetype n = left.size();
    if (n == 0) {
        return r.fail(path + QStringLiteral(".left"), QStringLiteral("a tree needs a root node"));
    }
    if (qint64(base) + n > kInt32Max) {
        return r.fail(path, QStringLiteral("the forest has more than %1 nodes").arg(kInt32Max));
    }
    const std::pair<QLatin1StringView, const QJsonArray *> others[] = {
        {QLatin1StringView("right"), &right},
        {QLatin1StringView("feature"), &feature},
        {QLatin1StringView("threshold"), &threshold},
        {QLatin1StringView("size"), &size},
    };
    for (const auto &[name, values] : others) {
        if (values->size() != n) {
            return r.fail(
                memberPath(path, name),
                QStringLiteral("has %1 entries, \"left\" has %2").arg(values->size()).arg(n));
        }
    }
    if (!r.int32s(left, path + QStringLiteral(".left"), -1, &a->childLeft)
        || !r.int32s(right, path + QStringLiteral(".right"), -1, &a->childRight)
        || !r.int32s(feature, path + QStringLiteral(".feature"), -1, &a->feature)
        || !r.doubles(threshold, path + QStringLiteral(".threshold"), &a->threshold)
        || !r.int32s(size, path + QStringLiteral(".size"), 0, &a->nodeSize)) {
        return false;
    }
    // Child ranges here rather than in validateForestArrays(), so that the message can say which
    // child of which node; the tree's shape (cycles, sharing, depth) is checked there.
    for (qsizetype i = 0; i < n; ++i) {
        const std::int32_t l = a->childLeft[base + std::size_t(i)];
        const std::int32_t rt = a->childRight[base + std::size_t(i)];
        if ((l == -1) == (rt == -1) && l < n && rt < n) {
            continue;
        }
        const QString where = QStringLiteral("forest tree %1 node %2").arg(t).arg(i);
        if ((l == -1) != (rt == -1)) {
            return r.fail(where, QStringLiteral("left child %1 and right child %2: a leaf has both "
                                                "-1, a split neither")
                                     .arg(l)
                                     .arg(rt));
        }
        const bool leftBad = l >= n;
        return r.fail(where, QStringLiteral("%1 child %2 out of range (the tree has %3 nodes)")
                                 .arg(leftBad ? QStringLiteral("left") : QStringLiteral("right"))
                                 .arg(leftBad ? l : rt)
                                 .arg(n));
    }
    const QJsonValue normal = tree.value(QLatin1StringView("normal"));
    if (a->splitKind == SplitKind::Hyperplane) {
        if (normal.isUndefined()) {
            return r.fail(path + QStringLiteral(".normal"), QStringLiteral("missing"));
        }
        if (!normal.isArray()) {
            return r.expected(path + QStringLiteral(".normal"), QStringLiteral("an array"), normal);
        }
        const QJsonArray values = normal.toArray();
        const qint64 expectedSize = qint64(n) * a->featureCount;
        if (values.size() != expectedSize) {
            return r.fail(path + QStringLiteral(".normal"),
                          QStringLiteral("has %1 values, expected %2 (feature_count per node)")
                              .arg(values.size())
                              .arg(expectedSize));
        }
        if (!r.doubles(values, path + QStringLiteral(".normal"), &a->normal)) {
            return false;
        }
    } else if (!normal.isUndefined()) {
        return r.fail(path + QStringLiteral(".normal"),
                      QStringLiteral("only hyperplane forests have normals"));
    }
    a->treeOffsets.push_back(std::int32_t(a->childLeft.size()));
    return true;
}

bool readForest(Reader &r, const QJsonObject &root, ForestArrays *a)
{
    const QString path = QStringLiteral("forest");
    QJsonObject forest;
    int split = 0;
    int pathLength = 0;
    int precision = 0;
    QJsonArray trees;
    if (!r.object(root, {}, QLatin1StringView("forest"), &forest)
        || !r.int32(forest, path, QLatin1StringView("feature_count"), 1, &a->featureCount)
        || !r.int32(forest, path, QLatin1StringView("sample_size"), 1, &a->sampleSize)
        || !r.choice(forest, path, QLatin1StringView("split"),
                     {QLatin1StringView("axis"), QLatin1StringView("hyperplane")}, &split)
        || !r.choice(forest, path, QLatin1StringView("path_length"),
                     {QLatin1StringView("exact"), QLatin1StringView("sklearn")}, &pathLength)
        || !r.choice(forest, path, QLatin1StringView("precision"),
                     {QLatin1StringView("double"), QLatin1StringView("float32")}, &precision)
        || !r.array(forest, path, QLatin1StringView("trees"), &trees)) {
        return false;
    }
    a->splitKind = split == 1 ? SplitKind::Hyperplane : SplitKind::AxisParallel;
    a->pathLength
        = pathLength == 1 ? PathLengthFormula::ScikitLearn : PathLengthFormula::ExactHarmonic;
    a->precision = precision == 1 ? InputPrecision::Float32 : InputPrecision::Double;
    if (trees.isEmpty()) {
        return r.fail(path + QStringLiteral(".trees"), QStringLiteral("the forest has no trees"));
    }
    a->treeOffsets.reserve(std::size_t(trees.size()) + 1);
    a->treeOffsets.push_back(0);
    for (qsizetype t = 0; t < trees.size(); ++t) {
        const QJsonValue tree = trees.at(t);
        if (!tree.isObject()) {
            return r.expected(elementPath(path + QStringLiteral(".trees"), t),
                              QStringLiteral("an object"), tree);
        }
        if (!readTree(r, tree.toObject(), int(t), a)) {
            return false;
        }
    }
    return true;
}

// Optional: which context channels a channel's level follows.
bool commandedBy(Reader &r, const QJsonObject &o, const QString &where, std::vector<int> *out)
{
    if (!o.contains(QLatin1StringView("commanded_by"))) {
        return true;
    }
    QJsonArray array;
    std::vector<std::int32_t> values;
    if (!r.array(o, where, QLatin1StringView("commanded_by"), &array)
        || !r.int32s(array, where + QStringLiteral(".commanded_by"), 0, &values)) {
        return false;
    }
    out->assign(values.begin(), values.end());
    return true;
}

// Files from before stuck_after flag Stuck after one window (0).
bool stuckAfter(Reader &r, const QJsonObject &o, const QString &where, int *out)
{
    if (!o.contains(QLatin1StringView("stuck_after"))) {
        *out = 0;
        return true;
    }
    return r.int32(o, where, QLatin1StringView("stuck_after"), 0, out);
}

bool readGuard(Reader &r, const QJsonObject &root, DetectorModel *model)
{
    const QString path = QStringLiteral("guard");
    QJsonObject guard;
    QJsonArray channels;
    if (!r.object(root, {}, QLatin1StringView("guard"), &guard)
        || !r.int32(guard, path, QLatin1StringView("window"), 1, &model->guardOptions.window)
        || !r.finite(guard, path, QLatin1StringView("k"), &model->guardOptions.k)
        || !r.array(guard, path, QLatin1StringView("channels"), &channels)) {
        return false;
    }
    model->guard.resize(std::size_t(channels.size()));
    for (qsizetype i = 0; i < channels.size(); ++i) {
        const QString where = elementPath(path + QStringLiteral(".channels"), i);
        const QJsonValue value = channels.at(i);
        if (!value.isObject()) {
            return r.expected(where, QStringLiteral("an object"), value);
        }
        const QJsonObject o = value.toObject();
        GuardChannel &c = model->guard[std::size_t(i)];
        QJsonValue limits;
        if (!r.finite(o, where, QLatin1StringView("center"), &c.center)
            || !r.finite(o, where, QLatin1StringView("scale"), &c.scale)
            || !r.bound(o, where, QLatin1StringView("low"), &c.low,
                        -std::numeric_limits<double>::infinity())
            || !r.bound(o, where, QLatin1StringView("high"), &c.high)
            || !r.boolean(o, where, QLatin1StringView("excluded"), &c.excluded)
            || !r.string(o, where, QLatin1StringView("exclusion_reason"), &c.exclusionReason)
            || !r.bound(o, where, QLatin1StringView("noise_high"), &c.noiseHigh)
            || !r.bound(o, where, QLatin1StringView("jump_high"), &c.jumpHigh)
            || !r.optionalBound(o, where, QLatin1StringView("roughness_high"), &c.roughnessHigh)
            || !r.optionalBound(o, where, QLatin1StringView("trend_high"), &c.trendHigh)
            || !r.boolean(o, where, QLatin1StringView("stuck_check"), &c.stuckCheck)
            || !stuckAfter(r, o, where, &c.stuckAfter)
            || !r.boolean(o, where, QLatin1StringView("dropout_check"), &c.dropoutCheck)
            || (o.contains(QLatin1StringView("low_variety"))
                && !r.boolean(o, where, QLatin1StringView("low_variety"), &c.lowVariety))
            || (o.contains(QLatin1StringView("settle"))
                && !r.int32(o, where, QLatin1StringView("settle"), 0, &c.settle))
            || (o.contains(QLatin1StringView("context"))
                && !r.boolean(o, where, QLatin1StringView("context"), &c.context))
            || !commandedBy(r, o, where, &c.commandedBy)
            || !r.member(o, where, QLatin1StringView("limits"), &limits)) {
            return false;
        }
        if (limits.isNull()) {
            c.limits.reset();
            continue;
        }
        const QJsonArray pair = limits.toArray();
        double low = 0;
        double high = 0;
        if (!limits.isArray() || pair.size() != 2) {
            return r.expected(where + QStringLiteral(".limits"),
                              QStringLiteral("[low, high] or null"), limits);
        }
        if (!r.finite(pair.at(0), where + QStringLiteral(".limits[0]"), &low)
            || !r.finite(pair.at(1), where + QStringLiteral(".limits[1]"), &high)) {
            return false;
        }
        c.limits = std::pair(low, high);
    }
    return true;
}

// Optional: files from before the relation check, and models trained too briefly, have none.
bool readRelations(Reader &r, const QJsonObject &root, DetectorModel *model)
{
    if (!root.contains(QLatin1StringView("relations"))) {
        return true;
    }
    const QString path = QStringLiteral("relations");
    QJsonObject relations;
    QJsonArray lags;
    QJsonArray channels;
    RelationOptions &options = model->relationOptions;
    if (!r.object(root, {}, QLatin1StringView("relations"), &relations)
        || !r.int32(relations, path, QLatin1StringView("block"), 1, &options.block)
        || !r.int32(relations, path, QLatin1StringView("self_lag"), 1, &options.selfLag)
        || !r.int32(relations, path, QLatin1StringView("smooth"), 1, &options.smooth)
        || !r.finite(relations, path, QLatin1StringView("k"), &options.k)
        || !r.array(relations, path, QLatin1StringView("lags"), &lags)
        || !r.array(relations, path, QLatin1StringView("channels"), &channels)) {
        return false;
    }
    std::vector<std::int32_t> lagValues;
    if (!r.int32s(lags, path + QStringLiteral(".lags"), 0, &lagValues)) {
        return false;
    }
    options.lags.assign(lagValues.begin(), lagValues.end());
    model->relations.resize(std::size_t(channels.size()));
    for (qsizetype i = 0; i < channels.size(); ++i) {
        const QString where = elementPath(path + QStringLiteral(".channels"), i);
        const QJsonValue value = channels.at(i);
        if (!value.isObject()) {
            return r.expected(where, QStringLiteral("an object"), value);
        }
        RelationChannel &c = model->relations[std::size_t(i)];
        if (!r.doubles(value.toObject(), where, QLatin1StringView("coefficients"), &c.coefficients)
            || !r.bound(value.toObject(), where, QLatin1StringView("below"), &c.below)
            || !r.bound(value.toObject(), where, QLatin1StringView("above"), &c.above)) {
            return false;
        }
    }
    return true;
}

// Optional: files from before the forecast check, and models trained too briefly, have none.
bool readForecast(Reader &r, const QJsonObject &root, DetectorModel *model)
{
    if (!root.contains(QLatin1StringView("forecast"))) {
        return true;
    }
    const QString path = QStringLiteral("forecast");
    QJsonObject forecast;
    QJsonArray lags;
    QJsonArray channels;
    ForecastOptions &options = model->forecastOptions;
    if (!r.object(root, {}, QLatin1StringView("forecast"), &forecast)
        || !r.int32(forecast, path, QLatin1StringView("block"), 1, &options.block)
        || !r.int32(forecast, path, QLatin1StringView("smooth"), 1, &options.smooth)
        || !r.array(forecast, path, QLatin1StringView("lags"), &lags)
        || !r.array(forecast, path, QLatin1StringView("channels"), &channels)) {
        return false;
    }
    std::vector<std::int32_t> lagValues;
    if (!r.int32s(lags, path + QStringLiteral(".lags"), 1, &lagValues)) {
        return false;
    }
    options.lags.assign(lagValues.begin(), lagValues.end());
    model->forecasts.resize(std::size_t(channels.size()));
    for (qsizetype i = 0; i < channels.size(); ++i) {
        const QString where = elementPath(path + QStringLiteral(".channels"), i);
        const QJsonValue value = channels.at(i);
        if (!value.isObject()) {
            return r.expected(where, QStringLiteral("an object"), value);
        }
        ForecastChannel &c = model->forecasts[std::size_t(i)];
        if (!r.int32(value.toObject(), where, QLatin1StringView("season"), 0, &c.season)
            || !r.doubles(value.toObject(), where, QLatin1StringView("coefficients"),
                          &c.coefficients)
            || !r.bound(value.toObject(), where, QLatin1StringView("bound"), &c.bound)) {
            return false;
        }
    }
    return true;
}

bool readContent(Reader &r, const QJsonObject &root, DetectorModel *model)
{
    QJsonArray channels;
    QStringList ids;
    if (!r.string(root, {}, QLatin1StringView("profile"), &model->profile)
        || !r.array(root, {}, QLatin1StringView("channels"), &channels)
        || !r.strings(channels, QStringLiteral("channels"), &ids)) {
        return false;
    }
    for (const QString &id : ids) {
        model->channels.push_back(id.toStdString());
    }
    if (!readFeatures(r, root, model)) {
        return false;
    }

    const QString scalerPath = QStringLiteral("scaler");
    QJsonObject scaler;
    std::vector<double> centers;
    std::vector<double> scales;
    if (!r.object(root, {}, QLatin1StringView("scaler"), &scaler)
        || !r.doubles(scaler, scalerPath, QLatin1StringView("centers"), &centers)
        || !r.doubles(scaler, scalerPath, QLatin1StringView("scales"), &scales)) {
        return false;
    }
    if (centers.size() != scales.size()) {
        return r.fail(
            scalerPath,
            QStringLiteral("%1 centers but %2 scales").arg(centers.size()).arg(scales.size()));
    }
    model->scaler = RobustScaler(std::move(centers), std::move(scales));

    if (!readForest(r, root, &model->forest)
        || !r.doubles(root, {}, QLatin1StringView("calibration"), &model->calibration)) {
        return false;
    }
    const std::vector<double> &calibration = model->calibration;
    const auto unsorted = std::is_sorted_until(calibration.begin(), calibration.end());
    if (unsorted != calibration.end()) {
        const auto i = std::distance(calibration.begin(), unsorted);
        return r.fail(QStringLiteral("calibration"),
                      QStringLiteral("scores must be sorted ascending, but score %1 (%2) is below "
                                     "the one before it (%3)")
                          .arg(i)
                          .arg(shortest(*unsorted), shortest(*(unsorted - 1))));
    }

    const QString policyPath = QStringLiteral("policy");
    QJsonObject policy;
    AlarmPolicyOptions &p = model->policy;
    if (!r.object(root, {}, QLatin1StringView("policy"), &policy)
        || !r.finite(policy, policyPath, QLatin1StringView("threshold"), &p.threshold)
        || !r.int32(policy, policyPath, QLatin1StringView("k"), 1, &p.k)
        || !r.int32(policy, policyPath, QLatin1StringView("m"), 1, &p.m)
        || !r.finite(policy, policyPath, QLatin1StringView("warning"), &p.warningLevel)
        || !r.finite(policy, policyPath, QLatin1StringView("critical"), &p.criticalLevel)
        || (policy.contains(QLatin1StringView("forest_raises"))
            && !r.boolean(policy, policyPath, QLatin1StringView("forest_raises"),
                          &p.forestRaises))) {
        return false;
    }
    // Files from before the chatter rule clear after m clean samples, as they always did.
    p.chatterDoublings = 0;
    if (policy.contains(QLatin1StringView("chatter_doublings"))
        && !r.int32(policy, policyPath, QLatin1StringView("chatter_doublings"), 0,
                    &p.chatterDoublings)) {
        return false;
    }
    if (!readGuard(r, root, model) || !readRelations(r, root, model)
        || !readForecast(r, root, model)) {
        return false;
    }
    if (model->guard.size() != model->channels.size()) {
        return r.fail(QStringLiteral("guard.channels"),
                      QStringLiteral("has %1 entries for %2 channels")
                          .arg(model->guard.size())
                          .arg(model->channels.size()));
    }

    const QString provPath = QStringLiteral("provenance");
    QJsonObject provenance;
    TrainingProvenance &prov = model->provenance;
    return r.object(root, {}, QLatin1StringView("provenance"), &provenance)
           && r.string(provenance, provPath, QLatin1StringView("source"), &prov.source)
           && r.count(provenance, provPath, QLatin1StringView("rows"), &prov.rows)
           && r.count(provenance, provPath, QLatin1StringView("forest_rows"), &prov.forestRows)
           && r.count(provenance, provPath, QLatin1StringView("calibration_rows"),
                      &prov.calibrationRows)
           && r.finite(provenance, provPath, QLatin1StringView("first_time"), &prov.firstTime)
           && r.finite(provenance, provPath, QLatin1StringView("last_time"), &prov.lastTime)
           && r.string(provenance, provPath, QLatin1StringView("software"), &prov.software);
}

} // namespace

bool readModelHeader(const QJsonObject &root, QString *sha, QString *error)
{
    Reader r(error);
    const QJsonValue format = root.value(QLatin1StringView("format"));
    const QLatin1StringView formatName(kModelFormatName);
    if (!format.isString() || format.toString() != formatName) {
        return r.fail({},
                      QStringLiteral("not a FaultWatch model file: \"format\" is %1, expected "
                                     "\"%2\"")
                          .arg(format.isUndefined() ? QStringLiteral("missing") : describe(format),
                               formatName));
    }
    // The version comes before anything else: a newer file may be laid out (and hashed)
    // differently, and "unsupported version" is the message its reader needs.
    QJsonValue version;
    qint64 versionNumber = 0;
    if (!r.member(root, {}, QLatin1StringView("version"), &version)
        || !r.integer(version, QStringLiteral("version"), 0, kInt32Max, &versionNumber)) {
        return false;
    }
    if (versionNumber != kModelFormatVersion) {
        return r.fail({}, QStringLiteral("unsupported model format version %1 (this build reads "
                                         "version %2 only)")
                              .arg(versionNumber)
                              .arg(kModelFormatVersion));
    }
    return r.string(root, {}, QLatin1StringView("sha256"), sha);
}

bool readModelContent(const QJsonObject &root, DetectorModel *model, QString *error)
{
    Reader r(error);
    return readContent(r, root, model);
}

} // namespace fw::detect
