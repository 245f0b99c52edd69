#include "trainrun.h"

#include "detect/modelfile.h"
#include "detect/trainingminimum.h"

#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>

namespace fw {

std::optional<detect::DetectorModel>
trainOnRows(const Profile &profile, std::span<const double> rows, std::span<const double> times,
            std::span<const double> calibrationRows, const QString &source,
            const detect::DetectorTrainOptions &options, QString *error,
            std::vector<std::string> *warnings)
{
    detect::TrainingData data;
    data.rows = rows;
    data.calibrationRows = calibrationRows;
    data.profile = profile.name.toStdString();
    data.rateHz = profile.rateHz; // alarm persistence is set in seconds
    for (const Channel &channel : profile.channels) {
        data.channels.push_back(channel.id.toStdString());
        data.limits.push_back(
            channel.alarm ? std::optional(std::pair(channel.alarm->low, channel.alarm->high))
                          : std::nullopt);
        data.context.push_back(channel.context ? 1 : 0);
    }
    // The file name, not the path: the same data trains the same bytes wherever it lies.
    data.provenance.source = QFileInfo(source).fileName().toStdString();
    if (!times.empty()) {
        data.provenance.firstTime = times.front();
        data.provenance.lastTime = times.back();
    }
    data.provenance.software = FW_VERSION;
    std::string message;
    auto model = detect::trainDetector(data, options, &message, warnings);
    const std::size_t width = std::max<std::size_t>(1, profile.channels.size());
    const std::string shortfall = detect::trainingShortfall(
        rows.size() / width, times.empty() ? 0.0 : times.back() - times.front(), profile.rateHz);
    if (model && warnings && !shortfall.empty()) {
        warnings->push_back(shortfall);
    }
    if (!model && error) {
        *error
            = QStringLiteral("%1: cannot train: %2").arg(source, QString::fromStdString(message));
    }
    return model;
}

std::optional<TrainSummary> runTrain(const TrainOptions &options, QString *error)
{
    const auto input = readRecording(options.input, options.profile, QString(), error);
    if (!input) {
        return std::nullopt;
    }
    std::optional<Recording> calibration;
    if (!options.calibrationInput.isEmpty()) {
        calibration = readRecording(options.calibrationInput, options.profile, QString(), error);
        if (!calibration) {
            return std::nullopt;
        }
    }
    TrainSummary summary;
    summary.rows = input->samples.size();
    summary.errors = input->errors;
    summary.calibrationFileRows = calibration ? calibration->samples.size() : 0;
    auto model = trainOnRows(options.profile, input->samples.values(), input->samples.times(),
                             calibration ? std::span<const double>(calibration->samples.values())
                                         : std::span<const double>(),
                             options.input, options.detector, error, &summary.warnings);
    if (!model) {
        return std::nullopt;
    }
    summary.model = std::move(*model);
    if (!detect::saveModel(summary.model, options.output, error)) {
        return std::nullopt;
    }
    summary.sha256 = detect::modelSha256(summary.model);
    return summary;
}

QJsonObject TrainSummary::toJson(const TrainOptions &options) const
{
    QJsonArray warningList;
    for (const std::string &warning : warnings) {
        warningList.append(QString::fromStdString(warning));
    }
    const detect::IsolationForestParams &forest = options.detector.forest;
    return QJsonObject{
        {QStringLiteral("input"), options.input},
        {QStringLiteral("output"), options.output},
        {QStringLiteral("profile"), options.profile.name},
        {QStringLiteral("rows"), qint64(rows)},
        {QStringLiteral("skipped_lines"), qint64(skippedCount(errors))},
        {QStringLiteral("skipped"), skippedJson(errors)},
        {QStringLiteral("channels"), model.channelCount()},
        {QStringLiteral("features"), model.featureCount()},
        {QStringLiteral("trees"), forest.treeCount},
        {QStringLiteral("sample_size"), model.forest.sampleSize},
        {QStringLiteral("forest_rows"), qint64(model.provenance.forestRows)},
        {QStringLiteral("calibration_rows"), qint64(model.provenance.calibrationRows)},
        {QStringLiteral("threshold"), model.policy.threshold},
        {QStringLiteral("sha256"), sha256},
        {QStringLiteral("warnings"), warningList},
    };
}

} // namespace fw
