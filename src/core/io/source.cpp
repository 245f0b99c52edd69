#include "source.h"

#include "filesourceworker.h"
#include "sourceworker.h"

#include <QLoggingCategory>
#include <QThread>

namespace fw {

Q_LOGGING_CATEGORY(lcSource, "fw.source")

Source::Source(SourceUri uri, std::unique_ptr<SourceWorker> worker,
               std::shared_ptr<SourceCounters> counters, QObject *parent)
    : QObject(parent)
    , m_uri(std::move(uri))
    , m_counters(std::move(counters))
    , m_thread(std::make_unique<QThread>())
    , m_worker(worker.release())
    , m_replay(qobject_cast<FileSourceWorker *>(m_worker))
{
    qRegisterMetaType<fw::SampleBlockPtr>();
    qRegisterMetaType<fw::SourceState>();
    m_thread->setObjectName(
        QStringLiteral("fw-source-%1").arg(SourceUri::schemeName(m_uri.scheme)));
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::started, m_worker, &SourceWorker::start);
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    m_relay = connect(m_worker, &SourceWorker::blockReady, this, &Source::blockReady,
                      Qt::QueuedConnection);
    connect(m_worker, &SourceWorker::stateChanged, this, &Source::stateChanged,
            Qt::QueuedConnection);
    connect(m_worker, &SourceWorker::failed, this, &Source::failed, Qt::QueuedConnection);
    connect(m_worker, &SourceWorker::finished, this, &Source::finished, Qt::QueuedConnection);
    if (m_replay) {
        // Queued like blockReady from the same thread, so it arrives between the blocks from
        // before the seek and those after it.
        connect(m_replay, &FileSourceWorker::seeked, this, &Source::seeked, Qt::QueuedConnection);
    }
}

Source::~Source()
{
    if (!m_thread->isRunning() && !m_thread->isFinished()) {
        delete m_worker; // never started, so it never moved off this thread's hands
        return;
    }
    stop();
    if (m_thread->isRunning()) {
        // The worker did not stop in time. Destroying a running QThread aborts the process and
        // terminating it could leave locks held, so the thread is left to finish on its own.
        qCCritical(lcSource) << "source thread" << m_thread->objectName()
                             << "did not stop; leaving it behind";
        (void)m_thread.release();
    }
}

void Source::setSink(SourceSink sink)
{
    if (m_thread->isRunning() || m_thread->isFinished()) {
        return;
    }
    disconnect(m_relay);
    if (sink.block) {
        connect(m_worker, &SourceWorker::blockReady, m_worker, std::move(sink.block),
                Qt::DirectConnection);
    }
    if (sink.finished) {
        connect(m_worker, &SourceWorker::finished, m_worker, std::move(sink.finished),
                Qt::DirectConnection);
    }
    if (m_replay && sink.seeked) {
        connect(m_replay, &FileSourceWorker::seeked, m_replay, std::move(sink.seeked),
                Qt::DirectConnection);
    }
}

void Source::start()
{
    if (!m_thread->isRunning() && !m_thread->isFinished()) {
        m_thread->start();
    }
}

void Source::stop()
{
    if (!m_thread->isRunning()) {
        return;
    }
    QMetaObject::invokeMethod(m_worker, &SourceWorker::shutdown, Qt::QueuedConnection);
    if (!m_thread->wait(kStopTimeoutMs)) {
        qCWarning(lcSource) << "source thread" << m_thread->objectName() << "still running after"
                            << kStopTimeoutMs << "ms";
    }
}

bool Source::isRunning() const
{
    return m_thread->isRunning();
}

template<typename F>
bool Source::commandReplay(F &&f)
{
    // The worker lives until the thread finishes, which only stop() (on this thread) causes.
    if (!m_replay || !m_thread->isRunning()) {
        return false;
    }
    QMetaObject::invokeMethod(
        m_replay, [worker = m_replay, f = std::forward<F>(f)] { f(worker); }, Qt::QueuedConnection);
    return true;
}

bool Source::setPaused(bool paused)
{
    return commandReplay([paused](FileSourceWorker *w) { w->setPaused(paused); });
}

bool Source::setSpeed(double speed)
{
    return commandReplay([speed](FileSourceWorker *w) { w->setSpeed(speed); });
}

bool Source::setLoop(bool loop)
{
    return commandReplay([loop](FileSourceWorker *w) { w->setLoop(loop); });
}

bool Source::seekTo(double t, double prerollS)
{
    return commandReplay([t, prerollS](FileSourceWorker *w) { w->seekTo(t, prerollS); });
}

bool Source::seekToFraction(double fraction, double prerollS)
{
    return commandReplay(
        [fraction, prerollS](FileSourceWorker *w) { w->seekToFraction(fraction, prerollS); });
}

bool Source::stepBy(double seconds)
{
    return commandReplay([seconds](FileSourceWorker *w) { w->stepBy(seconds); });
}

SourceState Source::state() const
{
    return SourceState(m_counters->state.load(std::memory_order_relaxed));
}

} // namespace fw
