#pragma once

#include "detect/stephistory.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace fw::detect {

struct ForecastOptions
{
    int block = 1; // samples averaged into one step
    // Steps back at which the channel's own change is read, ascending.
    std::vector<int> lags{1, 2, 3, 5, 10};
    int smooth = 10; // steps the absolute forecast error is averaged over
    double k = 1.5;  // a smoothed error above k times the largest in training flags
    // Steps of history a channel with this season needs before its first forecast.
    [[nodiscard]] int memory(int season) const;
};

struct ForecastChannel
{
    // Steps in the channel's dominant cycle (an orbit, a duty cycle), 0 when training showed
    // none; its changes one cycle back join the regressors.
    int season = 0;
    // Intercept, one weight per lag, then three for the changes season − 1, season and season + 1
    // steps back (zero without a season).
    std::vector<double> coefficients;
    // A smoothed absolute error above this flags: k times the largest in training, at least
    // kFloorShare of the channel's magnitude (its 95th-percentile absolute value, 1 when that
    // is 0). +inf: the channel is not forecast (a context channel).
    double bound = std::numeric_limits<double>::infinity();
};

// Forecasts each channel one step ahead from its own recent changes and flags one whose
// forecast error, averaged over a few steps, grows beyond k times the largest in training. This
// is what sees a channel lose its rhythm inside its own range: a duty cycle out of phase, a
// toggling that stops, a slow channel that starts to shake, a spike.
//
// It predicts the change from the previous step, not the level, so a channel that steps to a
// new level and stays there is flagged for the step and then no longer (on a cycling channel,
// once more a cycle later, where the seasonal weights expect the change again): where the level
// may be is the guard's question, how the channel moves is this one's. The error bound has a floor
// of kFloorShare of the channel's magnitude, so that a channel that never moved in training is not
// flagged for the smallest change (0.999 to 1.0 on a status word scaled to ±1) yet a channel
// stuck at 0 that starts moving is.
class ForecastCheck
{
public:
    // Fits one forecast per channel on rows × channels (row-major, NaN missing) sampled at
    // rateHz. Returns nullopt, with the reason in *why, without a rate or with fewer than 200
    // steps (a step is 0.2 s, or one sample when samples are further apart).
    // context is empty or has one entry per channel; channels marked non-zero get no forecast.
    [[nodiscard]] static std::optional<ForecastCheck>
    fit(std::span<const double> rows, int channels, double rateHz, std::string *why,
        std::span<const std::uint8_t> context = {});
    // A check from stored forecasts (a model file); nullopt with a message when unusable.
    [[nodiscard]] static std::optional<ForecastCheck>
    fromStored(ForecastOptions options, std::vector<ForecastChannel> channels, std::string *error);

    // One raw row. Flags are per channel (1: forecast error over its bound) and hold between
    // the steps they were found at. Allocation-free.
    [[nodiscard]] std::span<const std::uint8_t> check(std::span<const double> row);
    void reset();

    [[nodiscard]] const ForecastOptions &options() const { return m_options; }
    [[nodiscard]] const std::vector<ForecastChannel> &channels() const { return m_channels; }
    // The latest smoothed absolute error of a channel over its bound; 0 before the first.
    [[nodiscard]] double ratio(std::size_t channel) const { return m_ratio[channel]; }

    static constexpr double kFloorShare = 0.01;
    static constexpr int kMaxSeason = 1000; // longest cycle looked for, in steps

private:
    ForecastCheck(ForecastOptions options, std::vector<ForecastChannel> channels);
    void endStep();
    [[nodiscard]] double stepValue(std::size_t channel, int lag) const;
    [[nodiscard]] double change(std::size_t channel, int lag) const;
    [[nodiscard]] double error(std::size_t channel) const;

    ForecastOptions m_options;
    std::vector<ForecastChannel> m_channels;
    StepHistory m_history;
    std::vector<double> m_errors; // per channel, a ring of smooth absolute errors
    std::vector<int> m_validRun;  // per channel: consecutive finite errors
    std::vector<double> m_ratio;
    std::vector<std::uint8_t> m_flags; // per channel: 1 when flagged
};

} // namespace fw::detect
