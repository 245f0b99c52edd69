#pragma once

#include "service/pipeline.h"

#include <QObject>

#include <vector>

class QTimer;

namespace fw {

namespace metrics {
class Counter;
class Gauge;
class Histogram;
class Registry;
template<class M>
class Family;
} // namespace metrics

// The faultwatch_* metrics of a run, fed by its Pipeline on the pipeline's thread: samples
// received, scored and skipped, decode errors by reason, lost samples, source up and reconnects,
// detection latency, the newest anomaly score and confidence, alarms raised by severity, whether
// an alarm is active, each channel's newest value, and the model in use. Registry and pipeline
// must outlive it. Source counters are mirrored once a second and on every block.
class PipelineMetrics : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PipelineMetrics)

public:
    PipelineMetrics(Pipeline *pipeline, metrics::Registry *registry, QObject *parent = nullptr);
    ~PipelineMetrics() override;

private:
    void onSamples(const SampleBlockPtr &block);
    void onResults(const ResultBlockPtr &results);
    void onModel(const ModelIdentity &identity);
    void mirrorSource();
    void channelsChanged();

    Pipeline *m_pipeline;
    metrics::Registry *m_registry;
    metrics::Counter &m_samples;
    metrics::Counter &m_scored;
    metrics::Counter &m_anomalous;
    metrics::Family<metrics::Counter> &m_dropped;
    metrics::Family<metrics::Counter> &m_decodeErrors;
    metrics::Counter &m_lost;
    metrics::Counter &m_reconnects;
    metrics::Gauge &m_up;
    metrics::Histogram &m_latency;
    metrics::Gauge &m_score;
    metrics::Gauge &m_confidence;
    metrics::Family<metrics::Counter> &m_alarms;
    metrics::Gauge &m_alarmActive;
    metrics::Family<metrics::Gauge> &m_channelValue;
    metrics::Family<metrics::Gauge> &m_modelInfo;
    std::vector<metrics::Gauge *> m_channels; // in profile order
    std::vector<std::string> m_modelLabels;
    // Source counters are per source; these carry the totals of sources replaced before.
    SourceStats m_previous;
    SourceStats m_current;
    QTimer *m_timer;
};

} // namespace fw
