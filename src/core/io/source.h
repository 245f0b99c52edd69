#pragma once

#include "sourcestate.h"
#include "sourceuri.h"
#include "telemetry/sampleblock.h"

#include <QObject>

#include <functional>
#include <memory>

class QThread;

namespace fw {

class FileSourceWorker;
class SourceWorker;
struct Profile;

// Where a source hands its stream straight from its own thread, bypassing its owner's: blocks, a
// replay's seeks and a finite source's end, in order. Each runs on the source thread.
struct SourceSink
{
    std::function<void(const SampleBlockPtr &)> block;
    std::function<void(double)> seeked;
    std::function<void()> finished;
};

// Owns a source's thread and worker. Lives on the thread that created it; its signals are
// delivered there (blockReady only without a sink). The worker's sockets are made on the source
// thread when it starts; stop() waits a bounded time for the thread and never terminates it.
class Source : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Source)

public:
    static constexpr int kStopTimeoutMs = 3000;

    Source(SourceUri uri, std::unique_ptr<SourceWorker> worker,
           std::shared_ptr<SourceCounters> counters, QObject *parent = nullptr);
    ~Source() override;

    // Before start(): the stream goes to sink on the source thread instead of blockReady.
    void setSink(SourceSink sink);
    void start();
    void stop();

    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] SourceState state() const;
    [[nodiscard]] SourceStats stats() const { return m_counters->snapshot(); }
    // The live counters, which outlive the source for whoever holds them.
    [[nodiscard]] std::shared_ptr<const SourceCounters> counters() const { return m_counters; }
    [[nodiscard]] const SourceUri &uri() const { return m_uri; }

    // Replay of a file source: the commands are queued to the source thread and take effect
    // there in order; each returns false (and does nothing) when this is not a running file
    // source. See FileSourceWorker for what they do.
    [[nodiscard]] bool isReplay() const { return m_replay != nullptr; }
    [[nodiscard]] ReplayStatus replayStatus() const { return m_counters->replay(); }
    bool setPaused(bool paused);
    bool setSpeed(double speed);
    bool setLoop(bool loop);
    bool seekTo(double t, double prerollS = 0);
    bool seekToFraction(double fraction, double prerollS = 0);
    bool stepBy(double seconds);

Q_SIGNALS:
    void blockReady(fw::SampleBlockPtr block);
    void stateChanged(fw::SourceState state);
    void failed(const QString &message);
    // A file replayed without loop reached its end; the state is then Disconnected.
    void finished();
    // A replay jumped to source time t: blocks before this signal and after it are not
    // continuous (stream state such as detector windows should start afresh).
    void seeked(double t);

private:
    // Queues f(worker) to the file worker while the source thread runs.
    template<typename F>
    bool commandReplay(F &&f);

    SourceUri m_uri;
    std::shared_ptr<SourceCounters> m_counters;
    QMetaObject::Connection m_relay; // worker's blockReady to ours, until a sink replaces it
    std::unique_ptr<QThread> m_thread;
    SourceWorker *m_worker = nullptr;     // owned by m_thread's finished → deleteLater
    FileSourceWorker *m_replay = nullptr; // m_worker when it replays a file, else null
};

// Builds the source a URI names, or returns null with the reason in *error.
[[nodiscard]] std::unique_ptr<Source> createSource(const SourceUri &uri, const Profile &profile,
                                                   QString *error);

} // namespace fw
