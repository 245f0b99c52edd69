#include "filesourceworker.h"

#include "fileseeker.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fw {

Q_LOGGING_CATEGORY(lcFileSource, "fw.source.file")

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

FileSourceWorker::FileSourceWorker(SourceUri uri, Profile profile,
                                   std::shared_ptr<SourceCounters> counters)
    : SourceWorker(std::move(profile), uri.format, std::move(counters))
    , m_uri(std::move(uri))
    , m_speed(m_uri.speed)
    , m_paused(m_uri.paused)
    , m_position(kNaN)
    , m_anchor(kNaN)
    , m_skipBefore(kNaN)
    , m_burstUntil(kNaN)
{
    SourceCounters &c = this->counters();
    c.replaySpeed.store(m_speed, std::memory_order_relaxed);
    c.replayLoop.store(m_uri.loop, std::memory_order_relaxed);
    c.replayPaused.store(m_paused, std::memory_order_relaxed);
}

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
    // The first and last times, for the replay bar; reads the head and the tail, not the file.
    // A pipe cannot be read twice: it replays without seeking.
    m_seeker = m_file->isSequential()
                   ? nullptr
                   : std::make_unique<FileSeeker>(m_uri.path, format(), profile());
    if (m_seeker) {
        m_seeker->setAnyApid(streamKey().kind == StreamKey::Kind::Apid);
    }
    QString scanError;
    if (!m_seeker) {
        qCInfo(lcFileSource) << m_uri.toString() << "is not seekable";
    } else if (m_seeker->scan(&scanError)) {
        counters().replayFirst.store(m_seeker->first(), std::memory_order_relaxed);
        counters().replayLast.store(m_seeker->last(), std::memory_order_relaxed);
    } else {
        qCWarning(lcFileSource) << m_uri.toString() << "cannot seek:" << scanError;
        m_seeker.reset();
    }
    m_stream = makeStream();
    m_staged = SampleBlock(profile().channelCount());
    m_chunk.resize(kChunkBytes);
    m_stepTimer = new QTimer(this);
    m_stepTimer->setSingleShot(true);
    m_stepTimer->setTimerType(Qt::PreciseTimer);
    connect(m_stepTimer, &QTimer::timeout, this, &FileSourceWorker::step);
    setQuiet(m_paused);
    scheduleStep(0);
}

void FileSourceWorker::scheduleStep(qint64 delayMs)
{
    if (m_stepTimer) {
        m_stepTimer->start(int(std::clamp<qint64>(delayMs, 0, kMaxWaitMs)));
    }
}

void FileSourceWorker::step()
{
    if (m_atEnd) {
        return; // until a seek or play starts the replay again
    }
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
        if (!std::isnan(m_skipBefore)) {
            while (m_next < m_staged.size() && m_staged.t(m_next) < m_skipBefore) {
                ++m_next;
            }
            if (m_next < m_staged.size()) {
                m_skipBefore = kNaN;
            }
            continue;
        }
        if (!std::isnan(m_burstUntil)) {
            std::size_t end = m_next;
            while (end < m_staged.size() && m_staged.t(end) < m_burstUntil) {
                ++end;
            }
            publish(end);
            if (end < m_staged.size()) {
                // Reached the target: pacing goes on from here.
                m_burstUntil = kNaN;
                flush();
                reanchor();
            }
            continue;
        }
        if (m_paused) {
            flush();
            return; // a command schedules the next step
        }
        if (m_speed == 0) {
            publish(m_staged.size());
            continue;
        }
        if (!m_haveOrigin) {
            m_origin = std::isnan(m_anchor) ? m_staged.t(m_next) : m_anchor;
            m_passClock.start();
            m_haveOrigin = true;
        }
        const double elapsedMs = double(m_passClock.nsecsElapsed()) / 1e6;
        std::size_t end = m_next;
        while (end < m_staged.size() && dueMs(m_staged.t(end)) <= elapsedMs) {
            ++end;
        }
        publish(end);
        if (end < m_staged.size()) {
            // Waiting for the next sample's time; publish what we have now rather than hold it.
            flush();
            scheduleStep(qint64(std::ceil(dueMs(m_staged.t(end)) - elapsedMs)));
            return;
        }
    }
    scheduleStep(0);
}

void FileSourceWorker::publish(std::size_t end)
{
    if (end <= m_next) {
        return;
    }
    ingestRows(m_stream, m_staged, m_next, end);
    m_samplesThisPass += end - m_next;
    setPosition(m_staged.t(end - 1));
    m_next = end;
}

void FileSourceWorker::setPosition(double t)
{
    m_position = t;
    counters().replayPosition.store(t, std::memory_order_relaxed);
}

void FileSourceWorker::reanchor()
{
    m_haveOrigin = false;
    m_anchor = m_position;
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
    // A wrap is a seek back to the start: what the pass decoded goes out first, then seeked(),
    // so the detector's windows and the plots start afresh instead of reading the jump back in
    // time as a fault.
    if (m_uri.loop && m_samplesThisPass > 0 && (flush(), restartStream(0))) {
        // The recording's sequence numbers start again: account the new pass on its own, so
        // that the restart is neither a loss nor a run of duplicates.
        m_haveOrigin = false;
        m_anchor = kNaN;
        m_samplesThisPass = 0;
        Q_EMIT seeked(m_seeker ? m_seeker->first() : kNaN);
        return Refill::Again;
    }
    if (m_uri.loop) {
        qCWarning(lcFileSource) << m_uri.toString() << "has no samples to loop over";
    }
    flush();
    m_skipBefore = kNaN;
    m_burstUntil = kNaN;
    m_atEnd = true;
    counters().replayAtEnd.store(true, std::memory_order_relaxed);
    Q_EMIT finished();
    setState(SourceState::Disconnected);
    return Refill::Ended;
}

bool FileSourceWorker::restartStream(qint64 offset)
{
    if (!m_file->seek(offset)) {
        return false;
    }
    m_stream = makeStream();
    m_staged.clear();
    m_next = 0;
    m_decoderFinished = false;
    if (offset > 0 && m_seeker && !m_seeker->header().isEmpty()) {
        // Reading from the middle of a csv: the decoder learns the columns from the header.
        const QByteArray &header = m_seeker->header();
        m_stream.decoder->feed(std::string_view(header.constData(), std::size_t(header.size())),
                               m_staged);
    }
    return true;
}

void FileSourceWorker::setPaused(bool paused)
{
    const bool replayAgain = !paused && m_atEnd && m_seeker;
    if (paused == m_paused && !replayAgain) {
        return;
    }
    m_paused = paused;
    counters().replayPaused.store(paused, std::memory_order_relaxed);
    setQuiet(paused);
    if (replayAgain) {
        // Play at the end plays the recording again.
        seekTo(m_seeker->first(), 0);
        return;
    }
    reanchor();
    scheduleStep(0);
}

void FileSourceWorker::setSpeed(double speed)
{
    if (!std::isfinite(speed) || speed < 0) {
        return;
    }
    m_speed = speed;
    counters().replaySpeed.store(speed, std::memory_order_relaxed);
    reanchor();
    scheduleStep(0);
}

void FileSourceWorker::setLoop(bool loop)
{
    m_uri.loop = loop;
    counters().replayLoop.store(loop, std::memory_order_relaxed);
}

void FileSourceWorker::seekTo(double t, double prerollS)
{
    if (!m_file || !m_file->isOpen() || !m_seeker || std::isnan(m_seeker->first())
        || std::isnan(t)) {
        return;
    }
    t = std::clamp(t, m_seeker->first(), m_seeker->last());
    const double from = t - (std::isfinite(prerollS) ? std::max(prerollS, 0.0) : 0.0);
    // What was decoded before the seek goes out first, then seeked(), then the new stream.
    flush();
    if (!restartStream(m_seeker->offsetFor(from))) {
        return;
    }
    m_skipBefore = from;
    m_burstUntil = t;
    setPosition(t);
    reanchor();
    m_atEnd = false;
    counters().replayAtEnd.store(false, std::memory_order_relaxed);
    if (state() == SourceState::Disconnected) {
        setState(SourceState::Connecting); // the replay runs again after its end
    }
    Q_EMIT seeked(t);
    scheduleStep(0);
}

void FileSourceWorker::seekToFraction(double fraction, double prerollS)
{
    if (!m_seeker || std::isnan(fraction)) {
        return;
    }
    const double first = m_seeker->first();
    const double last = m_seeker->last();
    seekTo(first + std::clamp(fraction, 0.0, 1.0) * (last - first), prerollS);
}

void FileSourceWorker::stepBy(double seconds)
{
    if (!(seconds > 0) || !std::isfinite(seconds)) {
        return;
    }
    if (!m_paused) {
        m_paused = true;
        counters().replayPaused.store(true, std::memory_order_relaxed);
        setQuiet(true);
    }
    if (m_atEnd) {
        return;
    }
    double from = std::isnan(m_position) && m_seeker ? m_seeker->first() : m_position;
    if (!std::isnan(m_burstUntil)) {
        from = std::max(from, m_burstUntil); // steps pressed faster than they are published
    }
    if (std::isnan(from)) {
        return;
    }
    m_burstUntil = from + seconds;
    scheduleStep(0);
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
