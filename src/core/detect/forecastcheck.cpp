#include "detect/forecastcheck.h"

#include "detect/regression.h"
#include "detect/robustscaler.h"

#include <algorithm>
#include <cmath>

namespace fw::detect {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kRidge = 1e-6; // as the relation check's, on standardized regressors
// Fewest training steps a forecast is fitted on: enough for its handful of weights many times
// over, and short enough for a bench recorded for a few minutes.
constexpr std::size_t kMinSteps = 200;
// A cycle counts when the step values one cycle apart correlate at least this much, at a local
// peak of the autocorrelation: a slow channel correlates with itself at every short lag, which
// is no cycle.
constexpr double kMinSeasonCorrelation = 0.3;
// A later peak of the autocorrelation within this share of the highest is a multiple of the
// cycle, not a longer one.
constexpr double kFundamentalShare = 0.9;
// The autocorrelation is computed on at most this many of the latest training steps.
constexpr std::size_t kMaxSeasonSteps = 50000;

bool fail(std::string *error, const std::string &what)
{
    if (error) {
        *error = "forecast: " + what;
    }
    return false;
}

// One channel's step values, NaN where missing.
std::vector<double> channelSteps(const std::vector<double> &steps, std::size_t width,
                                 std::size_t channel)
{
    std::vector<double> out(steps.size() / width);
    for (std::size_t t = 0; t < out.size(); ++t) {
        out[t] = steps[t * width + channel];
    }
    return out;
}

double correlation(const std::vector<double> &x, std::size_t lag)
{
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (std::size_t t = lag; t < x.size(); ++t) {
        const double a = x[t - lag];
        const double b = x[t];
        if (std::isfinite(a) && std::isfinite(b)) {
            sxy += a * b;
            sxx += a * a;
            syy += b * b;
        }
    }
    return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

// The lag, in steps, of the channel's cycle: the first local peak of the autocorrelation between
// minLag and a quarter of the steps (training must hold four cycles) that comes within
// kFundamentalShare of the highest, or 0.
int findSeason(std::vector<double> values, int minLag)
{
    if (values.size() > kMaxSeasonSteps) {
        values.erase(values.begin(), values.end() - std::ptrdiff_t(kMaxSeasonSteps));
    }
    double sum = 0;
    std::size_t n = 0;
    for (const double v : values) {
        if (std::isfinite(v)) {
            sum += v;
            ++n;
        }
    }
    if (n == 0) {
        return 0;
    }
    for (double &v : values) {
        v -= sum / double(n);
    }
    const int maxLag = std::min(ForecastCheck::kMaxSeason, int(values.size() / 4));
    if (maxLag <= minLag) {
        return 0;
    }
    std::vector<double> c(std::size_t(maxLag) + 2, 0.0); // by lag
    for (auto lag = std::size_t(minLag) - 1; lag < c.size(); ++lag) {
        c[lag] = correlation(values, lag);
    }
    // The fundamental: the first peak nearly as high as the highest. A clean cycle correlates
    // as well at every multiple of its period, and noise picks among those.
    std::vector<int> peaks;
    double highest = kMinSeasonCorrelation;
    for (auto lag = std::size_t(minLag); lag + 1 < c.size(); ++lag) {
        if (c[lag] >= c[lag - 1] && c[lag] >= c[lag + 1] && c[lag] > kMinSeasonCorrelation) {
            peaks.push_back(int(lag));
            highest = std::max(highest, c[lag]);
        }
    }
    int best = 0;
    for (const int lag : peaks) {
        if (c[std::size_t(lag)] >= kFundamentalShare * highest) {
            best = lag;
            break;
        }
    }
    return best;
}

std::vector<int> regressorLags(const ForecastOptions &options, int season)
{
    std::vector<int> lags = options.lags;
    if (season > 0) {
        lags.insert(lags.end(), {season - 1, season, season + 1});
    }
    return lags;
}

// The forecast of one channel's next change, fitted on its training steps: intercept, a weight
// per lag, and three seasonal weights (zero without a season).
std::vector<double> fitChannel(const std::vector<double> &values, const ForecastOptions &options,
                               int season)
{
    const std::vector<int> lags = regressorLags(options, season);
    const auto memory = std::size_t(options.memory(season));
    std::vector<double> coefficients(1 + options.lags.size() + 3, 0.0);
    if (values.size() <= memory) {
        return coefficients;
    }
    const auto change = [&](std::size_t t, int lag) {
        return values[t - std::size_t(lag)] - values[t - std::size_t(lag) - 1];
    };
    Eigen::MatrixXd x(Eigen::Index(values.size() - memory), Eigen::Index(lags.size()));
    Eigen::VectorXd y(x.rows());
    Eigen::Index rows = 0;
    for (std::size_t t = memory; t < values.size(); ++t) {
        bool complete = true;
        for (std::size_t j = 0; j < lags.size(); ++j) {
            x(rows, Eigen::Index(j)) = change(t, lags[j]);
            complete = complete && std::isfinite(x(rows, Eigen::Index(j)));
        }
        y(rows) = change(t, 0);
        rows += complete && std::isfinite(y(rows)) ? 1 : 0;
    }
    const std::vector<double> fitted = ridgeFit(x, y, rows, kRidge);
    std::copy(fitted.begin(), fitted.end(), coefficients.begin());
    return coefficients;
}

} // namespace

int ForecastOptions::memory(int season) const
{
    return std::max(lags.empty() ? 0 : lags.back(), season > 0 ? season + 1 : 0) + 1;
}

ForecastCheck::ForecastCheck(ForecastOptions options, std::vector<ForecastChannel> channels)
    : m_options(std::move(options))
    , m_channels(std::move(channels))
    , m_errors(m_channels.size() * std::size_t(m_options.smooth), kNaN)
    , m_validRun(m_channels.size(), 0)
    , m_ratio(m_channels.size(), 0.0)
    , m_flags(m_channels.size(), 0)
{
    std::size_t depth = 0;
    for (const ForecastChannel &channel : m_channels) {
        depth = std::max(depth, std::size_t(m_options.memory(channel.season)));
    }
    m_history = StepHistory(m_channels.size(), m_options.block, depth);
}

std::optional<ForecastCheck> ForecastCheck::fit(std::span<const double> rows, int channels,
                                                double rateHz, std::string *why,
                                                std::span<const std::uint8_t> context)
{
    if (channels < 1) {
        fail(why, "no channels");
        return std::nullopt;
    }
    const int block = stepBlock(rateHz);
    if (block == 0) {
        fail(why, "need the sample rate");
        return std::nullopt;
    }
    ForecastOptions options;
    options.block = block;
    const auto width = std::size_t(channels);
    const std::vector<double> steps = stepMeans(rows, width, options.block);
    if (steps.size() / width < kMinSteps) {
        fail(why, "need " + std::to_string(kMinSteps * std::size_t(options.block))
                      + " training rows, have " + std::to_string(rows.size() / width));
        return std::nullopt;
    }
    std::vector<ForecastChannel> fitted(width);
    std::vector<double> floors(width);
    const auto watched = [&](std::size_t c) {
        return context.empty() || context[c] == 0;
    };
    for (std::size_t c = 0; c < width; ++c) {
        if (!watched(c)) {
            // A context channel: no forecast, and no work for one at run time.
            fitted[c].coefficients.assign(1 + options.lags.size() + 3, 0.0);
            continue;
        }
        const std::vector<double> values = channelSteps(steps, width, c);
        fitted[c].season = findSeason(values, 2 * options.lags.back());
        fitted[c].coefficients = fitChannel(values, options, fitted[c].season);
        floors[c] = kFloorShare * magnitudeOf(values);
        fitted[c].bound = 1;
    }
    // The bounds: the largest smoothed errors the check itself sees over the training rows.
    ForecastCheck probe(options, fitted);
    std::vector<double> largest(width, 0.0);
    for (std::size_t r = 0; r < rows.size() / width; ++r) {
        (void)probe.check(rows.subspan(r * width, width));
        for (std::size_t c = 0; c < width; ++c) {
            largest[c] = std::max(largest[c], probe.m_ratio[c]); // ratio = error while bound is 1
        }
    }
    for (std::size_t c = 0; c < width; ++c) {
        if (watched(c)) {
            fitted[c].bound = std::max(options.k * largest[c], floors[c]);
        }
    }
    return ForecastCheck(std::move(options), std::move(fitted));
}

std::optional<ForecastCheck> ForecastCheck::fromStored(ForecastOptions options,
                                                       std::vector<ForecastChannel> channels,
                                                       std::string *error)
{
    const auto inSteps = [](int v, int min) {
        return v >= min && v <= kMaxSteps;
    };
    if (!inSteps(options.block, 1) || !inSteps(options.smooth, 1)) {
        fail(error, "block and smoothing must be 1 to " + std::to_string(kMaxSteps));
        return std::nullopt;
    }
    if (!validLags(options.lags, 1)) {
        fail(error, "lags must be distinct, ascending and 1 to " + std::to_string(kMaxSteps));
        return std::nullopt;
    }
    if (!(options.k > 0) || !std::isfinite(options.k)) {
        fail(error, "k must be a finite number above 0");
        return std::nullopt;
    }
    if (channels.empty()) {
        fail(error, "no channels");
        return std::nullopt;
    }
    const std::size_t expected = 1 + options.lags.size() + 3;
    for (std::size_t c = 0; c < channels.size(); ++c) {
        const ForecastChannel &channel = channels[c];
        const std::string where = "channel " + std::to_string(c) + ": ";
        if (channel.season < 0 || channel.season > kMaxSeason) {
            fail(error, where + "season must be 0 to " + std::to_string(kMaxSeason));
            return std::nullopt;
        }
        if (channel.coefficients.size() != expected) {
            fail(error, where + "has " + std::to_string(channel.coefficients.size())
                            + " coefficients, expected " + std::to_string(expected));
            return std::nullopt;
        }
        if (!std::all_of(channel.coefficients.begin(), channel.coefficients.end(),
                         [](double v) { return std::isfinite(v); })) {
            fail(error, where + "coefficients must be finite");
            return std::nullopt;
        }
        if (!(channel.bound > 0)) {
            fail(error, where + "bound must be above 0");
            return std::nullopt;
        }
    }
    return ForecastCheck(std::move(options), std::move(channels));
}

std::span<const std::uint8_t> ForecastCheck::check(std::span<const double> row)
{
    if (m_history.add(row)) {
        endStep();
    }
    return m_flags;
}

void ForecastCheck::endStep()
{
    const long long steps = m_history.steps();
    const auto smooth = std::size_t(m_options.smooth);
    const std::size_t slot = std::size_t(steps) % smooth;
    for (std::size_t c = 0; c < m_channels.size(); ++c) {
        if (!std::isfinite(m_channels[c].bound)
            || steps <= m_options.memory(m_channels[c].season)) {
            continue;
        }
        const double e = error(c);
        double *errors = m_errors.data() + c * smooth;
        errors[slot] = std::abs(e);
        m_validRun[c] = std::isfinite(e) ? m_validRun[c] + 1 : 0;
        m_ratio[c] = 0;
        if (m_validRun[c] >= m_options.smooth) {
            double sum = 0;
            for (std::size_t i = 0; i < smooth; ++i) {
                sum += errors[i];
            }
            m_ratio[c] = sum / double(smooth) / m_channels[c].bound;
        }
        m_flags[c] = m_ratio[c] > 1 ? 1 : 0;
    }
}

double ForecastCheck::stepValue(std::size_t channel, int lag) const
{
    return m_history.at(channel, lag);
}

double ForecastCheck::change(std::size_t channel, int lag) const
{
    return stepValue(channel, lag) - stepValue(channel, lag + 1);
}

double ForecastCheck::error(std::size_t channel) const
{
    const ForecastChannel &ch = m_channels[channel];
    const std::vector<double> &w = ch.coefficients;
    double predicted = w[0];
    std::size_t i = 1;
    for (const int lag : m_options.lags) {
        predicted += w[i++] * change(channel, lag);
    }
    if (ch.season > 0) {
        for (const int lag : {ch.season - 1, ch.season, ch.season + 1}) {
            predicted += w[i++] * change(channel, lag);
        }
    }
    return change(channel, 0) - predicted;
}

void ForecastCheck::reset()
{
    m_history.reset();
    std::fill(m_errors.begin(), m_errors.end(), kNaN);
    std::fill(m_validRun.begin(), m_validRun.end(), 0);
    std::fill(m_ratio.begin(), m_ratio.end(), 0.0);
    std::fill(m_flags.begin(), m_flags.end(), 0);
}

} // namespace fw::detect
