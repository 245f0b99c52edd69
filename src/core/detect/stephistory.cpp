#include "detect/stephistory.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace fw::detect {

StepHistory::StepHistory(std::size_t channels, int block, std::size_t depth)
    : m_block(block)
    , m_ring(std::bit_ceil(depth + 1))
    , m_sum(channels, 0.0)
    , m_count(channels, 0)
    , m_history(channels * m_ring, std::numeric_limits<double>::quiet_NaN())
{}

bool StepHistory::add(std::span<const double> row)
{
    for (std::size_t c = 0; c < m_sum.size(); ++c) {
        if (std::isfinite(row[c])) {
            m_sum[c] += row[c];
            ++m_count[c];
        }
    }
    if (++m_filled < m_block) {
        return false;
    }
    m_at = (m_at + 1) & (m_ring - 1);
    for (std::size_t c = 0; c < m_sum.size(); ++c) {
        m_history[c * m_ring + m_at]
            = m_count[c] > 0 ? m_sum[c] / m_count[c] : std::numeric_limits<double>::quiet_NaN();
        m_sum[c] = 0;
        m_count[c] = 0;
    }
    m_filled = 0;
    ++m_steps;
    return true;
}

void StepHistory::reset()
{
    std::fill(m_sum.begin(), m_sum.end(), 0.0);
    std::fill(m_count.begin(), m_count.end(), 0);
    m_filled = 0;
    std::fill(m_history.begin(), m_history.end(), std::numeric_limits<double>::quiet_NaN());
    m_at = 0;
    m_steps = 0;
}

} // namespace fw::detect
