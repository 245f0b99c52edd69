#pragma once

#include "sourceuri.h"
#include "sourceworker.h"

#include <QByteArray>
#include <QElapsedTimer>

#include <memory>

class QFile;
class QTimer;

namespace fw {

class FileSeeker;

// file://PATH: replays a recording. Lives on the source thread. The file is read and decoded
// a chunk at a time (never whole), and each sample is published when its t, relative to the
// sample the pacing was last anchored on, divided by the speed, has elapsed on a monotonic clock.
// Speed 0 publishes as fast as decoding goes. Every step does a bounded amount of work and
// returns to the event loop, where the replay commands below are queued (see Source).
//
// With loop, the recording starts again at its end (sample times unchanged, sequence accounting
// started afresh), announced by seeked() like a seek to the start. Without, the worker flushes,
// emits finished() and turns Disconnected, but keeps the file open: a seek or play starts it again.
//
// Seeking finds the target by bisection over the file (FileSeeker: no index, constant memory),
// publishes what was queued before, emits seeked() and then the samples from the target on, so
// a receiver can tell the two streams apart. A preroll publishes the preroll seconds before the
// target at once (to fill a plot and warm the detector's windows) and pacing starts at the
// target. Pause, resume, speed and loop re-anchor the pacing on the newest sample published, so
// the replay goes on from where it was instead of catching up.
class FileSourceWorker : public SourceWorker
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileSourceWorker)

public:
    static constexpr qint64 kChunkBytes = 128 * 1024;
    static constexpr qint64 kStepBudgetNs = 2'000'000;
    static constexpr int kMaxWaitMs = 1000;

    FileSourceWorker(SourceUri uri, Profile profile, std::shared_ptr<SourceCounters> counters);
    ~FileSourceWorker() override;

    // Completed passes through the file. Source thread only.
    [[nodiscard]] int passes() const { return m_passes; }

    // Replay commands; source thread (queued there by Source).
    void setPaused(bool paused);
    // Speed factor, 0 = as fast as possible; negative or non-finite values are ignored.
    void setSpeed(double speed);
    void setLoop(bool loop);
    // Goes to source time t (clamped to the recording), publishing [t - prerollS, t) at once.
    void seekTo(double t, double prerollS);
    // fraction of the recording's time span, 0 = first sample, 1 = last.
    void seekToFraction(double fraction, double prerollS);
    // Publishes the next seconds of the recording at once and stays paused (pauses first).
    void stepBy(double seconds);

Q_SIGNALS:
    // Published samples jump to t: what follows is not continuous with what came before.
    void seeked(double t);

protected:
    void open() override;
    void close() override;

private:
    enum class Refill { Data, Again, Ended };

    void step();
    [[nodiscard]] Refill refill();
    [[nodiscard]] Refill endOfFile();
    void scheduleStep(qint64 delayMs);
    // Reads on from offset with a fresh decoder; false when the file cannot seek there.
    [[nodiscard]] bool restartStream(qint64 offset);
    void publish(std::size_t end);
    void reanchor();
    void setPosition(double t);
    [[nodiscard]] double dueMs(double t) const { return (t - m_origin) * 1000.0 / m_speed; }

    SourceUri m_uri;
    std::unique_ptr<QFile> m_file;
    std::unique_ptr<FileSeeker> m_seeker;
    QTimer *m_stepTimer = nullptr; // child of this, on the source thread
    InputStream m_stream;
    SampleBlock m_staged; // decoded, not yet published
    std::size_t m_next = 0;
    QByteArray m_chunk;
    bool m_decoderFinished = false;
    bool m_haveOrigin = false;
    double m_origin = 0;       // t the pacing is anchored on
    QElapsedTimer m_passClock; // started when the pacing was anchored
    std::uint64_t m_samplesThisPass = 0;
    int m_passes = 0;
    double m_speed = 1;
    bool m_paused = false;
    bool m_atEnd = false;
    double m_position;   // t of the newest sample published, NaN before the first
    double m_anchor;     // t the next anchoring uses; NaN: the next sample's own t
    double m_skipBefore; // after a seek: staged samples before this are dropped (NaN: none)
    double m_burstUntil; // samples before this are published at once, even paused (NaN: none)
};

} // namespace fw
