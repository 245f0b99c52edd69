#include "metrics/metric.h"

#include <algorithm>
#include <cmath>

namespace fw::metrics {

void Counter::mirror(double total) noexcept
{
    double seen = m_value.load(std::memory_order_relaxed);
    while (total > seen && !m_value.compare_exchange_weak(seen, total, std::memory_order_relaxed)) {
    }
}

Histogram::Histogram(std::span<const double> bounds)
    : m_bounds(bounds.begin(), bounds.end())
    , m_counts(std::make_unique<std::atomic<std::uint64_t>[]>(bounds.size() + 1))
{}

void Histogram::observe(double value) noexcept
{
    if (std::isnan(value)) {
        return;
    }
    // The first bound >= value; the +Inf bucket when there is none.
    const auto bucket
        = std::size_t(std::lower_bound(m_bounds.begin(), m_bounds.end(), value) - m_bounds.begin());
    m_counts[bucket].fetch_add(1, std::memory_order_relaxed);
    m_sum.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const
{
    Snapshot s;
    s.cumulative.resize(m_bounds.size() + 1);
    std::uint64_t running = 0;
    for (std::size_t i = 0; i <= m_bounds.size(); ++i) {
        running += m_counts[i].load(std::memory_order_relaxed);
        s.cumulative[i] = running;
    }
    s.count = running;
    s.sum = m_sum.load(std::memory_order_relaxed);
    return s;
}

} // namespace fw::metrics
