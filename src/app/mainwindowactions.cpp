// MainWindow's menus, status bar, settings, theme and exports.
#include "alarms/alarmpanel.h"
#include "detect/modelfile.h"
#include "historyrange.h"
#include "mainwindow.h"
#include "panels/connectionbar.h"
#include "plot/plotview.h"
#include "plot/samplehistory.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QFileDialog>
#include <QLabel>
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
    file->addAction(tr("&Open model…"), QKeySequence(Qt::CTRL | Qt::Key_O), this,
                    &MainWindow::chooseModelFile);
    file->addAction(tr("&Save model as…"), QKeySequence(Qt::CTRL | Qt::Key_S), this,
                    &MainWindow::saveModelAs);
    file->addSeparator();
    file->addAction(tr("Export plots as &PNG…"), QKeySequence(Qt::CTRL | Qt::Key_P), this,
                    &MainWindow::exportPng);
    file->addAction(tr("Export visible range as &CSV…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                    &MainWindow::exportCsv);
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
    m_dark = view->addAction(tr("&Dark theme"));
    m_dark->setCheckable(true);
    connect(m_dark, &QAction::toggled, this, &MainWindow::applyTheme);
    QAction *full = view->addAction(tr("&Full screen"));
    full->setCheckable(true);
    full->setShortcut(QKeySequence(Qt::Key_F11));
    connect(full, &QAction::toggled, this,
            [this](bool on) { on ? showFullScreen() : showNormal(); });

    QMenu *alarms = menuBar()->addMenu(tr("&Alarms"));
    alarms->addAction(m_alarmPanel->acknowledgeAction());
    alarms->addAction(m_alarmPanel->acknowledgeAllAction());
    alarms->addSeparator();
    alarms->addAction(m_alarmPanel->shelveAction());
    alarms->addAction(m_alarmPanel->unshelveAction());
    alarms->addAction(m_alarmPanel->silenceAction());
    alarms->addSeparator();
    alarms->addAction(m_alarmPanel->exportAction());
}

void MainWindow::buildStatusBar()
{
    m_sourceStatus = new QLabel(this);
    m_latencyStatus = new QLabel(this);
    m_frameStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_sourceStatus);
    statusBar()->addPermanentWidget(m_latencyStatus);
    statusBar()->addPermanentWidget(m_frameStatus);
}

void MainWindow::loadSettings()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    m_connection->setHistory(s.value(QStringLiteral("source/history")).toStringList());
    setTimeWindow(s.value(QStringLiteral("view/timeWindow"), 60.0).toDouble());
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

void MainWindow::chooseModelFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open model"), {},
                                                      tr("FaultWatch models (*.json)"));
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
    const QString path = QFileDialog::getSaveFileName(this, tr("Save model"), {},
                                                      tr("FaultWatch models (*.json)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    showMessage(detect::saveModel(*model, path, &error) ? tr("Model saved to %1.").arg(path)
                                                        : error);
}

void MainWindow::exportPng()
{
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export plots"), {}, tr("PNG images (*.png)"));
    if (path.isEmpty()) {
        return;
    }
    showMessage(m_plot->grab().save(path, "PNG") ? tr("Plots saved to %1.").arg(path)
                                                 : tr("Could not write %1.").arg(path));
}

void MainWindow::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export visible range"), {},
                                                      tr("CSV files (*.csv)"));
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
