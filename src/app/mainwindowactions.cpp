// MainWindow's menus, status bar, settings, theme, exports and training.
#include "alarms/alarmpanel.h"
#include "detect/modelfile.h"
#include "historyrange.h"
#include "mainwindow.h"
#include "modeltrainer.h"
#include "panels/connectionbar.h"
#include "panels/replaybar.h"
#include "panels/trainstatus.h"
#include "plot/plotview.h"
#include "plot/samplehistory.h"
#include "prompts.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QPalette>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>

#include <cmath>

namespace fw {

namespace {

constexpr double kWindows[] = {10, 30, 60, 300, 900, 3600};

QString windowName(double seconds)
{
    return seconds < 60 ? QObject::tr("%1 s").arg(seconds)
                        : QObject::tr("%1 min").arg(seconds / 60);
}

QPalette darkPalette()
{
    QPalette p;
    const QColor base(0x1e, 0x20, 0x24);
    const QColor window(0x2a, 0x2d, 0x32);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x3b, 0x82, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}

} // namespace

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Connect to…"), QKeySequence(Qt::CTRL | Qt::Key_K), this,
                    &MainWindow::openConnectionDialog);
    file->addSeparator();
    file->addAction(tr("&Open model…"), QKeySequence(Qt::CTRL | Qt::Key_O), this,
                    &MainWindow::chooseModelFile);
    file->addAction(tr("&Save model as…"), QKeySequence(Qt::CTRL | Qt::Key_S), this,
                    &MainWindow::saveModelAs);
    file->addAction(tr("Model &details…"), QKeySequence(Qt::CTRL | Qt::Key_I), this,
                    [this] { showModelView(0); });
    m_train = file->addAction(tr("&Train model from visible range…"),
                              QKeySequence(Qt::CTRL | Qt::Key_T), this,
                              &MainWindow::trainFromVisibleRange);
    m_train->setStatusTip(tr("Train a model on the samples in view (pause and zoom to choose "
                             "them) and put it in use"));
    file->addAction(tr("Train model from &history…"),
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), this,
                    &MainWindow::trainFromHistory);
    file->addSeparator();
    file->addAction(tr("Export plots as &PNG…"), QKeySequence(Qt::CTRL | Qt::Key_P), this,
                    &MainWindow::exportPng);
    file->addAction(tr("Export visible range as &CSV…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                    &MainWindow::exportCsv);
    file->addSeparator();
    file->addAction(tr("P&references…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), this,
                    &MainWindow::editPreferences);
    file->addSeparator();
    // Spelled out: platform themes (offscreen among them) may have no standard Quit key.
    file->addAction(tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), qApp, &QApplication::quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_pause = view->addAction(tr("&Pause"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::Key_Space));
    m_pause->setShortcutContext(Qt::WindowShortcut);
    connect(m_pause, &QAction::toggled, this, [this](bool paused) {
        m_plot->setPaused(paused);
        m_pause->setText(paused ? tr("&Resume") : tr("&Pause"));
    });
    QMenu *windows = view->addMenu(tr("&Time window"));
    m_windows = new QActionGroup(this);
    for (double seconds : kWindows) {
        QAction *a = windows->addAction(windowName(seconds));
        a->setCheckable(true);
        a->setData(seconds);
        m_windows->addAction(a);
        connect(a, &QAction::triggered, this, [this, seconds] { setTimeWindow(seconds); });
    }
    QMenu *axis = view->addMenu(tr("Time &axis"));
    m_timeLabels = new QActionGroup(this);
    const std::array<std::pair<QString, TimeLabels>, 3> axisChoices{
        std::pair{tr("&Local time"), TimeLabels::Clock},
        std::pair{tr("&UTC"), TimeLabels::ClockUtc},
        std::pair{tr("&Seconds before the newest sample"), TimeLabels::Relative}};
    for (const auto &choice : axisChoices) {
        const TimeLabels labels = choice.second;
        QAction *a = axis->addAction(choice.first);
        a->setCheckable(true);
        a->setData(int(labels));
        m_timeLabels->addAction(a);
        connect(a, &QAction::triggered, this, [this, labels] { setTimeLabels(labels); });
    }
    m_scaleToLimits = view->addAction(tr("Scale strips to their &limits"));
    m_scaleToLimits->setCheckable(true);
    m_scaleToLimits->setStatusTip(tr("Each strip spans its channel's alarm limits as well as its "
                                     "data, so the limit lines are always in view"));
    connect(m_scaleToLimits, &QAction::toggled, m_plot, &PlotView::setScaleIncludesLimits);
    m_dark = view->addAction(tr("&Dark theme"));
    m_dark->setCheckable(true);
    connect(m_dark, &QAction::toggled, this, &MainWindow::applyTheme);
    QAction *full = view->addAction(tr("&Full screen"));
    full->setCheckable(true);
    full->setShortcut(QKeySequence(Qt::Key_F11));
    connect(full, &QAction::toggled, this,
            [this](bool on) { on ? showFullScreen() : showNormal(); });
    view->addSeparator();
    // A closed dock comes back from here; otherwise closing Alarms would hide every alarm.
    // Each with its own key in the menu.
    const std::array<std::pair<const char *, QString>, 3> docks{
        std::pair{"detectorDock", tr("Detector pa&nel")},
        std::pair{"alarmDock", tr("Ala&rms panel")}, std::pair{"modelDock", tr("&Model view")}};
    for (const auto &[name, text] : docks) {
        if (auto *dock = findChild<QDockWidget *>(QLatin1String(name))) {
            dock->toggleViewAction()->setText(text);
            view->addAction(dock->toggleViewAction());
        }
    }
    view->addSeparator();
    view->addAction(m_httpAction);

    QMenu *replay = menuBar()->addMenu(tr("&Replay"));
    replay->addAction(m_replayBar->playPauseAction());
    replay->addAction(m_replayBar->stepAction());
    replay->addAction(m_replayBar->restartAction());
    replay->addSeparator();
    replay->addAction(m_replayBar->fasterAction());
    replay->addAction(m_replayBar->slowerAction());
    replay->addAction(m_replayBar->loopAction());

    QMenu *alarms = menuBar()->addMenu(tr("&Alarms"));
    alarms->addAction(m_alarmPanel->acknowledgeAction());
    alarms->addAction(m_alarmPanel->acknowledgeAllAction());
    alarms->addSeparator();
    alarms->addAction(m_alarmPanel->shelveAction());
    alarms->addAction(m_alarmPanel->unshelveAction());
    alarms->addAction(m_alarmPanel->silenceAction());
    alarms->addSeparator();
    alarms->addAction(m_alarmPanel->exportAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence(Qt::Key_F1), this,
                    [this] { showAbout(1); });
    help->addAction(tr("&About FaultWatch"), this, [this] { showAbout(0); });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildStatusBar()
{
    m_sourceStatus = new QLabel(this);
    m_latencyStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_trainStatus);
    statusBar()->addPermanentWidget(m_sourceStatus);
    statusBar()->addPermanentWidget(m_latencyStatus);
    statusBar()->addPermanentWidget(m_httpStatus);
}

void MainWindow::loadSettings()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    m_docksSized = restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    m_connection->setHistory(s.value(QStringLiteral("source/history")).toStringList());
    if (const QString name = s.value(QStringLiteral("alarms/operator")).toString();
        !name.isEmpty()) {
        m_alarmPanel->setOperatorName(name);
    }
    setTimeWindow(s.value(QStringLiteral("view/timeWindow"), 60.0).toDouble());
    setTimeLabels(
        TimeLabels(s.value(QStringLiteral("view/timeLabels"), int(TimeLabels::Clock)).toInt()));
    m_scaleToLimits->setChecked(s.value(QStringLiteral("view/scaleToLimits"), false).toBool());
    const bool dark = s.value(QStringLiteral("view/dark"), true).toBool();
    m_dark->setChecked(dark);
    applyTheme(dark);
}

void MainWindow::saveSettings() const
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    s.setValue(QStringLiteral("source/history"), m_connection->history());
    s.setValue(QStringLiteral("view/timeWindow"), m_plot->timeWindow());
    s.setValue(QStringLiteral("view/timeLabels"), int(m_plot->timeLabels()));
    s.setValue(QStringLiteral("view/scaleToLimits"), m_scaleToLimits->isChecked());
    s.setValue(QStringLiteral("view/dark"), m_dark->isChecked());
    s.setValue(QStringLiteral("profile/name"), m_pipeline->profile().name);
}

void MainWindow::applyTheme(bool dark)
{
    if (QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"))) {
        QApplication::setStyle(fusion);
    }
    QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
    m_plot->update();
}

void MainWindow::setTimeWindow(double seconds)
{
    m_plot->setTimeWindow(seconds);
    const double actual = m_plot->timeWindow();
    for (QAction *a : m_windows->actions()) {
        a->setChecked(std::abs(a->data().toDouble() - actual) < 1e-9);
    }
}

void MainWindow::setTimeLabels(TimeLabels labels)
{
    if (labels != TimeLabels::Clock && labels != TimeLabels::ClockUtc) {
        labels = TimeLabels::Relative;
    }
    m_plot->setTimeLabels(labels);
    for (QAction *a : m_timeLabels->actions()) {
        a->setChecked(a->data().toInt() == int(labels));
    }
}

void MainWindow::setPrompts(std::unique_ptr<Prompts> prompts)
{
    if (prompts) {
        m_prompts = std::move(prompts);
    }
}

void MainWindow::chooseModelFile()
{
    const QString path
        = m_prompts->openFileName(this, tr("Open model"), tr("FaultWatch models (*.json)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (!openModel(path, &error)) {
        showMessage(tr("Model not loaded, the previous one stays: %1").arg(error));
    }
}

void MainWindow::saveModelAs()
{
    const std::shared_ptr<const detect::DetectorModel> model = m_pipeline->model();
    if (!model) {
        showMessage(tr("There is no model to save."));
        return;
    }
    const QString path
        = m_prompts->saveFileName(this, tr("Save model"), tr("FaultWatch models (*.json)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (!detect::saveModel(*model, path, &error)) {
        m_prompts->refuse(this, tr("Save model"), error);
        return;
    }
    if (model == m_pipeline->model()) {
        m_pipeline->setModelPath(path);
        QSettings().setValue(QStringLiteral("model/path"), path);
    }
    showMessage(tr("Model saved to %1.").arg(path));
}

void MainWindow::trainFromVisibleRange()
{
    const auto [t0, t1] = m_plot->visibleRange();
    QString error;
    if (!trainFromRange(t0, t1, &error) && !error.isEmpty()) {
        m_prompts->refuse(this, tr("Train model"), error);
    }
}

bool MainWindow::trainFromRange(double t0, double t1, QString *error)
{
    QString ignored;
    QString *why = error ? error : &ignored;
    why->clear();
    const TrainRange range = ModelTrainer::inspect(*m_history, t0, t1);
    *why = m_trainer->refusal(range, m_pipeline->profile().rateHz);
    if (!why->isEmpty()) {
        return false;
    }
    // Decision: flagged samples are not refused (the model in use may be the one that is
    // wrong), but the operator must say so, since the new model takes them for normal.
    if (range.flaggedRows > 0
        && !m_prompts->confirm(
            this, tr("Train on flagged samples?"),
            tr("The model in use flagged %1 of the %2 samples in this range. A model trained on "
               "them takes that behaviour for normal and will not flag it again.\n\nTrain on "
               "this range anyway?")
                .arg(QLocale().toString(qlonglong(range.flaggedRows)),
                     QLocale().toString(qlonglong(range.size()))))) {
        return false;
    }
    if (!m_trainer->start(*m_history, range, m_pipeline->profile(), m_pipeline->sourceText(),
                          why)) {
        return false;
    }
    m_trainStatus->showStarted();
    showMessage(tr("Training a model on %Ln samples…", nullptr, int(range.size())));
    return true;
}

void MainWindow::onTrained(const std::shared_ptr<const detect::DetectorModel> &model,
                           const QString &name, const QStringList &notes)
{
    m_trainStatus->showDone();
    QString error;
    if (!m_pipeline->setModel(model, name, {}, &error)) {
        m_prompts->refuse(
            this, tr("Train model"),
            tr("The new model cannot be used, the previous one stays: %1").arg(error));
        return;
    }
    showMessage(
        tr("New model in use, trained on %Ln samples.", nullptr, int(model->provenance.rows)));
    if (!notes.isEmpty()) {
        // What the trainer warns about changes what the model can see: a dialog the operator
        // has to close, not a status line that is gone in 15 s (and was cut short).
        m_prompts->warn(this, tr("New model: read before relying on it"),
                        tr("The new model is in use. Training reported:\n\n• %1")
                            .arg(notes.join(QStringLiteral("\n• "))));
    }
    saveModelAs();
}

void MainWindow::exportPng()
{
    const QString path
        = m_prompts->saveFileName(this, tr("Export plots"), tr("PNG images (*.png)"));
    if (path.isEmpty()) {
        return;
    }
    showMessage(m_plot->grab().save(path, "PNG") ? tr("Plots saved to %1.").arg(path)
                                                 : tr("Could not write %1.").arg(path));
}

void MainWindow::exportCsv()
{
    const QString path
        = m_prompts->saveFileName(this, tr("Export visible range"), tr("CSV files (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    const auto [t0, t1] = m_plot->visibleRange();
    QString error;
    const qint64 rows = writeHistoryCsv(*m_history, historyRange(*m_history, t0, t1),
                                        m_pipeline->profile(), path, &error);
    showMessage(rows < 0 ? error : tr("%Ln rows written to %1.", nullptr, int(rows)).arg(path));
}

} // namespace fw
