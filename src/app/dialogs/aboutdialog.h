#pragma once

#include <QDialog>

#include <memory>

class QAction;

namespace fw {

namespace Ui {
class AboutDialog;
}

// What this console is and which build, and every keyboard shortcut of the window's actions, so
// that the console can be learnt and used without a mouse (the form is ui/aboutdialog.ui).
class AboutDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    // actions: those to list with their shortcuts (the ones without a shortcut are left out).
    AboutDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
    ~AboutDialog() override;

    [[nodiscard]] Ui::AboutDialog *form() const { return m_ui.get(); }

private:
    std::unique_ptr<Ui::AboutDialog> m_ui;
};

} // namespace fw
