#pragma once

#include "detect/alarmpolicy.h"
#include "detect/attribution.h"
#include "detect/calibration.h"
#include "detect/detectormodel.h"
#include "detect/forecastcheck.h"
#include "detect/isolationforest.h"
#include "detect/rangeguard.h"
#include "detect/relationcheck.h"
#include "detect/windowfeatures.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace fw::detect {

// Per-sample results as a struct of arrays, appended to by Detector::process().
struct DetectionResults
{
    int channels = 0;
    std::vector<double> score;      // forest score in (0, 1]; NaN when nothing could be scored
    std::vector<double> confidence; // 1 − conformal p; NaN when nothing could be scored
    std::vector<std::uint8_t> alarm;
    std::vector<Severity> severity;
    std::vector<AlarmReason> reason;
    std::vector<std::uint8_t> raisedNow;
    std::vector<std::uint8_t> clearedNow;
    std::vector<double> attribution;   // rows × channels; shares sum to 1 when anomalous, else 0
    std::vector<GuardFlag> guardFlags; // rows × channels

    [[nodiscard]] std::size_t size() const { return score.size(); }
    void clear();
    void reserve(std::size_t rows);
};

// The running detector: features, scaler, forest, calibration, guard and alarm policy over a
// stream of raw rows. Streaming state (windows, alarm hysteresis) lives here, so one Detector
// follows one stream; the model is immutable and may be shared.
//
// The forest raises alarms only when at least two channels that varied in training feed it: on
// one channel, isolation measures no more than how rare a value is, which the guard's range
// judges with a stated bound, and a forest alarms on every rarely visited nominal level (on
// NASA SMAP's single channels it added 2 of 67 events found for 134 false alarm episodes). Its
// score and confidence are reported either way.
//
// A sample is "anomalous" when its confidence reaches the policy threshold, the guard flags a
// channel, or an alarm is active. Only then is attribution computed: guard findings name their
// channels (equal shares among the flagged ones); while an alarm the guard raised stays up, its
// channels stay named on samples the forest finds unremarkable; otherwise each channel gets its
// share of the forest's isolation (see attribution.h).
class Detector
{
public:
    // Validates the model; nullopt with a message in *error when it is not usable. Detectors of
    // one shared model (one per stream) share its arrays instead of copying them.
    [[nodiscard]] static std::optional<Detector> create(std::shared_ptr<const DetectorModel> model,
                                                        std::string *error);
    [[nodiscard]] static std::optional<Detector> create(DetectorModel model, std::string *error);

    // Appends one result per row of channelCount() raw values (NaN = missing). Scores complete
    // rows in batches, so it is faster per sample than one call per row.
    void process(std::span<const double> rows, DetectionResults &out);
    // Forgets the stream: windows, guard runs and any active alarm.
    void reset();

    [[nodiscard]] const DetectorModel &model() const { return *m_model; }
    [[nodiscard]] const IsolationForest &forest() const { return m_forest; }
    [[nodiscard]] const Calibration &calibration() const { return m_calibration; }
    [[nodiscard]] int channelCount() const { return m_model->channelCount(); }
    [[nodiscard]] bool alarmActive() const { return m_policy.active(); }

private:
    Detector(std::shared_ptr<const DetectorModel> model, IsolationForest forest, RangeGuard guard,
             std::optional<RelationCheck> relations, std::optional<ForecastCheck> forecast);

    void featuresOf(std::span<const double> row, std::span<double> out);
    void finishRow(std::span<const double> row, std::span<const double> features, double score,
                   DetectionResults &out);

    std::shared_ptr<const DetectorModel> m_model;
    IsolationForest m_forest;
    Calibration m_calibration;
    RangeGuard m_guard;
    std::optional<RelationCheck> m_relations;
    std::optional<ForecastCheck> m_forecast;
    AlarmPolicy m_policy;
    Attribution m_attribution;
    std::optional<WindowFeatures> m_window;
    std::vector<double> m_features;    // scratch: a batch of feature rows
    std::vector<double> m_scores;      // scratch: their scores
    std::vector<double> m_shares;      // scratch: one row of attribution
    std::vector<double> m_guardShares; // the guard's latest shares while an alarm is up
    std::vector<double> m_forestRow;   // scratch: a raw row as the forest sees it
    bool m_anyLowVariety = false;
    bool m_forestRaises = true; // at least two channels with variety feed the forest
};

} // namespace fw::detect
