#pragma once

#include "sourceuri.h"
#include "sourceworker.h"

#include <QByteArray>
#include <QElapsedTimer>

#include <memory>

class QFile;
class QTimer;

namespace fw {

// file://PATH: replays a recording. Lives on the source thread. The file is read and decoded
// a chunk at a time (never whole), and each sample is published when its t, relative to the
// first sample of the pass, divided by the speed, has elapsed on a monotonic clock. Speed 0
// publishes as fast as decoding goes. Every step does a bounded amount of work and returns to
// the event loop. With loop, the recording starts again at its end (sample times unchanged,
// sequence accounting started afresh); without, the worker flushes, emits finished() and turns
// Disconnected.
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

protected:
    void open() override;
    void close() override;

private:
    enum class Refill { Data, Again, Ended };

    void step();
    [[nodiscard]] Refill refill();
    [[nodiscard]] Refill endOfFile();
    void scheduleStep(qint64 delayMs);
    [[nodiscard]] double dueMs(double t) const { return (t - m_origin) * 1000.0 / m_uri.speed; }

    SourceUri m_uri;
    std::unique_ptr<QFile> m_file;
    QTimer *m_stepTimer = nullptr; // child of this, on the source thread
    InputStream m_stream;
    SampleBlock m_staged; // decoded, not yet published
    std::size_t m_next = 0;
    QByteArray m_chunk;
    bool m_decoderFinished = false;
    bool m_haveOrigin = false;
    double m_origin = 0;       // t of the pass's first sample
    QElapsedTimer m_passClock; // started when that sample was published
    std::uint64_t m_samplesThisPass = 0;
    int m_passes = 0;
};

} // namespace fw
