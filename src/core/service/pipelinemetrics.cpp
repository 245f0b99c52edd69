#include "service/pipelinemetrics.h"

#include "metrics/registry.h"

#include <cmath>

namespace fw {

using metrics::Counter;
using metrics::Family;

namespace {

const std::vector<double> kLatencyBounds{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                         0.1,   0.25,   0.5,   1,    2.5};

std::string severityLabel(detect::Severity severity)
{
    switch (severity) {
    case detect::Severity::Watch:
        return "watch";
    case detect::Severity::Warning:
        return "warning";
    case detect::Severity::Critical:
        return "critical";
    case detect::Severity::None:
        break;
    }
    return "none";
}

} // namespace

PipelineMetrics::PipelineMetrics(Pipeline *pipeline, metrics::Registry *registry, QObject *parent,
                                 std::size_t streamLabelLimit)
    : QObject(parent)
    , m_pipeline(pipeline)
    , m_registry(registry)
    , m_samples(registry->counter("faultwatch_samples_total",
                                  "Samples received from the source and handed to the detector."))
    , m_scored(registry->counter("faultwatch_samples_scored_total", "Samples the detector scored."))
    , m_anomalous(registry->counter("faultwatch_anomalous_samples_total",
                                    "Scored samples that were anomalous (an alarm was active)."))
    , m_dropped(registry->counterFamily("faultwatch_samples_dropped_total",
                                        "Samples dropped, by stage: detector and detector_input "
                                        "were not scored (no fitting model; the detector fell "
                                        "behind), consumers were scored but not plotted or "
                                        "recorded (their thread fell behind).",
                                        {"stage"}))
    , m_decodeErrors(registry->counterFamily("faultwatch_decode_errors_total",
                                             "Malformed input skipped by the decoder, by reason.",
                                             {"reason"}))
    , m_lost(registry->counter("faultwatch_samples_lost_total",
                               "Samples missing from sequence-number gaps."))
    , m_sequenceResets(registry->counter(
          "faultwatch_sequence_resets_total",
          "Times the sender's sequence numbering restarted (a jump no loss explains)."))
    , m_kernelDrops(registry->counter(
          "faultwatch_udp_datagrams_dropped_total",
          "Datagrams the kernel dropped because the socket's receive buffer was full."))
    , m_reconnects(
          registry->counter("faultwatch_source_reconnects_total", "Times the source reconnected."))
    , m_up(registry->gauge("faultwatch_source_up", "1 while the source is Live, else 0."))
    , m_latency(registry->histogram("faultwatch_detection_latency_seconds",
                                    "Time from a block's arrival to its scores.", kLatencyBounds))
    , m_score(registry->gauge("faultwatch_anomaly_score",
                              "Isolation Forest score of the newest scored sample."))
    , m_confidence(registry->gauge("faultwatch_anomaly_confidence",
                                   "Anomaly confidence (0 to 1) of the newest scored sample."))
    , m_alarms(registry->counterFamily("faultwatch_alarms_raised_total",
                                       "Alarms raised by the detector, by severity.", {"severity"}))
    , m_alarmActive(registry->gauge("faultwatch_alarm_active",
                                    "1 while the detector holds an alarm, else 0."))
    , m_channelValue(registry->gaugeFamily("faultwatch_channel_value",
                                           "Newest value of each channel, in its unit.",
                                           {"channel", "unit"}))
    , m_modelInfo(registry->gaugeFamily("faultwatch_model_info",
                                        "The model in use (value 1), by name, SHA-256 and profile.",
                                        {"name", "sha256", "profile"}))
    , m_streams(registry, streamLabelLimit)
{
    m_droppedNoModel = &m_dropped.with({"detector"});     // no model, or it does not fit
    m_droppedInbox = &m_dropped.with({"detector_input"}); // the detector fell behind
    m_droppedOutbox = &m_dropped.with({"consumers"});     // the owner's thread fell behind
    for (int e = 0; e < kDecodeErrorCount; ++e) {
        m_decodeCounters.push_back(
            &m_decodeErrors.with({std::string(decodeErrorName(DecodeError(e)))}));
    }
    for (const char *severity : {"watch", "warning", "critical"}) {
        m_alarms.with({severity});
    }
    channelsChanged();
    if (pipeline->hasModel()) {
        onModel(pipeline->modelIdentity());
    }
    connect(pipeline, &Pipeline::modelChanged, this, &PipelineMetrics::onModel);
    connect(pipeline, &Pipeline::profileChanged, this, &PipelineMetrics::channelsChanged);
    m_observer = pipeline->addObserver(
        [this](const SampleBlock &block, const ResultBlock *results) { observe(block, results); });
    m_collector = registry->addCollector([this] { mirror(); });
}

PipelineMetrics::~PipelineMetrics()
{
    m_registry->removeCollector(m_collector);
    m_pipeline->removeObserver(m_observer);
}

void PipelineMetrics::channelsChanged()
{
    std::vector<metrics::Gauge *> channels;
    for (const Channel &channel : m_pipeline->profile().channels) {
        channels.push_back(
            &m_channelValue.with({channel.id.toStdString(), channel.unit.toStdString()}));
    }
    const std::lock_guard lock(m_mutex);
    m_channels = std::move(channels);
}

void PipelineMetrics::observe(const SampleBlock &block, const ResultBlock *results)
{
    const std::lock_guard lock(m_mutex);
    const std::size_t rows = block.size();
    if (rows > 0 && block.channelCount() == int(m_channels.size())) {
        for (int c = 0; c < block.channelCount(); ++c) {
            const double v = block.value(rows - 1, c);
            if (std::isfinite(v)) {
                m_channels[std::size_t(c)]->set(v);
            }
        }
    }
    if (!results) {
        return;
    }
    const detect::DetectionResults &r = results->results;
    m_latency.observe(results->latencyMs / 1000.0);
    double anomalous = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
        anomalous += r.alarm[i] != 0 ? 1 : 0;
        if (r.raisedNow[i] != 0) {
            m_alarms.with({severityLabel(r.severity[i])}).inc();
        }
    }
    m_anomalous.inc(anomalous);
    if (m_labels) {
        countLabels(*results);
    }
    if (r.size() > 0) {
        const std::size_t last = r.size() - 1;
        if (std::isfinite(r.score[last])) {
            m_score.set(r.score[last]);
            m_confidence.set(r.confidence[last]);
        }
        // With many streams, whether any holds an alarm: see mirror().
        if (!block.hasStreams()) {
            m_alarmActive.set(r.alarm[last] != 0 ? 1 : 0);
        }
    }
}

Confusion PipelineMetrics::confusion() const
{
    const std::lock_guard lock(m_mutex);
    return m_confusion;
}

void PipelineMetrics::setLabels(LabelTrack labels)
{
    const std::lock_guard lock(m_mutex);
    m_labels = std::move(labels);
    m_confusion = {};
    if (m_precision != nullptr) {
        m_precision->set(m_confusion.precision());
        m_recall->set(m_confusion.recall());
        return;
    }
    Family<Counter> &outcomes = m_registry->counterFamily(
        "faultwatch_labeled_samples_total",
        "Scored samples of a labeled replay by outcome: tp, fp, fn, tn (alarm against label).",
        {"outcome"});
    for (const char *outcome : {"tp", "fp", "fn", "tn"}) {
        m_outcomes.push_back(&outcomes.with({outcome}));
    }
    m_precision = &m_registry->gauge(
        "faultwatch_labeled_precision",
        "Running precision of alarms against the labels: TP / (TP + FP); NaN until defined.");
    m_recall = &m_registry->gauge(
        "faultwatch_labeled_recall",
        "Running recall of alarms against the labels: TP / (TP + FN); NaN until defined.");
    m_precision->set(m_confusion.precision());
    m_recall->set(m_confusion.recall());
}

void PipelineMetrics::countLabels(const ResultBlock &results)
{
    const std::vector<double> labels = labelsAt(*m_labels, results.t);
    const Confusion before = m_confusion;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (!std::isnan(labels[i]) && std::isfinite(results.results.score[i])) {
            m_confusion.add(results.results.alarm[i] != 0, labels[i] != 0);
        }
    }
    m_outcomes[0]->inc(double(m_confusion.tp - before.tp));
    m_outcomes[1]->inc(double(m_confusion.fp - before.fp));
    m_outcomes[2]->inc(double(m_confusion.fn - before.fn));
    m_outcomes[3]->inc(double(m_confusion.tn - before.tn));
    m_precision->set(m_confusion.precision());
    m_recall->set(m_confusion.recall());
}

void PipelineMetrics::onModel(const ModelIdentity &identity)
{
    if (!m_modelLabels.empty()) {
        m_modelInfo.remove(m_modelLabels);
    }
    m_modelLabels = {identity.name.toStdString(), identity.sha256.toStdString(),
                     identity.profile.toStdString()};
    m_modelInfo.with(m_modelLabels).set(1);
}

void PipelineMetrics::mirror()
{
    // Downstream first: a sample is counted received before it can be scored or dropped, so
    // this order never shows more scored and dropped than received.
    m_droppedOutbox->mirror(double(m_pipeline->droppedAtConsumers()));
    m_scored.mirror(double(m_pipeline->samplesScored()));
    m_droppedNoModel->mirror(double(m_pipeline->samplesSkipped()));
    m_droppedInbox->mirror(double(m_pipeline->droppedAtDetector()));
    m_samples.mirror(double(m_pipeline->samplesReceived()));
    const SourceStats totals = m_pipeline->sourceTotals();
    m_lost.mirror(double(totals.lost));
    m_sequenceResets.mirror(double(totals.sequenceResets));
    m_kernelDrops.mirror(double(totals.kernelDrops));
    m_reconnects.mirror(double(totals.reconnects));
    for (int e = 0; e < kDecodeErrorCount; ++e) {
        const auto i = std::size_t(e);
        m_decodeCounters[i]->mirror(double(totals.decodeErrors.byReason[i]));
    }
    m_up.set(m_pipeline->sourceState() == SourceState::Live ? 1 : 0);
    const std::shared_ptr<StreamTable> streams = m_pipeline->streams();
    const std::size_t active = m_streams.mirror(streams);
    if (streams->size() > 0) {
        m_alarmActive.set(active > 0 ? 1 : 0);
    }
}

} // namespace fw
