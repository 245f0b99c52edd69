#include "replaybar.h"

#include "io/source.h"
#include "ui_replaybar.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include <cmath>

namespace fw {

namespace {

QString durationText(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0) {
        return QStringLiteral("–");
    }
    const auto total = qint64(std::floor(seconds));
    const qint64 h = total / 3600;
    const qint64 m = total / 60 % 60;
    const qint64 s = total % 60;
    const auto two = [](qint64 v) {
        return QStringLiteral("%1").arg(v, 2, 10, QLatin1Char('0'));
    };
    return h > 0 ? QStringLiteral("%1:%2:%3").arg(h).arg(two(m), two(s))
                 : QStringLiteral("%1:%2").arg(m).arg(two(s));
}

} // namespace

ReplayBar::ReplayBar(QWidget *parent)
    : QWidget(parent)
    , m_playPause(new QAction(tr("&Play replay"), this))
    , m_step(new QAction(tr("&Step forward"), this))
    , m_restart(new QAction(tr("&Restart replay"), this))
    , m_faster(new QAction(tr("&Faster"), this))
    , m_slower(new QAction(tr("S&lower"), this))
    , m_loop(new QAction(tr("&Loop"), this))
    , m_ui(std::make_unique<Ui::ReplayBar>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("replayBar"));
    m_playButton = m_ui->playButton;
    m_slider = m_ui->positionSlider;
    m_time = m_ui->timeLabel;
    m_speed = m_ui->speedBox;
    m_playButton->setDefaultAction(m_playPause);
    m_ui->stepButton->setDefaultAction(m_step);
    m_ui->loopButton->setDefaultAction(m_loop);
    m_playPause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    m_step->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Right));
    m_step->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    m_step->setToolTip(tr("Pause and replay the next %1 s").arg(kStepS));
    m_restart->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Home));
    m_faster->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Up));
    m_slower->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Down));
    m_loop->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_loop->setCheckable(true);
    m_loop->setToolTip(tr("Start the recording again at its end"));
    for (QAction *action : {m_playPause, m_step, m_restart, m_faster, m_slower, m_loop}) {
        action->setShortcutContext(Qt::WindowShortcut);
    }

    // The form has these too; kept here so the two cannot disagree with kSliderSteps.
    m_slider->setRange(0, kSliderSteps);
    m_slider->setPageStep(kSliderSteps / 20);
    m_slider->setSingleStep(kSliderSteps / 200);
    // The date is in the tooltip: the bar must leave the alarm table its width at 1366 px.
    m_time->setMinimumWidth(
        fontMetrics().horizontalAdvance(QStringLiteral("00:00:00 (00:00:00 / 00:00:00)")));
    for (double speed : speeds()) {
        m_speed->addItem(speed == 0 ? tr("As fast as possible")
                                    : tr("%1×").arg(QLocale().toString(speed)),
                         speed);
    }
    m_speed->setCurrentIndex(int(speeds().indexOf(1.0)));

    connect(m_playPause, &QAction::triggered, this, &ReplayBar::togglePlay);
    connect(m_step, &QAction::triggered, this, [this] {
        if (m_source) {
            m_source->stepBy(kStepS);
        }
    });
    connect(m_restart, &QAction::triggered, this, [this] { seekToFraction(0); });
    connect(m_faster, &QAction::triggered, this, [this] {
        // The last entry is "as fast as possible".
        m_speed->setCurrentIndex(std::min(m_speed->currentIndex() + 1, m_speed->count() - 1));
    });
    connect(m_slower, &QAction::triggered, this,
            [this] { m_speed->setCurrentIndex(std::max(m_speed->currentIndex() - 1, 0)); });
    connect(m_loop, &QAction::toggled, this, [this](bool on) {
        if (m_source) {
            m_source->setLoop(on);
        }
    });
    connect(m_speed, &QComboBox::currentIndexChanged, this, &ReplayBar::chooseSpeed);
    connect(m_slider, &QSlider::actionTriggered, this, &ReplayBar::onSliderAction);
    connect(m_slider, &QSlider::sliderMoved, this, [this](int value) {
        if (m_source) {
            // Preview while dragging; the seek comes on release.
            const ReplayStatus status = m_source->replayStatus();
            showTime(status.first + status.duration() * value / kSliderSteps, status.first,
                     status.last);
        }
    });
    connect(m_slider, &QSlider::sliderReleased, this,
            [this] { seekToFraction(double(m_slider->value()) / kSliderSteps); });
    setSource(nullptr);
}

ReplayBar::~ReplayBar() = default;

QList<double> ReplayBar::speeds()
{
    return {0.1, 0.25, 0.5, 1, 2, 5, 10, 100, 0};
}

void ReplayBar::setSource(Source *source)
{
    m_source = source && source->isReplay() ? source : nullptr;
    if (m_source) {
        const ReplayStatus status = m_source->replayStatus();
        const QSignalBlocker blockLoop(m_loop);
        showSpeed(status.speed);
        m_loop->setChecked(status.loop);
    }
    refresh();
}

void ReplayBar::refresh()
{
    const bool on = m_source != nullptr;
    setVisible(on);
    enableControls(on);
    if (!on) {
        return;
    }
    const ReplayStatus status = m_source->replayStatus();
    const bool playing = !status.paused && !status.atEnd;
    m_playPause->setText(playing ? tr("&Pause replay") : tr("&Play replay"));
    m_playPause->setIcon(
        style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    const bool seekable = status.duration() > 0;
    m_slider->setEnabled(seekable);
    if (!m_slider->isSliderDown()) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(int(std::lround(status.fraction() * kSliderSteps)));
        showTime(status.position, status.first, status.last);
    }
    if (m_loop->isChecked() != status.loop) {
        const QSignalBlocker block(m_loop);
        m_loop->setChecked(status.loop);
    }
    showSpeed(status.speed);
}

void ReplayBar::showSpeed(double speed)
{
    if (m_speed->currentData().toDouble() == speed) {
        return;
    }
    const QSignalBlocker block(m_speed);
    int index = m_speed->findData(speed);
    if (index < 0) {
        // A speed from the source URI that is not one of the choices (speed=20): shown as it is,
        // not as the 1× it is not.
        index = 0;
        while (index < m_speed->count() && m_speed->itemData(index).toDouble() != 0
               && m_speed->itemData(index).toDouble() < speed) {
            ++index;
        }
        m_speed->insertItem(index, tr("%1×").arg(QLocale().toString(speed)), speed);
    }
    m_speed->setCurrentIndex(index);
}

void ReplayBar::enableControls(bool on)
{
    for (QAction *action : {m_playPause, m_step, m_restart, m_faster, m_slower, m_loop}) {
        action->setEnabled(on);
    }
    m_speed->setEnabled(on);
}

void ReplayBar::showTime(double position, double first, double last)
{
    if (!std::isfinite(position)) {
        m_time->setText(tr("– (0:00 / %1)").arg(durationText(last - first)));
        return;
    }
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(std::llround(position * 1000));
    m_time->setText(tr("%1 (%2 / %3)")
                        .arg(QLocale().toString(time, QStringLiteral("HH:mm:ss")),
                             durationText(position - first), durationText(last - first)));
    m_time->setToolTip(QLocale().toString(time, QStringLiteral("yyyy-MM-dd HH:mm:ss t")));
}

QString ReplayBar::timeText() const
{
    return m_time->text();
}

void ReplayBar::togglePlay()
{
    if (!m_source) {
        return;
    }
    const ReplayStatus status = m_source->replayStatus();
    // At the end, play starts the recording again.
    m_source->setPaused(!status.atEnd && !status.paused);
}

void ReplayBar::chooseSpeed(int index)
{
    if (m_source && index >= 0) {
        m_source->setSpeed(m_speed->itemData(index).toDouble());
    }
}

void ReplayBar::onSliderAction(int action)
{
    // A drag seeks on release; clicks on the track and keys seek at once. The slider position
    // already holds the action's result here.
    if (action != QAbstractSlider::SliderMove && action != QAbstractSlider::SliderNoAction) {
        seekToFraction(double(m_slider->sliderPosition()) / kSliderSteps);
    }
}

void ReplayBar::seekToFraction(double fraction)
{
    if (m_source) {
        m_source->seekToFraction(fraction, m_prerollS);
    }
}

} // namespace fw
