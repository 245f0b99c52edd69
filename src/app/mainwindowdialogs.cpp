// MainWindow's dialogs: connect to a source, preferences, about and keyboard shortcuts.
#include "alarms/alarmpanel.h"
#include "dialogs/aboutdialog.h"
#include "dialogs/connectiondialog.h"
#include "dialogs/traindialog.h"
#include "mainwindow.h"
#include "panels/connectionbar.h"
#include "plot/plotview.h"
#include "prompts.h"
#include "service/endpoints.h"
#include "service/httpservice.h"
#include "ui_aboutdialog.h"

#include <QAction>
#include <QActionGroup>
#include <QSettings>
#include <QTabWidget>

namespace fw {

void MainWindow::openConnectionDialog()
{
    ConnectionDialog dialog(m_connection->sourceText(), Profile::builtinNames(), m_prompts.get(),
                            this);
    if (!m_prompts->run(&dialog)) {
        return;
    }
    m_connection->setSourceText(dialog.uri());
    QString error;
    if (!connectSource(dialog.uri(), &error)) {
        showMessage(error);
    }
}

Preferences MainWindow::preferences() const
{
    Preferences p;
    p.timeWindowS = m_plot->timeWindow();
    p.timeLabels = m_plot->timeLabels();
    p.dark = m_dark->isChecked();
    p.scaleToLimits = m_scaleToLimits->isChecked();
    p.operatorName = m_alarmPanel->operatorName();
    p.http = m_httpAction->isChecked();
    p.httpAddress = QSettings()
                        .value(QStringLiteral("http/address"), QStringLiteral("127.0.0.1:9917"))
                        .toString();
    return p;
}

void MainWindow::applyPreferences(const Preferences &p)
{
    setTimeWindow(p.timeWindowS);
    setTimeLabels(p.timeLabels);
    m_dark->setChecked(p.dark);
    m_scaleToLimits->setChecked(p.scaleToLimits);
    m_alarmPanel->setOperatorName(p.operatorName);
    QSettings().setValue(QStringLiteral("alarms/operator"), p.operatorName);
    const bool moved = p.httpAddress != m_httpAddress;
    QSettings().setValue(QStringLiteral("http/address"), p.httpAddress);
    if (p.http && (moved || !m_httpAction->isChecked())) {
        // The action starts the endpoints on the saved address; a moved one restarts them.
        if (m_httpAction->isChecked()) {
            stopHttp();
            startHttp(p.httpAddress, nullptr);
        } else {
            m_httpAction->setChecked(true);
        }
    } else if (!p.http) {
        m_httpAction->setChecked(false);
    }
}

void MainWindow::editPreferences()
{
    QList<double> windows;
    for (QAction *action : m_windows->actions()) {
        windows << action->data().toDouble();
    }
    PreferencesDialog dialog(preferences(), windows, this);
    if (m_prompts->run(&dialog)) {
        applyPreferences(dialog.preferences());
    }
}

void MainWindow::trainFromHistory()
{
    TrainDialog dialog(*m_history, *m_trainer, m_pipeline->profile().rateHz, m_plot->visibleRange(),
                       m_plot->timeLabels() == TimeLabels::ClockUtc, this);
    if (!m_prompts->run(&dialog)) {
        return;
    }
    const auto [t0, t1] = dialog.range();
    QString error;
    if (!trainFromRange(t0, t1, &error) && !error.isEmpty()) {
        m_prompts->refuse(this, tr("Train model"), error);
    }
}

void MainWindow::showAbout(int tab)
{
    AboutDialog dialog(findChildren<QAction *>(), this);
    dialog.form()->tabs->setCurrentIndex(tab);
    (void)m_prompts->run(&dialog);
}

} // namespace fw
