#include "rangeguard.h"

#include "robustscaler.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace fw::detect {

namespace {

constexpr int kNever = std::numeric_limits<int>::max() / 2; // samples since a change never seen

// Relative and absolute floors for the scale of a channel that never moved in training.
constexpr double kRelativeEpsilon = 1e-3;
constexpr double kAbsoluteEpsilon = 1e-9;
// Fewest full training windows the noise bound is set from.
constexpr std::size_t kMinDeviations = 10;
// The trend bound needs training long enough for this many separate windows (100 W rows of
// full windows): how far a level moves in one window is a slow statistic, and its widest value
// over a few windows says little about what the channel does next. Without it, a bench recorded
// for a few minutes (SKAB's 400 rows at 1 Hz) flags its ordinary slow moves: there, the check
// doubled the false-alarm rate.
constexpr std::size_t kMinTrendWindows = 100;
// Noisy and Jump mean this much above the widest rolling deviation, or the furthest distance from
// the rolling mean, of training. Not median + K robust scales as for the level: these move
// between regimes (a bus sags under load, a pump idles), so their distribution has tails a
// robust scale does not describe.
constexpr double kNoiseMargin = 2.0;
// After long training (kMinTrendWindows windows), the range ends this share of the span of the
// training rolling means beyond their extremes (at least one robust scale), instead of K robust
// scales from the median. A robust scale describes one regime; a channel that moves between
// regimes (a bus voltage in sunlight and in eclipse, a pack that warms with load) gets its scale
// from the regime it spends most time in, and K of them reach far past anything it does on one
// side and short of what it does on the other. Over 3 h of nominal simulator data, no rolling
// mean went further past the extremes of a 3-h training than 0.17 of their span.
constexpr double kExtremeMargin = 0.3;
// The extremes need training long enough to visit the channel's regimes: 20 windows (600 rows
// at the default W), as the relation check asks 20 memories. A bench recorded for a few minutes
// (SKAB's 400 rows) keeps median ± K robust scales.
constexpr std::size_t kMinExtremeWindows = 20;

// Raises the bounds of a channel training saw barely move to a floor of kVarietyShare of its
// magnitude, and lets it settle at a new level.
void applyVarietyFloor(GuardChannel &channel, double floor, int window)
{
    channel.lowVariety = true;
    channel.stuckCheck = false; // it sat still in training: sitting still is what it does
    channel.settle = window;
    channel.low = std::min(channel.low, channel.center - floor);
    channel.high = std::max(channel.high, channel.center + floor);
    for (double *bound :
         {&channel.noiseHigh, &channel.jumpHigh, &channel.roughnessHigh, &channel.trendHigh}) {
        *bound = std::max(*bound, floor);
    }
}

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

// How far a channel's level moved within training: the median of its last quarter minus that of
// its first, when that is more than one robust scale of the channel and, after long training,
// the halves moved more than that too, the same way. A steady drift separates the halves as
// well as the quarters; a cycle that training holds whole (an orbit with its eclipse) separates
// quarters that catch it at different phases, but not halves that each hold whole cycles.
std::optional<double> levelDrift(std::span<const double> rows, std::size_t channels,
                                 std::size_t channel, std::size_t rowCount, bool longTraining)
{
    const std::size_t quarter = rowCount / 4;
    const std::size_t half = rowCount / 2;
    const auto median = [&](std::size_t first, std::size_t end) {
        const std::vector<double> values = presentValues(rows, channels, channel, first, end);
        return values.empty() ? std::numeric_limits<double>::quiet_NaN() : medianOf(values);
    };
    const double byQuarters = median(rowCount - quarter, rowCount) - median(0, quarter);
    const double byHalves = median(rowCount - half, rowCount) - median(0, half);
    const double scale = robustScale(presentValues(rows, channels, channel, 0, rowCount));
    // NaN (a part without values) fails every comparison: no drift.
    if (std::abs(byQuarters) > scale
        && (!longTraining || (std::abs(byHalves) > scale && (byQuarters > 0) == (byHalves > 0)))) {
        return byQuarters;
    }
    return std::nullopt;
}

// Runs in one channel's training values: the longest gap, the longest repeat of one value, and
// which rows end a window of W present values.
struct RunStats
{
    std::size_t longestMissing = 0;
    std::size_t longestSame = 0;
    std::size_t longestPresent = 0;
    std::vector<bool> fullWindow;
};

RunStats runStats(std::span<const double> rows, std::size_t channels, std::size_t channel,
                  std::size_t rowCount, std::size_t window)
{
    RunStats stats;
    stats.fullWindow.assign(rowCount, false);
    std::size_t missing = 0;
    std::size_t present = 0;
    std::size_t same = 0;
    double previous = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t r = 0; r < rowCount; ++r) {
        const double v = rows[r * channels + channel];
        const bool isPresent = std::isfinite(v);
        missing = isPresent ? 0 : missing + 1;
        present = isPresent ? present + 1 : 0;
        same = isPresent && v == previous ? same + 1 : 1;
        previous = v;
        stats.longestMissing = std::max(stats.longestMissing, missing);
        stats.longestPresent = std::max(stats.longestPresent, present);
        if (isPresent) {
            stats.longestSame = std::max(stats.longestSame, same);
        }
        stats.fullWindow[r] = present >= window;
    }
    return stats;
}

// Mean of a channel's last W changes (|value − previous value|).
double roughness(const double *changes, std::size_t window)
{
    double sum = 0;
    for (std::size_t j = 0; j < window; ++j) {
        sum += changes[j];
    }
    return sum / double(window);
}

// The most a channel moved in training, over spans where every value is present, as check()
// measures it: the rolling mean of |value − previous value| over W changes, and how far the
// rolling mean moved from W samples earlier. count is how many windows each was measured on.
struct Motion
{
    double roughness = 0;
    double trend = 0;
    std::size_t roughnessCount = 0;
    std::size_t trendCount = 0;
};

Motion widestMotion(std::span<const double> rows, std::size_t channels, std::size_t channel,
                    std::size_t rowCount, std::size_t window, const std::vector<double> &features)
{
    const std::size_t stride = 3 * channels;
    Motion motion;
    std::vector<double> change(rowCount, 0.0);
    std::size_t present = 0;
    for (std::size_t r = 0; r < rowCount; ++r) {
        const double v = rows[r * channels + channel];
        present = std::isfinite(v) ? present + 1 : 0;
        if (present >= 2) {
            change[r] = std::abs(v - rows[(r - 1) * channels + channel]);
        }
        if (present >= window + 1) {
            double sum = 0;
            for (std::size_t j = r + 1 - window; j <= r; ++j) {
                sum += change[j];
            }
            motion.roughness = std::max(motion.roughness, sum / double(window));
            ++motion.roughnessCount;
        }
        if (present >= 2 * window) {
            const double mean = features[r * stride + channels + channel];
            const double before = features[(r - window) * stride + channels + channel];
            motion.trend = std::max(motion.trend, std::abs(mean - before));
            ++motion.trendCount;
        }
    }
    return motion;
}

// The context channels a channel's level follows in training (see RangeGuard). features are
// WindowFeatures' raw, mean and deviation blocks of the training rows; magnitude is the
// channel's (magnitudeOf).
std::vector<int> commandingChannels(std::span<const double> rows, std::size_t width,
                                    std::size_t channel, std::span<const std::uint8_t> context,
                                    const std::vector<double> &features, int window,
                                    double magnitude)
{
    std::vector<int> commanding;
    const std::size_t rowCount = rows.size() / width;
    const auto w = std::size_t(window);
    const std::size_t span = std::size_t(RangeGuard::kCommandWindows) * w;
    if (context.empty() || rowCount < 2 * span + 2 * w) {
        return commanding;
    }
    const std::size_t stride = 3 * width;
    const auto mean = [&](std::size_t r) {
        return features[r * stride + width + channel];
    };
    // The channel's typical move of its level over one window, with a floor of kVarietyShare of
    // its magnitude, so that a still channel's tiny moves do not count.
    const double floor = RangeGuard::kVarietyShare * magnitude;
    std::vector<double> moves;
    for (std::size_t r = 2 * w; r < rowCount; ++r) {
        const double move = std::abs(mean(r) - mean(r - w));
        if (std::isfinite(move)) {
            moves.push_back(move);
        }
    }
    if (moves.empty()) {
        return commanding;
    }
    std::sort(moves.begin(), moves.end());
    const double typical = std::max(sortedQuantile(moves, 0.5), floor);
    // A change of level after row r: the mean kCommandWindows windows on differs from the mean
    // just before r by more than four typical moves.
    const auto changedAfter = [&](std::size_t r) {
        return std::abs(mean(r + span) - mean(r - 1)) > 4 * typical;
    };
    std::size_t baseCount = 0;
    std::size_t baseChanged = 0;
    for (std::size_t r = w; r + span < rowCount; r += w) {
        ++baseCount;
        baseChanged += changedAfter(r) ? 1 : 0;
    }
    const double baseRate = double(baseChanged) / double(std::max<std::size_t>(baseCount, 1));
    for (std::size_t k = 0; k < width; ++k) {
        if (context[k] == 0) {
            continue;
        }
        std::size_t events = 0;
        std::size_t followed = 0;
        for (std::size_t r = w; r + span < rowCount; ++r) {
            const double now = rows[r * width + k];
            const double before = rows[(r - 1) * width + k];
            if (std::isfinite(now) && std::isfinite(before) && now != before) {
                ++events;
                followed += changedAfter(r) ? 1 : 0;
            }
        }
        const double rate = double(followed) / double(std::max<std::size_t>(events, 1));
        if (events >= 3 && rate >= 0.5 && rate >= 3 * baseRate) {
            commanding.push_back(int(k));
        }
    }
    return commanding;
}

} // namespace

const char *guardFlagName(GuardFlag flag)
{
    switch (flag) {
    case GuardFlag::Within:
        return "within";
    case GuardFlag::Relation:
        return "relation";
    case GuardFlag::Forecast:
        return "forecast";
    case GuardFlag::Dropout:
        return "dropout";
    case GuardFlag::Stuck:
        return "stuck";
    case GuardFlag::Noisy:
        return "noisy";
    case GuardFlag::Trend:
        return "trend";
    case GuardFlag::Jump:
        return "jump";
    case GuardFlag::OutOfNominalRange:
        return "out_of_range";
    case GuardFlag::OutOfLimits:
        return "out_of_limits";
    }
    return "unknown";
}

RangeGuard::RangeGuard(RangeGuardOptions options, std::vector<GuardChannel> channels)
    : m_options(options)
    , m_channels(std::move(channels))
    , m_window(std::in_place, int(m_channels.size()), options.window,
               WindowFeatures::Mean | WindowFeatures::StdDev)
    , m_featureRow(std::size_t(m_window->featureCount()))
    , m_flags(m_channels.size(), GuardFlag::Within)
    , m_missingRun(m_channels.size(), 0)
    , m_presentRun(m_channels.size(), 0)
    , m_sameRun(m_channels.size(), 0)
    , m_previous(m_channels.size(), std::numeric_limits<double>::quiet_NaN())
    , m_changes(m_channels.size() * std::size_t(options.window), 0.0)
    , m_means(m_channels.size() * std::size_t(options.window), 0.0)
    , m_offset(m_channels.size(), 0.0)
    , m_settleRun(m_channels.size(), 0)
    , m_sinceChange(m_channels.size(), kNever)
    , m_anyCommanded(std::any_of(m_channels.begin(), m_channels.end(),
                                 [](const GuardChannel &c) { return !c.commandedBy.empty(); }))
{}

RangeGuard RangeGuard::fit(std::span<const double> rows, int channels,
                           const RangeGuardOptions &options,
                           std::span<const std::optional<std::pair<double, double>>> limits,
                           std::span<const std::uint8_t> context)
{
    if (channels < 1 || options.window < 1) {
        throw std::invalid_argument("RangeGuard needs at least one channel and a window >= 1");
    }
    const auto width = std::size_t(channels);
    if (!limits.empty() && limits.size() != width) {
        throw std::invalid_argument("RangeGuard: limits need one entry per channel");
    }
    if (!context.empty() && context.size() != width) {
        throw std::invalid_argument("RangeGuard: context flags need one entry per channel");
    }
    const std::size_t rowCount = rows.size() / width;
    const std::vector<double> features
        = WindowFeatures::extract(rows.first(rowCount * width), channels, options.window,
                                  WindowFeatures::Mean | WindowFeatures::StdDev);
    const std::size_t stride = 3 * width;
    // Warm-up means (fewer than W samples) are noisier than the ones check() compares; leave
    // them out when there are full windows at all.
    const auto window = std::size_t(options.window);
    const std::size_t firstFull = rowCount >= window ? window - 1 : 0;
    const std::size_t quarter = rowCount / 4;

    std::vector<GuardChannel> result(width);
    std::vector<double> magnitudes(width, 1.0);
    for (std::size_t c = 0; c < width; ++c) {
        GuardChannel &channel = result[c];
        if (!limits.empty()) {
            channel.limits = limits[c];
        }
        const RunStats runs = runStats(rows, width, c, rowCount, window);
        channel.dropoutCheck = rowCount >= window && runs.longestMissing < window;
        // Only a channel seen moving through whole windows is known not to sit still.
        channel.stuckCheck = runs.longestPresent >= window;
        channel.stuckAfter = int(std::max(double(window), kNoiseMargin * double(runs.longestSame)));

        std::vector<double> means;
        std::vector<double> deviations;
        double widestJump = 0;
        means.reserve(rowCount);
        for (std::size_t r = firstFull; r < rowCount; ++r) {
            const double mean = features[r * stride + width + c];
            if (std::isfinite(mean)) {
                means.push_back(mean);
            }
            if (runs.fullWindow[r]) {
                deviations.push_back(features[r * stride + 2 * width + c]);
                widestJump = std::max(widestJump, std::abs(rows[r * width + c] - mean));
            }
        }
        if (deviations.size() >= kMinDeviations) {
            const double widest = *std::max_element(deviations.begin(), deviations.end());
            channel.noiseHigh = kNoiseMargin * widest;
            channel.jumpHigh = kNoiseMargin * widestJump;
        }
        const Motion motion = widestMotion(rows, width, c, rowCount, window, features);
        if (motion.roughnessCount >= kMinDeviations) {
            channel.roughnessHigh = kNoiseMargin * motion.roughness;
        }
        if (motion.trendCount >= kMinTrendWindows * window) {
            channel.trendHigh = kNoiseMargin * motion.trend;
        }
        if (means.empty()) {
            channel.excluded = true;
            channel.exclusionReason = "no valid training values";
            continue;
        }
        const auto [lowest, highest] = std::minmax_element(means.begin(), means.end());
        const double lowestMean = *lowest;
        const double highestMean = *highest;
        const bool longTraining = means.size() >= kMinExtremeWindows * window;
        channel.center = medianOf(means);
        channel.scale = robustScale(std::move(means));
        channel.low = channel.center - options.k * channel.scale;
        channel.high = channel.center + options.k * channel.scale;
        const std::vector<double> values = presentValues(rows, width, c, 0, rowCount);
        const double magnitude = magnitudeOf(values);
        magnitudes[c] = magnitude;
        if (longTraining) {
            const double margin = std::max({kExtremeMargin * (highestMean - lowestMean),
                                            channel.scale, kVarietyShare * magnitude});
            channel.low = lowestMean - margin;
            channel.high = highestMean + margin;
        }

        const auto [least, most] = std::minmax_element(values.begin(), values.end());
        if (*most - *least < kVarietyShare * magnitude) {
            applyVarietyFloor(channel, kVarietyShare * magnitude, options.window);
            continue; // no drift to speak of
        }

        if (quarter == 0) {
            continue;
        }
        const std::optional<double> drift = levelDrift(rows, width, c, rowCount, longTraining);
        if (drift && longTraining) {
            // The level may go on the way it went; the other side of the range still holds.
            (*drift > 0 ? channel.high : channel.low)
                = (*drift > 0 ? 1 : -1) * std::numeric_limits<double>::infinity();
            std::ostringstream reason;
            reason << "level drifted " << (*drift > 0 ? "up" : "down") << " by " << std::abs(*drift)
                   << " within the training data";
            channel.exclusionReason = reason.str();
        } else if (drift) {
            // Minutes of training cannot tell a drift from a slow wander or part of a longer
            // cycle: either side may be next.
            channel.excluded = true;
            std::ostringstream reason;
            reason << "level drifted by " << std::abs(*drift) << " within the training data (more"
                   << " than one robust scale)";
            channel.exclusionReason = reason.str();
        }
    }
    for (std::size_t c = 0; c < context.size(); ++c) {
        if (context[c] != 0) {
            result[c] = GuardChannel{};
            result[c].context = true;
            result[c].excluded = true;
            result[c].exclusionReason = "context channel";
        }
    }
    for (std::size_t c = 0; c < width; ++c) {
        if (!result[c].context) {
            result[c].commandedBy = commandingChannels(rows, width, c, context, features,
                                                       options.window, magnitudes[c]);
        }
    }
    return RangeGuard(options, std::move(result));
}

std::optional<RangeGuard> RangeGuard::fromChannels(const RangeGuardOptions &options,
                                                   std::vector<GuardChannel> channels,
                                                   std::string *error)
{
    const auto refuse = [error](const std::string &message) {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    if (channels.empty() || options.window < 1 || !std::isfinite(options.k) || options.k <= 0) {
        return refuse("guard needs at least one channel, a window of at least 1 and k above 0");
    }
    for (std::size_t c = 0; c < channels.size(); ++c) {
        const GuardChannel &channel = channels[c];
        const std::string where = "guard channel " + std::to_string(c) + ": ";
        // low may be -inf and high +inf: no check on that side.
        if (!channel.excluded
            && !(std::isfinite(channel.center) && std::isfinite(channel.scale) && channel.scale > 0
                 && channel.low < std::numeric_limits<double>::infinity()
                 && channel.high > -std::numeric_limits<double>::infinity()
                 && channel.low <= channel.high)) {
            return refuse(where + "bounds must be numbers with scale above 0 and low <= high");
        }
        for (const double bound :
             {channel.noiseHigh, channel.jumpHigh, channel.roughnessHigh, channel.trendHigh}) {
            if (std::isnan(bound) || bound < 0) {
                return refuse(where
                              + "noise, jump and trend bounds must be 0 or more (or infinite)");
            }
        }
        for (const int k : channel.commandedBy) {
            if (k < 0 || std::size_t(k) >= channels.size() || !channels[std::size_t(k)].context) {
                return refuse(where + "commanded_by must name context channels");
            }
        }
        if (channel.settle < 0 || channel.settle > 1000000 || channel.stuckAfter < 0
            || channel.stuckAfter > 1000000) {
            return refuse(where + "settle and stuck_after must be 0 to 1000000 samples");
        }
        if (channel.limits
            && !(std::isfinite(channel.limits->first) && std::isfinite(channel.limits->second)
                 && channel.limits->first <= channel.limits->second)) {
            return refuse(where + "limits must be finite with low <= high");
        }
    }
    return RangeGuard(options, std::move(channels));
}

GuardState RangeGuard::check(std::span<const double> row)
{
    if (!m_window) {
        return {};
    }
    const std::size_t width = m_channels.size();
    const auto window = m_options.window;
    m_window->push(row, m_featureRow);
    if (m_seen < window) {
        ++m_seen;
    }
    const bool windowFull = m_seen >= window;
    const auto ring = std::size_t(window);
    for (std::size_t c = 0; c < width && m_anyCommanded; ++c) {
        const bool changed
            = std::isfinite(row[c]) && std::isfinite(m_previous[c]) && row[c] != m_previous[c];
        m_sinceChange[c] = changed ? 0 : std::min(m_sinceChange[c] + 1, kNever);
    }
    for (std::size_t c = 0; c < width; ++c) {
        const GuardChannel &channel = m_channels[c];
        const double raw = row[c];
        const bool present = std::isfinite(raw);
        m_missingRun[c] = present ? 0 : m_missingRun[c] + 1;
        m_presentRun[c] = present ? m_presentRun[c] + 1 : 0;
        m_sameRun[c] = present && raw == m_previous[c] ? m_sameRun[c] + 1 : 1;
        if (channel.context) {
            m_previous[c] = raw;
            m_flags[c] = GuardFlag::Within;
            continue;
        }

        // The slot of the oldest change and of the mean W samples ago, overwritten with now's.
        double *changes = m_changes.data() + c * ring;
        double *means = m_means.data() + c * ring;
        const double meanBefore = means[m_ringAt];
        changes[m_ringAt] = m_presentRun[c] >= 2 ? std::abs(raw - m_previous[c]) : 0.0;
        means[m_ringAt] = m_featureRow[width + c];
        m_previous[c] = raw;

        GuardFlag flag = GuardFlag::Within;
        // Comparisons with NaN are false, so a missing value never trips a bound.
        if (channel.limits && (raw < channel.limits->first || raw > channel.limits->second)) {
            flag = GuardFlag::OutOfLimits;
        } else if (windowFull) {
            const double mean = m_featureRow[width + c];
            const double deviation = m_featureRow[2 * width + c];
            const bool allPresent = m_presentRun[c] >= window;
            // How the channel moves, whatever its level.
            GuardFlag motion = GuardFlag::Within;
            if (allPresent && std::abs(raw - mean) > channel.jumpHigh) {
                motion = GuardFlag::Jump;
            } else if (m_presentRun[c] >= 2 * window
                       && std::abs(mean - meanBefore) > channel.trendHigh) {
                motion = GuardFlag::Trend;
            } else if (allPresent
                       && (deviation > channel.noiseHigh
                           || (m_presentRun[c] > window
                               && roughness(changes, ring) > channel.roughnessHigh))) {
                motion = GuardFlag::Noisy;
            } else if (channel.stuckCheck && present
                       && m_sameRun[c] >= std::max(window, channel.stuckAfter)) {
                motion = GuardFlag::Stuck;
            } else if (channel.dropoutCheck && m_missingRun[c] >= window) {
                motion = GuardFlag::Dropout;
            }
            const bool outside = !channel.excluded && outOfRange(c, mean);
            flag = outside ? GuardFlag::OutOfNominalRange : motion;
            // A level that holds, calm, for long enough becomes the channel's level; after a
            // command it may, and the level change itself is expected.
            const bool commanded = commandedNow(channel);
            const int settle = commanded ? window : channel.settle;
            m_settleRun[c]
                = outside && motion == GuardFlag::Within && allPresent ? m_settleRun[c] + 1 : 0;
            if (settle > 0 && m_settleRun[c] >= settle) {
                m_offset[c] = mean - channel.center;
                m_settleRun[c] = 0;
                flag = GuardFlag::Within;
            }
            if (commanded
                && (flag == GuardFlag::OutOfNominalRange || flag == GuardFlag::Jump
                    || flag == GuardFlag::Trend)) {
                flag = GuardFlag::Within;
            }
        }
        m_flags[c] = flag;
    }
    m_ringAt = (m_ringAt + 1) % ring;
    return stateOfFlags();
}

GuardState RangeGuard::stateOfFlags() const
{
    GuardState state;
    for (const GuardFlag flag : m_flags) {
        state.anyOutOfLimits = state.anyOutOfLimits || flag == GuardFlag::OutOfLimits;
        state.anyOutOfNominalRange
            = state.anyOutOfNominalRange
              || (flag != GuardFlag::Within && flag != GuardFlag::OutOfLimits);
    }
    state.flags = m_flags;
    return state;
}

bool RangeGuard::commandedNow(const GuardChannel &channel) const
{
    const int span = (kCommandWindows + 1) * m_options.window;
    return std::any_of(channel.commandedBy.begin(), channel.commandedBy.end(),
                       [&](int k) { return m_sinceChange[std::size_t(k)] < span; });
}

bool RangeGuard::outOfRange(std::size_t c, double mean)
{
    const GuardChannel &channel = m_channels[c];
    if (std::isnan(mean)) {
        return false; // nothing to judge the level by
    }
    if (mean >= channel.low && mean <= channel.high) {
        m_offset[c] = 0; // back where training saw it
        return false;
    }
    const double shifted = mean - m_offset[c];
    return !(shifted >= channel.low && shifted <= channel.high);
}

GuardState RangeGuard::flagRelation(int channel)
{
    m_flags[std::size_t(channel)] = GuardFlag::Relation;
    return stateOfFlags();
}

GuardState RangeGuard::flagForecast(std::span<const std::uint8_t> forecast)
{
    for (std::size_t c = 0; c < m_flags.size(); ++c) {
        if (forecast[c] != 0 && m_flags[c] == GuardFlag::Within && !m_channels[c].context) {
            m_flags[c] = GuardFlag::Forecast;
        }
    }
    return stateOfFlags();
}

void RangeGuard::reset()
{
    if (m_window) {
        m_window->reset();
    }
    std::fill(m_flags.begin(), m_flags.end(), GuardFlag::Within);
    std::fill(m_missingRun.begin(), m_missingRun.end(), 0);
    std::fill(m_presentRun.begin(), m_presentRun.end(), 0);
    std::fill(m_sameRun.begin(), m_sameRun.end(), 0);
    std::fill(m_previous.begin(), m_previous.end(), std::numeric_limits<double>::quiet_NaN());
    std::fill(m_changes.begin(), m_changes.end(), 0.0);
    std::fill(m_means.begin(), m_means.end(), 0.0);
    std::fill(m_offset.begin(), m_offset.end(), 0.0);
    std::fill(m_settleRun.begin(), m_settleRun.end(), 0);
    std::fill(m_sinceChange.begin(), m_sinceChange.end(), kNever);
    m_ringAt = 0;
    m_seen = 0;
}

} // namespace fw::detect
