#pragma once

#include <QWidget>

#include <memory>

class QLabel;
class QProgressBar;
class QToolButton;

namespace fw {

namespace Ui {
class TrainStatus;
}

// Training in the status bar: the stage, a progress bar and Cancel, so the operator keeps
// watching the plots while a model trains (the form is ui/trainstatus.ui). Hidden when nothing
// trains. GUI thread.
class TrainStatus : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrainStatus)

public:
    explicit TrainStatus(QWidget *parent = nullptr);
    ~TrainStatus() override;

    void showStarted();
    void showStage(int stage, int stageCount, const QString &text);
    void showDone();
    [[nodiscard]] QString text() const;
    [[nodiscard]] int progress() const;

Q_SIGNALS:
    void cancelRequested();

private:
    std::unique_ptr<Ui::TrainStatus> m_ui;
    QLabel *m_text = nullptr;
    QProgressBar *m_bar = nullptr;
    QToolButton *m_cancel = nullptr;
};

} // namespace fw
