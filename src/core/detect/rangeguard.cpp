#include "rangeguard.h"

#include "robustscaler.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace fw::detect {

namespace {

// Relative and absolute floors for the scale of a channel that never moved in training.
constexpr double kRelativeEpsilon = 1e-3;
constexpr double kAbsoluteEpsilon = 1e-9;

double medianOf(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return sortedQuantile(values, 0.5);
}

// RobustScaler's spread, ending on a floor relative to the level instead of 1: a channel that
// never moved in training should not get a range of ±8 whatever its units.
double robustScale(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const double spread = robustSpread(values);
    return spread > 0 ? spread
                      : std::max(kRelativeEpsilon * std::abs(sortedQuantile(values, 0.5)),
                                 kAbsoluteEpsilon);
}

std::vector<double> presentValues(std::span<const double> rows, std::size_t channels,
                                  std::size_t channel, std::size_t firstRow, std::size_t endRow)
{
    std::vector<double> values;
    values.reserve(endRow - firstRow);
    for (std::size_t r = firstRow; r < endRow; ++r) {
        const double v = rows[r * channels + channel];
        if (std::isfinite(v)) {
            values.push_back(v);
        }
    }
    return values;
}

} // namespace

RangeGuard::RangeGuard(RangeGuardOptions options, std::vector<GuardChannel> channels)
    : m_options(options)
    , m_channels(std::move(channels))
    , m_means(std::in_place, int(m_channels.size()), options.window, WindowFeatures::Mean)
    , m_featureRow(std::size_t(m_means->featureCount()))
    , m_flags(m_channels.size(), GuardFlag::Within)
{}

RangeGuard RangeGuard::fit(std::span<const double> rows, int channels,
                           const RangeGuardOptions &options,
                           std::span<const std::optional<std::pair<double, double>>> limits)
{
    if (channels < 1 || options.window < 1) {
        throw std::invalid_argument("RangeGuard needs at least one channel and a window >= 1");
    }
    const auto width = std::size_t(channels);
    if (!limits.empty() && limits.size() != width) {
        throw std::invalid_argument("RangeGuard: limits need one entry per channel");
    }
    const std::size_t rowCount = rows.size() / width;
    const std::vector<double> features = WindowFeatures::extract(
        rows.first(rowCount * width), channels, options.window, WindowFeatures::Mean);
    // Warm-up means (fewer than W samples) are noisier than the ones check() compares; leave
    // them out when there are full windows at all.
    const auto window = std::size_t(options.window);
    const std::size_t firstFull = rowCount >= window ? window - 1 : 0;
    const std::size_t quarter = rowCount / 4;

    std::vector<GuardChannel> result(width);
    for (std::size_t c = 0; c < width; ++c) {
        GuardChannel &channel = result[c];
        if (!limits.empty()) {
            channel.limits = limits[c];
        }
        std::vector<double> means;
        means.reserve(rowCount);
        for (std::size_t r = firstFull; r < rowCount; ++r) {
            const double mean = features[r * 2 * width + width + c];
            if (std::isfinite(mean)) {
                means.push_back(mean);
            }
        }
        if (means.empty()) {
            channel.excluded = true;
            channel.exclusionReason = "no valid training values";
            continue;
        }
        channel.center = medianOf(means);
        channel.scale = robustScale(std::move(means));
        channel.low = channel.center - options.k * channel.scale;
        channel.high = channel.center + options.k * channel.scale;

        if (quarter == 0) {
            continue;
        }
        const std::vector<double> first = presentValues(rows, width, c, 0, quarter);
        const std::vector<double> last
            = presentValues(rows, width, c, rowCount - quarter, rowCount);
        const std::vector<double> raw = presentValues(rows, width, c, 0, rowCount);
        if (first.empty() || last.empty()) {
            continue;
        }
        const double drift = std::abs(medianOf(last) - medianOf(first));
        const double rawScale = robustScale(raw);
        if (drift > rawScale) {
            channel.excluded = true;
            std::ostringstream reason;
            reason << "level drifted by " << drift << " within the training data (more than one"
                   << " robust scale, " << rawScale << ")";
            channel.exclusionReason = reason.str();
        }
    }
    return RangeGuard(options, std::move(result));
}

GuardState RangeGuard::check(std::span<const double> row)
{
    GuardState state;
    if (!m_means) {
        return state;
    }
    const std::size_t width = m_channels.size();
    m_means->push(row, m_featureRow);
    if (m_seen < m_options.window) {
        ++m_seen;
    }
    const bool windowFull = m_seen >= m_options.window;
    for (std::size_t c = 0; c < width; ++c) {
        const GuardChannel &channel = m_channels[c];
        GuardFlag flag = GuardFlag::Within;
        const double raw = row[c];
        // Comparisons with NaN are false, so a missing value never flags.
        if (channel.limits && (raw < channel.limits->first || raw > channel.limits->second)) {
            flag = GuardFlag::OutOfLimits;
            state.anyOutOfLimits = true;
        } else if (windowFull && !channel.excluded) {
            const double mean = m_featureRow[width + c];
            if (mean < channel.low || mean > channel.high) {
                flag = GuardFlag::OutOfNominalRange;
                state.anyOutOfNominalRange = true;
            }
        }
        m_flags[c] = flag;
    }
    state.flags = m_flags;
    return state;
}

void RangeGuard::reset()
{
    if (m_means) {
        m_means->reset();
    }
    std::fill(m_flags.begin(), m_flags.end(), GuardFlag::Within);
    m_seen = 0;
}

} // namespace fw::detect
