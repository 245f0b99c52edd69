#pragma once

#include "detect/detectorworker.h"
#include "io/source.h"
#include "telemetry/profile.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>

namespace fw {

// What the operator is told about the model in use.
struct ModelIdentity
{
    QString name;   // file name, or what the model was made from
    QString path;   // empty for a model that is not (yet) a file
    QString sha256; // of the model file's content
    std::size_t trainedRows = 0;
    QString profile;
};

// The composition of a run: one source on its thread feeding one detector on its thread. The
// console and `serve` both build one, on the thread that then consumes it (the GUI thread in the
// console). The stream flows one way and never through that thread: the source hands each block
// to the detector's bounded inbox from its own thread, observers (metrics) see each scored block
// on the detector thread, and the owner's thread gets samplesReady then resultsReady (or
// blockSkipped) per block from a bounded outbox at its own pace. A full inbox (a live source
// faster than the detector) or outbox (a busy owner) drops the block there, counted; a file
// replay waits for room instead. Control signals arrive on the owner's thread too.
//
// Decisions: a source is replaced, never reused (connect() stops the previous one and resets the
// detector's stream state, so windows and alarms do not span two streams, and what the old
// stream still has on the way is not delivered); a model is checked against the profile's
// channels before it replaces the one in use, so a bad model leaves the previous one running.
class Pipeline : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Pipeline)

public:
    using Observer = DetectorThread::Observer;
    static constexpr int kFlushTimeoutMs = 5000;

    explicit Pipeline(Profile profile, QObject *parent = nullptr);
    ~Pipeline() override;

    [[nodiscard]] const Profile &profile() const { return m_profile; }
    // Changes the profile; disconnects first. The model stays if its channels fit, else it is
    // dropped (with modelRejected) and blocks are skipped until a fitting one is set.
    void setProfile(Profile profile);

    // Starts a source for uri; false with the reason in *error (the previous source is stopped
    // either way).
    bool connectSource(const SourceUri &uri, QString *error);
    void disconnectSource();
    [[nodiscard]] bool isConnected() const { return m_source != nullptr; }
    [[nodiscard]] SourceState sourceState() const; // from any thread
    [[nodiscard]] SourceStats sourceStats() const;
    // Every source's counters added up, the running one's included; from any thread.
    [[nodiscard]] SourceStats sourceTotals() const;
    [[nodiscard]] QString sourceText() const;
    // The running source, for replay commands; null when disconnected. Replaced by every
    // connect, so hold it in a QPointer, never a raw pointer.
    [[nodiscard]] Source *source() const { return m_source.get(); }
    // Waits up to timeoutMs for the detector to finish what it was given and delivers it (at the
    // end of a run, so that what arrived is recorded); false on timeout.
    bool flush(int timeoutMs);

    // Loads, validates and swaps in a model file; false with a message naming the file and the
    // problem, and the previous model stays.
    bool loadModelFile(const QString &path, QString *error);
    bool setModel(std::shared_ptr<const detect::DetectorModel> model, const QString &name,
                  const QString &path, QString *error);
    // The model in use was saved to path (a model trained in the console): the identity names
    // the file from now on; the name still says what the model was made from.
    void setModelPath(const QString &path);
    [[nodiscard]] bool hasModel() const { return m_model != nullptr; }
    [[nodiscard]] std::shared_ptr<const detect::DetectorModel> model() const { return m_model; }
    [[nodiscard]] const ModelIdentity &modelIdentity() const { return m_identity; }

    // Runs on the detector thread for every block it is done with, results null when skipped;
    // must be quick and thread-safe. removeObserver() waits for a call in progress.
    int addObserver(Observer observer) { return m_detector->addObserver(std::move(observer)); }
    void removeObserver(int id) { m_detector->removeObserver(id); }

    // From any thread. Samples from the source; scored; skipped (no model); dropped at the
    // detector's inbox (it was full); dropped at the outbox (the owner's thread fell behind).
    [[nodiscard]] std::uint64_t samplesReceived() const { return m_received.load(); }
    [[nodiscard]] std::uint64_t samplesScored() const { return m_detector->samplesScored(); }
    [[nodiscard]] std::uint64_t samplesSkipped() const { return m_detector->samplesSkipped(); }
    [[nodiscard]] std::uint64_t droppedAtDetector() const { return m_detector->droppedInput(); }
    [[nodiscard]] std::uint64_t droppedAtConsumers() const { return m_detector->droppedOutput(); }
    // Time from a block's hand-over by the source to its scores, of the newest scored block.
    [[nodiscard]] double detectorLatencyMs() const { return m_detector->latencyMs(); }
    // For tests: small hand-offs, to fill them.
    void setHandOffCapacities(std::size_t inbox, std::size_t outbox)
    {
        m_detector->setCapacities(inbox, outbox);
    }
    // From any thread. The streams of the running source (or of the last one) when its URI has
    // a stream key, each with its samples, losses and detector state; empty otherwise.
    [[nodiscard]] std::shared_ptr<StreamTable> streams() const;

Q_SIGNALS:
    void samplesReady(fw::SampleBlockPtr block);
    void resultsReady(fw::ResultBlockPtr results);
    void sourceStateChanged(fw::SourceState state);
    void sourceFailed(const QString &message);
    // A file replayed without loop reached its end, and every block before was delivered.
    void sourceFinished();
    // A replay jumped to source time t: what came before was delivered, the detector's stream
    // state has been reset, and what follows belongs to the new position.
    void sourceSeeked(double t);
    void profileChanged();
    void modelChanged(const fw::ModelIdentity &identity);
    void modelRejected(const QString &reason);
    void blockSkipped(qulonglong samples, const QString &reason);

private:
    void noteStreams(const SampleBlock &block, const ResultBlock *results); // detector thread

    Profile m_profile;
    std::unique_ptr<DetectorThread> m_detector;
    std::unique_ptr<Source> m_source;
    std::shared_ptr<const detect::DetectorModel> m_model;
    ModelIdentity m_identity;
    std::atomic<std::uint64_t> m_received{0};
    // Between the running source's thread and this object: closed before the source is stopped,
    // so that a source thread that outlives its stop() never reaches a later stream or a
    // destroyed pipeline.
    struct SinkGate
    {
        std::mutex mutex;
        bool open = true;
    };
    std::shared_ptr<SinkGate> m_gate;
    mutable std::mutex m_countersMutex;
    std::shared_ptr<const SourceCounters> m_counters; // the running source's
    SourceStats m_earlierSources;                     // the sum of those replaced before
    // The running (or last) source's; an empty one before the first.
    std::shared_ptr<StreamTable> m_streams = std::make_shared<StreamTable>();
    std::uint64_t m_streamsEpoch = 0; // the detector epoch they belong to
    int m_streamObserver = 0;
};

} // namespace fw

Q_DECLARE_METATYPE(fw::ModelIdentity)
