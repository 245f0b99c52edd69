#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace fw::metrics {

// The three kinds of value a registry holds. Updating one is a relaxed atomic operation with no
// lock and no allocation, so the ingest and detector threads update them on their hot paths while
// the HTTP thread reads them.

// A count that only goes up (events, seconds spent). Negative or NaN increments are ignored.
class Counter
{
public:
    void inc(double by = 1.0) noexcept
    {
        if (by > 0) {
            m_value.fetch_add(by, std::memory_order_relaxed);
        }
    }
    // For a count kept elsewhere (a source's own counters) and mirrored at scrape time; a smaller
    // value than before is ignored, so the counter never goes down.
    void mirror(double total) noexcept;
    [[nodiscard]] double value() const noexcept { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<double> m_value{0.0};
};

// A value that goes up and down (a temperature, a queue length, whether a source is up).
class Gauge
{
public:
    void set(double value) noexcept { m_value.store(value, std::memory_order_relaxed); }
    void add(double by) noexcept { m_value.fetch_add(by, std::memory_order_relaxed); }
    [[nodiscard]] double value() const noexcept { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<double> m_value{0.0};
};

// Observations counted into fixed buckets: bucket i counts values <= bounds[i], and one more
// bucket counts the rest (+Inf). NaN observations are ignored.
class Histogram
{
public:
    // bounds: finite, strictly increasing, possibly empty (only +Inf). Checked by the registry.
    explicit Histogram(std::span<const double> bounds);

    void observe(double value) noexcept;

    struct Snapshot
    {
        std::vector<std::uint64_t> cumulative; // per bound, then +Inf (equal to count)
        double sum = 0;
        std::uint64_t count = 0;
    };
    // Consistent in itself (the +Inf bucket is the count) even while other threads observe.
    [[nodiscard]] Snapshot snapshot() const;
    [[nodiscard]] std::span<const double> bounds() const { return m_bounds; }

private:
    std::vector<double> m_bounds;
    std::unique_ptr<std::atomic<std::uint64_t>[]> m_counts; // per bucket, not cumulative
    std::atomic<double> m_sum{0.0};
};

} // namespace fw::metrics
