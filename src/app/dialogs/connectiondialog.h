#pragma once

#include "io/sourceuri.h"

#include <QDialog>

#include <memory>

namespace fw {

class Prompts;

namespace Ui {
class ConnectionDialog;
}

// Builds a source URI from fields (the form is ui/connectiondialog.ui), so an operator need not
// remember the URI syntax: the kind of source, then only the fields that kind uses. The URI it
// makes is shown as it is built and parsed back before Connect is enabled, so what is accepted
// is exactly what the source field would take.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionDialog)

public:
    // current: the source field's text; its fields are filled in when it parses.
    // prompts: asks for the recording file (Browse); not owned, may be null.
    ConnectionDialog(const QString &current, const QStringList &profiles, Prompts *prompts,
                     QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    // The URI the fields make; empty while they make none.
    [[nodiscard]] QString uri() const;
    // Why the fields make no URI, or empty.
    [[nodiscard]] QString problem() const;
    [[nodiscard]] Ui::ConnectionDialog *form() const { return m_ui.get(); }

private:
    void fill(const SourceUri &uri);
    void showKind();
    void update();
    [[nodiscard]] SourceUri fromFields() const;

    std::unique_ptr<Ui::ConnectionDialog> m_ui;
    Prompts *m_prompts;
    QString m_uri;
    QString m_problem;
    SourceUri m_mqttOptions; // an mqtt:// URI's options the form has no field for
};

} // namespace fw
