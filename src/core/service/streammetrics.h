#pragma once

#include "telemetry/streamtable.h"

#include <cstddef>
#include <memory>
#include <unordered_map>

namespace fw {

namespace metrics {
class Counter;
class Gauge;
class Registry;
template<class M>
class Family;
} // namespace metrics

// The faultwatch_stream* metrics of a source with many streams. Every stream counts into
// faultwatch_streams and faultwatch_streams_alarm_active; only a stream that has raised an alarm
// gets series of its own (alarm active, lost samples, newest confidence, labelled by its key),
// and at most labelLimit of them, the rest counted in faultwatch_streams_unlabelled, so that a
// fleet of thousands cannot flood Prometheus with series. A labelled stream keeps its series.
class StreamMetrics
{
public:
    static constexpr std::size_t kDefaultLabelLimit = 500;

    StreamMetrics(metrics::Registry *registry, std::size_t labelLimit);

    // From the registry's collector, as /metrics is rendered; returns how many streams hold an
    // alarm.
    std::size_t mirror(const std::shared_ptr<const StreamTable> &table);

private:
    struct Series
    {
        metrics::Gauge *alarmActive;
        metrics::Counter *lost;
        metrics::Gauge *confidence;
    };

    std::size_t m_labelLimit;
    metrics::Gauge &m_streams;
    metrics::Gauge &m_active;
    metrics::Gauge &m_unlabelled;
    metrics::Counter &m_refused;
    metrics::Counter &m_otherShard;
    metrics::Family<metrics::Gauge> &m_streamAlarm;
    metrics::Family<metrics::Counter> &m_streamLost;
    metrics::Family<metrics::Gauge> &m_streamConfidence;
    std::shared_ptr<const StreamTable> m_table; // whose streams are labelled below
    std::unordered_map<const StreamTable::Entry *, Series> m_labelled;
};

} // namespace fw
