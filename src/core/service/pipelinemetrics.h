#pragma once

#include "service/labels.h"
#include "service/pipeline.h"
#include "service/streammetrics.h"

#include <QObject>

#include <mutex>
#include <optional>
#include <vector>

namespace fw {

namespace metrics {
class Counter;
class Gauge;
class Histogram;
class Registry;
template<class M>
class Family;
} // namespace metrics

// The faultwatch_* metrics of a run: samples received, scored and dropped by stage, decode
// errors by reason, lost samples, source up and reconnects, detection latency, the newest
// anomaly score and confidence, alarms raised by severity, whether an alarm is active, each
// channel's newest value, and the model in use. None of it waits for the pipeline's owner: what
// each block brings is taken on the detector thread (a pipeline observer), the counters the
// pipeline and source keep are read when /metrics is rendered. Registry and pipeline must outlive
// it.
class PipelineMetrics : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PipelineMetrics)

public:
    PipelineMetrics(Pipeline *pipeline, metrics::Registry *registry, QObject *parent = nullptr,
                    std::size_t streamLabelLimit = StreamMetrics::kDefaultLabelLimit);
    ~PipelineMetrics() override;

    // Ground truth for a labeled replay (simulate --labels): from now on every scored sample
    // with a label counts into faultwatch_labeled_samples_total{outcome} (tp, fp, fn, tn) and the
    // running faultwatch_labeled_precision and faultwatch_labeled_recall.
    void setLabels(LabelTrack labels);
    [[nodiscard]] Confusion confusion() const;

private:
    void observe(const SampleBlock &block, const ResultBlock *results); // detector thread
    void mirror();                                                      // rendering thread
    void onModel(const ModelIdentity &identity);
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
    std::vector<metrics::Counter *> m_decodeCounters; // per DecodeError
    metrics::Counter *m_droppedNoModel;
    metrics::Counter *m_droppedInbox;
    metrics::Counter *m_droppedOutbox;
    std::vector<std::string> m_modelLabels;
    // What the detector thread's observer and the owner's thread share.
    mutable std::mutex m_mutex;
    std::vector<metrics::Gauge *> m_channels; // in profile order
    std::optional<LabelTrack> m_labels;
    std::vector<metrics::Counter *> m_outcomes; // tp, fp, fn, tn
    metrics::Gauge *m_precision = nullptr;
    metrics::Gauge *m_recall = nullptr;
    Confusion m_confusion;
    int m_observer = 0;
    int m_collector = 0;
    StreamMetrics m_streams;
};

} // namespace fw
