#pragma once

#include "metrics/metric.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fw::metrics {

enum class MetricType { Counter, Gauge, Histogram };

// What every family of metrics has: a name, help text, a type and the names of its labels.
class FamilyBase
{
public:
    virtual ~FamilyBase();
    FamilyBase(const FamilyBase &) = delete;
    FamilyBase &operator=(const FamilyBase &) = delete;

    [[nodiscard]] const std::string &name() const { return m_name; }
    [[nodiscard]] const std::string &help() const { return m_help; }
    [[nodiscard]] MetricType type() const { return m_type; }
    [[nodiscard]] const std::vector<std::string> &labelNames() const { return m_labelNames; }

protected:
    FamilyBase(std::string name, std::string help, MetricType type,
               std::vector<std::string> labelNames);

private:
    std::string m_name;
    std::string m_help;
    MetricType m_type;
    std::vector<std::string> m_labelNames;
};

// The metrics of one name, one per combination of label values. A child is made on first use
// (under a lock) and lives as long as the family unless removed: look it up once, keep the
// reference, and update it on the hot path without locking.
template<class M>
class Family final : public FamilyBase
{
public:
    Family(std::string name, std::string help, MetricType type, std::vector<std::string> labelNames,
           std::vector<double> bounds = {})
        : FamilyBase(std::move(name), std::move(help), type, std::move(labelNames))
        , m_bounds(std::move(bounds))
    {
        if (this->labelNames().empty()) {
            with({});
        }
    }

    // The child for these label values, one per label name (std::invalid_argument otherwise).
    M &with(const std::vector<std::string> &labelValues)
    {
        checkLabelCount(labelValues.size());
        std::lock_guard lock(m_mutex);
        auto &child = m_children[labelValues];
        if (!child) {
            child = make();
        }
        return *child;
    }
    M &with(std::initializer_list<std::string_view> labelValues)
    {
        return with(std::vector<std::string>(labelValues.begin(), labelValues.end()));
    }
    // The only child of a family without labels.
    M &get() { return with(std::vector<std::string>{}); }

    // Drops a child (a model that is no longer in use, say). References to it dangle: only for
    // children nobody holds.
    void remove(const std::vector<std::string> &labelValues)
    {
        std::lock_guard lock(m_mutex);
        m_children.erase(labelValues);
    }

    // Calls visit(labelValues, metric) for every child in label order, under the family's lock.
    template<class Visit>
    void forEach(Visit &&visit) const
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[labels, child] : m_children) {
            visit(labels, *child);
        }
    }

private:
    void checkLabelCount(std::size_t count) const
    {
        if (count != labelNames().size()) {
            throw std::invalid_argument(name() + ": expected " + std::to_string(labelNames().size())
                                        + " label values, got " + std::to_string(count));
        }
    }
    std::unique_ptr<M> make() const
    {
        if constexpr (std::is_same_v<M, Histogram>) {
            return std::make_unique<M>(m_bounds);
        } else {
            return std::make_unique<M>();
        }
    }

    std::vector<double> m_bounds;
    mutable std::mutex m_mutex;
    std::map<std::vector<std::string>, std::unique_ptr<M>> m_children;
};

// The metrics of a process: families registered once at start-up, updated from any thread,
// rendered by exposition.h on the thread that serves /metrics. Registering an invalid name, a
// counter whose name does not end in _total, or a name twice throws std::invalid_argument: those
// are programming errors, found by the first test that builds the registry.
class Registry
{
public:
    Registry();
    ~Registry();
    Registry(const Registry &) = delete;
    Registry &operator=(const Registry &) = delete;

    Family<Counter> &counterFamily(std::string name, std::string help,
                                   std::vector<std::string> labelNames);
    Family<Gauge> &gaugeFamily(std::string name, std::string help,
                               std::vector<std::string> labelNames);
    Family<Histogram> &histogramFamily(std::string name, std::string help,
                                       std::vector<double> bounds,
                                       std::vector<std::string> labelNames);
    Counter &counter(std::string name, std::string help);
    Gauge &gauge(std::string name, std::string help);
    Histogram &histogram(std::string name, std::string help, std::vector<double> bounds);

    // Runs before every rendering, on the rendering thread: for values read on demand (process
    // figures, a source's own counters). Must be thread-safe and quick. removeCollector() waits
    // for a call in progress.
    int addCollector(std::function<void()> collector);
    void removeCollector(int id);
    void collect() const;

    // Every family, sorted by name.
    [[nodiscard]] std::vector<const FamilyBase *> families() const;

private:
    void add(std::unique_ptr<FamilyBase> family);

    mutable std::mutex m_mutex;
    std::map<std::string, std::unique_ptr<FamilyBase>, std::less<>> m_families;
    mutable std::mutex m_collecting; // held while collectors run, and to change them
    std::vector<std::pair<int, std::function<void()>>> m_collectors;
    int m_nextCollector = 1;
};

// Whether name is a valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*) or label name
// ([a-zA-Z_][a-zA-Z0-9_]*, not starting with "__").
[[nodiscard]] bool isValidMetricName(std::string_view name);
[[nodiscard]] bool isValidLabelName(std::string_view name);

} // namespace fw::metrics
