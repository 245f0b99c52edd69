#include "service/pipeline.h"

#include "detect/modelfile.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace fw {

namespace {

// The counters that add up across sources; connections and state are the running source's.
void addTotals(SourceStats &sum, const SourceStats &more)
{
    sum.bytes += more.bytes;
    sum.datagrams += more.datagrams;
    sum.samples += more.samples;
    sum.lost += more.lost;
    sum.duplicates += more.duplicates;
    sum.outOfOrder += more.outOfOrder;
    sum.sequenceResets += more.sequenceResets;
    sum.sequenceStrays += more.sequenceStrays;
    sum.reconnects += more.reconnects;
    sum.kernelDrops += more.kernelDrops;
    for (std::size_t e = 0; e < sum.decodeErrors.byReason.size(); ++e) {
        sum.decodeErrors.byReason[e] += more.decodeErrors.byReason[e];
    }
}

} // namespace

Pipeline::Pipeline(Profile profile, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_detector(std::make_unique<DetectorThread>())
{
    qRegisterMetaType<fw::ModelIdentity>();
    connect(m_detector.get(), &DetectorThread::samplesReady, this, &Pipeline::samplesReady);
    connect(m_detector.get(), &DetectorThread::resultsReady, this, &Pipeline::resultsReady);
    connect(m_detector.get(), &DetectorThread::blockSkipped, this, &Pipeline::blockSkipped);
    connect(m_detector.get(), &DetectorThread::sourceSeeked, this, &Pipeline::sourceSeeked);
    connect(m_detector.get(), &DetectorThread::sourceFinished, this, &Pipeline::sourceFinished);
    connect(m_detector.get(), &DetectorThread::modelRejected, this, &Pipeline::modelRejected);
    m_streamObserver
        = m_detector->addObserver([this](const SampleBlock &block, const ResultBlock *results) {
              noteStreams(block, results);
          });
    m_detector->start();
}

std::shared_ptr<StreamTable> Pipeline::streams() const
{
    const std::lock_guard lock(m_countersMutex);
    return m_streams;
}

void Pipeline::noteStreams(const SampleBlock &block, const ResultBlock *results)
{
    if (!results || !block.hasStreams()) {
        return;
    }
    std::shared_ptr<StreamTable> table;
    {
        const std::lock_guard lock(m_countersMutex);
        // Blocks of a replaced source name the streams of its table, not of this one.
        if (results->epoch != m_streamsEpoch) {
            return;
        }
        table = m_streams;
    }
    const detect::DetectionResults &r = results->results;
    for (std::size_t first = 0, last = 0; first < block.size(); first = last) {
        last = block.streamRunEnd(first);
        const auto raised = std::uint64_t(std::count(r.raisedNow.begin() + std::ptrdiff_t(first),
                                                     r.raisedNow.begin() + std::ptrdiff_t(last),
                                                     std::uint8_t(1)));
        if (StreamTable::Entry *entry = table->entry(block.stream(first))) {
            const std::size_t newest = last - 1;
            entry->scored.fetch_add(last - first, std::memory_order_relaxed);
            entry->alarmsRaised.fetch_add(raised, std::memory_order_relaxed);
            entry->alarmActive.store(r.alarm[newest] != 0, std::memory_order_relaxed);
            entry->severity.store(int(r.severity[newest]), std::memory_order_relaxed);
            if (std::isfinite(r.confidence[newest])) {
                entry->confidence.store(r.confidence[newest], std::memory_order_relaxed);
            }
        }
    }
}

Pipeline::~Pipeline()
{
    m_detector->removeObserver(m_streamObserver);
    disconnectSource();
    m_detector->stop();
}

void Pipeline::setProfile(Profile profile)
{
    disconnectSource();
    m_profile = std::move(profile);
    Q_EMIT profileChanged();
    if (!m_model) {
        return;
    }
    QString error;
    if (!detect::checkModelChannels(*m_model, m_profile.channelIds(), &error)) {
        m_model.reset();
        m_identity = {};
        m_detector->setModel(nullptr, {});
        Q_EMIT modelRejected(error);
        Q_EMIT modelChanged(m_identity);
    }
}

bool Pipeline::connectSource(const SourceUri &uri, QString *error)
{
    disconnectSource();
    std::unique_ptr<Source> source = createSource(uri, m_profile, error);
    if (!source) {
        return false;
    }
    m_detector->resetStream();
    const std::uint64_t epoch = m_detector->beginEpoch();
    // A replay can wait for the detector; a live stream cannot, and is dropped (counted) instead.
    const bool wait = source->isReplay();
    auto gate = std::make_shared<SinkGate>();
    SourceSink sink;
    sink.block = [this, gate, epoch, wait](const SampleBlockPtr &block) {
        const std::lock_guard lock(gate->mutex);
        // A replay being stopped publishes a last block or two: they never arrived.
        if (!gate->open || (wait && !m_detector->isWaiting())) {
            return;
        }
        // Counted before the hand-off, so that nothing is ever scored before it was received.
        m_received += block->size();
        (void)m_detector->submit(block, epoch, wait);
    };
    sink.seeked = [this, gate, epoch](double t) {
        const std::lock_guard lock(gate->mutex);
        if (gate->open) {
            m_detector->seeked(t, epoch);
        }
    };
    sink.finished = [this, gate, epoch] {
        const std::lock_guard lock(gate->mutex);
        if (gate->open) {
            m_detector->finished(epoch);
        }
    };
    source->setSink(std::move(sink));
    m_source = std::move(source);
    m_gate = std::move(gate);
    {
        const std::lock_guard lock(m_countersMutex);
        m_counters = m_source->counters();
        m_streams = m_counters->streams;
        m_streamsEpoch = epoch;
    }
    connect(m_source.get(), &Source::stateChanged, this, &Pipeline::sourceStateChanged);
    connect(m_source.get(), &Source::failed, this, &Pipeline::sourceFailed);
    m_detector->setWaiting(true);
    m_source->start();
    return true;
}

void Pipeline::disconnectSource()
{
    if (!m_source) {
        return;
    }
    // A replay waiting for room in the detector's inbox gives up, so that the gate can close
    // and the source stop in time.
    m_detector->setWaiting(false);
    {
        const std::lock_guard lock(m_gate->mutex);
        m_gate->open = false;
    }
    m_source->stop();
    // Signals it queued before stopping may still arrive; they belong to no source now.
    m_source->disconnect(this);
    {
        const std::lock_guard lock(m_countersMutex);
        addTotals(m_earlierSources, m_counters->snapshot());
        m_counters.reset();
    }
    m_source.reset();
    Q_EMIT sourceStateChanged(SourceState::Disconnected);
}

bool Pipeline::flush(int timeoutMs)
{
    return m_detector->flush(timeoutMs);
}

SourceState Pipeline::sourceState() const
{
    const std::lock_guard lock(m_countersMutex);
    return m_counters ? SourceState(m_counters->state.load()) : SourceState::Disconnected;
}

SourceStats Pipeline::sourceStats() const
{
    return m_source ? m_source->stats() : SourceStats{};
}

SourceStats Pipeline::sourceTotals() const
{
    const std::lock_guard lock(m_countersMutex);
    SourceStats totals = m_earlierSources;
    if (m_counters) {
        const SourceStats now = m_counters->snapshot();
        addTotals(totals, now);
        totals.connections = now.connections;
    }
    return totals;
}

QString Pipeline::sourceText() const
{
    return m_source ? m_source->uri().toString() : QString();
}

bool Pipeline::loadModelFile(const QString &path, QString *error)
{
    std::optional<detect::DetectorModel> model = detect::loadModel(path, error);
    if (!model) {
        return false;
    }
    return setModel(std::make_shared<const detect::DetectorModel>(std::move(*model)),
                    QFileInfo(path).fileName(), path, error);
}

bool Pipeline::setModel(std::shared_ptr<const detect::DetectorModel> model, const QString &name,
                        const QString &path, QString *error)
{
    if (!model) {
        if (error) {
            *error = tr("no model given");
        }
        return false;
    }
    QString why;
    if (!detect::checkModelChannels(*model, m_profile.channelIds(), &why)) {
        if (error) {
            *error = path.isEmpty() ? why : QStringLiteral("%1: %2").arg(path, why);
        }
        return false;
    }
    std::string invalid;
    if (!detect::Detector::create(model, &invalid)) {
        if (error) {
            *error = QString::fromStdString(invalid);
        }
        return false;
    }
    m_identity.name = name;
    m_identity.path = path;
    m_identity.sha256 = detect::modelSha256(*model);
    m_identity.trainedRows = model->provenance.rows;
    m_identity.profile = QString::fromStdString(model->profile);
    m_model = std::move(model);
    m_detector->setModel(m_model, m_identity.sha256);
    Q_EMIT modelChanged(m_identity);
    return true;
}

void Pipeline::setModelPath(const QString &path)
{
    if (!m_model || m_identity.path == path) {
        return;
    }
    m_identity.path = path;
    Q_EMIT modelChanged(m_identity);
}

} // namespace fw
