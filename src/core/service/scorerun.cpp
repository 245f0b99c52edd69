#include "scorerun.h"

#include "alarms/alarm.h"
#include "detect/modelfile.h"
#include "service/trainrun.h"
#include "telemetry/numberparse.h"

#include <QJsonArray>
#include <QSaveFile>

#include <cmath>
#include <deque>
#include <future>

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

namespace {

// The results csv, written a block of results at a time, each block formatted on a thread of
// its own while the detector goes on with the next one (on one core, formatting a row costs
// about a third of scoring it).
class ResultsFile
{
public:
    ResultsFile(const QString &path, const std::vector<std::string> &channels)
        : m_file(path)
        , m_width(channels.size())
    {
        for (int s = 0; s <= int(detect::Severity::Critical); ++s) {
            m_severities.push_back(severityName(detect::Severity(s)).toStdString());
        }
        for (int r = 0; r <= int(detect::AlarmReason::Relation); ++r) {
            m_reasons.push_back(reasonText(detect::AlarmReason(r)).toStdString());
        }
        m_ok = m_file.open(QIODevice::WriteOnly);
        std::string header = "t,score,confidence,alarm,severity";
        for (const std::string &channel : channels) {
            header += ",attribution_" + channel;
        }
        // Why the alarm is up, and the strongest finding of the checks on this row, so a row
        // can be traced to what raised it.
        header += ",reason,finding\n";
        write(header);
    }

    // Rows first, first + 1, ... of samples, whose results are `results`, formatted and written
    // on another thread; the block stays untouched until the next call, or finish().
    void appendAsync(const SampleBlock &samples, std::size_t first,
                     const detect::DetectionResults &results)
    {
        waitForPending();
        m_pending = std::async(std::launch::async, [this, &samples, first, &results] {
            std::string text;
            for (std::size_t row = 0; row < results.size(); ++row) {
                appendRow(text, samples.t(first + row), results, row);
                if (text.size() >= kWriteChunkBytes || row + 1 == results.size()) {
                    write(text);
                    text.clear();
                }
            }
        });
    }

    [[nodiscard]] bool finish(const QString &path, QString *error)
    {
        waitForPending();
        if (!m_ok || !m_file.commit()) {
            *error = QStringLiteral("%1: cannot write: %2").arg(path, m_file.errorString());
            return false;
        }
        return true;
    }

private:
    void waitForPending()
    {
        if (m_pending.valid()) {
            m_pending.get();
        }
    }

    void write(const std::string &text)
    {
        m_ok = m_ok && m_file.write(text.data(), qint64(text.size())) == qint64(text.size());
    }

    void appendRow(std::string &text, double t, const detect::DetectionResults &results,
                   std::size_t row) const
    {
        text::appendDouble(text, t);
        text += ',';
        appendValue(text, results.score[row]);
        text += ',';
        appendValue(text, results.confidence[row]);
        text += results.alarm[row] ? ",1," : ",0,";
        text += m_severities[std::size_t(results.severity[row])];
        for (std::size_t c = 0; c < m_width; ++c) {
            text += ',';
            appendValue(text, results.attribution[row * m_width + c]);
        }
        text += ',';
        text += m_reasons[std::size_t(results.reason[row])];
        text += ',';
        auto finding = detect::GuardFlag::Within;
        for (std::size_t c = 0; c < m_width && !results.guardFlags.empty(); ++c) {
            finding = std::max(finding, results.guardFlags[row * m_width + c]);
        }
        text += detect::guardFlagName(finding);
        text += '\n';
    }

    QSaveFile m_file;
    std::size_t m_width = 0;
    std::vector<std::string> m_severities;
    std::vector<std::string> m_reasons;
    bool m_ok = false; // written only by the thread that holds the file at the time
    std::future<void> m_pending;
};

// Rows scored in one block: enough to keep the formatting thread busy, few enough that the last
// block, formatted after scoring ends, is short.
constexpr std::size_t kBlockRows = 65536;

} // namespace

bool writeResults(const QString &path, const SampleBlock &samples,
                  const detect::DetectionResults &results, const std::vector<std::string> &channels,
                  QString *error)
{
    ResultsFile file(path, channels);
    file.appendAsync(samples, 0, results);
    return file.finish(path, error);
}

Confusion confusionOf(const detect::DetectionResults &results, const std::vector<double> &labels,
                      std::size_t first, std::size_t offset)
{
    Confusion confusion;
    for (std::size_t row = first > offset ? first - offset : 0;
         row < results.size() && offset + row < labels.size(); ++row) {
        if (!std::isnan(labels[offset + row])) {
            confusion.add(results.alarm[row] != 0, labels[offset + row] != 0);
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
    // Scored a block at a time; each block's results are written while the next is scored.
    const SampleBlock &samples = recording->samples;
    const auto width = std::size_t(samples.channelCount());
    std::deque<detect::DetectionResults> blocks;
    ResultsFile file(options.output, channels);
    for (std::size_t first = 0; first < samples.size(); first += kBlockRows) {
        const std::size_t count = std::min(kBlockRows, samples.size() - first);
        detect::DetectionResults &block = blocks.emplace_back();
        block.reserve(count);
        detector->process(std::span(samples.values()).subspan(first * width, count * width), block);
        file.appendAsync(samples, first, block);
    }
    if (!file.finish(options.output, error)) {
        return std::nullopt;
    }

    summary.rows = samples.size();
    summary.trainRows = options.trainRows;
    summary.scoredRows = summary.rows - summary.trainRows;
    summary.errors = recording->errors;
    summary.labeled = !recording->labels.empty();
    std::size_t offset = 0;
    for (const detect::DetectionResults &block : blocks) {
        for (std::size_t row = 0; row < block.size(); ++row) {
            const bool scored = offset + row >= summary.trainRows;
            summary.alarmRows += scored ? block.alarm[row] : 0;
            summary.alarmsRaised += scored ? block.raisedNow[row] : 0;
        }
        if (summary.labeled) {
            summary.confusion += confusionOf(block, recording->labels, summary.trainRows, offset);
        }
        offset += block.size();
    }
    if (summary.labeled) {
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
