#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace fw {

// Training in the status bar: the stage, a progress bar and Cancel, so the operator keeps
// watching the plots while a model trains. Hidden when nothing trains. GUI thread.
class TrainStatus : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrainStatus)

public:
    explicit TrainStatus(QWidget *parent = nullptr);

    void showStarted();
    void showStage(int stage, int stageCount, const QString &text);
    void showDone();
    [[nodiscard]] QString text() const;
    [[nodiscard]] int progress() const;

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel *m_text = nullptr;
    QProgressBar *m_bar = nullptr;
    QToolButton *m_cancel = nullptr;
};

} // namespace fw
