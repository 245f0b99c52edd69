#include "filesourceworker.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace fw {

Q_LOGGING_CATEGORY(lcFileSource, "fw.source.file")

FileSourceWorker::FileSourceWorker(SourceUri uri, Profile profile,
                                   std::shared_ptr<SourceCounters> counters)
    : SourceWorker(std::move(profile), uri.format, std::move(counters))
    , m_uri(std::move(uri))
{}

FileSourceWorker::~FileSourceWorker() = default;

void FileSourceWorker::open()
{
    const QFileInfo info(m_uri.path);
    if (info.isDir()) {
        fail(QStringLiteral("%1: cannot open %2: it is a directory")
                 .arg(m_uri.toString(), m_uri.path));
        return;
    }
    m_file = std::make_unique<QFile>(m_uri.path);
    if (!m_file->open(QIODevice::ReadOnly)) {
        const QString reason = m_file->errorString();
        m_file.reset();
        fail(QStringLiteral("%1: cannot open %2: %3").arg(m_uri.toString(), m_uri.path, reason));
        return;
    }
    m_stream = makeStream();
    m_staged = SampleBlock(profile().channelCount());
    m_chunk.resize(kChunkBytes);
    m_stepTimer = new QTimer(this);
    m_stepTimer->setSingleShot(true);
    m_stepTimer->setTimerType(Qt::PreciseTimer);
    connect(m_stepTimer, &QTimer::timeout, this, &FileSourceWorker::step);
    scheduleStep(0);
}

void FileSourceWorker::scheduleStep(qint64 delayMs)
{
    m_stepTimer->start(int(std::clamp<qint64>(delayMs, 0, kMaxWaitMs)));
}

void FileSourceWorker::step()
{
    QElapsedTimer budget;
    budget.start();
    while (budget.nsecsElapsed() < kStepBudgetNs) {
        if (m_next >= m_staged.size()) {
            const Refill refilled = refill();
            if (refilled == Refill::Ended) {
                return;
            }
            continue;
        }
        if (m_uri.speed == 0) {
            ingestRows(m_stream, m_staged, m_next, m_staged.size());
            m_samplesThisPass += m_staged.size() - m_next;
            m_next = m_staged.size();
            continue;
        }
        if (!m_haveOrigin) {
            m_origin = m_staged.t(m_next);
            m_passClock.start();
            m_haveOrigin = true;
        }
        const double elapsedMs = double(m_passClock.nsecsElapsed()) / 1e6;
        std::size_t end = m_next;
        while (end < m_staged.size() && dueMs(m_staged.t(end)) <= elapsedMs) {
            ++end;
        }
        ingestRows(m_stream, m_staged, m_next, end);
        m_samplesThisPass += end - m_next;
        m_next = end;
        if (end < m_staged.size()) {
            // Waiting for the next sample's time; publish what we have now rather than hold it.
            flush();
            scheduleStep(qint64(std::ceil(dueMs(m_staged.t(end)) - elapsedMs)));
            return;
        }
    }
    scheduleStep(0);
}

FileSourceWorker::Refill FileSourceWorker::refill()
{
    m_staged.clear();
    m_next = 0;
    if (!m_file->atEnd()) {
        const qint64 n = m_file->read(m_chunk.data(), m_chunk.size());
        if (n < 0) {
            const QString reason = m_file->errorString();
            close();
            fail(
                QStringLiteral("%1: cannot read %2: %3").arg(m_uri.toString(), m_uri.path, reason));
            return Refill::Ended;
        }
        decodeInto(m_stream, std::string_view(m_chunk.constData(), std::size_t(n)), m_staged);
        return m_staged.isEmpty() ? Refill::Again : Refill::Data;
    }
    if (!m_decoderFinished) {
        // A last line without its newline, or a partial packet to count.
        m_decoderFinished = true;
        finishInto(m_stream, m_staged);
        return m_staged.isEmpty() ? Refill::Again : Refill::Data;
    }
    return endOfFile();
}

FileSourceWorker::Refill FileSourceWorker::endOfFile()
{
    ++m_passes;
    if (m_uri.loop && m_samplesThisPass > 0 && m_file->seek(0)) {
        // The recording's sequence numbers start again: account the new pass on its own, so
        // that the restart is neither a loss nor a run of duplicates.
        m_stream = makeStream();
        m_decoderFinished = false;
        m_haveOrigin = false;
        m_samplesThisPass = 0;
        return Refill::Again;
    }
    if (m_uri.loop) {
        qCWarning(lcFileSource) << m_uri.toString() << "has no samples to loop over";
    }
    flush();
    m_file->close();
    Q_EMIT finished();
    setState(SourceState::Disconnected);
    return Refill::Ended;
}

void FileSourceWorker::close()
{
    if (m_stepTimer) {
        m_stepTimer->stop();
    }
    if (m_file) {
        m_file->close();
    }
}

} // namespace fw
