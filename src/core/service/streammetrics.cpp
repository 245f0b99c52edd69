#include "service/streammetrics.h"

#include "metrics/registry.h"

#include <cmath>

namespace fw {

StreamMetrics::StreamMetrics(metrics::Registry *registry, std::size_t labelLimit)
    : m_labelLimit(labelLimit)
    , m_streams(registry->gauge("faultwatch_streams",
                                "Streams the source carries (by its stream key), 0 for a source "
                                "of one stream."))
    , m_active(registry->gauge("faultwatch_streams_alarm_active", "Streams holding an alarm."))
    , m_unlabelled(registry->gauge("faultwatch_streams_unlabelled",
                                   "Streams that raised an alarm but have no faultwatch_stream_* "
                                   "series: more did than the label limit allows."))
    , m_refused(registry->counter("faultwatch_stream_refused_samples_total",
                                  "Samples of new streams refused because the source's stream "
                                  "table was full."))
    , m_otherShard(registry->counter("faultwatch_stream_other_shard_messages_total",
                                     "Messages of streams other instances of a sharded fleet "
                                     "keep (the source's shard=K/N), passed over."))
    , m_streamAlarm(registry->gaugeFamily("faultwatch_stream_alarm_active",
                                          "1 while the stream holds an alarm, else 0; only for "
                                          "streams that raised one.",
                                          {"stream"}))
    , m_streamLost(registry->counterFamily("faultwatch_stream_samples_lost_total",
                                           "Samples missing from the stream's sequence-number "
                                           "gaps; only for streams that raised an alarm.",
                                           {"stream"}))
    , m_streamConfidence(registry->gaugeFamily("faultwatch_stream_anomaly_confidence",
                                               "Anomaly confidence (0 to 1) of the stream's "
                                               "newest scored sample; only for streams that "
                                               "raised an alarm.",
                                               {"stream"}))
{}

std::size_t StreamMetrics::mirror(const std::shared_ptr<const StreamTable> &table)
{
    if (table != m_table) {
        // Another source: its entries are others. The series already made stay, at their last
        // values, as Prometheus expects of a series.
        m_labelled.clear();
        m_table = table;
    }
    std::size_t active = 0;
    std::size_t unlabelled = 0;
    const std::vector<StreamTable::Entry *> entries = table->entries();
    for (const StreamTable::Entry *entry : entries) {
        const bool alarm = entry->alarmActive.load(std::memory_order_relaxed);
        active += alarm ? 1 : 0;
        auto it = m_labelled.find(entry);
        if (it == m_labelled.end()) {
            if (entry->alarmsRaised.load(std::memory_order_relaxed) == 0) {
                continue;
            }
            if (m_labelled.size() >= m_labelLimit) {
                ++unlabelled;
                continue;
            }
            const std::vector<std::string> labels{entry->key};
            it = m_labelled
                     .emplace(entry, Series{&m_streamAlarm.with(labels), &m_streamLost.with(labels),
                                            &m_streamConfidence.with(labels)})
                     .first;
        }
        const Series &series = it->second;
        series.alarmActive->set(alarm ? 1 : 0);
        series.lost->mirror(double(entry->lost.load(std::memory_order_relaxed)));
        const double confidence = entry->confidence.load(std::memory_order_relaxed);
        if (std::isfinite(confidence)) {
            series.confidence->set(confidence);
        }
    }
    m_streams.set(double(entries.size()));
    m_active.set(double(active));
    m_unlabelled.set(double(unlabelled));
    m_refused.mirror(double(table->refusedSamples()));
    m_otherShard.mirror(double(table->otherShardMessages()));
    return active;
}

} // namespace fw
