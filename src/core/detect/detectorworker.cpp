#include "detect/detectorworker.h"

#include <QLoggingCategory>
#include <QThread>

#include <chrono>

namespace fw {

Q_LOGGING_CATEGORY(lcDetector, "fw.detector")

qint64 steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

DetectorWorker::DetectorWorker(HandOff<DetectorJob> *inbox, const std::atomic<bool> *stopping,
                               QObject *parent)
    : QObject(parent)
    , m_inbox(inbox)
    , m_stopping(stopping)
{}

void DetectorWorker::drain()
{
    while (!m_stopping->load()) {
        std::optional<DetectorJob> job = m_inbox->pop();
        if (!job) {
            return;
        }
        process(*job);
    }
}

void DetectorWorker::process(const DetectorJob &job)
{
    DetectorOutput out;
    out.epoch = job.epoch;
    switch (job.kind) {
    case DetectorJob::Kind::Model:
        setModel(job.model, job.sha256);
        return;
    case DetectorJob::Kind::Reset:
        resetStreams();
        return;
    case DetectorJob::Kind::Barrier:
        job.done->set_value();
        return;
    case DetectorJob::Kind::Seeked:
        // The windows start afresh with the first block after the jump.
        resetStreams();
        out.kind = DetectorOutput::Kind::Seeked;
        out.seekT = job.seekT;
        m_output(std::move(out));
        return;
    case DetectorJob::Kind::Finished:
        out.kind = DetectorOutput::Kind::Finished;
        m_output(std::move(out));
        return;
    case DetectorJob::Kind::Block:
        break;
    }
    const SampleBlockPtr &block = job.block;
    out.samples = block;
    if (!m_detector) {
        out.skipReason = QStringLiteral("no model loaded");
    } else if (block->channelCount() != m_detector->channelCount()) {
        out.skipReason = QStringLiteral("block has %1 channels, the model %2")
                             .arg(block->channelCount())
                             .arg(m_detector->channelCount());
    } else {
        auto results = std::make_shared<ResultBlock>();
        results->t = block->times();
        results->seq = block->seqs();
        results->modelSha256 = m_sha256;
        results->samples = block;
        results->epoch = job.epoch;
        results->results.channels = m_detector->channelCount();
        results->results.reserve(block->size());
        score(*block, results->results);
        results->latencyMs = double(steadyNs() - job.arrivedNs) / 1e6;
        out.results = std::move(results);
    }
    m_output(std::move(out));
}

void DetectorWorker::score(const SampleBlock &block, detect::DetectionResults &out)
{
    if (!block.hasStreams()) {
        m_detector->process(block.values(), out);
        return;
    }
    // Runs of rows of one stream, each through that stream's detector, in the block's order.
    const auto width = std::size_t(block.channelCount());
    const std::span<const double> values(block.values());
    for (std::size_t first = 0, last = 0; first < block.size(); first = last) {
        last = block.streamRunEnd(first);
        detectorOf(block.stream(first))
            .process(values.subspan(first * width, (last - first) * width), out);
    }
}

detect::Detector &DetectorWorker::detectorOf(std::uint32_t stream)
{
    if (stream == 0) {
        return *m_detector;
    }
    if (m_streamDetectors.size() < stream) {
        m_streamDetectors.resize(stream);
    }
    std::unique_ptr<detect::Detector> &detector = m_streamDetectors[stream - 1];
    if (!detector) {
        // A copy of the model's detector before it saw anything: the model's arrays are shared,
        // the stream's state (windows, guard runs, alarm) its own.
        detector = std::make_unique<detect::Detector>(*m_pristine);
    }
    return *detector;
}

void DetectorWorker::resetStreams()
{
    if (m_detector) {
        m_detector->reset();
    }
    // Streams that come back start afresh, as after a reset.
    m_streamDetectors.clear();
}

void DetectorWorker::setModel(const std::shared_ptr<const detect::DetectorModel> &model,
                              const QString &sha256)
{
    m_streamDetectors.clear();
    if (!model) {
        // No model: blocks are counted and skipped until one is set.
        m_detector.reset();
        m_pristine.reset();
        m_sha256.clear();
        Q_EMIT modelChanged(m_sha256);
        return;
    }
    std::string error;
    std::optional<detect::Detector> detector = detect::Detector::create(model, &error);
    if (!detector) {
        Q_EMIT modelRejected(QString::fromStdString(error));
        return;
    }
    m_pristine = std::make_unique<detect::Detector>(*detector);
    m_detector = std::move(detector);
    m_sha256 = sha256;
    Q_EMIT modelChanged(sha256);
}

DetectorThread::DetectorThread(QObject *parent)
    : QObject(parent)
    , m_thread(std::make_unique<QThread>())
    , m_worker(new DetectorWorker(&m_inbox, &m_stopping))
{
    qRegisterMetaType<fw::SampleBlockPtr>();
    qRegisterMetaType<fw::ResultBlockPtr>();
    m_thread->setObjectName(QStringLiteral("fw-detector"));
    m_worker->setOutput([this](DetectorOutput out) { output(std::move(out)); });
    m_worker->moveToThread(m_thread.get());
    connect(m_worker, &DetectorWorker::modelChanged, this, &DetectorThread::modelChanged,
            Qt::QueuedConnection);
    connect(m_worker, &DetectorWorker::modelRejected, this, &DetectorThread::modelRejected,
            Qt::QueuedConnection);
}

DetectorThread::~DetectorThread()
{
    stop();
    if (m_thread->isRunning()) {
        qCCritical(lcDetector) << "detector thread did not stop; leaving it behind";
        (void)m_thread.release();
        return; // and its worker, which may still be inside a job
    }
    delete m_worker;
}

void DetectorThread::start()
{
    if (!m_thread->isRunning() && !m_thread->isFinished()) {
        m_thread->start();
    }
}

void DetectorThread::stop()
{
    m_stopping = true;
    m_inbox.setWaiting(false);
    if (m_thread->isRunning()) {
        m_thread->quit();
        if (!m_thread->wait(kStopTimeoutMs)) {
            qCWarning(lcDetector) << "detector thread still running after" << kStopTimeoutMs
                                  << "ms";
            return;
        }
    }
    // What the source handed over and the detector will not score now is dropped, counted.
    while (std::optional<DetectorJob> job = m_inbox.pop()) {
        if (job->kind == DetectorJob::Kind::Block) {
            m_droppedInput += job->block->size();
        } else if (job->kind == DetectorJob::Kind::Barrier) {
            job->done->set_value();
        }
    }
}

bool DetectorThread::isRunning() const
{
    return m_thread->isRunning();
}

void DetectorThread::enqueue(DetectorJob job, std::size_t weight)
{
    if (m_stopping.load()) {
        return;
    }
    if (m_inbox.push(std::move(job), weight, false) == HandOff<DetectorJob>::Push::QueuedFirst) {
        QMetaObject::invokeMethod(m_worker, &DetectorWorker::drain, Qt::QueuedConnection);
    }
}

DetectorThread::Submit DetectorThread::submit(const SampleBlockPtr &block, std::uint64_t epoch,
                                              bool wait)
{
    if (!block || block->isEmpty()) {
        return Submit::Queued;
    }
    if (m_stopping.load()) {
        return Submit::Refused;
    }
    DetectorJob job;
    job.block = block;
    job.arrivedNs = steadyNs();
    job.epoch = epoch;
    switch (m_inbox.push(std::move(job), block->size(), wait)) {
    case HandOff<DetectorJob>::Push::QueuedFirst:
        QMetaObject::invokeMethod(m_worker, &DetectorWorker::drain, Qt::QueuedConnection);
        return Submit::Queued;
    case HandOff<DetectorJob>::Push::Queued:
        return Submit::Queued;
    case HandOff<DetectorJob>::Push::Full:
    case HandOff<DetectorJob>::Push::Aborted:
        break;
    }
    m_droppedInput += block->size();
    return Submit::Dropped;
}

void DetectorThread::setModel(std::shared_ptr<const detect::DetectorModel> model,
                              const QString &sha256)
{
    DetectorJob job;
    job.kind = DetectorJob::Kind::Model;
    job.model = std::move(model);
    job.sha256 = sha256;
    enqueue(std::move(job), 0);
}

void DetectorThread::resetStream()
{
    DetectorJob job;
    job.kind = DetectorJob::Kind::Reset;
    enqueue(std::move(job), 0);
}

void DetectorThread::seeked(double t, std::uint64_t epoch)
{
    DetectorJob job;
    job.kind = DetectorJob::Kind::Seeked;
    job.seekT = t;
    job.epoch = epoch;
    enqueue(std::move(job), 0);
}

void DetectorThread::finished(std::uint64_t epoch)
{
    DetectorJob job;
    job.kind = DetectorJob::Kind::Finished;
    job.epoch = epoch;
    enqueue(std::move(job), 0);
}

std::uint64_t DetectorThread::beginEpoch()
{
    return ++m_epoch;
}

bool DetectorThread::flush(int timeoutMs)
{
    if (m_thread->isRunning() && !m_stopping.load()) {
        DetectorJob job;
        job.kind = DetectorJob::Kind::Barrier;
        job.done = std::make_shared<std::promise<void>>();
        std::future<void> done = job.done->get_future();
        enqueue(std::move(job), 0);
        if (done.wait_for(std::chrono::milliseconds(timeoutMs)) != std::future_status::ready) {
            return false;
        }
    }
    deliver();
    return true;
}

int DetectorThread::addObserver(Observer observer)
{
    std::lock_guard lock(m_observersMutex);
    m_observers.emplace_back(m_nextObserver, std::move(observer));
    return m_nextObserver++;
}

void DetectorThread::removeObserver(int id)
{
    std::lock_guard lock(m_observersMutex);
    std::erase_if(m_observers, [id](const auto &entry) { return entry.first == id; });
}

void DetectorThread::setCapacities(std::size_t inboxSamples, std::size_t outboxSamples)
{
    m_inbox.setCapacity(inboxSamples);
    m_outbox.setCapacity(outboxSamples);
}

void DetectorThread::output(DetectorOutput out)
{
    std::size_t weight = 0;
    if (out.kind == DetectorOutput::Kind::Block) {
        weight = out.samples->size();
        if (out.results) {
            m_scored += weight;
            m_latencyMs = out.results->latencyMs;
        } else {
            m_skipped += weight;
        }
        std::lock_guard lock(m_observersMutex);
        for (const auto &[id, observer] : m_observers) {
            observer(*out.samples, out.results.get());
        }
    }
    switch (m_outbox.push(std::move(out), weight, false)) {
    case HandOff<DetectorOutput>::Push::QueuedFirst:
        QMetaObject::invokeMethod(this, &DetectorThread::deliver, Qt::QueuedConnection);
        break;
    case HandOff<DetectorOutput>::Push::Queued:
        break;
    case HandOff<DetectorOutput>::Push::Full:
    case HandOff<DetectorOutput>::Push::Aborted:
        m_droppedOutput += weight;
        break;
    }
}

void DetectorThread::deliver()
{
    while (std::optional<DetectorOutput> out = m_outbox.pop()) {
        if (out->epoch < m_epoch.load()) {
            continue; // a stream replaced since: its consumers have moved on
        }
        switch (out->kind) {
        case DetectorOutput::Kind::Block:
            Q_EMIT samplesReady(out->samples);
            if (out->results) {
                Q_EMIT resultsReady(out->results);
            } else {
                Q_EMIT blockSkipped(out->samples->size(), out->skipReason);
            }
            break;
        case DetectorOutput::Kind::Seeked:
            Q_EMIT sourceSeeked(out->seekT);
            break;
        case DetectorOutput::Kind::Finished:
            Q_EMIT sourceFinished();
            break;
        }
    }
}

} // namespace fw
