#pragma once

#include "windowfeatures.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace fw::detect {

struct RangeGuardOptions
{
    int window = 30; // samples in the rolling mean the nominal range is checked on
    double k = 8.0;  // half-width of the nominal range in robust scales
};

// Ordered by severity: a channel with several findings reports the last of them.
enum class GuardFlag : std::uint8_t {
    Within,
    Relation,          // no longer moving with the other channels as it did in training
    Forecast,          // no longer moving as its own recent past forecast
    Dropout,           // no value for a whole window
    Stuck,             // a whole window of one repeated value
    Noisy,             // rolling deviation or sample-to-sample change above its nominal range
    Trend,             // rolling mean moving faster than it did in training
    Jump,              // a value far from the rolling mean: a spike or a step
    OutOfNominalRange, // rolling mean outside its nominal range
    OutOfLimits,       // raw value outside the profile's alarm limits
};

[[nodiscard]] const char *guardFlagName(GuardFlag flag);

struct GuardChannel
{
    double center = 0;     // median of the training rolling means
    double scale = 0;      // robust scale of the training rolling means, always > 0 when guarded
    double low = 0;        // center − k · scale, or see RangeGuard; −inf: no check
    double high = 0;       // center + k · scale, or see RangeGuard; +inf: no check
    bool excluded = false; // no nominal-range check (limits still apply)
    std::string exclusionReason; // why a side of the range, or all of it, is not checked
    // Rolling standard deviation above this flags Noisy; +inf disables the check.
    double noiseHigh = std::numeric_limits<double>::infinity();
    // |value − rolling mean| above this flags Jump; +inf disables the check.
    double jumpHigh = std::numeric_limits<double>::infinity();
    // Rolling mean of |value − previous value| above this flags Noisy; +inf disables the check.
    double roughnessHigh = std::numeric_limits<double>::infinity();
    // |rolling mean − the rolling mean W samples earlier| above this flags Trend; +inf disables.
    double trendHigh = std::numeric_limits<double>::infinity();
    // A run of stuckAfter repeats of one value flags Stuck.
    bool stuckCheck = false;
    // Twice the longest run of one value in training, never less than one window (a quantized or
    // toggling channel sits on a level for a while in normal operation); 0: one window.
    int stuckAfter = 0;
    // A whole window without a value flags Dropout; off when training had such gaps.
    bool dropoutCheck = false;
    std::optional<std::pair<double, double>> limits; // profile alarm low/high on the raw value
    // Training varied the channel by less than RangeGuard::kVarietyShare of its magnitude (a
    // status word, a mode, a constant): its bounds have that share of the magnitude as a floor.
    bool lowVariety = false;
    // Samples a level outside the range must hold, with nothing else flagged on the channel,
    // before the guard takes it as the channel's new level; 0: never.
    int settle = 0;
    // A context channel (a command, mode or gear): never flagged.
    bool context = false;
    // Context channels whose changes training saw this channel's level follow: within
    // kCommandWindows windows of a change of one of them, a level change is expected (not
    // flagged) and a new level held calmly for a window is the channel's level.
    std::vector<int> commandedBy;
};

// Result of one check. flags points into the guard and stays valid until its next check().
struct GuardState
{
    std::span<const GuardFlag> flags;
    bool anyOutOfNominalRange = false; // any flag short of OutOfLimits
    bool anyOutOfLimits = false;

    [[nodiscard]] bool any() const { return anyOutOfNominalRange || anyOutOfLimits; }
};

// Flags channels outside the range seen in training, whatever the forest says: axis-parallel
// trees put every value beyond the training range in the same leaf, so a sensor far out of range
// scores no stranger than one just past the edge.
//
// The range is checked on the W-sample rolling mean, not the raw value, so single noisy samples
// do not trip it: bounds = median ± K · robust scale of the training rolling means. After long
// training (100 windows), they are the extremes of those means ± 0.3 of their span instead: a
// channel that moves between regimes has a robust scale from one of them. A channel
// whose level drifted within its own training data (its last quarter and its second half both
// more than 1 robust scale of the raw channel from its first quarter and first half, the same
// way) is not checked on the side it drifted to: the level may go on moving that way, and a
// guard there would alarm on benign drift. Profile limits (alarm low/high) are always enforced
// on the raw value, excluded or not.
//
// Four checks watch how a channel moves rather than where it is, over the same window: Jump when
// a value lies further from the rolling mean than twice the furthest seen in training (a
// spike, or the first samples after a step); Trend when the rolling mean moved further in one
// window than twice the most it moved in training (a channel that changes slowly starting to
// drift); Noisy when the rolling standard deviation, or the rolling mean of the change from one
// sample to the next, exceeds twice the widest seen in training (the second is what catches
// louder noise on a channel whose deviation training saw inflated by its own steps, such as a bus
// voltage at eclipse); and Stuck when one value repeats for a whole window, or for twice the
// longest run of one value in training if that is longer (a frozen sensor reads back its last
// value, with none of the noise a live one has; a toggling channel that stops toggling sits on
// one level far longer than it ever did).
//
// A channel that training saw vary by less than kVarietyShare of its magnitude (its 95th
// percentile absolute value) gives no scale to judge a move by: a status word that read 0.999
// all through training and reads 1.0 now has not moved by "infinitely many" scales. Its bounds
// get that share of the magnitude as a floor, and a level outside its range that then holds
// steady for `settle` samples (one window) is taken as its new level: a mode change or a
// commanded step is flagged while it happens and clears once the channel is calm at its new
// level, instead of holding an alarm for hours. A channel that moved in training keeps its range
// as an absolute judgement.
//
// A profile's context channels (commands, modes, gears) are never flagged. Training learns which
// of them a channel's level follows: a context channel whose changes were followed, within
// kCommandWindows windows, by a change of the channel's level (of more than four times its
// typical move in one window) at least half the time, and three times as often as at any
// moment, commands it. After such a command the channel's level changes unflagged and settles at
// its new level; the same change without one is flagged.
//
// A single missing value (NaN) never flags; a channel with no value for a whole window flags
// Dropout, unless training had such gaps too. Stuck and Noisy need a window with every value.
class RangeGuard
{
public:
    RangeGuard() = default;

    // rows × channels, row-major. limits is empty (no limits) or has one entry per channel.
    // Throws std::invalid_argument on channels < 1, window < 1 or a limits size mismatch.
    // context is empty or has one entry per channel, non-zero for a context channel.
    [[nodiscard]] static RangeGuard
    fit(std::span<const double> rows, int channels, const RangeGuardOptions &options,
        std::span<const std::optional<std::pair<double, double>>> limits = {},
        std::span<const std::uint8_t> context = {});
    // A guard from stored bounds (a model file). Returns nullopt with a message in *error when
    // the options or a channel's bounds are unusable.
    [[nodiscard]] static std::optional<RangeGuard> fromChannels(const RangeGuardOptions &options,
                                                                std::vector<GuardChannel> channels,
                                                                std::string *error);

    // One raw row of channels() values. Allocation-free. The nominal range is only checked once
    // the rolling window is full (W samples since construction or reset()): a mean of fewer
    // samples is noisier than the training means the bounds were set on.
    [[nodiscard]] GuardState check(std::span<const double> row);
    // Adds a Relation flag on a channel to the latest check(), which flagged nothing.
    [[nodiscard]] GuardState flagRelation(int channel);
    // Adds a Forecast flag to the latest check() on each channel it left Within and forecast
    // marks (one entry per channel, non-zero: flagged).
    [[nodiscard]] GuardState flagForecast(std::span<const std::uint8_t> forecast);
    void reset();

    [[nodiscard]] int channels() const { return int(m_channels.size()); }
    [[nodiscard]] const std::vector<GuardChannel> &channelInfo() const { return m_channels; }
    [[nodiscard]] const RangeGuardOptions &options() const { return m_options; }
    // How far the guard has moved a channel's range to a level it settled at; 0 when it has not.
    [[nodiscard]] double offset(int channel) const { return m_offset[std::size_t(channel)]; }

    static constexpr double kVarietyShare = 0.01;
    static constexpr int kCommandWindows = 2;

private:
    RangeGuard(RangeGuardOptions options, std::vector<GuardChannel> channels);
    // Whether a rolling mean lies outside channel c's range, at its trained level or at the level
    // it settled at; back inside the trained range, the settled level is forgotten.
    [[nodiscard]] bool outOfRange(std::size_t c, double mean);
    // The summary of the latest flags.
    [[nodiscard]] GuardState stateOfFlags() const;
    // Whether one of the context channels that command this channel changed lately.
    [[nodiscard]] bool commandedNow(const GuardChannel &channel) const;

    RangeGuardOptions m_options;
    std::vector<GuardChannel> m_channels;
    std::optional<WindowFeatures> m_window; // raw, rolling mean, rolling deviation per channel
    std::vector<double> m_featureRow;
    std::vector<GuardFlag> m_flags;
    std::vector<int> m_missingRun; // per channel: consecutive missing values up to this one
    std::vector<int> m_presentRun; // per channel: consecutive present values up to this one
    std::vector<int> m_sameRun;    // per channel: consecutive repeats of the latest value
    std::vector<double> m_previous;
    // Per channel, the last W of each, oldest overwritten at m_ringAt: |value − previous value|,
    // and the rolling mean.
    std::vector<double> m_changes;
    std::vector<double> m_means;
    std::vector<double> m_offset;   // per channel: the adopted level minus the trained centre
    std::vector<int> m_settleRun;   // per channel: samples out of range with nothing else flagged
    std::vector<int> m_sinceChange; // per channel: samples since its value last changed
    bool m_anyCommanded = false;    // some channel follows a context channel: track changes
    std::size_t m_ringAt = 0;
    int m_seen = 0;
};

} // namespace fw::detect
