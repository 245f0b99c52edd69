#pragma once

#include "plot/plotaxis.h"

#include <QDialog>

#include <memory>

namespace fw {

namespace Ui {
class PreferencesDialog;
}

// What an operator may set once and keep: the same settings the View menu and the HTTP action
// change, in one place, plus the operator's name for the alarm journal.
struct Preferences
{
    double timeWindowS = 60;
    TimeLabels timeLabels = TimeLabels::Clock;
    bool dark = true;
    bool scaleToLimits = false;
    QString operatorName;
    bool http = true;
    QString httpAddress = QStringLiteral("127.0.0.1:9917");

    friend bool operator==(const Preferences &, const Preferences &) = default;
};

// Edits Preferences (the form is ui/preferencesdialog.ui). OK stays disabled while the endpoint
// address is not HOST:PORT with a numeric address and a port from 1 to 65535, or the operator
// name is empty, with the reason shown.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    // windows: the time windows offered, in seconds.
    PreferencesDialog(const Preferences &current, const QList<double> &windows,
                      QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    [[nodiscard]] Preferences preferences() const;
    [[nodiscard]] QString problem() const;
    [[nodiscard]] Ui::PreferencesDialog *form() const { return m_ui.get(); }

private:
    void update();

    std::unique_ptr<Ui::PreferencesDialog> m_ui;
    QString m_problem;
};

// Whether text is ADDR:PORT as --http takes it ([::1]:9917 for IPv6); the reason in *why if not.
[[nodiscard]] bool isEndpointAddress(const QString &text, QString *why);

} // namespace fw
