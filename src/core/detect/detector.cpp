#include "detect/detector.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <utility>

namespace fw::detect {

namespace {

// Rows scored together by process(): enough to amortise batch scoring, few enough to stay in L2.
constexpr std::size_t kBatchRows = 1024;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool allMissing(std::span<const double> row)
{
    return std::all_of(row.begin(), row.end(), [](double v) { return std::isnan(v); });
}

} // namespace

void DetectionResults::clear()
{
    score.clear();
    confidence.clear();
    alarm.clear();
    severity.clear();
    reason.clear();
    raisedNow.clear();
    clearedNow.clear();
    attribution.clear();
    guardFlags.clear();
}

void DetectionResults::reserve(std::size_t rows)
{
    score.reserve(rows);
    confidence.reserve(rows);
    alarm.reserve(rows);
    severity.reserve(rows);
    reason.reserve(rows);
    raisedNow.reserve(rows);
    clearedNow.reserve(rows);
    attribution.reserve(rows * std::size_t(channels));
    guardFlags.reserve(rows * std::size_t(channels));
}

std::optional<Detector> Detector::create(DetectorModel model, std::string *error)
{
    return create(std::make_shared<const DetectorModel>(std::move(model)), error);
}

std::optional<Detector> Detector::create(std::shared_ptr<const DetectorModel> model,
                                         std::string *error)
{
    if (!model) {
        if (error) {
            *error = "no model";
        }
        return std::nullopt;
    }
    if (!validateDetectorModel(*model, error)) {
        return std::nullopt;
    }
    std::optional<IsolationForest> forest = IsolationForest::fromArrays(model->forest, error);
    std::optional<RangeGuard> guard
        = forest ? RangeGuard::fromChannels(model->guardOptions, model->guard, error)
                 : std::nullopt;
    if (!guard) {
        return std::nullopt;
    }
    std::optional<RelationCheck> relations;
    if (!model->relations.empty()) {
        relations = RelationCheck::fromStored(model->relationOptions, model->relations, error);
        if (!relations) {
            return std::nullopt;
        }
    }
    std::optional<ForecastCheck> forecast;
    if (!model->forecasts.empty()) {
        forecast = ForecastCheck::fromStored(model->forecastOptions, model->forecasts, error);
        if (!forecast) {
            return std::nullopt;
        }
    }
    return Detector(std::move(model), std::move(*forest), std::move(*guard), std::move(relations),
                    std::move(forecast));
}

Detector::Detector(std::shared_ptr<const DetectorModel> model, IsolationForest forest,
                   RangeGuard guard, std::optional<RelationCheck> relations,
                   std::optional<ForecastCheck> forecast)
    : m_model(std::move(model))
    // Shared by the copies a fleet makes, one per stream: immutable, and most of the memory.
    , m_forest(std::make_shared<const IsolationForest>(std::move(forest)))
    , m_calibration(std::make_shared<const Calibration>(m_model->calibration))
    , m_guard(std::move(guard))
    , m_relations(std::move(relations))
    , m_forecast(std::move(forecast))
    , m_policy(m_model->policy)
{
    const DetectorModel &m = *m_model;
    std::vector<int> featureChannel(std::size_t(m.featureCount()));
    for (std::size_t f = 0; f < featureChannel.size(); ++f) {
        featureChannel[f] = m.channelOfFeature(int(f));
    }
    // The model's own arrays, kept alive by the model: no copy of the trees.
    m_attribution = Attribution(std::shared_ptr<const ForestArrays>(m_model, &m.forest),
                                std::move(featureChannel), m.channelCount());
    if (m.window > 0) {
        m_window.emplace(m.channelCount(), m.window, m.windowFlags);
    }
    m_shares.resize(std::size_t(m.channelCount()));
    m_forestRow.resize(std::size_t(m.channelCount()));
    m_anyLowVariety = std::any_of(m.guard.begin(), m.guard.end(),
                                  [](const GuardChannel &g) { return g.lowVariety || g.context; });
}

void Detector::reset()
{
    if (m_window) {
        m_window->reset();
    }
    m_guard.reset();
    if (m_relations) {
        m_relations->reset();
    }
    if (m_forecast) {
        m_forecast->reset();
    }
    m_policy.reset();
    m_guardShares.clear();
}

void Detector::featuresOf(std::span<const double> raw, std::span<double> out)
{
    std::span<const double> row = raw;
    if (m_anyLowVariety) {
        std::copy(raw.begin(), raw.end(), m_forestRow.begin());
        neutralizeLowVariety(m_model->guard, m_forestRow);
        row = m_forestRow;
    }
    if (m_window) {
        m_window->push(row, out);
    } else {
        std::copy(row.begin(), row.end(), out.begin());
    }
    m_model->scaler.transform(out);
}

void Detector::process(std::span<const double> rows, DetectionResults &out)
{
    const auto width = std::size_t(channelCount());
    const auto features = std::size_t(m_model->featureCount());
    out.channels = channelCount();
    const std::size_t count = rows.size() / width;
    // Scratch grown to the largest batch seen: a fleet keeps a detector per vehicle, each fed a
    // few rows at a time, and a full batch's worth for each would be most of its memory.
    if (const std::size_t batch = std::min(kBatchRows, count); m_scores.size() < batch) {
        m_features.resize(batch * features);
        m_scores.resize(batch);
    }
    for (std::size_t start = 0; start < count; start += kBatchRows) {
        const std::size_t n = std::min(kBatchRows, count - start);
        for (std::size_t i = 0; i < n; ++i) {
            featuresOf(rows.subspan((start + i) * width, width),
                       std::span(m_features).subspan(i * features, features));
        }
        m_forest->scoreBatch(std::span(m_features).first(n * features),
                             std::span(m_scores).first(n));
        for (std::size_t i = 0; i < n; ++i) {
            const std::span<const double> row = rows.subspan((start + i) * width, width);
            // A sample with no value at all has nothing to score: it is invalid, not normal.
            const double score = allMissing(row) ? kNaN : m_scores[i];
            finishRow(row, std::span(m_features).subspan(i * features, features), score, out);
        }
    }
}

void Detector::finishRow(std::span<const double> row, std::span<const double> features,
                         double score, DetectionResults &out)
{
    const double confidence = std::isnan(score) ? kNaN : m_calibration->confidence(score);
    GuardState guard = m_guard.check(row);
    if (m_forecast) {
        guard = m_guard.flagForecast(m_forecast->check(row));
    }
    // The relations only name a channel when nothing more direct is wrong: a fault seen by the
    // other checks also disturbs the relations its channel feeds, often on other channels.
    const int related = m_relations ? m_relations->check(row) : -1;
    const bool relationOnly
        = related >= 0 && !guard.any() && !m_model->guard[std::size_t(related)].context;
    if (relationOnly) {
        guard = m_guard.flagRelation(related);
    }
    const AlarmDecision decision = m_policy.update(confidence, guard.anyOutOfNominalRange,
                                                   guard.anyOutOfLimits, relationOnly);

    out.score.push_back(score);
    out.confidence.push_back(confidence);
    out.alarm.push_back(decision.alarm ? 1 : 0);
    out.severity.push_back(decision.severity);
    out.reason.push_back(decision.reason);
    out.raisedNow.push_back(decision.raisedNow ? 1 : 0);
    out.clearedNow.push_back(decision.clearedNow ? 1 : 0);
    out.guardFlags.insert(out.guardFlags.end(), guard.flags.begin(), guard.flags.end());

    const bool forestHit = confidence >= m_model->policy.threshold;
    const bool anomalous = decision.alarm || guard.any() || forestHit;
    std::fill(m_shares.begin(), m_shares.end(), 0.0);
    if (guard.any()) {
        const auto flagged
            = double(std::count_if(guard.flags.begin(), guard.flags.end(),
                                   [](GuardFlag f) { return f != GuardFlag::Within; }));
        for (std::size_t c = 0; c < m_shares.size(); ++c) {
            m_shares[c] = guard.flags[c] != GuardFlag::Within ? 1.0 / flagged : 0.0;
        }
        m_guardShares = m_shares;
    } else if (decision.alarm && !forestHit && !m_guardShares.empty()) {
        // The alarm is still up for what the guard found: keep naming those channels rather
        // than the forest's view of a sample that is itself unremarkable.
        m_shares = m_guardShares;
    } else if (anomalous && !std::isnan(score)) {
        m_attribution.shares(features, m_shares);
    }
    if (!decision.alarm) {
        m_guardShares.clear();
    }
    out.attribution.insert(out.attribution.end(), m_shares.begin(), m_shares.end());
}

} // namespace fw::detect
