#pragma once

#include "detect/alarmpolicy.h"
#include "detect/forecastcheck.h"
#include "detect/forestarrays.h"
#include "detect/isolationforest.h"
#include "detect/rangeguard.h"
#include "detect/relationcheck.h"
#include "detect/robustscaler.h"
#include "detect/windowfeatures.h"

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace fw::detect {

// Where a model came from, so an operator can tell two models apart and reproduce one.
struct TrainingProvenance
{
    std::string source;         // file name or stream the rows came from
    std::size_t rows = 0;       // training rows given
    std::size_t forestRows = 0; // complete rows the forest was grown from
    std::size_t calibrationRows = 0;
    double firstTime = 0; // source time of the first and last training row
    double lastTime = 0;
    std::string software; // faultwatch version that trained it
};

// Everything a running detector needs, and what a model file holds. Feature row layout is
// WindowFeatures': the raw channels, then one block per enabled windowed feature.
struct DetectorModel
{
    std::string profile;               // profile name the channels came from
    std::vector<std::string> channels; // channel ids, in input order
    int window = 0;                    // windowed features' W; 0 = raw channels only
    WindowFeatures::Flags windowFlags = 0;
    RobustScaler scaler; // one centre and scale per feature
    ForestArrays forest;
    std::vector<double> calibration; // scores of held-out nominal rows, sorted
    AlarmPolicyOptions policy;
    RangeGuardOptions guardOptions;
    std::vector<GuardChannel> guard; // one per channel
    RelationOptions relationOptions;
    std::vector<RelationChannel> relations; // one per channel, or none: no relation check
    ForecastOptions forecastOptions;
    std::vector<ForecastChannel> forecasts; // one per channel, or none: no forecast check
    TrainingProvenance provenance;

    [[nodiscard]] int channelCount() const { return int(channels.size()); }
    // Features per row the forest and the scaler expect.
    [[nodiscard]] int featureCount() const;
    // The channel a feature is derived from.
    [[nodiscard]] int channelOfFeature(int feature) const { return feature % channelCount(); }
};

struct DetectorTrainOptions
{
    IsolationForestParams forest;
    int window = 0; // windowed features over W samples; 0 = raw channels only
    WindowFeatures::Flags windowFlags = WindowFeatures::All;
    // Share of the training rows, taken from the end, held out to calibrate on, unless separate
    // calibration rows are given.
    double calibrationFraction = 0.5;
    // Persistence of the forest's evidence in seconds: confidence at the threshold on raiseS of
    // the last windowS seconds raises. Turned into the policy's k of m samples with the data's
    // rate, so a 50 Hz bench and a 1 Hz pump get the same 3-of-5-second rule; without a rate
    // the policy's k and m are used as they are.
    double raiseS = 3;
    double windowS = 5;
    // Whether the forest's confidence alone raises alarms (see Detector): off by default.
    bool forestRaises = false;
    AlarmPolicyOptions policy;
    RangeGuardOptions guard;
};

// Rows to train on, row-major, one value per channel; NaN marks a missing value.
struct TrainingData
{
    std::span<const double> rows;
    std::span<const double> calibrationRows; // optional: held-out nominal rows to calibrate on
    std::string profile;
    std::vector<std::string> channels;
    std::vector<std::optional<std::pair<double, double>>> limits; // empty, or one per channel
    std::vector<std::uint8_t> context; // empty, or one per channel: 1 for a context channel
    double rateHz = 0;                 // samples per second, 0 when not known
    TrainingProvenance provenance;     // source and times
};

// Trains features, scaler, forest, calibration and guard. The forest is grown from some rows and
// calibrated on the held-out rest (or on calibrationRows), so calibration scores are those of
// data the forest has not seen, as conformal p-values require. Rows with a missing
// value are left out of forest and calibration. Problems an operator should know about (a policy
// threshold that the calibration set is too small to ever reach) go to *warnings.
[[nodiscard]] std::optional<DetectorModel> trainDetector(const TrainingData &data,
                                                         const DetectorTrainOptions &options,
                                                         std::string *error,
                                                         std::vector<std::string> *warnings);

// Sets the values of context channels and of the channels the guard found with too little
// variety to their centre, as the forest sees them (a missing value stays missing): the forest
// judges the channels that are watched, and a context column's rare commands would otherwise
// look like anomalies.
void neutralizeLowVariety(const std::vector<GuardChannel> &guard, std::span<double> row);

// Checks a model for consistency (sizes, finite statistics, valid forest, sorted calibration,
// usable policy and guard); false with a message naming what is wrong.
[[nodiscard]] bool validateDetectorModel(const DetectorModel &model, std::string *error);

// Warnings about a valid model an operator should see when it is trained or loaded.
[[nodiscard]] std::vector<std::string> modelWarnings(const DetectorModel &model);

} // namespace fw::detect
