#include "scorerun.h"

#include "alarms/alarm.h"
#include "detect/modelfile.h"
#include "service/trainrun.h"
#include "telemetry/numberparse.h"

#include <QJsonArray>
#include <QSaveFile>

#include <cmath>

namespace fw {

namespace {

constexpr std::size_t kWriteChunkBytes = 1 << 20;

template<typename T>
std::optional<T> fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return std::nullopt;
}

void appendValue(std::string &out, double value)
{
    if (!std::isnan(value)) {
        text::appendDouble(out, value);
    }
}

// A loaded model and the profile to read the input with: the one given, else the model's.
struct LoadedModel
{
    detect::DetectorModel model;
    Profile profile;
};

std::optional<LoadedModel> loadModelAndProfile(const ScoreOptions &options, QString *error)
{
    auto model = detect::loadModel(options.modelPath, error);
    if (!model) {
        return std::nullopt;
    }
    std::optional<Profile> profile = options.profile;
    if (!profile) {
        const QString name = QString::fromStdString(model->profile);
        if (!Profile::builtinNames().contains(name)) {
            return fail<LoadedModel>(error, QStringLiteral("%1: trained with profile '%2', which "
                                                           "is not built in; give --profile")
                                                .arg(options.modelPath, name));
        }
        profile = Profile::load(name, error);
        if (!profile) {
            return std::nullopt;
        }
    }
    QString message;
    if (!detect::checkModelChannels(*model, profile->channelIds(), &message)) {
        return fail<LoadedModel>(error, QStringLiteral("%1: %2").arg(options.modelPath, message));
    }
    return LoadedModel{std::move(*model), std::move(*profile)};
}

// Trains on the leading rows of the recording, the SKAB way.
std::optional<detect::DetectorModel> trainOnLeadingRows(const ScoreOptions &options,
                                                        const Profile &profile,
                                                        const Recording &recording, QString *error,
                                                        std::vector<std::string> *warnings)
{
    const std::size_t rows = recording.samples.size();
    if (options.trainRows >= rows) {
        return fail<detect::DetectorModel>(
            error, QStringLiteral("%1: --train-rows %2 leaves nothing to score: the file has %3 "
                                  "rows")
                       .arg(options.input)
                       .arg(options.trainRows)
                       .arg(rows));
    }
    const auto width = std::size_t(profile.channelCount());
    const std::span<const double> values = recording.samples.values();
    const std::span<const double> times = recording.samples.times();
    return trainOnRows(profile, values.first(options.trainRows * width),
                       times.first(options.trainRows), {}, options.input, options.detector, error,
                       warnings);
}

} // namespace

QString severityName(detect::Severity severity)
{
    switch (severity) {
    case detect::Severity::None:
        return QStringLiteral("none");
    case detect::Severity::Watch:
        return QStringLiteral("watch");
    case detect::Severity::Warning:
        return QStringLiteral("warning");
    case detect::Severity::Critical:
        return QStringLiteral("critical");
    }
    return QStringLiteral("unknown");
}

bool writeResults(const QString &path, const SampleBlock &samples,
                  const detect::DetectionResults &results, const std::vector<std::string> &channels,
                  QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    std::string text = "t,score,confidence,alarm,severity";
    for (const std::string &channel : channels) {
        text += ",attribution_" + channel;
    }
    // Why the alarm is up, and the strongest finding of the checks on this row, so a row can be
    // traced to what raised it.
    text += ",reason,finding\n";
    std::vector<std::string> severities;
    for (int s = 0; s <= int(detect::Severity::Critical); ++s) {
        severities.push_back(severityName(detect::Severity(s)).toStdString());
    }
    const std::size_t width = channels.size();
    for (std::size_t row = 0; row < results.size(); ++row) {
        text::appendDouble(text, samples.t(row));
        text += ',';
        appendValue(text, results.score[row]);
        text += ',';
        appendValue(text, results.confidence[row]);
        text += results.alarm[row] ? ",1," : ",0,";
        text += severities[std::size_t(results.severity[row])];
        for (std::size_t c = 0; c < width; ++c) {
            text += ',';
            appendValue(text, results.attribution[row * width + c]);
        }
        text += ',';
        text += reasonText(results.reason[row]).toStdString();
        text += ',';
        auto finding = detect::GuardFlag::Within;
        for (std::size_t c = 0; c < width && !results.guardFlags.empty(); ++c) {
            finding = std::max(finding, results.guardFlags[row * width + c]);
        }
        text += detect::guardFlagName(finding);
        text += '\n';
        if (text.size() >= kWriteChunkBytes || row + 1 == results.size()) {
            if (file.write(text.data(), qint64(text.size())) != qint64(text.size())) {
                break;
            }
            text.clear();
        }
    }
    if (!file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

Confusion confusionOf(const detect::DetectionResults &results, const std::vector<double> &labels,
                      std::size_t first)
{
    Confusion confusion;
    for (std::size_t row = first; row < results.size() && row < labels.size(); ++row) {
        if (!std::isnan(labels[row])) {
            confusion.add(results.alarm[row] != 0, labels[row] != 0);
        }
    }
    return confusion;
}

std::optional<ScoreSummary> runScore(const ScoreOptions &options, QString *error)
{
    ScoreSummary summary;
    std::optional<detect::DetectorModel> model;
    std::optional<Profile> profile = options.profile;
    if (options.trainRows == 0) {
        auto loaded = loadModelAndProfile(options, error);
        if (!loaded) {
            return std::nullopt;
        }
        model = std::move(loaded->model);
        profile = std::move(loaded->profile);
        summary.warnings = detect::modelWarnings(*model);
    } else if (!profile) {
        return fail<ScoreSummary>(error, QStringLiteral("training needs a profile"));
    }
    auto recording = readRecording(options.input, *profile, options.labelsColumn, error);
    if (!recording) {
        return std::nullopt;
    }
    if (!options.labelsPath.isEmpty()) {
        const auto track = readLabelsFile(options.labelsPath, error);
        if (!track) {
            return std::nullopt;
        }
        recording->labels = labelsAt(*track, recording->samples.times());
    }
    if (options.trainRows > 0) {
        model = trainOnLeadingRows(options, *profile, *recording, error, &summary.warnings);
        if (!model) {
            return std::nullopt;
        }
    }
    summary.profile = profile->name;
    summary.modelSha256 = detect::modelSha256(*model);
    const std::vector<std::string> channels = model->channels;
    std::string message;
    auto detector = detect::Detector::create(std::move(*model), &message);
    if (!detector) {
        return fail<ScoreSummary>(
            error, QStringLiteral("%1: unusable model: %2")
                       .arg(options.trainRows > 0 ? options.input : options.modelPath,
                            QString::fromStdString(message)));
    }
    detect::DetectionResults results;
    results.reserve(recording->samples.size());
    detector->process(recording->samples.values(), results);
    if (!writeResults(options.output, recording->samples, results, channels, error)) {
        return std::nullopt;
    }

    summary.rows = results.size();
    summary.trainRows = options.trainRows;
    summary.scoredRows = summary.rows - summary.trainRows;
    summary.errors = recording->errors;
    for (std::size_t row = summary.trainRows; row < summary.rows; ++row) {
        summary.alarmRows += results.alarm[row];
        summary.alarmsRaised += results.raisedNow[row];
    }
    summary.labeled = !recording->labels.empty();
    if (summary.labeled) {
        summary.confusion = confusionOf(results, recording->labels, summary.trainRows);
        summary.unlabeledRows = summary.scoredRows - summary.confusion.total();
    }
    return summary;
}

QJsonObject ScoreSummary::toJson(const ScoreOptions &options) const
{
    QJsonObject json{
        {QStringLiteral("input"), options.input},
        {QStringLiteral("output"), options.output},
        {QStringLiteral("profile"), profile},
        {QStringLiteral("model_sha256"), modelSha256},
        {QStringLiteral("rows"), qint64(rows)},
        {QStringLiteral("train_rows"), qint64(trainRows)},
        {QStringLiteral("scored_rows"), qint64(scoredRows)},
        {QStringLiteral("skipped_lines"), qint64(skippedCount(errors))},
        {QStringLiteral("skipped"), skippedJson(errors)},
        {QStringLiteral("alarm_rows"), qint64(alarmRows)},
        {QStringLiteral("alarms"), qint64(alarmsRaised)},
    };
    if (labeled) {
        json.insert(QStringLiteral("labeled_rows"), qint64(confusion.total()));
        json.insert(QStringLiteral("unlabeled_rows"), qint64(unlabeledRows));
        const QJsonObject metrics = confusion.toJson();
        for (auto it = metrics.begin(); it != metrics.end(); ++it) {
            json.insert(it.key(), it.value());
        }
    }
    return json;
}

} // namespace fw
