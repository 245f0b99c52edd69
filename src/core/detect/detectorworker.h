#pragma once

#include "detect/detector.h"
#include "telemetry/sampleblock.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QThread;

namespace fw {

// Detection results for one SampleBlock, row for row: the block's times and sequence numbers
// with the detector's per-sample outputs. Immutable once handed off, like SampleBlock.
struct ResultBlock
{
    std::vector<double> t;
    std::vector<std::int64_t> seq;
    detect::DetectionResults results;
    QString modelSha256;    // the model that produced them
    SampleBlockPtr samples; // the block these results answer, row for row

    [[nodiscard]] std::size_t size() const { return t.size(); }
};

using ResultBlockPtr = std::shared_ptr<const ResultBlock>;

// The QObject adapter of detect::Detector: lives on the detector thread, takes SampleBlocks in
// order and answers each with one ResultBlock. Without a model, blocks are counted and dropped.
class DetectorWorker : public QObject
{
    Q_OBJECT

public:
    explicit DetectorWorker(QObject *parent = nullptr);

    // Slots, called through queued connections from other threads.
    void process(const fw::SampleBlockPtr &block);
    // Swaps the model. A model the detector refuses is reported and the previous one kept; a null
    // model unloads the current one.
    void setModel(const std::shared_ptr<const detect::DetectorModel> &model, const QString &sha256);
    void resetStream();

Q_SIGNALS:
    void resultsReady(fw::ResultBlockPtr results);
    void modelChanged(const QString &sha256);
    void modelRejected(const QString &reason);
    // Blocks that arrived without a model, or whose channel count differs from the model's.
    void blockSkipped(qulonglong samples, const QString &reason);

private:
    std::optional<detect::Detector> m_detector;
    QString m_sha256;
};

// Owns the detector thread and its worker, as Source owns a source's. Signals are delivered on
// the thread that created it; stop() waits a bounded time.
class DetectorThread : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetectorThread)

public:
    static constexpr int kStopTimeoutMs = 3000;

    explicit DetectorThread(QObject *parent = nullptr);
    ~DetectorThread() override;

    void start();
    void stop();
    [[nodiscard]] bool isRunning() const;

    // Queue work for the detector thread; safe from the owner's thread.
    void submit(const fw::SampleBlockPtr &block);
    void setModel(std::shared_ptr<const detect::DetectorModel> model, const QString &sha256);
    void resetStream();

Q_SIGNALS:
    void resultsReady(fw::ResultBlockPtr results);
    void modelChanged(const QString &sha256);
    void modelRejected(const QString &reason);
    void blockSkipped(qulonglong samples, const QString &reason);

private:
    std::unique_ptr<QThread> m_thread;
    DetectorWorker *m_worker = nullptr; // deleted on the detector thread when it finishes
};

} // namespace fw

Q_DECLARE_METATYPE(fw::ResultBlockPtr)
