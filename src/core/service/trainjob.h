#pragma once

#include "detect/detectormodel.h"
#include "telemetry/profile.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

class QThread;

namespace fw {

// Trains a model on rows the caller copied out (the console's history of a chosen time range)
// on a thread of its own, so the console keeps plotting. Lives on the thread that made it; its
// signals arrive there. A job runs once; destroying it waits for a running training to finish.
//
// Progress comes in stages (training is tens of milliseconds for 10^4 rows, so finer steps would
// cost more than they tell): growing the forest and calibrating, then checking the new model on
// the rows it was trained on, counting the rows it raises alarms on (a range with an anomaly in
// it shows up there). cancel() is honoured between stages; the stage running finishes first.
class TrainJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrainJob)

public:
    enum class Stage { Training, Checking };
    static constexpr int kStageCount = 2;

    TrainJob(Profile profile, std::vector<double> rows, std::vector<double> times, QString source,
             detect::DetectorTrainOptions options = {}, QObject *parent = nullptr);
    ~TrainJob() override;

    void start();
    // Drops the result: canceled() comes instead of finished() or failed().
    void cancel();
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] bool isCanceled() const { return m_canceled.load(); }
    [[nodiscard]] std::size_t rowCount() const;
    // After finished(): training rows the new model raises an alarm on.
    [[nodiscard]] std::size_t alarmRows() const { return m_alarmRows; }

Q_SIGNALS:
    void stageStarted(fw::TrainJob::Stage stage);
    void finished(std::shared_ptr<const fw::detect::DetectorModel> model,
                  const QStringList &warnings);
    void failed(const QString &message);
    void canceled();

private:
    void run();
    void enterStage(Stage stage);

    Profile m_profile;
    std::vector<double> m_rows;
    std::vector<double> m_times;
    QString m_source;
    detect::DetectorTrainOptions m_options;
    std::unique_ptr<QThread> m_thread;
    std::atomic<bool> m_canceled{false}; // written on the job's thread, read on the training one
    std::size_t m_alarmRows = 0;         // job's thread
};

} // namespace fw

Q_DECLARE_METATYPE(fw::TrainJob::Stage)
