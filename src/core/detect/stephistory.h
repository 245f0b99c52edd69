#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace fw::detect {

// The recent past of a few channels as step means, shared by the relation and forecast checks:
// rows are summed per channel, every `block` rows close a step, and the latest steps are kept in
// a ring whose size is a power of two, so that reading a lag is a mask rather than a division. A
// channel without a value in a whole step reads NaN there, as do steps not seen yet.
class StepHistory
{
public:
    StepHistory() = default;
    // Keeps at least depth + 1 steps, so that lags 0 to depth can be read.
    StepHistory(std::size_t channels, int block, std::size_t depth);

    // One row of channels() values (NaN: missing). True when it closed a step.
    bool add(std::span<const double> row);
    // A channel's mean `lag` steps before the latest closed step (0: that step).
    [[nodiscard]] double at(std::size_t channel, int lag) const
    {
        return m_history[channel * m_ring + ((m_at - std::size_t(lag)) & (m_ring - 1))];
    }
    // Steps closed since construction or reset().
    [[nodiscard]] long long steps() const { return m_steps; }
    [[nodiscard]] std::size_t channels() const { return m_sum.size(); }
    void reset();

private:
    int m_block = 1;
    std::size_t m_ring = 1;
    std::vector<double> m_sum; // per channel: sum and count of the step being filled
    std::vector<int> m_count;
    int m_filled = 0;
    std::vector<double> m_history; // per channel, m_ring step means
    std::size_t m_at = 0;          // slot of the latest step
    long long m_steps = 0;
};

} // namespace fw::detect
