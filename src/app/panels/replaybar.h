#pragma once

#include <QPointer>
#include <QWidget>

#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace fw {

class Source;

namespace Ui {
class ReplayBar;
}

// The replay bar of a file source: play/pause, step, speed, loop and a position slider with the
// time. It commands the source directly (queued to the source thread, see Source) and reads
// its status on refresh(), which the display tick calls. Visible only while the source is a
// file. The form is ui/replaybar.ui. GUI thread.
//
// Seeking: dragging the slider previews the time and seeks on release; a click on the track or a
// key seeks at once. Each seek replays prerollS() before the target at once, so that the plot
// is full and the detector's windows are warm at the target.
class ReplayBar : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayBar)

public:
    static constexpr int kSliderSteps = 10000;
    static constexpr double kStepS = 1.0;

    explicit ReplayBar(QWidget *parent = nullptr);
    ~ReplayBar() override;

    // The source to control; null or a source that is no file hides the bar.
    void setSource(Source *source);
    [[nodiscard]] Source *source() const { return m_source; }
    void setPrerollS(double seconds) { m_prerollS = seconds; }
    [[nodiscard]] double prerollS() const { return m_prerollS; }

    // Shows the source's position, speed and state.
    void refresh();

    // For the Replay menu; disabled while there is no replay.
    [[nodiscard]] QAction *playPauseAction() const { return m_playPause; }
    [[nodiscard]] QAction *stepAction() const { return m_step; }
    [[nodiscard]] QAction *restartAction() const { return m_restart; }
    [[nodiscard]] QAction *fasterAction() const { return m_faster; }
    [[nodiscard]] QAction *slowerAction() const { return m_slower; }
    [[nodiscard]] QAction *loopAction() const { return m_loop; }

    [[nodiscard]] QSlider *slider() const { return m_slider; }
    [[nodiscard]] QComboBox *speedBox() const { return m_speed; }
    [[nodiscard]] QString timeText() const;
    // Speed factors the combo offers, slowest first; 0 is as fast as possible.
    [[nodiscard]] static QList<double> speeds();

    void seekToFraction(double fraction);

private:
    // Selects speed in the box, adding it when it is not one of the choices.
    void showSpeed(double speed);
    void togglePlay();
    void chooseSpeed(int index);
    void onSliderAction(int action);
    void showTime(double position, double first, double last);
    void enableControls(bool on);

    QPointer<Source> m_source;
    double m_prerollS = 0;
    QAction *m_playPause = nullptr;
    QAction *m_step = nullptr;
    QAction *m_restart = nullptr;
    QAction *m_faster = nullptr;
    QAction *m_slower = nullptr;
    QAction *m_loop = nullptr;
    std::unique_ptr<Ui::ReplayBar> m_ui; // the form, ui/replaybar.ui
    QToolButton *m_playButton = nullptr;
    QSlider *m_slider = nullptr;
    QLabel *m_time = nullptr;
    QComboBox *m_speed = nullptr;
};

} // namespace fw
