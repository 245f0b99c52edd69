#pragma once

#include "sourcestate.h"
#include "sourceuri.h"
#include "telemetry/sampleblock.h"

#include <QObject>

#include <memory>

class QThread;

namespace fw {

class SourceWorker;
struct Profile;

// Owns a source's thread and worker. Lives on the thread that created it; its signals are
// delivered there. The worker's sockets are made on the source thread when it starts; stop()
// waits a bounded time for the thread and never terminates it.
class Source : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Source)

public:
    static constexpr int kStopTimeoutMs = 3000;

    Source(SourceUri uri, std::unique_ptr<SourceWorker> worker,
           std::shared_ptr<SourceCounters> counters, QObject *parent = nullptr);
    ~Source() override;

    void start();
    void stop();

    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] SourceState state() const;
    [[nodiscard]] SourceStats stats() const { return m_counters->snapshot(); }
    [[nodiscard]] const SourceUri &uri() const { return m_uri; }

Q_SIGNALS:
    void blockReady(fw::SampleBlockPtr block);
    void stateChanged(fw::SourceState state);
    void failed(const QString &message);
    // A file replayed without loop reached its end; the state is then Disconnected.
    void finished();

private:
    SourceUri m_uri;
    std::shared_ptr<SourceCounters> m_counters;
    std::unique_ptr<QThread> m_thread;
    SourceWorker *m_worker = nullptr; // owned by m_thread's finished → deleteLater
};

// Builds the source a URI names, or returns null with the reason in *error.
[[nodiscard]] std::unique_ptr<Source> createSource(const SourceUri &uri, const Profile &profile,
                                                   QString *error);

} // namespace fw
