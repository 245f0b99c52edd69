#pragma once

#include "detect/detectormodel.h"
#include "service/recordingfile.h"
#include "telemetry/profile.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace fw {

// Trains a detector on decoded rows of a profile: the profile's alarm limits feed the guard, and
// the provenance names the source and its time span. rows and calibrationRows (optional) are
// row-major, one value per channel, NaN for missing; times holds one t per row.
[[nodiscard]] std::optional<detect::DetectorModel>
trainOnRows(const Profile &profile, std::span<const double> rows, std::span<const double> times,
            std::span<const double> calibrationRows, const QString &source,
            const detect::DetectorTrainOptions &options, QString *error,
            std::vector<std::string> *warnings);

struct TrainOptions
{
    QString input;
    QString calibrationInput; // empty: hold out options.calibrationFraction of input instead
    QString output;           // model file
    Profile profile;
    detect::DetectorTrainOptions detector;
};

struct TrainSummary
{
    std::size_t rows = 0; // decoded input rows
    DecodeCounts errors;  // the input's decoder: skipped lines by reason
    std::size_t calibrationFileRows = 0;
    detect::DetectorModel model;
    QString sha256;
    std::vector<std::string> warnings;

    [[nodiscard]] QJsonObject toJson(const TrainOptions &options) const;
};

// `faultwatch-cli train`: reads the recording (and the calibration recording), trains, and saves
// the model file. nullopt with a message naming the file and the problem in *error.
[[nodiscard]] std::optional<TrainSummary> runTrain(const TrainOptions &options, QString *error);

} // namespace fw
