#include "detect/detectormodel.h"

#include "detect/calibration.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <set>
#include <sstream>

namespace fw::detect {

namespace {

// Longest alarm-policy window accepted from a file: a k-of-m rule over more samples than this
// is a typo, and the policy allocates m entries.
constexpr int kMaxPolicyWindow = 100000;
// Longest feature or guard window accepted from a file, for the same reason.
constexpr int kMaxWindow = 1000000;

bool fail(std::string *error, const std::string &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

bool allFinite(std::span<const double> values)
{
    return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

bool rowComplete(std::span<const double> row)
{
    return std::none_of(row.begin(), row.end(), [](double v) { return std::isnan(v); });
}

// Raw rows to feature rows, with a fresh window per stream.
std::vector<double> featureRows(std::span<const double> rows, int channels, int window,
                                WindowFeatures::Flags flags)
{
    if (window <= 0) {
        return {rows.begin(), rows.end()};
    }
    return WindowFeatures::extract(rows, channels, window, flags);
}

std::vector<double> forestInputs(std::span<const double> rows,
                                 const std::vector<GuardChannel> &guard)
{
    std::vector<double> out(rows.begin(), rows.end());
    const std::size_t width = guard.size();
    for (std::size_t at = 0; at + width <= out.size(); at += width) {
        neutralizeLowVariety(guard, std::span(out).subspan(at, width));
    }
    return out;
}

std::string number(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

} // namespace

void neutralizeLowVariety(const std::vector<GuardChannel> &guard, std::span<double> row)
{
    for (std::size_t c = 0; c < guard.size(); ++c) {
        if ((guard[c].lowVariety || guard[c].context) && !std::isnan(row[c])) {
            row[c] = guard[c].center;
        }
    }
}

int DetectorModel::featureCount() const
{
    if (window <= 0) {
        return channelCount();
    }
    return channelCount() * (1 + std::popcount(windowFlags & WindowFeatures::All));
}

std::optional<DetectorModel> trainDetector(const TrainingData &data,
                                           const DetectorTrainOptions &options, std::string *error,
                                           std::vector<std::string> *warnings)
{
    const int channels = int(data.channels.size());
    const auto width = std::size_t(std::max(channels, 1));
    if (channels < 1) {
        fail(error, "no channels to train on");
        return std::nullopt;
    }
    if (data.rows.empty() || data.rows.size() % width != 0
        || data.calibrationRows.size() % width != 0) {
        fail(error, "training rows must hold one value per channel");
        return std::nullopt;
    }
    if (!data.limits.empty() && data.limits.size() != width) {
        fail(error, "limits need one entry per channel");
        return std::nullopt;
    }
    if (!data.context.empty() && data.context.size() != width) {
        fail(error, "context flags need one entry per channel");
        return std::nullopt;
    }
    if (std::count(data.context.begin(), data.context.end(), 0) == 0 && !data.context.empty()) {
        fail(error, "every channel is context: nothing to watch");
        return std::nullopt;
    }
    if (options.window < 0 || options.window > kMaxWindow
        || (options.window > 0 && (options.windowFlags & WindowFeatures::All) == 0)) {
        fail(error, "window must be 0 (raw channels only) or up to " + std::to_string(kMaxWindow)
                        + " samples with at least one windowed feature");
        return std::nullopt;
    }
    if (!(options.raiseS > 0 && options.windowS > 0)) {
        fail(error, "alarm persistence must be above 0 s");
        return std::nullopt;
    }
    const bool separateCalibration = !data.calibrationRows.empty();
    const double fraction = options.calibrationFraction;
    if (!separateCalibration && !(fraction > 0 && fraction < 1)) {
        fail(error, "calibration fraction must be above 0 and below 1");
        return std::nullopt;
    }

    DetectorModel model;
    model.profile = data.profile;
    model.channels = data.channels;
    model.window = options.window;
    model.windowFlags = options.window > 0 ? (options.windowFlags & WindowFeatures::All) : 0;
    model.policy = options.policy;
    model.policy.forestRaises = options.forestRaises;
    if (data.rateHz > 0 && std::isfinite(data.rateHz)) {
        const auto samples = [&](double seconds) {
            return int(std::clamp(std::lround(seconds * data.rateHz), 1L, long(kMaxPolicyWindow)));
        };
        model.policy.m = samples(options.windowS);
        model.policy.k = std::min(samples(options.raiseS), model.policy.m);
    }
    model.guardOptions = options.guard;
    const auto features = std::size_t(model.featureCount());

    const std::size_t rowCount = data.rows.size() / width;
    try {
        model.guard = RangeGuard::fit(data.rows, channels, options.guard, data.limits, data.context)
                          .channelInfo();
    } catch (const std::invalid_argument &e) {
        fail(error, e.what());
        return std::nullopt;
    }

    // The forest sees channels training barely moved at their centre: below the guard's floor
    // their differences are resolution, not information, and a forest would isolate any value
    // it had not seen.
    std::vector<double> trainFeatures = featureRows(forestInputs(data.rows, model.guard), channels,
                                                    model.window, model.windowFlags);
    std::vector<double> calibrationFeatures;
    if (separateCalibration) {
        calibrationFeatures = featureRows(forestInputs(data.calibrationRows, model.guard), channels,
                                          model.window, model.windowFlags);
    } else {
        // The tail. When the data moves slowly (a battery discharging) the calibration rows hold
        // states the forest has not seen; their higher scores make confidences err on the quiet
        // side, which was better on every data set tried than interleaving the two.
        const auto held = std::size_t(std::lround(fraction * double(rowCount)));
        const std::size_t forestEnd = rowCount - std::min(held, rowCount);
        calibrationFeatures.assign(trainFeatures.begin() + std::ptrdiff_t(forestEnd * features),
                                   trainFeatures.end());
        trainFeatures.resize(forestEnd * features);
    }

    // Statistics and trees from the forest's rows only, so the calibration rows stay unseen.
    model.scaler = RobustScaler::fit(trainFeatures, features);
    const auto completeScaled = [&](std::vector<double> &rows) {
        std::vector<double> kept;
        kept.reserve(rows.size());
        for (std::size_t r = 0; r < rows.size() / features; ++r) {
            std::span<double> row(rows.data() + r * features, features);
            model.scaler.transform(row);
            if (rowComplete(row)) {
                kept.insert(kept.end(), row.begin(), row.end());
            }
        }
        return kept;
    };
    const std::vector<double> forestRows = completeScaled(trainFeatures);
    const std::vector<double> calibrationRows = completeScaled(calibrationFeatures);
    if (forestRows.size() / features < 2) {
        fail(error, "need at least 2 complete rows to grow the forest from, have "
                        + std::to_string(forestRows.size() / features));
        return std::nullopt;
    }
    if (calibrationRows.empty()) {
        fail(error, "no complete rows left to calibrate on");
        return std::nullopt;
    }
    std::optional<IsolationForest> forest
        = IsolationForest::train(forestRows, int(features), options.forest, error);
    if (!forest) {
        return std::nullopt;
    }
    std::vector<double> scores(calibrationRows.size() / features);
    forest->scoreBatch(calibrationRows, scores);
    std::sort(scores.begin(), scores.end());
    model.forest = forest->arrays();
    model.calibration = std::move(scores);

    // Relations need hours of a channel's company to learn; short training goes without.
    if (std::optional<RelationCheck> relations
        = RelationCheck::fit(data.rows, channels, data.rateHz, nullptr)) {
        model.relationOptions = relations->options();
        model.relations = relations->channels();
    }

    // A forecast needs a few hundred steps; a recording shorter than that goes without.
    if (std::optional<ForecastCheck> forecast
        = ForecastCheck::fit(data.rows, channels, data.rateHz, nullptr, data.context)) {
        model.forecastOptions = forecast->options();
        model.forecasts = forecast->channels();
    }

    model.provenance = data.provenance;
    model.provenance.rows = rowCount;
    model.provenance.forestRows = forestRows.size() / features;
    model.provenance.calibrationRows = model.calibration.size();
    if (!validateDetectorModel(model, error)) {
        return std::nullopt;
    }
    if (warnings) {
        *warnings = modelWarnings(model);
    }
    return model;
}

bool validateDetectorModel(const DetectorModel &model, std::string *error)
{
    const int channels = model.channelCount();
    if (channels < 1) {
        return fail(error, "model has no channels");
    }
    std::set<std::string> seen;
    for (const std::string &id : model.channels) {
        if (id.empty() || !seen.insert(id).second) {
            return fail(error, "channel ids must be non-empty and unique ('" + id + "')");
        }
    }
    if (model.window < 0 || model.window > kMaxWindow
        || (model.windowFlags & ~unsigned(WindowFeatures::All)) != 0
        || (model.window > 0) != (model.windowFlags != 0)) {
        return fail(error, "features: window must be 0 without windowed features, or 1 to "
                               + std::to_string(kMaxWindow) + " with some");
    }
    const auto features = std::size_t(model.featureCount());
    if (model.scaler.features() != features || model.scaler.scales().size() != features) {
        return fail(error, "scaler has " + std::to_string(model.scaler.features())
                               + " features, the model " + std::to_string(features));
    }
    const auto &scales = model.scaler.scales();
    if (!allFinite(model.scaler.centers()) || !allFinite(scales)
        || std::any_of(scales.begin(), scales.end(), [](double s) { return s <= 0; })) {
        return fail(error, "scaler centres and scales must be finite, scales above 0");
    }
    if (model.forest.featureCount != int(features)) {
        return fail(error, "forest has " + std::to_string(model.forest.featureCount)
                               + " features, the model " + std::to_string(features));
    }
    std::string forestError;
    if (!validateForestArrays(model.forest, &forestError)) {
        return fail(error, "forest: " + forestError);
    }
    if (model.calibration.empty() || !allFinite(model.calibration)
        || !std::is_sorted(model.calibration.begin(), model.calibration.end())) {
        return fail(error, "calibration scores must be non-empty, finite and sorted ascending");
    }
    const AlarmPolicyOptions &p = model.policy;
    const auto level = [](double v) {
        return v > 0 && v <= 1;
    };
    if (!level(p.threshold) || !level(p.warningLevel) || !level(p.criticalLevel) || p.k < 1
        || p.m < p.k || p.m > kMaxPolicyWindow) {
        return fail(error, "policy: threshold and levels must be in (0, 1] and 1 <= k <= m <= "
                               + std::to_string(kMaxPolicyWindow));
    }
    if (p.chatterDoublings < 0 || p.chatterDoublings > AlarmPolicy::kMaxChatterDoublings) {
        return fail(error, "policy: chatter_doublings must be 0 to "
                               + std::to_string(AlarmPolicy::kMaxChatterDoublings));
    }
    if (model.guard.size() != std::size_t(channels)) {
        return fail(error, "guard has " + std::to_string(model.guard.size())
                               + " channels, the model " + std::to_string(channels));
    }
    if (model.guardOptions.window > kMaxWindow) {
        return fail(error, "guard window above " + std::to_string(kMaxWindow));
    }
    std::string why;
    if (!RangeGuard::fromChannels(model.guardOptions, model.guard, &why)) {
        return fail(error, why);
    }
    if (!model.relations.empty()) {
        if (model.relations.size() != std::size_t(channels)) {
            return fail(error, "relations have " + std::to_string(model.relations.size())
                                   + " channels, the model " + std::to_string(channels));
        }
        if (!RelationCheck::fromStored(model.relationOptions, model.relations, &why)) {
            return fail(error, why);
        }
    }
    if (!model.forecasts.empty()) {
        if (model.forecasts.size() != std::size_t(channels)) {
            return fail(error, "forecasts have " + std::to_string(model.forecasts.size())
                                   + " channels, the model " + std::to_string(channels));
        }
        if (!ForecastCheck::fromStored(model.forecastOptions, model.forecasts, &why)) {
            return fail(error, why);
        }
    }
    return true;
}

std::vector<std::string> modelWarnings(const DetectorModel &model)
{
    std::vector<std::string> warnings;
    const Calibration calibration(model.calibration);
    if (!calibration.canReach(model.policy.threshold)) {
        const double threshold = model.policy.threshold;
        const auto needed = std::size_t(std::ceil(threshold / (1 - threshold) - 1e-9));
        warnings.push_back("confidence threshold " + number(threshold) + " needs at least "
                           + std::to_string(needed) + " calibration rows, the model has "
                           + std::to_string(calibration.size())
                           + ": the forest alone can never raise an alarm (train on more rows "
                             "or a larger calibration fraction)");
    }
    for (std::size_t c = 0; c < model.guard.size(); ++c) {
        const GuardChannel &guard = model.guard[c];
        if (guard.lowVariety) {
            warnings.push_back("channel " + model.channels[c]
                               + " had too little variety in training to judge (it moved by less "
                                 "than 1 % of its size): changes under 1 % of its size are not "
                                 "judged, the forest leaves it out, and a new level it holds "
                                 "calmly for "
                               + std::to_string(guard.settle) + " samples becomes its level");
            continue;
        }
        const bool noLow = std::isinf(guard.low);
        const bool noHigh = std::isinf(guard.high);
        if (guard.excluded || (noLow && noHigh)) {
            warnings.push_back("channel " + model.channels[c]
                               + " has no nominal-range check: " + guard.exclusionReason);
        } else if (noLow || noHigh) {
            warnings.push_back("channel " + model.channels[c] + " has no "
                               + (noLow ? "lower" : "upper")
                               + " nominal-range bound: " + guard.exclusionReason);
        }
    }
    return warnings;
}

} // namespace fw::detect
