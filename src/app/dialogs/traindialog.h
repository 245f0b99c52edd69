#pragma once

#include <QDialog>

#include <memory>
#include <utility>

namespace fw {

class ModelTrainer;
class SampleHistory;

namespace Ui {
class TrainDialog;
}

// Chooses the stretch of history to train a model on (the form is ui/traindialog.ui): from and
// to, or the visible range, or all in memory. What the range holds (samples, complete rows,
// samples the model in use flagged, its length) is shown as it is chosen, and Train stays
// disabled while the trainer would refuse the range, with its reason.
class TrainDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrainDialog)

public:
    // visible: the plots' range in source seconds; utc: show times in UTC rather than local.
    TrainDialog(const SampleHistory &history, const ModelTrainer &trainer, double rateHz,
                std::pair<double, double> visible, bool utc, QWidget *parent = nullptr);
    ~TrainDialog() override;

    // The chosen range in source seconds.
    [[nodiscard]] std::pair<double, double> range() const;
    [[nodiscard]] QString summary() const;
    [[nodiscard]] QString problem() const;
    [[nodiscard]] Ui::TrainDialog *form() const { return m_ui.get(); }

private:
    void setRange(double t0, double t1);
    void update();

    std::unique_ptr<Ui::TrainDialog> m_ui;
    const SampleHistory &m_history;
    const ModelTrainer &m_trainer;
    double m_rateHz;
    bool m_utc;
};

} // namespace fw
