#include "metrics/registry.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace fw::metrics {

namespace {

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9');
}

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

void checkFamily(const std::string &name, MetricType type, const std::vector<std::string> &labels)
{
    if (!isValidMetricName(name)) {
        throw std::invalid_argument("invalid metric name: " + name);
    }
    if (type == MetricType::Counter && !endsWith(name, "_total")) {
        throw std::invalid_argument("a counter's name ends in _total: " + name);
    }
    if (type != MetricType::Counter && endsWith(name, "_total")) {
        throw std::invalid_argument("only counters end in _total: " + name);
    }
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (!isValidLabelName(labels[i])) {
            throw std::invalid_argument(name + ": invalid label name: " + labels[i]);
        }
        if (type == MetricType::Histogram && labels[i] == "le") {
            throw std::invalid_argument(name + ": a histogram cannot have a label named le");
        }
        if (std::find(labels.begin(), labels.begin() + std::ptrdiff_t(i), labels[i])
            != labels.begin() + std::ptrdiff_t(i)) {
            throw std::invalid_argument(name + ": label named twice: " + labels[i]);
        }
    }
}

} // namespace

bool isValidMetricName(std::string_view name)
{
    if (name.empty() || !(isNameStart(name[0]) || name[0] == ':')) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) { return isNameChar(c) || c == ':'; });
}

bool isValidLabelName(std::string_view name)
{
    return !name.empty() && isNameStart(name[0]) && name.substr(0, 2) != "__"
           && std::all_of(name.begin(), name.end(), isNameChar);
}

FamilyBase::FamilyBase(std::string name, std::string help, MetricType type,
                       std::vector<std::string> labelNames)
    : m_name(std::move(name))
    , m_help(std::move(help))
    , m_type(type)
    , m_labelNames(std::move(labelNames))
{}

FamilyBase::~FamilyBase() = default;

Registry::Registry() = default;
Registry::~Registry() = default;

void Registry::add(std::unique_ptr<FamilyBase> family)
{
    std::lock_guard lock(m_mutex);
    const std::string &name = family->name();
    if (m_families.contains(name)) {
        throw std::invalid_argument("metric registered twice: " + name);
    }
    m_families.emplace(name, std::move(family));
}

Family<Counter> &Registry::counterFamily(std::string name, std::string help,
                                         std::vector<std::string> labelNames)
{
    checkFamily(name, MetricType::Counter, labelNames);
    auto family = std::make_unique<Family<Counter>>(std::move(name), std::move(help),
                                                    MetricType::Counter, std::move(labelNames));
    Family<Counter> &result = *family;
    add(std::move(family));
    return result;
}

Family<Gauge> &Registry::gaugeFamily(std::string name, std::string help,
                                     std::vector<std::string> labelNames)
{
    checkFamily(name, MetricType::Gauge, labelNames);
    auto family = std::make_unique<Family<Gauge>>(std::move(name), std::move(help),
                                                  MetricType::Gauge, std::move(labelNames));
    Family<Gauge> &result = *family;
    add(std::move(family));
    return result;
}

Family<Histogram> &Registry::histogramFamily(std::string name, std::string help,
                                             std::vector<double> bounds,
                                             std::vector<std::string> labelNames)
{
    checkFamily(name, MetricType::Histogram, labelNames);
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        if (!std::isfinite(bounds[i]) || (i > 0 && !(bounds[i] > bounds[i - 1]))) {
            throw std::invalid_argument(name + ": bucket bounds must be finite and increasing");
        }
    }
    auto family = std::make_unique<Family<Histogram>>(std::move(name), std::move(help),
                                                      MetricType::Histogram, std::move(labelNames),
                                                      std::move(bounds));
    Family<Histogram> &result = *family;
    add(std::move(family));
    return result;
}

Counter &Registry::counter(std::string name, std::string help)
{
    return counterFamily(std::move(name), std::move(help), {}).get();
}

Gauge &Registry::gauge(std::string name, std::string help)
{
    return gaugeFamily(std::move(name), std::move(help), {}).get();
}

Histogram &Registry::histogram(std::string name, std::string help, std::vector<double> bounds)
{
    return histogramFamily(std::move(name), std::move(help), std::move(bounds), {}).get();
}

int Registry::addCollector(std::function<void()> collector)
{
    std::lock_guard running(m_collecting);
    m_collectors.emplace_back(m_nextCollector, std::move(collector));
    return m_nextCollector++;
}

void Registry::removeCollector(int id)
{
    std::lock_guard running(m_collecting);
    std::erase_if(m_collectors, [id](const auto &entry) { return entry.first == id; });
}

void Registry::collect() const
{
    // Held while they run, so that a collector is never called after its removal returned.
    std::lock_guard running(m_collecting);
    for (const auto &[id, collector] : m_collectors) {
        collector();
    }
}

std::vector<const FamilyBase *> Registry::families() const
{
    std::lock_guard lock(m_mutex);
    std::vector<const FamilyBase *> result;
    result.reserve(m_families.size());
    for (const auto &[name, family] : m_families) {
        result.push_back(family.get());
    }
    return result;
}

} // namespace fw::metrics
