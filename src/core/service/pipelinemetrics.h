#pragma once

#include "service/labels.h"
#include "service/pipeline.h"

#include <QObject>

#include <optional>
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

    // Ground truth for a labeled replay (simulate --labels): from now on every scored sample
    // with a label counts into faultwatch_labeled_samples_total{outcome} (tp, fp, fn, tn) and the
    // running faultwatch_labeled_precision and faultwatch_labeled_recall.
    void setLabels(LabelTrack labels);
    [[nodiscard]] const Confusion &confusion() const { return m_confusion; }

private:
    void onSamples(const SampleBlockPtr &block);
    void onResults(const ResultBlockPtr &results);
    void onModel(const ModelIdentity &identity);
    void mirrorSource();
    void channelsChanged();
    void countLabels(const ResultBlock &results);

    Pipeline *m_pipeline;
    metrics::Registry *m_registry;
    metrics::Counter &m_samples;
    metrics::Counter &m_scored;
    metrics::Counter &m_anomalous;
    metrics::Family<metrics::Counter> &m_dropped;
    metrics::Family<metrics::Counter> &m_decodeErrors;
    metrics::Counter &m_lost;
    metrics::Counter &m_sequenceResets;
    metrics::Counter &m_kernelDrops;
    metrics::Counter &m_reconnects;
    metrics::Gauge &m_up;
    metrics::Histogram &m_latency;
    metrics::Gauge &m_score;
    metrics::Gauge &m_confidence;
    metrics::Family<metrics::Counter> &m_alarms;
    metrics::Gauge &m_alarmActive;
    metrics::Family<metrics::Gauge> &m_channelValue;
    metrics::Family<metrics::Gauge> &m_modelInfo;
    std::vector<metrics::Gauge *> m_channels;         // in profile order
    std::vector<metrics::Counter *> m_decodeCounters; // per DecodeError
    std::vector<std::string> m_modelLabels;
    // Source counters are per source; these carry the totals of sources replaced before.
    SourceStats m_previous;
    SourceStats m_current;
    QTimer *m_timer;
    std::optional<LabelTrack> m_labels;
    std::vector<metrics::Counter *> m_outcomes; // tp, fp, fn, tn
    metrics::Gauge *m_precision = nullptr;
    metrics::Gauge *m_recall = nullptr;
    Confusion m_confusion;
};

} // namespace fw
