#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace fw::detect {

// Causal windowed features per channel: each output uses only the current and the past W − 1
// samples, so a streaming console and an offline replay compute the same numbers.
//
// Output row layout: the raw channels, then for each enabled feature (in the order mean, standard
// deviation, slope) one value per channel.
//
// - Missing values (NaN, and any non-finite value) are left out of a channel's window: the
//   statistics use only the present values, and a window with no present value gives NaN. A
//   missing value is never treated as zero, which would drag the mean towards zero.
// - Warm-up: before W samples have been seen the window is simply shorter (the samples seen so
//   far), rather than NaN, so the detector has features from the first sample on.
// - Standard deviation is the population one (divisor n), so a single present value has 0.
// - Slope is the least-squares slope per sample index over the present values (missing samples
//   keep their index, so gaps do not compress time); it needs two present values, else NaN.
//
// Cost is O(1) per sample and channel: running sums over a ring buffer. The sums are kept on
// values shifted by a reference level (the shifted-data algorithm), so a constant series gives a
// standard deviation of exactly 0, and they are rebuilt from the ring every W pushes so rounding
// errors of the add/remove updates cannot accumulate.
class WindowFeatures
{
public:
    enum Flag : unsigned {
        Mean = 1u << 0,
        StdDev = 1u << 1,
        Slope = 1u << 2,
        All = Mean | StdDev | Slope,
    };
    using Flags = unsigned;

    // Throws std::invalid_argument when channels < 1 or window < 1.
    WindowFeatures(int channels, int window, Flags which);

    // row holds at least channels() values, out at least featureCount(). Allocation-free.
    // Throws std::invalid_argument when a span is too short.
    void push(std::span<const double> row, std::span<double> out);
    // Forgets every past sample; the next push starts a new warm-up.
    void reset();

    [[nodiscard]] int channels() const { return m_channels; }
    [[nodiscard]] int window() const { return m_window; }
    [[nodiscard]] Flags flags() const { return m_flags; }
    // Values per output row: raw channels plus one value per channel per enabled feature.
    [[nodiscard]] int featureCount() const;

    // Runs a fresh extractor over rows × channels (row-major); returns rows × featureCount().
    [[nodiscard]] static std::vector<double> extract(std::span<const double> rows, int channels,
                                                     int window, Flags which);

private:
    // Sums over the present values of one channel's window, with x = the sample's index relative
    // to the newest sample (0, −1, …) and y = value − reference.
    struct Sums
    {
        double reference = 0;
        double count = 0;
        double sumX = 0;
        double sumXX = 0;
        double sumY = 0;
        double sumYY = 0;
        double sumXY = 0;
    };

    void rebuild(std::size_t channel);
    void writeFeatures(std::size_t channel, std::span<double> out) const;

    int m_channels;
    int m_window;
    Flags m_flags;
    std::vector<double> m_ring; // window × channels, slot-major
    std::vector<Sums> m_sums;
    std::size_t m_head = 0;   // slot the next sample goes to
    std::size_t m_filled = 0; // samples in the ring, up to window
    std::size_t m_sinceRebuild = 0;
};

} // namespace fw::detect
