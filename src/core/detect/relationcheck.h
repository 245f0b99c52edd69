#pragma once

#include "detect/stephistory.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace fw::detect {

struct RelationOptions
{
    int block = 1; // samples averaged into one step
    // Steps back at which the other channels are read, ascending; the largest sets the memory.
    std::vector<int> lags{0, 1, 2, 5, 10, 20, 40, 80, 160};
    int selfLag = 25; // steps back at which the channel's own value is read
    int smooth = 10;  // steps the residual is averaged over
    double k = 1.5;   // a smoothed residual above k times the largest in training flags

    // Steps of history a check needs before its first residual.
    [[nodiscard]] int memory() const;
    // Coefficients per channel: intercept, each other channel's lags in channel order, own lag.
    [[nodiscard]] std::size_t coefficientCount(int channels) const;
};

struct RelationChannel
{
    std::vector<double> coefficients;
    // The largest smoothed residual over the training rows below and above the prediction,
    // each > 0. Kept apart because nominal transients are often one-sided: a battery's voltage
    // jumps up at sunrise but never down as far.
    double below = 0;
    double above = 0;
};

// Watches how each channel moves with the others. Each channel is predicted, step by step, from
// the other channels' recent history and its own value a few seconds earlier, by a linear fit to
// the training rows; the check flags a channel whose prediction error, averaged over a few
// steps, grows beyond k times the largest training saw. This is what sees a sensor drift slowly
// inside its own nominal range and at a rate its channel also shows in nominal operation: the
// drift breaks the channel's relation to the physics the other sensors still measure (a pack
// temperature that rises while the coolant pump, which follows it, does not speed up).
//
// One channel is named at a time. A faulty channel also disturbs the predictions it feeds into,
// so the first channel over its bound is kept while any remains over, then the largest.
class RelationCheck
{
public:
    // Fits the relations on rows × channels (row-major, NaN missing) sampled at rateHz. Returns
    // nullopt, with the reason in *why, when there is too little to learn from: fewer than two
    // channels, no rate, or fewer steps than kMinMemories times the check's memory.
    [[nodiscard]] static std::optional<RelationCheck>
    fit(std::span<const double> rows, int channels, double rateHz, std::string *why);
    // A check from stored relations (a model file); nullopt with a message when they are unusable.
    [[nodiscard]] static std::optional<RelationCheck>
    fromStored(RelationOptions options, std::vector<RelationChannel> channels, std::string *error);

    // One raw row. Returns the channel flagged, or -1. Allocation-free; a flag holds between the
    // steps it was found at.
    [[nodiscard]] int check(std::span<const double> row);
    void reset();

    [[nodiscard]] const RelationOptions &options() const { return m_options; }
    [[nodiscard]] const std::vector<RelationChannel> &channels() const { return m_channels; }

    static constexpr int kMinMemories = 20;

private:
    RelationCheck(RelationOptions options, std::vector<RelationChannel> channels);
    // Closes a step: its means join the history, and each channel's smoothed residual is updated.
    void endStep();
    [[nodiscard]] double residual(std::size_t channel) const;
    [[nodiscard]] double stepValue(std::size_t channel, int lag) const;

    RelationOptions m_options;
    std::vector<RelationChannel> m_channels;
    StepHistory m_history;
    std::vector<double> m_lagged;    // scratch: per channel, its mean at each of the lags
    std::vector<double> m_residuals; // per channel, a ring of smooth residuals
    std::vector<int> m_validRun;     // per channel: consecutive finite residuals
    std::vector<double> m_smoothed;  // per channel: the smoothed residual, or 0
    std::vector<double> m_ratio;     // per channel: smoothed residual / its side's bound, or 0
    int m_flagged = -1;
};

} // namespace fw::detect
