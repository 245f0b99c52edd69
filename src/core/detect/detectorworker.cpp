#include "detect/detectorworker.h"

#include <QLoggingCategory>
#include <QThread>

namespace fw {

Q_LOGGING_CATEGORY(lcDetector, "fw.detector")

DetectorWorker::DetectorWorker(QObject *parent)
    : QObject(parent)
{}

void DetectorWorker::process(const SampleBlockPtr &block)
{
    if (!block || block->isEmpty()) {
        return;
    }
    if (!m_detector) {
        Q_EMIT blockSkipped(block->size(), QStringLiteral("no model loaded"));
        return;
    }
    if (block->channelCount() != m_detector->channelCount()) {
        Q_EMIT blockSkipped(block->size(), QStringLiteral("block has %1 channels, the model %2")
                                               .arg(block->channelCount())
                                               .arg(m_detector->channelCount()));
        return;
    }
    auto out = std::make_shared<ResultBlock>();
    out->t = block->times();
    out->seq = block->seqs();
    out->modelSha256 = m_sha256;
    out->samples = block;
    out->results.channels = m_detector->channelCount();
    out->results.reserve(block->size());
    m_detector->process(block->values(), out->results);
    Q_EMIT resultsReady(std::move(out));
}

void DetectorWorker::setModel(const std::shared_ptr<const detect::DetectorModel> &model,
                              const QString &sha256)
{
    if (!model) {
        // No model: blocks are counted and skipped until one is set.
        m_detector.reset();
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
    m_detector = std::move(detector);
    m_sha256 = sha256;
    Q_EMIT modelChanged(sha256);
}

void DetectorWorker::resetStream()
{
    if (m_detector) {
        m_detector->reset();
    }
}

DetectorThread::DetectorThread(QObject *parent)
    : QObject(parent)
    , m_thread(std::make_unique<QThread>())
    , m_worker(new DetectorWorker)
{
    qRegisterMetaType<fw::SampleBlockPtr>();
    qRegisterMetaType<fw::ResultBlockPtr>();
    m_thread->setObjectName(QStringLiteral("fw-detector"));
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &DetectorWorker::resultsReady, this, &DetectorThread::resultsReady,
            Qt::QueuedConnection);
    connect(m_worker, &DetectorWorker::modelChanged, this, &DetectorThread::modelChanged,
            Qt::QueuedConnection);
    connect(m_worker, &DetectorWorker::modelRejected, this, &DetectorThread::modelRejected,
            Qt::QueuedConnection);
    connect(m_worker, &DetectorWorker::blockSkipped, this, &DetectorThread::blockSkipped,
            Qt::QueuedConnection);
}

DetectorThread::~DetectorThread()
{
    if (!m_thread->isRunning() && !m_thread->isFinished()) {
        delete m_worker; // never started: the worker never ran on the other thread
        return;
    }
    stop();
    if (m_thread->isRunning()) {
        qCCritical(lcDetector) << "detector thread did not stop; leaving it behind";
        (void)m_thread.release();
    }
}

void DetectorThread::start()
{
    if (!m_thread->isRunning() && !m_thread->isFinished()) {
        m_thread->start();
    }
}

void DetectorThread::stop()
{
    if (!m_thread->isRunning()) {
        return;
    }
    m_thread->quit();
    if (!m_thread->wait(kStopTimeoutMs)) {
        qCWarning(lcDetector) << "detector thread still running after" << kStopTimeoutMs << "ms";
    }
}

bool DetectorThread::isRunning() const
{
    return m_thread->isRunning();
}

void DetectorThread::submit(const SampleBlockPtr &block)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, block] { worker->process(block); }, Qt::QueuedConnection);
}

void DetectorThread::setModel(std::shared_ptr<const detect::DetectorModel> model,
                              const QString &sha256)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, model, sha256] { worker->setModel(model, sha256); },
        Qt::QueuedConnection);
}

void DetectorThread::resetStream()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->resetStream(); }, Qt::QueuedConnection);
}

} // namespace fw
