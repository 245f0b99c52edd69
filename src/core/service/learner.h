#pragma once

#include "service/trainjob.h"
#include "telemetry/sampleblock.h"

#include <QObject>
#include <QString>

#include <cstddef>
#include <memory>
#include <vector>

namespace fw {

class Pipeline;

// Learns the model from the first rows a stream delivers and puts it to work on the rest: for a
// bench whose nominal levels change from one session to the next, so that no model made on
// another day fits it (SKAB's pump bench: a model of its anomaly-free session alarms on 96 % of
// the nominal rows of its other sessions). The rows it learns from are not scored. Training runs
// on a TrainJob's thread; the stream keeps flowing meanwhile, unscored, and is scored from the
// first block after the model is in place.
//
// Lives on the pipeline's thread. start() once; it then watches samplesReady until it has the
// rows, and is done after learned() or failed().
class Learner : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Learner)

public:
    // rows > 0. savePath: also write the learned model there (empty: do not).
    Learner(Pipeline *pipeline, std::size_t rows, QString savePath, QObject *parent = nullptr);
    ~Learner() override;

    void start();
    [[nodiscard]] std::size_t rowsWanted() const { return m_wanted; }
    [[nodiscard]] std::size_t rowsCollected() const { return m_times.size(); }

Q_SIGNALS:
    // The model is in use; message says what it was learnt from, and any training warnings.
    void learned(const QString &message);
    void failed(const QString &message);

private:
    void append(const SampleBlockPtr &block);
    void train();
    void finish(const std::shared_ptr<const detect::DetectorModel> &model,
                const QStringList &warnings);

    Pipeline *m_pipeline;
    std::size_t m_wanted;
    QString m_savePath;
    QString m_source; // what the rows came from, for the model's provenance
    std::vector<double> m_rows;
    std::vector<double> m_times;
    std::unique_ptr<TrainJob> m_job;
    QMetaObject::Connection m_watch;
};

} // namespace fw
