#pragma once

#include "detect/detector.h"
#include "detect/detectormodel.h"
#include "service/labels.h"
#include "service/recordingfile.h"
#include "telemetry/profile.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fw {

struct ScoreOptions
{
    QString input;
    QString output; // results csv
    // The input's profile. nullopt: the loaded model's, when it is a built-in one; a profile is
    // required with trainRows.
    std::optional<Profile> profile;
    QString modelPath;         // the model to score with, unless trainRows > 0
    std::size_t trainRows = 0; // > 0: train on the first trainRows rows of input (SKAB protocol)
    detect::DetectorTrainOptions detector; // with trainRows
    QString labelsColumn;                  // ground truth from this column of input, or
    QString labelsPath;                    // from a `simulate --labels` file
};

struct ScoreSummary
{
    std::size_t rows = 0;           // decoded input rows = result rows
    std::size_t trainRows = 0;      // leading rows the model was trained on
    std::size_t scoredRows = 0;     // rows after those
    DecodeCounts errors;            // the input's decoder: skipped lines by reason
    std::uint64_t alarmRows = 0;    // scored rows with the alarm on
    std::uint64_t alarmsRaised = 0; // alarms raised in scored rows (episodes)
    bool labeled = false;
    std::uint64_t unlabeledRows = 0; // scored rows without ground truth, left out of the metrics
    Confusion confusion;             // scored, labeled rows
    QString profile;                 // the name of the profile the input was read with
    QString modelSha256;
    std::vector<std::string> warnings; // the model's (modelWarnings)

    [[nodiscard]] QJsonObject toJson(const ScoreOptions &options) const;
};

// Name of a severity in results and summaries: none, watch, warning, critical.
[[nodiscard]] QString severityName(detect::Severity severity);

// Writes results as csv: t,score,confidence,alarm,severity,attribution_<channel id>..., one row
// per sample in order. A NaN score or confidence (nothing could be scored) is an empty field.
[[nodiscard]] bool writeResults(const QString &path, const SampleBlock &samples,
                                const detect::DetectionResults &results,
                                const std::vector<std::string> &channels, QString *error);

// Point-wise confusion of the alarm column against labels (NaN = unlabeled, skipped; non-zero is
// anomalous) over rows [first, end). results may be a block of them whose first row is row
// `offset` of the labels.
[[nodiscard]] Confusion confusionOf(const detect::DetectionResults &results,
                                    const std::vector<double> &labels, std::size_t first,
                                    std::size_t offset = 0);

// `faultwatch-cli score`: reads the recording, trains on its first rows or loads the model,
// runs the detector over every row in order (training rows too, so that OUT lines up with the
// input and the windows and alarm state are warm when the scored part starts), writes the
// results and counts alarms against the labels.
//
// Metrics cover the rows after the training part only, as the SKAB leaderboard scores them:
// the forest has seen the training rows, so their scores say nothing about detection.
[[nodiscard]] std::optional<ScoreSummary> runScore(const ScoreOptions &options, QString *error);

} // namespace fw
