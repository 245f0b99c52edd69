#pragma once

#include "detect/detector.h"
#include "detect/handoff.h"
#include "telemetry/sampleblock.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

class QThread;

namespace fw {

// Detection results for one SampleBlock, row for row: the block's times and sequence numbers
// with the detector's per-sample outputs. Immutable once handed off, like SampleBlock.
struct ResultBlock
{
    std::vector<double> t;
    std::vector<std::int64_t> seq;
    detect::DetectionResults results;
    QString modelSha256;     // the model that produced them
    SampleBlockPtr samples;  // the block these results answer, row for row
    double latencyMs = 0;    // from the block's hand-over by its source to these results
    std::uint64_t epoch = 0; // the stream of sources it came from (DetectorThread::beginEpoch)

    [[nodiscard]] std::size_t size() const { return t.size(); }
};

using ResultBlockPtr = std::shared_ptr<const ResultBlock>;

// Nanoseconds on the steady clock, which every thread shares.
[[nodiscard]] qint64 steadyNs();

// What the detector thread takes, in order: blocks to score and the commands between them.
struct DetectorJob
{
    enum class Kind { Block, Model, Reset, Seeked, Finished, Barrier };
    Kind kind = Kind::Block;
    SampleBlockPtr block;
    qint64 arrivedNs = 0;    // Block: when the source handed it over (steadyNs())
    std::uint64_t epoch = 0; // the stream it belongs to (see DetectorThread::beginEpoch)
    std::shared_ptr<const detect::DetectorModel> model; // Model (null: unload)
    QString sha256;                                     // Model
    double seekT = 0;                                   // Seeked
    std::shared_ptr<std::promise<void>> done;           // Barrier
};

// What the detector thread hands on to the owner's thread, in the order of the jobs.
struct DetectorOutput
{
    enum class Kind { Block, Seeked, Finished };
    Kind kind = Kind::Block;
    std::uint64_t epoch = 0;
    SampleBlockPtr samples; // Block
    ResultBlockPtr results; // Block, scored; null when skipped
    QString skipReason;     // Block, skipped
    double seekT = 0;       // Seeked
};

// The QObject adapter of detect::Detector: lives on the detector thread and takes its jobs from
// the inbox in order, answering each block with results (or a skip) in the outbox. Without a
// model, blocks are counted and skipped.
class DetectorWorker : public QObject
{
    Q_OBJECT

public:
    using Observer = std::function<void(const SampleBlock &, const ResultBlock *)>;

    // stopping (owned by the DetectorThread, as the inbox is) ends a drain between two jobs.
    DetectorWorker(HandOff<DetectorJob> *inbox, const std::atomic<bool> *stopping,
                   QObject *parent = nullptr);

    // Takes every job in the inbox, then returns; queued to the detector thread by whoever
    // filled an empty inbox.
    void drain();
    // Where every job's outcome goes, on the detector thread. Set before the thread starts.
    void setOutput(std::function<void(DetectorOutput)> output) { m_output = std::move(output); }

Q_SIGNALS:
    void modelChanged(const QString &sha256);
    void modelRejected(const QString &reason);

private:
    void process(const DetectorJob &job);
    void setModel(const std::shared_ptr<const detect::DetectorModel> &model, const QString &sha256);
    void score(const SampleBlock &block, detect::DetectionResults &out);
    detect::Detector &detectorOf(std::uint32_t stream);
    void resetStreams();

    HandOff<DetectorJob> *m_inbox;
    const std::atomic<bool> *m_stopping;
    std::function<void(DetectorOutput)> m_output;
    std::optional<detect::Detector> m_detector; // stream 0's
    // The other streams' (id − 1), made on their first block from m_pristine.
    std::vector<std::unique_ptr<detect::Detector>> m_streamDetectors;
    std::unique_ptr<detect::Detector> m_pristine;
    QString m_sha256;
};

// Owns the detector thread and the two bounded hand-offs around it. Blocks come in from any
// thread (a source's, directly), are scored on the detector thread, and go out to the thread
// that created this object, where the signals are delivered: per block samplesReady, then
// resultsReady or blockSkipped. Observers see every block on the detector thread, whatever the
// owner's thread is doing. A full inbox or outbox drops the block there, counted; stop() ends the
// work after the job in progress (what is still queued is dropped, counted) and waits a bounded
// time.
class DetectorThread : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetectorThread)

public:
    static constexpr int kStopTimeoutMs = 3000;
    // Samples waiting at most for the detector, and for the owner's thread: seconds at the
    // highest rates served, tens of seconds at most profiles' rates.
    static constexpr std::size_t kInboxSamples = std::size_t(1) << 18;
    static constexpr std::size_t kOutboxSamples = std::size_t(1) << 19;

    using Observer = DetectorWorker::Observer;

    explicit DetectorThread(QObject *parent = nullptr);
    ~DetectorThread() override;

    void start();
    void stop();
    [[nodiscard]] bool isRunning() const;

    enum class Submit {
        Queued,
        Dropped, // the inbox was full (or a wait for room was called off): counted in
                 // droppedInput()
        Refused, // the detector is stopping: not counted
    };
    // From any thread. A block that finds the inbox full waits for room when wait is set (file
    // replays) and is dropped otherwise.
    Submit submit(const fw::SampleBlockPtr &block, std::uint64_t epoch = 0, bool wait = false);
    // From the owner's thread: queued in order with the blocks.
    void setModel(std::shared_ptr<const detect::DetectorModel> model, const QString &sha256);
    void resetStream();
    // From any thread (a replay's): resets the stream, then sourceSeeked(t) in order.
    void seeked(double t, std::uint64_t epoch);
    // From any thread (a finite source's): sourceFinished once every block before it is out.
    void finished(std::uint64_t epoch);
    // A new stream: what older streams still have on the way is not delivered to the owner
    // (observers still see it). Returns the stream's number for submit().
    std::uint64_t beginEpoch();
    // Off: producers waiting for room give up and later ones do not wait, until it is on again
    // (a source being stopped).
    void setWaiting(bool on) { m_inbox.setWaiting(on); }
    [[nodiscard]] bool isWaiting() const { return m_inbox.waiting(); }
    // Waits up to timeoutMs until every job queued before has been done, then delivers what is
    // in the outbox; false on timeout.
    bool flush(int timeoutMs);

    int addObserver(Observer observer);
    void removeObserver(int id);

    [[nodiscard]] std::uint64_t samplesScored() const { return m_scored.load(); }
    [[nodiscard]] std::uint64_t samplesSkipped() const { return m_skipped.load(); }
    [[nodiscard]] std::uint64_t droppedInput() const { return m_droppedInput.load(); }
    [[nodiscard]] std::uint64_t droppedOutput() const { return m_droppedOutput.load(); }
    [[nodiscard]] double latencyMs() const { return m_latencyMs.load(); }
    // For tests: small hand-offs.
    void setCapacities(std::size_t inboxSamples, std::size_t outboxSamples);

Q_SIGNALS:
    void samplesReady(fw::SampleBlockPtr block);
    void resultsReady(fw::ResultBlockPtr results);
    void blockSkipped(qulonglong samples, const QString &reason);
    void sourceSeeked(double t);
    void sourceFinished();
    void modelChanged(const QString &sha256);
    void modelRejected(const QString &reason);

private:
    void enqueue(DetectorJob job, std::size_t weight);
    void output(DetectorOutput out); // on the detector thread
    void deliver();                  // on the owner's thread

    HandOff<DetectorJob> m_inbox{kInboxSamples};
    HandOff<DetectorOutput> m_outbox{kOutboxSamples};
    std::atomic<bool> m_stopping{false};
    std::unique_ptr<QThread> m_thread;
    // Deleted with this object once its thread has finished (and left behind with a thread that
    // would not stop), so that work queued to it late finds it still there.
    DetectorWorker *m_worker = nullptr;
    std::atomic<std::uint64_t> m_epoch{0};
    std::atomic<std::uint64_t> m_scored{0};
    std::atomic<std::uint64_t> m_skipped{0};
    std::atomic<std::uint64_t> m_droppedInput{0};
    std::atomic<std::uint64_t> m_droppedOutput{0};
    std::atomic<double> m_latencyMs{0};
    std::mutex m_observersMutex; // held while observers run, so removal waits for them
    std::vector<std::pair<int, Observer>> m_observers;
    int m_nextObserver = 1;
};

} // namespace fw

Q_DECLARE_METATYPE(fw::ResultBlockPtr)
