#pragma once

#include "detect/detectorworker.h"
#include "io/source.h"
#include "telemetry/profile.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <atomic>
#include <deque>
#include <memory>

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
// console and `serve` both build one. Lives on the thread that made it (the GUI thread in the
// console); every signal is delivered there, in order: a block's samplesReady before its
// resultsReady.
//
// Decisions: a source is replaced, never reused (connect() stops the previous one and resets the
// detector's stream state, so windows and alarms do not span two streams); a model is checked
// against the profile's channels before it replaces the one in use, so a bad model leaves the
// previous one running.
class Pipeline : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Pipeline)

public:
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
    [[nodiscard]] SourceState sourceState() const;
    [[nodiscard]] SourceStats sourceStats() const;
    [[nodiscard]] QString sourceText() const;
    // The running source, for replay commands; null when disconnected. Replaced by every
    // connect, so hold it in a QPointer, never a raw pointer.
    [[nodiscard]] Source *source() const { return m_source.get(); }

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

    // Samples handed to the detector, results back, and samples it skipped (no model).
    [[nodiscard]] std::uint64_t samplesReceived() const { return m_samplesReceived; }
    [[nodiscard]] std::uint64_t samplesScored() const { return m_samplesScored; }
    [[nodiscard]] std::uint64_t samplesSkipped() const { return m_samplesSkipped; }
    // Time from a block's arrival here to its results' arrival, of the newest result block.
    [[nodiscard]] double detectorLatencyMs() const { return m_latencyMs; }

Q_SIGNALS:
    void samplesReady(fw::SampleBlockPtr block);
    void resultsReady(fw::ResultBlockPtr results);
    void sourceStateChanged(fw::SourceState state);
    void sourceFailed(const QString &message);
    void sourceFinished();
    // A replay jumped to source time t. The detector's stream state has been reset, and results
    // of blocks from before the jump are dropped, so what follows belongs to the new position.
    void sourceSeeked(double t);
    void modelChanged(const fw::ModelIdentity &identity);
    void modelRejected(const QString &reason);
    void blockSkipped(qulonglong samples, const QString &reason);

private:
    void onBlock(const SampleBlockPtr &block);
    void onResults(const ResultBlockPtr &results);
    void onSeeked(double t);
    // One block answered (results or skipped): true when it came before the newest seek.
    bool answerPending();

    Profile m_profile;
    std::unique_ptr<DetectorThread> m_detector;
    std::unique_ptr<Source> m_source;
    std::shared_ptr<const detect::DetectorModel> m_model;
    ModelIdentity m_identity;
    // Arrival times of blocks still at the detector, oldest first; results come back in order.
    std::deque<qint64> m_pending;
    std::size_t m_stalePending = 0; // the oldest of m_pending that came before a seek
    QElapsedTimer m_clock;
    std::uint64_t m_samplesReceived = 0;
    std::uint64_t m_samplesScored = 0;
    std::uint64_t m_samplesSkipped = 0;
    double m_latencyMs = 0;
};

} // namespace fw

Q_DECLARE_METATYPE(fw::ModelIdentity)
