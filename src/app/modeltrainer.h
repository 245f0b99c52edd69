#pragma once

#include "historyrange.h"
#include "service/trainjob.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace fw {

class SampleHistory;

// What a time range of the console's history offers to train on.
struct TrainRange
{
    HistoryRange rows;             // history indices of the samples in the range
    std::int64_t completeRows = 0; // samples with every channel present
    std::int64_t flaggedRows = 0;  // samples the model in use gave a severity
    double seconds = 0;            // from the first sample in the range to the last

    [[nodiscard]] std::int64_t size() const { return rows.size(); }
};

// Trains a model from a time range of the console's history: copies the rows out, runs a
// TrainJob on its own thread and names the result after what it was made from. The caller
// decides what to refuse (see refusal()) and what to do with the model. GUI thread.
class ModelTrainer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelTrainer)

public:
    explicit ModelTrainer(QObject *parent = nullptr);
    ~ModelTrainer() override;

    [[nodiscard]] static TrainRange inspect(const SampleHistory &history, double t0, double t1);
    // Why a range cannot be trained on now: a training runs, or it is below the minimum of
    // detect/trainingminimum.h at the profile's rate (the one `train` warns about); empty when
    // it can.
    [[nodiscard]] QString refusal(const TrainRange &range, double rateHz) const;
    // Copies the range's rows and starts training; false with the reason in *error when
    // refusal() gives one.
    bool start(const SampleHistory &history, const TrainRange &range, const Profile &profile,
               const QString &sourceText, QString *error);
    void cancel();
    [[nodiscard]] bool isBusy() const { return m_job != nullptr; }

Q_SIGNALS:
    void stageStarted(int stage, int stageCount, const QString &text);
    // notes: the trainer's warnings and what the check on the training rows found.
    void trained(std::shared_ptr<const fw::detect::DetectorModel> model, const QString &name,
                 const QStringList &notes);
    void failed(const QString &message);
    void canceled();

private:
    void onFinished(const std::shared_ptr<const detect::DetectorModel> &model,
                    const QStringList &warnings);
    void release();

    std::unique_ptr<TrainJob> m_job;
    QString m_name;
};

} // namespace fw
