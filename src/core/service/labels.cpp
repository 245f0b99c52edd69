#include "labels.h"

#include "telemetry/numberparse.h"

#include <QFile>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string_view>

namespace fw {

namespace {

double ratio(std::uint64_t numerator, std::uint64_t denominator)
{
    return denominator == 0 ? std::numeric_limits<double>::quiet_NaN()
                            : double(numerator) / double(denominator);
}

QJsonValue jsonRate(double value)
{
    return std::isnan(value) ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

std::vector<std::string_view> splitFields(std::string_view line)
{
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        fields.push_back(text::trimmed(line.substr(start, comma - start)));
        if (comma == std::string_view::npos) {
            return fields;
        }
        start = comma + 1;
    }
}

std::optional<LabelTrack> fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return std::nullopt;
}

} // namespace

void Confusion::add(bool alarm, bool anomalous)
{
    if (alarm) {
        ++(anomalous ? tp : fp);
    } else {
        ++(anomalous ? fn : tn);
    }
}

Confusion &Confusion::operator+=(const Confusion &other)
{
    tp += other.tp;
    fp += other.fp;
    fn += other.fn;
    tn += other.tn;
    return *this;
}

double Confusion::precision() const
{
    return ratio(tp, tp + fp);
}

double Confusion::recall() const
{
    return ratio(tp, tp + fn);
}

double Confusion::f1() const
{
    return ratio(2 * tp, 2 * tp + fn + fp);
}

double Confusion::falseAlarmRate() const
{
    return ratio(fp, fp + tn);
}

double Confusion::missedAlarmRate() const
{
    return ratio(fn, fn + tp);
}

QJsonObject Confusion::toJson() const
{
    return QJsonObject{
        {QStringLiteral("tp"), qint64(tp)},
        {QStringLiteral("fp"), qint64(fp)},
        {QStringLiteral("fn"), qint64(fn)},
        {QStringLiteral("tn"), qint64(tn)},
        {QStringLiteral("precision"), jsonRate(precision())},
        {QStringLiteral("recall"), jsonRate(recall())},
        {QStringLiteral("f1"), jsonRate(f1())},
        {QStringLiteral("far"), jsonRate(falseAlarmRate())},
        {QStringLiteral("mar"), jsonRate(missedAlarmRate())},
    };
}

std::optional<LabelTrack> readLabelsFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(error,
                    QStringLiteral("%1: cannot open labels: %2").arg(path, file.errorString()));
    }
    const QByteArray content = file.readAll();
    const std::string_view text(content.constData(), std::size_t(content.size()));
    LabelTrack track;
    std::size_t timeColumn = 0;
    std::size_t labelColumn = 0;
    bool haveHeader = false;
    std::size_t lineNumber = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        end = end == std::string_view::npos ? text.size() : end;
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (text::trimmed(line).empty()) {
            continue;
        }
        const std::vector<std::string_view> fields = splitFields(line);
        if (!haveHeader) {
            const auto t = std::find(fields.begin(), fields.end(), std::string_view("t"));
            const auto label = std::find(fields.begin(), fields.end(), std::string_view("label"));
            if (t == fields.end() || label == fields.end()) {
                return fail(error, QStringLiteral("%1:%2: not a labels file (expected a header "
                                                  "naming columns t and label)")
                                       .arg(path)
                                       .arg(lineNumber));
            }
            timeColumn = std::size_t(t - fields.begin());
            labelColumn = std::size_t(label - fields.begin());
            haveHeader = true;
            continue;
        }
        double t = 0;
        double label = 0;
        if (fields.size() <= std::max(timeColumn, labelColumn)
            || !text::parseDouble(fields[timeColumn], t) || !std::isfinite(t)
            || !text::parseDouble(fields[labelColumn], label) || (label != 0 && label != 1)) {
            return fail(error, QStringLiteral("%1:%2: expected a finite t and a label of 0 or 1")
                                   .arg(path)
                                   .arg(lineNumber));
        }
        track.t.push_back(t);
        track.anomalous.push_back(label != 0 ? 1 : 0);
    }
    if (track.t.empty()) {
        return fail(error, QStringLiteral("%1: no labels in it").arg(path));
    }
    if (!std::is_sorted(track.t.begin(), track.t.end())) {
        std::vector<std::size_t> order(track.size());
        std::iota(order.begin(), order.end(), std::size_t(0));
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return track.t[a] < track.t[b]; });
        LabelTrack sorted;
        for (const std::size_t i : order) {
            sorted.t.push_back(track.t[i]);
            sorted.anomalous.push_back(track.anomalous[i]);
        }
        track = std::move(sorted);
    }
    return track;
}

std::vector<double> labelsAt(const LabelTrack &labels, std::span<const double> times)
{
    double spacing = std::numeric_limits<double>::infinity();
    for (std::size_t i = 1; i < labels.size(); ++i) {
        const double gap = labels.t[i] - labels.t[i - 1];
        if (gap > 0) {
            spacing = std::min(spacing, gap);
        }
    }
    const double tolerance = std::isfinite(spacing) ? spacing / 2 : 0;
    std::vector<double> out(times.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < times.size(); ++i) {
        const double t = times[i];
        const auto next = std::lower_bound(labels.t.begin(), labels.t.end(), t);
        std::size_t best = labels.size();
        double distance = std::numeric_limits<double>::infinity();
        if (next != labels.t.end()) {
            best = std::size_t(next - labels.t.begin());
            distance = *next - t;
        }
        if (next != labels.t.begin() && t - *(next - 1) < distance) {
            best = std::size_t(next - labels.t.begin()) - 1;
            distance = t - *(next - 1);
        }
        if (best < labels.size() && (distance == 0 || distance < tolerance)) {
            out[i] = labels.anomalous[best];
        }
    }
    return out;
}

} // namespace fw
