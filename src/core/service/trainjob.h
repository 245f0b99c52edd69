#pragma once

#include "detect/detectormodel.h"
#include "telemetry/profile.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

class QThread;

namespace fw {

// Trains a model on rows the caller copied out (the console's history of a chosen time range)
// on a thread of its own, so the console keeps plotting. Lives on the thread that made it; its
// signals arrive there. A job runs once; destroying it waits for a running training to finish.
class TrainJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrainJob)

public:
    TrainJob(Profile profile, std::vector<double> rows, std::vector<double> times, QString source,
             detect::DetectorTrainOptions options = {}, QObject *parent = nullptr);
    ~TrainJob() override;

    void start();
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] std::size_t rowCount() const;

Q_SIGNALS:
    void finished(std::shared_ptr<const fw::detect::DetectorModel> model,
                  const QStringList &warnings);
    void failed(const QString &message);

private:
    Profile m_profile;
    std::vector<double> m_rows;
    std::vector<double> m_times;
    QString m_source;
    detect::DetectorTrainOptions m_options;
    std::unique_ptr<QThread> m_thread;
};

} // namespace fw
