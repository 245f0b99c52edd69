#include "detect/relationcheck.h"

#include "detect/regression.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fw::detect {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Ridge on the standardized regressors, per training step: neighbouring lags of a smooth channel
// are nearly collinear, and this keeps their weights from cancelling in huge opposite pairs.
constexpr double kRidge = 1e-6;

bool fail(std::string *error, const std::string &what)
{
    if (error) {
        *error = "relations: " + what;
    }
    return false;
}

// Least squares of channel c's step mean on its regressors, returned unstandardized: intercept,
// then one weight per regressor in RelationOptions' order.
std::vector<double> fitChannel(const std::vector<double> &steps, std::size_t width, std::size_t c,
                               const RelationOptions &options)
{
    const std::size_t count = steps.size() / width;
    const auto memory = std::size_t(options.memory());
    const std::size_t regressors = options.coefficientCount(int(width)) - 1;
    const auto value = [&](std::size_t t, std::size_t channel, int lag) {
        return steps[(t - std::size_t(lag)) * width + channel];
    };
    Eigen::MatrixXd x(Eigen::Index(count - memory), Eigen::Index(regressors));
    Eigen::VectorXd y(x.rows());
    Eigen::Index rows = 0;
    for (std::size_t t = memory; t < count; ++t) {
        Eigen::Index col = 0;
        bool complete = std::isfinite(value(t, c, 0));
        for (std::size_t j = 0; j < width; ++j) {
            if (j == c) {
                continue;
            }
            for (const int lag : options.lags) {
                x(rows, col) = value(t, j, lag);
                complete = complete && std::isfinite(x(rows, col++));
            }
        }
        x(rows, col) = value(t, c, options.selfLag);
        complete = complete && std::isfinite(x(rows, col));
        y(rows) = value(t, c, 0);
        rows += complete ? 1 : 0;
    }
    return ridgeFit(x, y, rows, kRidge);
}

} // namespace

int RelationOptions::memory() const
{
    return std::max(lags.empty() ? 0 : lags.back(), selfLag);
}

std::size_t RelationOptions::coefficientCount(int channels) const
{
    return 1 + std::size_t(std::max(channels - 1, 0)) * lags.size() + 1;
}

RelationCheck::RelationCheck(RelationOptions options, std::vector<RelationChannel> channels)
    : m_options(std::move(options))
    , m_channels(std::move(channels))
    , m_history(m_channels.size(), m_options.block, std::size_t(m_options.memory()))
    , m_lagged(m_channels.size() * m_options.lags.size(), kNaN)
    , m_residuals(m_channels.size() * std::size_t(m_options.smooth), kNaN)
    , m_validRun(m_channels.size(), 0)
    , m_smoothed(m_channels.size(), 0.0)
    , m_ratio(m_channels.size(), 0.0)
{}

std::optional<RelationCheck> RelationCheck::fit(std::span<const double> rows, int channels,
                                                double rateHz, std::string *why)
{
    if (channels < 2) {
        fail(why, "need at least two channels to relate");
        return std::nullopt;
    }
    const int block = stepBlock(rateHz);
    if (block == 0) {
        fail(why, "need the sample rate");
        return std::nullopt;
    }
    RelationOptions options;
    options.block = block;
    const auto width = std::size_t(channels);
    const std::vector<double> steps = stepMeans(rows, width, options.block);
    const std::size_t needed = std::size_t(kMinMemories) * std::size_t(options.memory() + 1);
    if (steps.size() / width < needed) {
        fail(why, "need " + std::to_string(needed * std::size_t(options.block))
                      + " training rows, have " + std::to_string(rows.size() / width));
        return std::nullopt;
    }
    std::vector<RelationChannel> fitted(width);
    for (std::size_t c = 0; c < width; ++c) {
        fitted[c].coefficients = fitChannel(steps, width, c, options);
        fitted[c].below = 1;
        fitted[c].above = 1;
    }
    // The bounds: the largest smoothed residuals the check itself sees over the training rows.
    RelationCheck probe(options, fitted);
    std::vector<double> below(width, 0.0);
    std::vector<double> above(width, 0.0);
    for (std::size_t r = 0; r < rows.size() / width; ++r) {
        (void)probe.check(rows.subspan(r * width, width));
        for (std::size_t c = 0; c < width; ++c) {
            below[c] = std::max(below[c], -probe.m_smoothed[c]);
            above[c] = std::max(above[c], probe.m_smoothed[c]);
        }
    }
    // A side on which the others predict a channel exactly has nothing to compare with: no check.
    const auto bound = [](double largest) {
        return largest > 0 ? largest : std::numeric_limits<double>::infinity();
    };
    for (std::size_t c = 0; c < width; ++c) {
        fitted[c].below = bound(below[c]);
        fitted[c].above = bound(above[c]);
    }
    return RelationCheck(std::move(options), std::move(fitted));
}

std::optional<RelationCheck> RelationCheck::fromStored(RelationOptions options,
                                                       std::vector<RelationChannel> channels,
                                                       std::string *error)
{
    const auto inSteps = [](int v, int min) {
        return v >= min && v <= kMaxSteps;
    };
    if (!inSteps(options.block, 1) || !inSteps(options.selfLag, 1) || !inSteps(options.smooth, 1)) {
        fail(error, "block, self lag and smoothing must be 1 to " + std::to_string(kMaxSteps));
        return std::nullopt;
    }
    if (!validLags(options.lags, 0)) {
        fail(error, "lags must be distinct, ascending and 0 to " + std::to_string(kMaxSteps));
        return std::nullopt;
    }
    if (!(options.k > 0) || !std::isfinite(options.k)) {
        fail(error, "k must be a finite number above 0");
        return std::nullopt;
    }
    if (channels.size() < 2) {
        fail(error, "need at least two channels");
        return std::nullopt;
    }
    const std::size_t expected = options.coefficientCount(int(channels.size()));
    for (std::size_t c = 0; c < channels.size(); ++c) {
        const RelationChannel &channel = channels[c];
        const std::string where = "channel " + std::to_string(c) + ": ";
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
        if (!(channel.below > 0) || !(channel.above > 0)) {
            fail(error, where + "bounds must be above 0");
            return std::nullopt;
        }
    }
    return RelationCheck(std::move(options), std::move(channels));
}

int RelationCheck::check(std::span<const double> row)
{
    if (m_history.add(row)) {
        endStep();
    }
    return m_flagged;
}

void RelationCheck::endStep()
{
    const long long steps = m_history.steps();
    if (steps <= m_options.memory()) {
        return;
    }
    // Each channel's lagged means once, for every prediction that reads them.
    const std::size_t lags = m_options.lags.size();
    for (std::size_t j = 0; j < m_channels.size(); ++j) {
        for (std::size_t l = 0; l < lags; ++l) {
            m_lagged[j * lags + l] = stepValue(j, m_options.lags[l]);
        }
    }
    const auto smooth = std::size_t(m_options.smooth);
    const std::size_t slot = std::size_t(steps) % smooth;
    for (std::size_t c = 0; c < m_channels.size(); ++c) {
        const double r = residual(c);
        double *residuals = m_residuals.data() + c * smooth;
        residuals[slot] = r;
        m_validRun[c] = std::isfinite(r) ? m_validRun[c] + 1 : 0;
        m_smoothed[c] = 0;
        m_ratio[c] = 0;
        if (m_validRun[c] >= m_options.smooth) {
            double sum = 0;
            for (std::size_t i = 0; i < smooth; ++i) {
                sum += residuals[i];
            }
            const double mean = sum / double(smooth);
            m_smoothed[c] = mean;
            m_ratio[c] = std::abs(mean) / (mean < 0 ? m_channels[c].below : m_channels[c].above);
        }
    }
    const double k = m_options.k;
    if (m_flagged >= 0 && m_ratio[std::size_t(m_flagged)] > k) {
        return;
    }
    const auto largest = std::max_element(m_ratio.begin(), m_ratio.end());
    m_flagged = *largest > k ? int(largest - m_ratio.begin()) : -1;
}

double RelationCheck::stepValue(std::size_t channel, int lag) const
{
    return m_history.at(channel, lag);
}

double RelationCheck::residual(std::size_t channel) const
{
    const std::vector<double> &w = m_channels[channel].coefficients;
    const std::size_t lags = m_options.lags.size();
    double predicted = w[0];
    std::size_t i = 1;
    for (std::size_t j = 0; j < m_channels.size(); ++j) {
        if (j == channel) {
            continue;
        }
        const double *lagged = m_lagged.data() + j * lags;
        for (std::size_t l = 0; l < lags; ++l) {
            predicted += w[i++] * lagged[l];
        }
    }
    predicted += w[i] * stepValue(channel, m_options.selfLag);
    return stepValue(channel, 0) - predicted;
}

void RelationCheck::reset()
{
    m_history.reset();
    std::fill(m_residuals.begin(), m_residuals.end(), kNaN);
    std::fill(m_validRun.begin(), m_validRun.end(), 0);
    std::fill(m_smoothed.begin(), m_smoothed.end(), 0.0);
    std::fill(m_ratio.begin(), m_ratio.end(), 0.0);
    m_flagged = -1;
}

} // namespace fw::detect
